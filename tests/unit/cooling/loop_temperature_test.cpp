// SPDX-License-Identifier: Apache-2.0
// Exact integration of a well-mixed loop: C dT/dt = Q - m c_p (T - T_supply).
#include <gtest/gtest.h>

#include <cmath>

#include "sim/cooling/plant_physics.h"

namespace aifsim::cooling {
namespace {

constexpr double kHeatW = 1e6;
constexpr double kFlowKgS = 20.0;
constexpr double kSupplyC = 25.0;
constexpr double kCapJPerK = 1e7;

TEST(loop_temperature_test, step_equals_analytic_exponential) {
  // k = 20 x 4180 / 1e7 = 8.36e-3 /s; T_inf = 25 + 1e6 / 83,600 = 36.962 C.
  const double k = kFlowKgS * kWaterCpJPerKgK / kCapJPerK;
  const double t_inf = kSupplyC + kHeatW / (kFlowKgS * kWaterCpJPerKgK);
  for (const double dt_s : {0.1, 1.0, 60.0, 600.0}) {
    const double expected = t_inf + (30.0 - t_inf) * std::exp(-k * dt_s);
    EXPECT_NEAR(loop_temperature_step_c(30.0, kHeatW, kFlowKgS, kSupplyC, kCapJPerK, dt_s), expected, 1e-12)
        << "dt " << dt_s;
  }
}

TEST(loop_temperature_test, tends_to_supply_plus_q_over_m_cp) {
  // Steady state 25 + 1e6 / (20 x 4180) = 36.962 C, from above and from below.
  const double t_inf = kSupplyC + kHeatW / (kFlowKgS * kWaterCpJPerKgK);
  EXPECT_NEAR(loop_temperature_step_c(20.0, kHeatW, kFlowKgS, kSupplyC, kCapJPerK, 1e5), t_inf, 1e-9);
  EXPECT_NEAR(loop_temperature_step_c(60.0, kHeatW, kFlowKgS, kSupplyC, kCapJPerK, 1e5), t_inf, 1e-9);
  // At the steady state it stays there.
  EXPECT_NEAR(loop_temperature_step_c(t_inf, kHeatW, kFlowKgS, kSupplyC, kCapJPerK, 7.0), t_inf, 1e-12);
  // An absurdly long step is still finite and exact.
  EXPECT_NEAR(loop_temperature_step_c(20.0, kHeatW, kFlowKgS, kSupplyC, kCapJPerK, 1e300), t_inf, 1e-9);
}

TEST(loop_temperature_test, one_large_step_equals_many_small_steps) {
  // With the inputs held, the exact solution composes: one 1 h step = 3600 steps of 1 s.
  const double big = loop_temperature_step_c(28.0, kHeatW, kFlowKgS, kSupplyC, kCapJPerK, 3600.0);
  double t = 28.0;
  for (int i = 0; i < 3600; ++i) t = loop_temperature_step_c(t, kHeatW, kFlowKgS, kSupplyC, kCapJPerK, 1.0);
  EXPECT_NEAR(big, t, 1e-9);
  // And mid-transient (60 s = 0.5 time constants) too.
  const double mid = loop_temperature_step_c(28.0, kHeatW, kFlowKgS, kSupplyC, kCapJPerK, 60.0);
  t = 28.0;
  for (int i = 0; i < 600; ++i) t = loop_temperature_step_c(t, kHeatW, kFlowKgS, kSupplyC, kCapJPerK, 0.1);
  EXPECT_NEAR(mid, t, 1e-10);
}

TEST(loop_temperature_test, no_flow_rises_at_q_over_c) {
  // m = 0: T + Q dt / C = 30 + 1e6 x 60 / 1e7 = 36 C, exactly, for any supply temperature.
  EXPECT_DOUBLE_EQ(loop_temperature_step_c(30.0, kHeatW, 0.0, kSupplyC, kCapJPerK, 60.0), 36.0);
  EXPECT_DOUBLE_EQ(loop_temperature_step_c(30.0, kHeatW, 0.0, -100.0, kCapJPerK, 60.0), 36.0);
  EXPECT_DOUBLE_EQ(loop_temperature_step_c(30.0, kHeatW, -3.0, kSupplyC, kCapJPerK, 60.0), 36.0);
  // A vanishing flow is continuous with it.
  EXPECT_NEAR(loop_temperature_step_c(30.0, kHeatW, 1e-12, kSupplyC, kCapJPerK, 60.0), 36.0, 1e-9);
}

TEST(loop_temperature_test, default_facility_loop_heats_over_minutes) {
  // 60 m3 of water: C = 60 x 995.7 x 4180 = 2.497e8 J/K. The full 12.96 MW with the pumps
  // stopped warms it 12.96e6 x 60 / 2.497e8 = 3.11 K in a minute.
  const PlantParams p;
  const double cap_j_per_k = p.loop_volume_m3 * kWaterDensityKgM3 * kWaterCpJPerKgK;
  const double t = loop_temperature_step_c(36.0, kReferenceSiteHeatW, 0.0, 26.0, cap_j_per_k, 60.0);
  EXPECT_NEAR(t - 36.0, 3.11, 0.01);
}

TEST(loop_temperature_test, no_thermal_mass_is_the_steady_state) {
  EXPECT_NEAR(loop_temperature_step_c(50.0, kHeatW, kFlowKgS, kSupplyC, 0.0, 1.0),
              kSupplyC + kHeatW / (kFlowKgS * kWaterCpJPerKgK), 1e-12);
  EXPECT_DOUBLE_EQ(loop_temperature_step_c(50.0, kHeatW, 0.0, kSupplyC, 0.0, 1.0), 50.0);
}

TEST(loop_temperature_test, glycol_specific_heat_is_used_when_given) {
  // Steady state with 25 % PG: 25 + 1e6 / (20 x 3930) = 37.723 C.
  EXPECT_NEAR(loop_temperature_step_c(20.0, kHeatW, kFlowKgS, kSupplyC, kCapJPerK, 1e6, kPg25CpJPerKgK),
              kSupplyC + kHeatW / (kFlowKgS * kPg25CpJPerKgK), 1e-9);
}

}  // namespace
}  // namespace aifsim::cooling
