// SPDX-License-Identifier: Apache-2.0
// CDUs: approach above capacity, N+1 pump redundancy for flow and power.
#include <gtest/gtest.h>

#include "sim/cooling/plant_physics.h"

namespace aifsim::cooling {
namespace {

TEST(cdu_test, approach_constant_up_to_capacity) {
  const CduParams p;  // 4 K, 1.2 MW
  EXPECT_DOUBLE_EQ(cdu_supply_c(p, 26.0, 0.0), 30.0);
  EXPECT_DOUBLE_EQ(cdu_supply_c(p, 26.0, 0.6e6), 30.0);
  EXPECT_DOUBLE_EQ(cdu_supply_c(p, 26.0, 1.2e6), 30.0);
}

TEST(cdu_test, approach_grows_in_proportion_above_capacity) {
  const CduParams p;
  // 1.5 x capacity: 4 x 1.5 = 6 K approach.
  EXPECT_DOUBLE_EQ(cdu_supply_c(p, 26.0, 1.8e6), 32.0);
  EXPECT_DOUBLE_EQ(cdu_supply_c(p, 26.0, 2.4e6), 34.0);
  CduParams unrated = p;
  unrated.capacity_w = 0;
  EXPECT_DOUBLE_EQ(cdu_supply_c(unrated, 26.0, 5e6), 30.0);
}

TEST(cdu_test, n_plus_1_keeps_design_flow_after_one_pump_loss) {
  const CduParams p;  // 2 pumps, 1 required
  EXPECT_DOUBLE_EQ(cdu_flow_kg_s(p, 2), p.design_flow_kg_s);
  EXPECT_DOUBLE_EQ(cdu_flow_kg_s(p, 1), p.design_flow_kg_s);  // one lost: still design flow
  EXPECT_DOUBLE_EQ(cdu_flow_kg_s(p, 0), 0.0);                 // both lost
  EXPECT_GT(p.design_flow_kg_s, 0.0);
}

TEST(cdu_test, fewer_than_required_pumps_give_proportional_flow) {
  CduParams p;
  p.pumps = 3;
  p.pumps_required = 2;
  EXPECT_DOUBLE_EQ(cdu_flow_kg_s(p, 3), p.design_flow_kg_s);
  EXPECT_DOUBLE_EQ(cdu_flow_kg_s(p, 2), p.design_flow_kg_s);
  EXPECT_DOUBLE_EQ(cdu_flow_kg_s(p, 1), 0.5 * p.design_flow_kg_s);
  EXPECT_DOUBLE_EQ(cdu_flow_kg_s(p, 0), 0.0);
}

TEST(cdu_test, pump_power_with_redundancy) {
  CduParams p;  // 12.5 kW per pump at its design point
  EXPECT_DOUBLE_EQ(p.pump_power_w_design, 12.5e3);
  EXPECT_DOUBLE_EQ(cdu_pump_power_w(p, 2), 12.5e3);  // the spare adds no hydraulic work
  EXPECT_DOUBLE_EQ(cdu_pump_power_w(p, 1), 12.5e3);
  EXPECT_DOUBLE_EQ(cdu_pump_power_w(p, 0), 0.0);
  p.pumps = 3;
  p.pumps_required = 2;
  EXPECT_DOUBLE_EQ(cdu_pump_power_w(p, 3), 25e3);
  EXPECT_DOUBLE_EQ(cdu_pump_power_w(p, 1), 12.5e3);
}

TEST(cdu_test, default_design_flow_carries_capacity_at_10_k) {
  const CduParams p;
  // 1,800 L/min of 25 % PG = 30.45 kg/s; x 3930 x 10 K = 1.197 MW, the 1.2 MW capacity.
  EXPECT_NEAR(p.design_flow_kg_s, 30.45, 0.01);
  EXPECT_NEAR(heat_w(p.design_flow_kg_s, kPg25CpJPerKgK, 10.0), p.capacity_w, 0.01 * p.capacity_w);
}

}  // namespace
}  // namespace aifsim::cooling
