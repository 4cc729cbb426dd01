// SPDX-License-Identifier: Apache-2.0
// Pump affinity laws: cube of flow, the minimum-speed floor, stopped pumps.
#include <gtest/gtest.h>

#include "sim/cooling/plant_physics.h"

namespace aifsim::cooling {
namespace {

PumpParams test_pump() {
  PumpParams p;
  p.design_flow_kg_s = 100;
  p.design_power_w = 80e3;
  p.min_speed_frac = 0.3;
  return p;
}

TEST(pump_test, design_flow_draws_design_power) {
  EXPECT_DOUBLE_EQ(pump_power_w(test_pump(), 100), 80e3);
}

TEST(pump_test, half_flow_draws_one_eighth) {
  // (1/2)^3 = 1/8: 10 kW.
  EXPECT_DOUBLE_EQ(pump_power_w(test_pump(), 50), 10e3);
  // 120 % flow: 1.728 x 80 kW = 138.24 kW.
  EXPECT_NEAR(pump_power_w(test_pump(), 120), 138.24e3, 1e-6);
}

TEST(pump_test, power_floors_at_minimum_speed) {
  // 10 % flow runs at the 30 % minimum speed: 0.3^3 x 80 kW = 2.16 kW, not 0.08 kW.
  EXPECT_NEAR(pump_power_w(test_pump(), 10), 2160.0, 1e-9);
  EXPECT_NEAR(pump_power_w(test_pump(), 30), 2160.0, 1e-9);
  EXPECT_GT(pump_power_w(test_pump(), 31), 2160.0);
}

TEST(pump_test, stopped_pumps_draw_nothing) {
  EXPECT_DOUBLE_EQ(pump_power_w(test_pump(), 0), 0.0);
  EXPECT_DOUBLE_EQ(pump_power_w(test_pump(), -5), 0.0);
}

TEST(pump_test, default_facility_pumps_match_their_derivation) {
  const PumpParams p;
  // 12.96 MW / (4180 x 10 K) = 310.05 kg/s; / 995.7 kg/m3 x 3.5 bar / 0.7 = 155.7 kW.
  EXPECT_NEAR(p.design_flow_kg_s, 310.05, 0.01);
  EXPECT_NEAR(p.design_power_w, 155.7e3, 0.1e3);
}

}  // namespace
}  // namespace aifsim::cooling
