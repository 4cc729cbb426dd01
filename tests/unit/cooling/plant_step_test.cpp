// SPDX-License-Identifier: Apache-2.0
// The plant's economiser / chiller split: free, partial and mechanical hours, energy
// bookkeeping, chiller shortfall, fans, water, and the dry-cooler plant.
#include <gtest/gtest.h>

#include "sim/cooling/plant_physics.h"

namespace aifsim::cooling {
namespace {

constexpr double kFlowKgS = 310.0;  // about the default design flow
constexpr double kMcp = kFlowKgS * kWaterCpJPerKgK;  // 1.2958e6 W/K

PlantParams tower_plant(double setpoint_c) {
  PlantParams p;
  p.supply_setpoint_c = setpoint_c;
  return p;
}

TEST(plant_step_test, cold_hour_is_free_cooling) {
  // Wet bulb 10 C -> towers can give 14 C, below the 30 C setpoint.
  const PlantResult r = plant_step(tower_plant(30.0), 40.0, kFlowKgS, 15.0, 10.0, 4);
  EXPECT_EQ(r.mode, PlantResult::Mode::free);
  EXPECT_DOUBLE_EQ(r.supply_c, 30.0);  // held at the setpoint, not 14 C
  EXPECT_DOUBLE_EQ(r.chiller_load_w, 0.0);
  EXPECT_DOUBLE_EQ(r.chiller_power_w, 0.0);
  EXPECT_DOUBLE_EQ(r.chiller_cop, 0.0);
  EXPECT_FALSE(r.capacity_short);
  EXPECT_NEAR(r.heat_rejected_w, kMcp * 10.0, 1e-6);  // 12.958 MW
  EXPECT_GT(r.rejection_fan_power_w, 0.0);
  EXPECT_GT(r.water_kg_s, 0.0);
}

TEST(plant_step_test, hot_hour_uses_chillers) {
  // Wet bulb 28 C -> towers give 32 C, above the 25 C setpoint, below the 35 C return: partial.
  const PlantParams p = tower_plant(25.0);
  const PlantResult r = plant_step(p, 35.0, kFlowKgS, 33.0, 28.0, 3);
  EXPECT_EQ(r.mode, PlantResult::Mode::partial);
  EXPECT_DOUBLE_EQ(r.supply_c, 25.0);
  EXPECT_FALSE(r.capacity_short);
  // Trim 32 -> 25 C: 7 K x 1.2958e6 W/K = 9.07 MW.
  EXPECT_NEAR(r.chiller_load_w, kMcp * 7.0, 1e-6);
  // COP at cond 32 + 5 = 37 C, chw 25 C: 6 x (1 - 0.025 x 2.6) x (1 + 0.02 x 18.3) = 7.665.
  EXPECT_NEAR(r.chiller_cop, 6.0 * (1 - 0.025 * 2.6) * (1 + 0.02 * 18.3), 1e-12);
  EXPECT_NEAR(r.chiller_power_w, r.chiller_load_w / r.chiller_cop, 1e-6);
  EXPECT_GT(r.chiller_power_w, 1e6);
}

TEST(plant_step_test, tower_no_colder_than_return_is_mechanical) {
  // Wet bulb 28 C -> 32 C towers; the water returns at 31 C: the towers cannot help.
  const PlantResult r = plant_step(tower_plant(25.0), 31.0, kFlowKgS, 33.0, 28.0, 4);
  EXPECT_EQ(r.mode, PlantResult::Mode::mechanical);
  EXPECT_DOUBLE_EQ(r.supply_c, 25.0);
  EXPECT_NEAR(r.chiller_load_w, kMcp * 6.0, 1e-6);  // the whole 31 -> 25 C
  EXPECT_NEAR(r.heat_rejected_w, r.chiller_load_w, 1e-6);
  // Exactly at the return temperature is mechanical too.
  EXPECT_EQ(plant_step(tower_plant(25.0), 32.0, kFlowKgS, 33.0, 28.0, 4).mode, PlantResult::Mode::mechanical);
}

TEST(plant_step_test, mid_hour_is_partial) {
  // Wet bulb 24 C -> 28 C towers; setpoint 26 C, return 36 C. Towers take 36 -> 28 (8 K),
  // chillers 28 -> 26 (2 K = 2.59 MW) at cond 33 C, chw 26 C:
  // COP = 6 x (1 + 0.025 x 1.4) x (1 + 0.02 x 19.3) = 8.607.
  const PlantResult r = plant_step(tower_plant(26.0), 36.0, kFlowKgS, 29.0, 24.0, 4);
  EXPECT_EQ(r.mode, PlantResult::Mode::partial);
  EXPECT_DOUBLE_EQ(r.supply_c, 26.0);
  EXPECT_NEAR(r.chiller_load_w, kMcp * 2.0, 1e-6);
  EXPECT_NEAR(r.chiller_cop, 8.607, 1e-3);
  EXPECT_NEAR(r.heat_rejected_w - r.chiller_load_w, kMcp * 8.0, 1e-6);  // the towers' share
  // The same hour at a 29 C setpoint is free.
  EXPECT_EQ(plant_step(tower_plant(29.0), 36.0, kFlowKgS, 29.0, 24.0, 4).mode, PlantResult::Mode::free);
}

TEST(plant_step_test, energy_bookkeeping_balances) {
  struct Case {
    double return_c, dry_bulb_c, wet_bulb_c;
    int chillers;
  };
  for (const Case c : {Case{40, 15, 10, 4}, Case{36, 29, 24, 4}, Case{35, 33, 28, 3}, Case{31, 33, 28, 4},
                       Case{35, 33, 28, 1}, Case{35, 33, 28, 0}}) {
    for (const HeatRejection rej : {HeatRejection::cooling_tower, HeatRejection::dry_cooler}) {
      PlantParams p = make_plant_params(rej);
      p.supply_setpoint_c = 25.0;
      const PlantResult r = plant_step(p, c.return_c, kFlowKgS, c.dry_bulb_c, c.wet_bulb_c, c.chillers);
      // heat out of the water = flow c_p (return - supply), exactly.
      EXPECT_EQ(r.heat_rejected_w, heat_w(kFlowKgS, kWaterCpJPerKgK, c.return_c - r.supply_c));
      // to the atmosphere = that + the compressor work.
      EXPECT_EQ(r.heat_to_atmosphere_w, r.heat_rejected_w + r.chiller_power_w);
      if (r.chiller_load_w > 0) {
        EXPECT_NEAR(r.chiller_power_w * r.chiller_cop, r.chiller_load_w, 1e-6);
      }
      EXPECT_GE(r.heat_rejected_w, r.chiller_load_w - 1e-6);
      EXPECT_GE(r.supply_c, p.supply_setpoint_c - 1e-12);
      EXPECT_LE(r.supply_c, c.return_c);
    }
  }
}

TEST(plant_step_test, chiller_shortfall_raises_supply) {
  PlantParams p = tower_plant(25.0);
  p.chiller.unit_capacity_w = 1e6;
  // Partial: 32 C from the towers, trim of 9.07 MW needed, one 1 MW unit available:
  // supply = 32 - 1e6 / 1.2958e6 = 31.228 C.
  const PlantResult r = plant_step(p, 35.0, kFlowKgS, 33.0, 28.0, 1);
  EXPECT_TRUE(r.capacity_short);
  EXPECT_DOUBLE_EQ(r.chiller_load_w, 1e6);
  EXPECT_NEAR(r.supply_c, 32.0 - 1e6 / kMcp, 1e-12);
  // Two units: more trim, colder supply, still short.
  const PlantResult two = plant_step(p, 35.0, kFlowKgS, 33.0, 28.0, 2);
  EXPECT_TRUE(two.capacity_short);
  EXPECT_LT(two.supply_c, r.supply_c);
  // No chillers at all: the towers' 32 C in partial, the return itself in mechanical.
  const PlantResult none = plant_step(p, 35.0, kFlowKgS, 33.0, 28.0, 0);
  EXPECT_TRUE(none.capacity_short);
  EXPECT_DOUBLE_EQ(none.supply_c, 32.0);
  EXPECT_DOUBLE_EQ(none.chiller_power_w, 0.0);
  const PlantResult mech = plant_step(p, 31.0, kFlowKgS, 33.0, 28.0, 0);
  EXPECT_TRUE(mech.capacity_short);
  EXPECT_DOUBLE_EQ(mech.supply_c, 31.0);
  EXPECT_DOUBLE_EQ(mech.heat_rejected_w, 0.0);
  EXPECT_DOUBLE_EQ(mech.rejection_fan_power_w, 0.0);  // nothing to reject: fans off
  EXPECT_DOUBLE_EQ(mech.water_kg_s, 0.0);
  // Enough units: setpoint met, not short.
  p.chiller.units = 12;
  EXPECT_FALSE(plant_step(p, 35.0, kFlowKgS, 33.0, 28.0, 10).capacity_short);
}

TEST(plant_step_test, return_at_or_below_setpoint_bypasses_the_plant) {
  const PlantResult r = plant_step(tower_plant(26.0), 25.0, kFlowKgS, 35.0, 28.0, 4);
  EXPECT_EQ(r.mode, PlantResult::Mode::free);
  EXPECT_DOUBLE_EQ(r.supply_c, 25.0);
  EXPECT_DOUBLE_EQ(r.heat_rejected_w, 0.0);
  EXPECT_DOUBLE_EQ(r.rejection_fan_power_w, 0.0);
  EXPECT_DOUBLE_EQ(r.water_kg_s, 0.0);
  EXPECT_GT(r.facility_pump_power_w, 0.0);  // the loop still circulates
}

TEST(plant_step_test, fans_follow_the_cubic_law_on_heat_fraction) {
  PlantParams p = tower_plant(30.0);
  p.tower.capacity_w = 2.0 * kMcp * 10.0;  // the 10 K free-cooling load is half the capacity
  const PlantResult half = plant_step(p, 40.0, kFlowKgS, 15.0, 10.0, 4);
  const double design_fan_w = p.tower.fan_w_per_w_design * p.tower.capacity_w;
  EXPECT_NEAR(half.rejection_fan_power_w, design_fan_w / 8.0, 1e-6);  // 0.5^3
  // A 0.1 K load (0.5 % of capacity) floors at 10 % airflow: 0.1^3 = 0.001 of design.
  const PlantResult tiny = plant_step(p, 30.1, kFlowKgS, 15.0, 10.0, 4);
  EXPECT_NEAR(tiny.rejection_fan_power_w, design_fan_w * 1e-3, 1e-6);
  // Above capacity the fans stay at 100 %.
  p.tower.capacity_w = 0.5 * kMcp * 10.0;
  const PlantResult over = plant_step(p, 40.0, kFlowKgS, 15.0, 10.0, 4);
  EXPECT_NEAR(over.rejection_fan_power_w, p.tower.fan_w_per_w_design * p.tower.capacity_w, 1e-6);
}

TEST(plant_step_test, tower_water_covers_chiller_heat_too) {
  const PlantResult r = plant_step(tower_plant(25.0), 35.0, kFlowKgS, 33.0, 28.0, 3);
  EXPECT_NEAR(r.water_kg_s, tower_water_kg_s(TowerParams{}, r.heat_rejected_w + r.chiller_power_w), 1e-12);
  EXPECT_GT(r.water_kg_s, tower_water_kg_s(TowerParams{}, r.heat_rejected_w));
}

TEST(plant_step_test, dry_cooler_plant_uses_air_cooled_chillers_and_no_water) {
  PlantParams p = make_plant_params(HeatRejection::dry_cooler);
  // Dry bulb 35 C -> 43 C water, above the 36 C return: mechanical, chillers at
  // cond 48 C (rated), chw 26 C: COP = 2.8 x (1 + 0.02 x 19.3) = 3.881.
  const PlantResult r = plant_step(p, 36.0, kFlowKgS, 35.0, 27.0, 4);
  EXPECT_EQ(r.mode, PlantResult::Mode::mechanical);
  EXPECT_NEAR(r.chiller_cop, 2.8 * (1 + 0.02 * 19.3), 1e-12);
  EXPECT_DOUBLE_EQ(r.water_kg_s, 0.0);
  EXPECT_GT(r.rejection_fan_power_w, 0.0);
  // A cool night (dry bulb 12 C -> 20 C water) is free; the wet bulb does not matter.
  EXPECT_EQ(plant_step(p, 36.0, kFlowKgS, 12.0, 30.0, 4).mode, PlantResult::Mode::free);
}

TEST(plant_step_test, pumps_follow_the_flow) {
  const PlantParams p = tower_plant(26.0);
  const PlantResult full = plant_step(p, 36.0, p.facility_pumps.design_flow_kg_s, 29.0, 24.0, 4);
  const PlantResult half = plant_step(p, 36.0, 0.5 * p.facility_pumps.design_flow_kg_s, 29.0, 24.0, 4);
  EXPECT_NEAR(full.facility_pump_power_w, p.facility_pumps.design_power_w, 1e-6);
  EXPECT_NEAR(half.facility_pump_power_w, p.facility_pumps.design_power_w / 8.0, 1e-6);
  const PlantResult none = plant_step(p, 36.0, 0.0, 29.0, 24.0, 4);
  EXPECT_DOUBLE_EQ(none.facility_pump_power_w, 0.0);
  EXPECT_DOUBLE_EQ(none.heat_rejected_w, 0.0);
}

TEST(plant_step_test, mode_names) {
  EXPECT_STREQ(plant_mode_name(PlantResult::Mode::free), "free");
  EXPECT_STREQ(plant_mode_name(PlantResult::Mode::partial), "partial");
  EXPECT_STREQ(plant_mode_name(PlantResult::Mode::mechanical), "mechanical");
}

}  // namespace
}  // namespace aifsim::cooling
