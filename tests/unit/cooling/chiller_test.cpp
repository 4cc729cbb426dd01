// SPDX-License-Identifier: Apache-2.0
// Chiller COP model of REFERENCE.md §5.2: rated point, lift, chilled-water temperature, clamps.
#include <gtest/gtest.h>

#include "sim/cooling/plant_physics.h"

namespace aifsim::cooling {
namespace {

TEST(chiller_test, cop_at_rated_point_equals_rated_cop) {
  const ChillerParams p;
  // Both bracket factors are exactly 1 at the rating point: COP = 6.0.
  EXPECT_DOUBLE_EQ(chiller_cop(p, p.cond_rated_c, p.chw_rated_c), 6.0);
  ChillerParams other;
  other.cop_rated = 5.2;
  EXPECT_DOUBLE_EQ(chiller_cop(other, other.cond_rated_c, other.chw_rated_c), 5.2);
}

TEST(chiller_test, cop_decreases_with_lift) {
  const ChillerParams p;
  const double chw_c = 18.0;
  const double cool = chiller_cop(p, 30.0, chw_c);
  const double warm = chiller_cop(p, 35.0, chw_c);
  const double hot = chiller_cop(p, 40.0, chw_c);
  EXPECT_GT(cool, warm);
  EXPECT_GT(warm, hot);
  // -2.5 %/K of the rated COP per K of condenser: 5 K costs 12.5 % of the rated-cond value.
  EXPECT_NEAR((cool - warm) / chiller_cop(p, p.cond_rated_c, chw_c), 0.125, 1e-12);
}

TEST(chiller_test, cop_increases_with_chilled_water_temperature) {
  const ChillerParams p;
  const double cond_c = 36.0;
  EXPECT_LT(chiller_cop(p, cond_c, 7.0), chiller_cop(p, cond_c, 15.0));
  EXPECT_LT(chiller_cop(p, cond_c, 15.0), chiller_cop(p, cond_c, 26.0));
}

TEST(chiller_test, cop_matches_hand_calculation) {
  const ChillerParams p;
  // 6 K above rated condenser, 10 K above rated CHW: 6.0 x (1 - 0.15) x (1 + 0.20) = 6.12.
  EXPECT_NEAR(chiller_cop(p, p.cond_rated_c + 6.0, p.chw_rated_c + 10.0), 6.12, 1e-12);
}

TEST(chiller_test, cop_is_clamped_to_a_physical_range) {
  const ChillerParams p;
  // A 100 K lift drives the linear factor to -1.5: clamped to the floor of 1.
  EXPECT_DOUBLE_EQ(chiller_cop(p, p.cond_rated_c + 100.0, p.chw_rated_c), kChillerCopMin);
  // 90 C chilled water: 6 x 2.67 = 16 -> clamped to 15.
  EXPECT_DOUBLE_EQ(chiller_cop(p, p.cond_rated_c, 90.0), kChillerCopMax);
  // Two out-of-range factors (-1.5 and -1.1) must not multiply into a large positive COP.
  EXPECT_DOUBLE_EQ(chiller_cop(p, p.cond_rated_c + 100.0, p.chw_rated_c - 105.0), kChillerCopMin);
}

TEST(chiller_test, air_cooled_units_are_rated_at_2_8_at_35_c_dry_bulb) {
  const DryCoolerParams dry;
  const ChillerParams p = air_cooled_chiller_params(dry);
  // plant_step's condenser temperature at a 35 C dry bulb: 35 + 8 + 5 = 48 C -> COP 2.8.
  EXPECT_DOUBLE_EQ(p.cond_rated_c, 48.0);
  EXPECT_DOUBLE_EQ(chiller_cop(p, 35.0 + dry.approach_k + kCondenserRangeK, 6.7), 2.8);
  // 1 K hotter outside: -2.5 % -> 2.73.
  EXPECT_NEAR(chiller_cop(p, 36.0 + dry.approach_k + kCondenserRangeK, 6.7), 2.73, 1e-12);
}

TEST(chiller_test, water_cooled_rated_condenser_is_ahri_entering_plus_range) {
  const ChillerParams p;
  // AHRI 550/590 29.4 C entering + 5 K range = 34.4 C; the tower at 25.4 C wet bulb + 4 K
  // approach delivers the AHRI 29.4 C, so the COP there is the rated one.
  EXPECT_DOUBLE_EQ(p.cond_rated_c, 34.4);
  const TowerParams t;
  EXPECT_DOUBLE_EQ(chiller_cop(p, tower_supply_c(t, 25.4) + kCondenserRangeK, 6.7), 6.0);
}

TEST(chiller_test, capacity_counts_only_installed_units) {
  const ChillerParams p;  // 4 x 3.5 MW
  EXPECT_DOUBLE_EQ(chiller_capacity_w(p, 3), 10.5e6);
  EXPECT_DOUBLE_EQ(chiller_capacity_w(p, 9), 14e6);
  EXPECT_DOUBLE_EQ(chiller_capacity_w(p, 0), 0.0);
  EXPECT_DOUBLE_EQ(chiller_capacity_w(p, -1), 0.0);
}

}  // namespace
}  // namespace aifsim::cooling
