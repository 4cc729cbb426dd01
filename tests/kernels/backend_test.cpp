// SPDX-License-Identifier: Apache-2.0
// Backend selection, names and descriptions, the no-CUDA error path, and (on a machine with
// a GPU) the CUDA kernels against the CPU kernels over consecutive ticks.
#include <gtest/gtest.h>
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "kernels/backend.h"
#include "kernels/fleet_kernels.h"
#include "tests/kernels/kernel_test_fleet.h"

namespace aifsim::kernels {
namespace {

// Sets AIFSIM_FORCE_CPU for one test and restores the previous state.
class ScopedForceCpu {
 public:
  explicit ScopedForceCpu(const char* value) {
    if (const char* old = std::getenv(kName)) {
      had_old_ = true;
      old_ = old;
    }
    ::setenv(kName, value, 1);
  }
  ~ScopedForceCpu() {
    if (had_old_) {
      ::setenv(kName, old_.c_str(), 1);
    } else {
      ::unsetenv(kName);
    }
  }
  ScopedForceCpu(const ScopedForceCpu&) = delete;
  ScopedForceCpu& operator=(const ScopedForceCpu&) = delete;

 private:
  static constexpr const char* kName = "AIFSIM_FORCE_CPU";
  bool had_old_ = false;
  std::string old_;
};

// True when the environment already forces the CPU (e.g. a ctest run with AIFSIM_FORCE_CPU=1).
bool force_cpu_set() {
  const char* value = std::getenv("AIFSIM_FORCE_CPU");
  return value != nullptr && std::string(value) != "" && std::string(value) != "0";
}

TEST(backend_test, parse_backend_choice_accepts_known_names) {
  EXPECT_EQ(parse_backend_choice("auto"), BackendChoice::automatic);
  EXPECT_EQ(parse_backend_choice("cpu"), BackendChoice::cpu);
  EXPECT_EQ(parse_backend_choice("cuda"), BackendChoice::cuda);
}

TEST(backend_test, parse_backend_choice_rejects_unknown_names) {
  for (const char* text : {"", "gpu", "CPU", "cuda ", "automatic", "omp"}) {
    EXPECT_THROW(parse_backend_choice(text), std::invalid_argument) << '"' << text << '"';
  }
  try {
    parse_backend_choice("gpu");
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "unknown backend 'gpu': expected auto, cpu or cuda");
  }
}

TEST(backend_test, backend_names) {
  EXPECT_STREQ(backend_name(Backend::cpu), "cpu");
  EXPECT_STREQ(backend_name(Backend::cuda), "cuda");
}

TEST(backend_test, cuda_available_implies_compiled) {
  EXPECT_EQ(cuda_compiled(), AIFSIM_ENABLE_CUDA != 0);
  if (!cuda_compiled()) {
    EXPECT_FALSE(cuda_available());
  }
}

TEST(backend_test, select_backend_cpu_is_always_cpu) {
  EXPECT_EQ(select_backend(BackendChoice::cpu), Backend::cpu);
}

TEST(backend_test, select_backend_auto_picks_cuda_only_when_available) {
  EXPECT_EQ(select_backend(BackendChoice::automatic),
            cuda_available() ? Backend::cuda : Backend::cpu);
}

TEST(backend_test, select_backend_cuda_throws_without_a_device) {
  if (cuda_available()) {
    EXPECT_EQ(select_backend(BackendChoice::cuda), Backend::cuda);
    return;
  }
  EXPECT_THROW(select_backend(BackendChoice::cuda), std::runtime_error);
  try {
    select_backend(BackendChoice::cuda);
  } catch (const std::runtime_error& e) {
    const std::string what = e.what();
    if (cuda_compiled() && force_cpu_set()) {
      EXPECT_EQ(what, "CUDA backend requested but AIFSIM_FORCE_CPU is set");
    } else if (cuda_compiled()) {
      EXPECT_NE(what.find("no CUDA device is usable"), std::string::npos) << what;
    } else {
      EXPECT_EQ(what, "aifsim was built without CUDA kernels");
    }
  }
}

TEST(backend_test, force_cpu_env_disables_cuda) {
  const ScopedForceCpu force("1");
  EXPECT_FALSE(cuda_available());
  EXPECT_EQ(select_backend(BackendChoice::automatic), Backend::cpu);
  EXPECT_THROW(select_backend(BackendChoice::cuda), std::runtime_error);
  if (cuda_compiled()) {
    EXPECT_EQ(backend_description(Backend::cuda), "cuda (disabled by AIFSIM_FORCE_CPU)");
  }
}

TEST(backend_test, force_cpu_zero_does_not_force) {
  const bool before = cuda_available();
  const ScopedForceCpu force("0");
  EXPECT_EQ(cuda_available(), before);
}

TEST(backend_test, cpu_description_names_thrust_openmp_and_threads) {
  const std::string d = backend_description(Backend::cpu);
  EXPECT_EQ(d.rfind("cpu (Thrust ", 0), 0u) << d;
  EXPECT_NE(d.find("OpenMP"), std::string::npos) << d;
  const int threads = omp_get_max_threads();
  EXPECT_NE(d.find("up to " + std::to_string(threads) + (threads == 1 ? " thread)" : " threads)")),
            std::string::npos)
      << d;
}

TEST(backend_test, cuda_description_explains_absence) {
  const std::string d = backend_description(Backend::cuda);
  EXPECT_EQ(d.rfind("cuda (", 0), 0u) << d;
  if (!cuda_compiled()) {
    EXPECT_EQ(d, "cuda (not built: aifsim was built without CUDA kernels)");
  } else if (force_cpu_set()) {
    EXPECT_EQ(d, "cuda (disabled by AIFSIM_FORCE_CPU)");
  } else if (!cuda_available()) {
    EXPECT_NE(d.find("unavailable"), std::string::npos) << d;
  }
}

TEST(backend_test, cuda_kernels_throw_when_not_built) {
  if (cuda_compiled()) GTEST_SKIP() << "this binary has the CUDA kernels";
  // Even with nothing to compute, asking for CUDA must fail loudly, never do nothing.
  const std::vector<std::int64_t> none;
  const std::vector<float> no_floats;
  const std::vector<std::int8_t> no_states;
  EXPECT_THROW(gpu_step(Backend::cuda, GpuStepArgs{}), std::runtime_error);
  EXPECT_THROW(thermal_counts(Backend::cuda, no_states, no_states, no_floats), std::runtime_error);
  EXPECT_THROW(max_by_key(Backend::cuda, {}, no_floats, {}), std::runtime_error);
  EXPECT_THROW(sum_by_key(Backend::cuda, {}, none, {}), std::runtime_error);
  EXPECT_THROW(sum_by_key_fixed(Backend::cuda, {}, {}, 1.0, {}), std::runtime_error);
  EXPECT_THROW(sum_all(Backend::cuda, none), std::runtime_error);
  EXPECT_THROW(rack_step(Backend::cuda, RackStepArgs{}), std::runtime_error);
  try {
    sum_all(Backend::cuda, none);
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "aifsim was built without CUDA kernels");
  }
}

TEST(backend_test, unknown_backend_value_throws) {
  const auto bogus = static_cast<Backend>(7);
  const std::vector<std::int64_t> none;
  EXPECT_THROW(sum_all(bogus, none), std::invalid_argument);
}

// |a - b| <= tolerance x |b| (absolute below 1).
::testing::AssertionResult near_relative(double a, double b, double tolerance) {
  if (std::abs(a - b) <= tolerance * std::max(1.0, std::abs(b))) {
    return ::testing::AssertionSuccess();
  }
  return ::testing::AssertionFailure() << a << " vs " << b;
}

TEST(backend_test, cuda_matches_cpu) {
  if (!cuda_available()) GTEST_SKIP() << "no CUDA device: " << backend_description(Backend::cuda);
  const test::HostFleet f = test::make_fleet(1389, 72, 20240611);
  constexpr int kTicks = 5;
  const std::vector<test::TickResult> cpu = test::run_ticks(Backend::cpu, f, kTicks);

  // Lockstep: every CUDA tick starts from the CPU's state of the tick before, so a last-bit
  // difference in a die temperature (expf on the device is not glibc's) cannot turn into a
  // different thermal decision a few ticks later.
  test::BackendFleet cuda_fleet(Backend::cuda, f);
  std::size_t power_differing = 0;   // documented tolerance 1e-6, in practice identical
  std::size_t thermal_differing = 0;  // die / loop temperatures: exp differs between libraries
  for (int t = 0; t < kTicks; ++t) {
    SCOPED_TRACE(testing::Message() << "tick " << t);
    if (t > 0) cuda_fleet.load_state(cpu[static_cast<std::size_t>(t) - 1].state);
    const test::TickResult got = cuda_fleet.tick(t);
    const test::TickResult& want = cpu[static_cast<std::size_t>(t)];

    // States are decided from the same start-of-tick die temperatures: exactly equal.
    EXPECT_EQ(got.state.thermal_state, want.state.thermal_state);
    EXPECT_EQ(got.entered, want.entered);
    EXPECT_EQ(got.thermal.throttled, want.thermal.throttled);
    EXPECT_EQ(got.thermal.shut_down, want.thermal.shut_down);
    EXPECT_EQ(got.thermal.entered, want.thermal.entered);
    EXPECT_EQ(got.thermal.entered_shutdown, want.thermal.entered_shutdown);
    EXPECT_TRUE(near_relative(got.thermal.die_max_c, want.thermal.die_max_c, 1e-6));

    // Per-GPU floats: documented to agree within 1e-6 relative.
    ASSERT_EQ(got.power_w.size(), want.power_w.size());
    for (std::size_t i = 0; i < want.power_w.size(); ++i) {
      ASSERT_TRUE(near_relative(got.power_w[i], want.power_w[i], 1e-6)) << "GPU " << i;
      ASSERT_TRUE(near_relative(got.activity[i], want.activity[i], 1e-6)) << "GPU " << i;
      ASSERT_TRUE(near_relative(got.state.die_c[i], want.state.die_c[i], 1e-6)) << "GPU " << i;
      ASSERT_TRUE(near_relative(got.state.die_max_c[i], want.state.die_max_c[i], 1e-6))
          << "GPU " << i;
      power_differing += got.power_w[i] != want.power_w[i] || got.activity[i] != want.activity[i];
      thermal_differing += got.state.die_c[i] != want.state.die_c[i];
    }
    for (std::size_t r = 0; r < f.racks(); ++r) {
      ASSERT_TRUE(near_relative(got.state.loop_c[r], want.state.loop_c[r], 1e-6)) << "rack " << r;
      ASSERT_TRUE(near_relative(got.rack_return_c[r], want.rack_return_c[r], 1e-6)) << "rack " << r;
      ASSERT_TRUE(near_relative(got.rack_die_max_c[r], want.rack_die_max_c[r], 1e-6))
          << "rack " << r;
      // Heat to the CDU moves by C x (a float rounding of the loop temperature) / dt.
      const RackTypeParams& type = f.rack_types[static_cast<std::size_t>(f.rack_type[r])];
      const double heat_tolerance_uw = static_cast<double>(type.loop_heat_capacity_j_per_k) *
                                           1e-6 * std::abs(want.state.loop_c[r]) / f.dt_s * 1e6 +
                                       1.0;
      ASSERT_LE(std::abs(static_cast<double>(got.rack_liquid_uw[r] - want.rack_liquid_uw[r])),
                heat_tolerance_uw)
          << "rack " << r;
      thermal_differing += got.state.loop_c[r] != want.state.loop_c[r];
    }
    // Power roll-ups of identical per-GPU power are exact on both backends.
    if (power_differing == 0) {
      EXPECT_EQ(got.rack_gpu_uw, want.rack_gpu_uw);
      EXPECT_EQ(got.rack_activity_micro, want.rack_activity_micro);
      EXPECT_EQ(got.rack_dc_uw, want.rack_dc_uw);
      EXPECT_EQ(got.rack_input_uw, want.rack_input_uw);
      EXPECT_EQ(got.rack_air_uw, want.rack_air_uw);
      EXPECT_EQ(got.row_uw, want.row_uw);
      EXPECT_EQ(got.hall_uw, want.hall_uw);
      EXPECT_EQ(got.facility_uw, want.facility_uw);
    }
  }
  EXPECT_EQ(power_differing, 0u) << "per-GPU power is within tolerance but not bit-identical";
  if (thermal_differing > 0) {
    std::cout << "[   INFO   ] " << thermal_differing
              << " die / loop temperatures differ in the last bits (within 1e-6 relative)\n";
  }

  // Each roll-up kernel fed the CPU's values must reproduce the CPU's results exactly.
  const test::TickResult& last = cpu.back();
  const auto keys = to_backend(Backend::cuda, f.gpu_rack);
  const auto power = to_backend(Backend::cuda, last.power_w);
  const auto activity = to_backend(Backend::cuda, last.activity);
  const auto die_c = to_backend(Backend::cuda, last.state.die_c);
  const auto state = to_backend(Backend::cuda, last.state.thermal_state);
  const auto entered = to_backend(Backend::cuda, last.entered);
  DeviceBuffer<std::int64_t> rack_uw(Backend::cuda, f.racks());
  sum_by_key_fixed(Backend::cuda, keys.span(), power.span(), 1.0e6, rack_uw.span());
  EXPECT_EQ(test::to_host(rack_uw), last.rack_gpu_uw);
  sum_by_key_fixed(Backend::cuda, keys.span(), activity.span(), 1.0e6, rack_uw.span());
  EXPECT_EQ(test::to_host(rack_uw), last.rack_activity_micro);
  DeviceBuffer<float> rack_die_max(Backend::cuda, f.racks());
  max_by_key(Backend::cuda, keys.span(), die_c.span(), rack_die_max.span());
  EXPECT_TRUE(test::same_bits(test::to_host(rack_die_max), last.rack_die_max_c));
  test::expect_same_counts(
      thermal_counts(Backend::cuda, state.span(), entered.span(), die_c.span()), last.thermal);
  const auto rack_row = to_backend(Backend::cuda, f.rack_row);
  const auto rack_input = to_backend(Backend::cuda, last.rack_input_uw);
  DeviceBuffer<std::int64_t> row_uw(Backend::cuda, f.rows());
  sum_by_key(Backend::cuda, rack_row.span(), rack_input.span(), row_uw.span());
  EXPECT_EQ(test::to_host(row_uw), last.row_uw);
  const auto hall_uw = to_backend(Backend::cuda, last.hall_uw);
  EXPECT_EQ(sum_all(Backend::cuda, hall_uw.span()), last.facility_uw);
}

}  // namespace
}  // namespace aifsim::kernels
