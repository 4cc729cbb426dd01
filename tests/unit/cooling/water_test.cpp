// SPDX-License-Identifier: Apache-2.0
// Coolant helpers and cooling-tower water use (evaporation + blowdown).
#include <gtest/gtest.h>

#include "sim/cooling/plant_physics.h"
#include "sim/cooling/water.h"

namespace aifsim::cooling {
namespace {

TEST(water_test, flow_conversion) {
  // 60 L/min of 1000 kg/m3 liquid is 1 kg/s.
  EXPECT_DOUBLE_EQ(flow_kg_s_from_l_min(60, 1000), 1.0);
  // An NVL72 at 135 kW and 1.5 L/min/kW: 202.5 L/min of 25 % PG = 3.426 kg/s.
  EXPECT_NEAR(flow_kg_s_from_l_min(202.5, kPg25DensityKgM3), 3.4256, 1e-4);
}

TEST(water_test, heat_is_m_cp_dt) {
  EXPECT_DOUBLE_EQ(heat_w(1.0, kWaterCpJPerKgK, 10.0), 41800.0);
  // The NVL72 loop above carries 135 kW at ~10 K: 3.4256 x 3930 x 10 = 134.6 kW.
  EXPECT_NEAR(heat_w(flow_kg_s_from_l_min(202.5, kPg25DensityKgM3), kPg25CpJPerKgK, 10.0), 134.6e3, 0.1e3);
}

TEST(water_test, tower_evaporates_about_1_5_m3_per_mwh) {
  TowerParams t;
  t.cycles_of_concentration = 1e9;  // effectively no blowdown: evaporation alone
  const double kg = tower_water_kg_s(t, 1e6) * 3600.0;
  // 3.6e9 J / 2.4298e6 J/kg = 1481.6 kg = 1.488 m3.
  EXPECT_NEAR(kg, 1481.6, 0.1);
  EXPECT_NEAR(kg / kWaterDensityKgM3, 1.488, 0.001);
}

TEST(water_test, blowdown_adds_evaporation_over_cycles_minus_one) {
  const TowerParams t;  // 4 cycles
  const double evaporation_kg = 3.6e9 / kWaterLatentHeatJPerKg;
  // Make-up = E + E / 3 = 1975.5 kg = 1.98 m3 per MWh, i.e. ~2 L/kWh: the "> 2 with evaporative
  // towers" of REFERENCE.md §5.3.
  EXPECT_NEAR(tower_water_kg_s(t, 1e6) * 3600.0, evaporation_kg * 4.0 / 3.0, 1e-6);
  EXPECT_NEAR(tower_water_kg_s(t, 1e6) * 3600.0 / kWaterDensityKgM3, 1.984, 0.001);
  TowerParams six = t;
  six.cycles_of_concentration = 6;
  EXPECT_NEAR(tower_water_kg_s(six, 1e6) * 3600.0, evaporation_kg * 6.0 / 5.0, 1e-6);
}

TEST(water_test, no_heat_no_water) {
  EXPECT_DOUBLE_EQ(tower_water_kg_s(TowerParams{}, 0.0), 0.0);
  EXPECT_DOUBLE_EQ(tower_water_kg_s(TowerParams{}, -1e5), 0.0);
}

TEST(water_test, tower_and_dry_cooler_supply_temperatures) {
  EXPECT_DOUBLE_EQ(tower_supply_c(TowerParams{}, 24.0), 28.0);        // wet bulb + 4 K
  EXPECT_DOUBLE_EQ(dry_cooler_supply_c(DryCoolerParams{}, 30.0), 38.0);  // dry bulb + 8 K
}

TEST(water_test, tower_fan_default_follows_ashrae_90_1) {
  // 0.7457 kW per 38.2 gpm x 5,000 Btu/h = 55.98 kW: 0.01332 W/W.
  EXPECT_NEAR(TowerParams{}.fan_w_per_w_design, 0.01332, 1e-5);
}

}  // namespace
}  // namespace aifsim::cooling
