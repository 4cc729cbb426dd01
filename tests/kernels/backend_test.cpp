// SPDX-License-Identifier: Apache-2.0
// Backend selection, names and descriptions, the no-CUDA error path, and (on a machine with
// a GPU) the CUDA kernels against the CPU kernels.
#include <gtest/gtest.h>
#include <omp.h>

#include <cmath>
#include <cstdlib>
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
  EXPECT_NE(d.find(std::to_string(threads) + (threads == 1 ? " thread)" : " threads)")),
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
  EXPECT_THROW(gpu_power_step(Backend::cuda, GpuPowerStepArgs{}), std::runtime_error);
  EXPECT_THROW(sum_by_key(Backend::cuda, {}, none, {}), std::runtime_error);
  EXPECT_THROW(sum_by_key_fixed(Backend::cuda, {}, {}, 1.0, {}), std::runtime_error);
  EXPECT_THROW(sum_all(Backend::cuda, none), std::runtime_error);
  EXPECT_THROW(rack_power_step(Backend::cuda, RackPowerStepArgs{}), std::runtime_error);
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

TEST(backend_test, cuda_matches_cpu) {
  if (!cuda_available()) GTEST_SKIP() << "no CUDA device: " << backend_description(Backend::cuda);
  const test::HostFleet f = test::make_fleet(1389, 72, 20240611);
  const test::TickResult cpu_result = test::run_tick(Backend::cpu, f);
  const test::TickResult cuda_result = test::run_tick(Backend::cuda, f);

  // Per-GPU floats: documented to agree within 1e-6 relative (the CUDA build disables FMA
  // contraction, so in practice they are identical).
  ASSERT_EQ(cuda_result.power_w.size(), cpu_result.power_w.size());
  std::size_t differing = 0;
  for (std::size_t i = 0; i < cpu_result.power_w.size(); ++i) {
    ASSERT_NEAR(cuda_result.power_w[i], cpu_result.power_w[i],
                1e-6 * std::abs(cpu_result.power_w[i]))
        << "GPU " << i;
    ASSERT_NEAR(cuda_result.activity[i], cpu_result.activity[i], 1e-6) << "GPU " << i;
    differing += cuda_result.power_w[i] != cpu_result.power_w[i];
  }
  EXPECT_EQ(differing, 0u) << "per-GPU power is within tolerance but not bit-identical";

  // Integer roll-ups of the same inputs are exact on both backends.
  if (differing == 0) {
    EXPECT_EQ(cuda_result.rack_gpu_uw, cpu_result.rack_gpu_uw);
    EXPECT_EQ(cuda_result.rack_dc_uw, cpu_result.rack_dc_uw);
    EXPECT_EQ(cuda_result.rack_input_uw, cpu_result.rack_input_uw);
    EXPECT_EQ(cuda_result.row_uw, cpu_result.row_uw);
    EXPECT_EQ(cuda_result.hall_uw, cpu_result.hall_uw);
    EXPECT_EQ(cuda_result.facility_uw, cpu_result.facility_uw);
  }
  // Each roll-up kernel fed the CPU's intermediate values must reproduce the CPU's sums.
  const auto keys = test::to_backend(Backend::cuda, f.gpu_rack);
  const auto power = test::to_backend(Backend::cuda, cpu_result.power_w);
  DeviceBuffer<std::int64_t> rack_uw(Backend::cuda, f.racks());
  sum_by_key_fixed(Backend::cuda, keys.span(), power.span(), 1.0e6, rack_uw.span());
  EXPECT_EQ(test::to_host(rack_uw), cpu_result.rack_gpu_uw);
  const auto hall_uw = test::to_backend(Backend::cuda, cpu_result.hall_uw);
  EXPECT_EQ(sum_all(Backend::cuda, hall_uw.span()), cpu_result.facility_uw);
}

}  // namespace
}  // namespace aifsim::kernels
