// SPDX-License-Identifier: Apache-2.0
// rack_power_step and the PSU efficiency curve it applies, against host loops.
#include <gtest/gtest.h>

#include <cstdint>
#include <stdexcept>
#include <utility>
#include <vector>

#include "kernels/fleet_kernels.h"
#include "kernels/power_math.h"
#include "tests/kernels/kernel_test_fleet.h"

namespace aifsim::kernels {
namespace {

EfficiencyCurve three_point_curve() {
  EfficiencyCurve c;
  c.points = 3;
  c.load_frac[0] = 0.2f;
  c.load_frac[1] = 0.5f;
  c.load_frac[2] = 1.0f;
  c.efficiency[0] = 0.90f;
  c.efficiency[1] = 0.96f;
  c.efficiency[2] = 0.92f;
  return c;
}

// One rack (or several) in host memory with a single rack type.
struct HostRacks {
  std::vector<std::int64_t> gpu_power_uw;
  std::vector<std::int32_t> rack_group;
  std::vector<std::int32_t> rack_type;
  std::vector<float> group_utilization;
  std::vector<RackTypeParams> types;
  std::vector<std::int64_t> dc_uw;
  std::vector<std::int64_t> input_uw;

  HostRacks(std::vector<std::int64_t> gpu_uw, float utilization, RackTypeParams type)
      : gpu_power_uw(std::move(gpu_uw)),
        rack_group(gpu_power_uw.size(), 0),
        rack_type(gpu_power_uw.size(), 0),
        group_utilization{utilization},
        types{type},
        dc_uw(gpu_power_uw.size(), -1),
        input_uw(gpu_power_uw.size(), -1) {}

  RackPowerStepArgs args() {
    RackPowerStepArgs a;
    a.gpu_power_uw = gpu_power_uw;
    a.rack_group = rack_group;
    a.rack_type = rack_type;
    a.group_utilization = group_utilization;
    a.types = types;
    a.dc_power_uw_out = dc_uw;
    a.input_power_uw_out = input_uw;
    return a;
  }
  void run() { rack_power_step(Backend::cpu, args()); }
};

RackTypeParams lossless_type() {
  RackTypeParams t;
  t.cpu_idle_w = 1000.0f;
  t.cpu_max_w = 3000.0f;
  t.static_w = 500.0f;
  t.psu_capacity_w = 100000.0f;
  return t;  // psu.points == 0: lossless
}

TEST(rack_power_step_test, matches_host_loop_reference) {
  const test::HostFleet f = test::make_fleet(400, 72, 31337);
  const test::TickResult got = test::run_tick(Backend::cpu, f);
  std::vector<std::int64_t> want_dc, want_input;
  test::reference_rack_power_step(f, got.rack_gpu_uw, want_dc, want_input);
  EXPECT_EQ(got.rack_dc_uw, want_dc);
  EXPECT_EQ(got.rack_input_uw, want_input);
}

TEST(rack_power_step_test, input_is_at_least_dc) {
  const test::HostFleet f = test::make_fleet(400, 72, 8);
  const test::TickResult got = test::run_tick(Backend::cpu, f);
  for (std::size_t r = 0; r < f.racks(); ++r) {
    ASSERT_GE(got.rack_input_uw[r], got.rack_dc_uw[r]) << "rack " << r;
    // Every curve in the fleet is below 0.97, so there is a real loss.
    ASSERT_GT(got.rack_input_uw[r], got.rack_dc_uw[r]) << "rack " << r;
  }
}

TEST(rack_power_step_test, dc_power_adds_cpu_and_static_draw) {
  HostRacks racks({10'000'000'000, 0}, 0.25f, lossless_type());
  racks.run();
  // GPUs 10 kW + CPUs 1000 + 2000 * 0.25 W + static 500 W.
  EXPECT_EQ(racks.dc_uw[0], 12'000'000'000);
  EXPECT_EQ(racks.dc_uw[1], 2'000'000'000);
}

TEST(rack_power_step_test, cpu_utilization_is_clamped) {
  HostRacks low({0}, -0.5f, lossless_type());
  low.run();
  EXPECT_EQ(low.dc_uw[0], 1'500'000'000);
  HostRacks high({0}, 1.5f, lossless_type());
  high.run();
  EXPECT_EQ(high.dc_uw[0], 3'500'000'000);
}

TEST(rack_power_step_test, empty_curve_is_lossless) {
  HostRacks racks({50'000'000'000, 123'456'789}, 0.5f, lossless_type());
  racks.run();
  EXPECT_EQ(racks.input_uw, racks.dc_uw);
}

TEST(rack_power_step_test, input_divides_by_curve_efficiency) {
  RackTypeParams t = lossless_type();
  t.cpu_idle_w = 0.0f;
  t.cpu_max_w = 0.0f;
  t.static_w = 0.0f;
  t.psu = three_point_curve();
  // 50 kW on a 100 kW shelf: load fraction 0.5, exactly on the 0.96 point.
  HostRacks racks({50'000'000'000}, 0.0f, t);
  racks.run();
  EXPECT_EQ(racks.dc_uw[0], 50'000'000'000);
  EXPECT_NEAR(static_cast<double>(racks.input_uw[0]), 50.0e9 / 0.96, 50.0e9 * 1e-6);
}

TEST(rack_power_step_test, zero_psu_capacity_uses_first_point) {
  RackTypeParams t = lossless_type();
  t.psu = three_point_curve();
  t.psu_capacity_w = 0.0f;
  HostRacks racks({1'000'000'000}, 0.0f, t);
  racks.run();
  EXPECT_NEAR(static_cast<double>(racks.input_uw[0]),
              static_cast<double>(racks.dc_uw[0]) / 0.90, 1e3);
}

TEST(rack_power_step_test, racks_read_their_own_type_and_group) {
  RackTypeParams small = lossless_type();
  RackTypeParams big = lossless_type();
  big.static_w = 9500.0f;
  HostRacks racks({0, 0}, 0.0f, small);
  racks.types = {small, big};
  racks.rack_type = {1, 0};
  racks.group_utilization = {0.0f, 1.0f};
  racks.rack_group = {0, 1};
  racks.run();
  EXPECT_EQ(racks.dc_uw[0], 10'500'000'000);  // big type, idle CPUs
  EXPECT_EQ(racks.dc_uw[1], 3'500'000'000);   // small type, busy CPUs
}

TEST(rack_power_step_test, efficiency_at_curve_points) {
  const EfficiencyCurve c = three_point_curve();
  for (int i = 0; i < c.points; ++i) {
    EXPECT_EQ(efficiency_at(c, c.load_frac[i]), c.efficiency[i]) << "point " << i;
  }
}

TEST(rack_power_step_test, efficiency_at_interpolates_between_points) {
  const EfficiencyCurve c = three_point_curve();
  EXPECT_NEAR(efficiency_at(c, 0.35f), 0.93f, 1e-6f);   // halfway 0.2 -> 0.5
  EXPECT_NEAR(efficiency_at(c, 0.75f), 0.94f, 1e-6f);   // halfway 0.5 -> 1.0
  EXPECT_NEAR(efficiency_at(c, 0.275f), 0.915f, 1e-6f);  // a quarter of 0.2 -> 0.5
}

TEST(rack_power_step_test, efficiency_at_is_flat_beyond_the_ends) {
  const EfficiencyCurve c = three_point_curve();
  EXPECT_EQ(efficiency_at(c, 0.0f), 0.90f);
  EXPECT_EQ(efficiency_at(c, -1.0f), 0.90f);
  EXPECT_EQ(efficiency_at(c, 0.1999f), 0.90f);
  EXPECT_EQ(efficiency_at(c, 1.0001f), 0.92f);
  EXPECT_EQ(efficiency_at(c, 5.0f), 0.92f);
}

TEST(rack_power_step_test, efficiency_at_empty_curve_is_one) {
  const EfficiencyCurve c;
  EXPECT_EQ(efficiency_at(c, 0.0f), 1.0f);
  EXPECT_EQ(efficiency_at(c, 0.7f), 1.0f);
  EXPECT_EQ(efficiency_at(c, 3.0f), 1.0f);
}

TEST(rack_power_step_test, empty_racks_are_a_no_op) {
  HostRacks racks({}, 0.5f, lossless_type());
  racks.group_utilization.clear();
  racks.types.clear();
  EXPECT_NO_THROW(racks.run());
}

TEST(rack_power_step_test, size_mismatches_throw) {
  const auto expect_throw = [](auto mutate, const char* what) {
    HostRacks racks({1, 2, 3}, 0.5f, lossless_type());
    mutate(racks);
    EXPECT_THROW(racks.run(), std::invalid_argument) << what;
  };
  expect_throw([](HostRacks& r) { r.rack_group.pop_back(); }, "rack_group");
  expect_throw([](HostRacks& r) { r.rack_type.push_back(0); }, "rack_type");
  expect_throw([](HostRacks& r) { r.dc_uw.pop_back(); }, "dc_power_uw_out");
  expect_throw([](HostRacks& r) { r.input_uw.pop_back(); }, "input_power_uw_out");
  expect_throw([](HostRacks& r) { r.group_utilization.clear(); }, "no groups");
  expect_throw([](HostRacks& r) { r.types.clear(); }, "no types");
}

}  // namespace
}  // namespace aifsim::kernels
