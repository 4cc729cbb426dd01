// SPDX-License-Identifier: Apache-2.0
// The per-GPU thermal math (thermal_math.h): exact RC and mixed-mass steps against their
// analytic solutions, the thermal state machine with its hysteresis, and the throttled power.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>

#include "kernels/thermal_math.h"

namespace aifsim::kernels {
namespace {

constexpr float kR = 0.025f;  // K/W
constexpr float kC = 800.0f;  // J/K: tau = R C = 20 s

TEST(thermal_math_test, rc_step_reaches_analytic_steady_state) {
  // T -> coolant + P R = 30 + 700 * 0.025 = 47.5 C, from below and from above.
  for (const float start_c : {40.0f, 90.0f}) {
    float die_c = start_c;
    for (int tick = 0; tick < 1000; ++tick) die_c = rc_step_c(die_c, 700.0f, 30.0f, kR, kC, 1.0f);
    EXPECT_NEAR(die_c, 47.5f, 1e-4f) << "from " << start_c;
  }
  // Zero power settles on the coolant.
  float die_c = 80.0f;
  for (int tick = 0; tick < 1000; ++tick) die_c = rc_step_c(die_c, 0.0f, 30.0f, kR, kC, 1.0f);
  EXPECT_NEAR(die_c, 30.0f, 1e-4f);
}

TEST(thermal_math_test, rc_step_gap_shrinks_by_1_over_e_per_time_constant) {
  // From 30 C toward 47.5 C: after tau = 20 s the gap is 17.5 / e = 6.43795 K, T = 41.06211 C.
  const float die_c = rc_step_c(30.0f, 700.0f, 30.0f, kR, kC, kR * kC);
  EXPECT_NEAR(die_c, 41.06211f, 1e-4f);
  EXPECT_NEAR((47.5 - die_c) / 17.5, std::exp(-1.0), 1e-5);
  // Two time constants: 1/e^2 of the gap.
  const float twice_c = rc_step_c(30.0f, 700.0f, 30.0f, kR, kC, 2.0f * kR * kC);
  EXPECT_NEAR((47.5 - twice_c) / 17.5, std::exp(-2.0), 1e-5);
}

TEST(thermal_math_test, rc_step_large_dt_equals_many_small_steps) {
  // Exact integration: one 10 s step is ten 1 s steps (an Euler step would land 0.8 K off).
  const float one_c = rc_step_c(40.0f, 700.0f, 30.0f, kR, kC, 10.0f);
  float many_c = 40.0f;
  for (int k = 0; k < 10; ++k) many_c = rc_step_c(many_c, 700.0f, 30.0f, kR, kC, 1.0f);
  EXPECT_NEAR(one_c, 42.95102f, 1e-4f);  // 47.5 - 7.5 exp(-0.5)
  EXPECT_NEAR(many_c, one_c, 5e-5f);
  float tiny_c = 40.0f;
  for (int k = 0; k < 1000; ++k) tiny_c = rc_step_c(tiny_c, 700.0f, 30.0f, kR, kC, 0.01f);
  EXPECT_NEAR(tiny_c, one_c, 1e-3f);  // 1000 float roundings of about 2e-6 K each at most
}

TEST(thermal_math_test, rc_step_is_stable_for_any_dt) {
  // dt far beyond tau lands on the steady state without overshoot.
  EXPECT_FLOAT_EQ(rc_step_c(40.0f, 700.0f, 30.0f, kR, kC, 1.0e6f), 47.5f);
  EXPECT_FLOAT_EQ(rc_step_c(90.0f, 700.0f, 30.0f, kR, kC, 1.0e6f), 47.5f);
  // A tiny mass (tau 2.5 ms) with a 1 s tick still does not oscillate.
  const float die_c = rc_step_c(90.0f, 700.0f, 30.0f, kR, 0.1f, 1.0f);
  EXPECT_GE(die_c, 47.5f - 1e-4f);
  EXPECT_LE(die_c, 47.5f + 1e-4f);
}

TEST(thermal_math_test, mixed_mass_step_matches_analytic_solution) {
  // C dT/dt = Q - G (T - T_sink): Q 50 kW, G 10 kW/K, sink 30 C, C 3e5 J/K (tau 30 s).
  // Steady 30 + 50000 / 10000 = 35 C; after 60 s: 35 + 5 exp(-2) = 35.676676 C.
  EXPECT_NEAR(mixed_mass_step_c(40.0, 50000.0, 10000.0, 30.0, 3.0e5, 60.0), 35.676676416, 1e-8);
  // Gap shrinks by 1/e per time constant C / G.
  const double one_tau = mixed_mass_step_c(40.0, 50000.0, 10000.0, 30.0, 3.0e5, 30.0);
  EXPECT_NEAR((one_tau - 35.0) / (40.0 - 35.0), std::exp(-1.0), 1e-12);
  // Long enough: the steady state.
  EXPECT_NEAR(mixed_mass_step_c(40.0, 50000.0, 10000.0, 30.0, 3.0e5, 1.0e5), 35.0, 1e-12);
}

TEST(thermal_math_test, mixed_mass_step_large_dt_equals_many_small_steps) {
  const double one = mixed_mass_step_c(20.0, 80000.0, 5000.0, 25.0, 4.0e4, 10.0);
  double many = 20.0;
  for (int k = 0; k < 100; ++k) many = mixed_mass_step_c(many, 80000.0, 5000.0, 25.0, 4.0e4, 0.1);
  // Steady 25 + 16 = 41 C, tau 8 s: 41 - 21 exp(-1.25) = 34.98340 C.
  EXPECT_NEAR(one, 34.983399, 1e-6);
  EXPECT_NEAR(many, one, 1e-11);
}

TEST(thermal_math_test, mixed_mass_step_without_flow_rises_at_q_over_c) {
  // G = 0: T + Q dt / C = 40 + 50000 * 6 / 3e5 = 41 C, whatever the sink.
  EXPECT_EQ(mixed_mass_step_c(40.0, 50000.0, 0.0, 30.0, 3.0e5, 6.0), 41.0);
  EXPECT_EQ(mixed_mass_step_c(40.0, 50000.0, 0.0, -100.0, 3.0e5, 6.0), 41.0);
  // Continuous in G: a trickle (G = 1e-3 W/K) is within 1e-6 K of the no-flow limit.
  EXPECT_NEAR(mixed_mass_step_c(40.0, 50000.0, 1.0e-3, 30.0, 3.0e5, 6.0), 41.0, 1e-6);
  // A negative conductance is no flow too.
  EXPECT_EQ(mixed_mass_step_c(40.0, 50000.0, -5.0, 30.0, 3.0e5, 6.0), 41.0);
  // No heat and no flow: nothing moves.
  EXPECT_EQ(mixed_mass_step_c(40.0, 0.0, 0.0, 30.0, 3.0e5, 6.0), 40.0);
}

TEST(thermal_math_test, mixed_mass_step_is_accurate_for_a_trickle) {
  // G dt / C = 2.4e-14: the closed form T_ss + (T - T_ss) e^-x would cancel 5e13-sized terms
  // (7.5e-3 K off here); the step must stay within 1e-9 K of the no-flow limit
  // T + Q dt / C = 40.3 + 48731.7 x 7 / 2.9e5 = 41.476282414 C.
  EXPECT_NEAR(mixed_mass_step_c(40.3, 48731.7, 1.0e-9, 27.1, 2.9e5, 7.0), 41.476282414, 1e-9);
  // Flow through but no heat: the gap to the sink shrinks by x = G dt / C to first order.
  const double x = 1.0e-3 * 6.0 / 3.0e5;
  EXPECT_NEAR(mixed_mass_step_c(40.0, 0.0, 1.0e-3, 30.0, 3.0e5, 6.0), 40.0 - 10.0 * x, 1e-13);
}

TEST(thermal_math_test, mixed_mass_step_without_mass_is_at_steady_state) {
  // C = 0: the mass follows at once: sink + Q / G = 30 + 50000 / 10000 = 35 C.
  EXPECT_EQ(mixed_mass_step_c(40.0, 50000.0, 10000.0, 30.0, 0.0, 1.0), 35.0);
  // ... and with no flow either it keeps its temperature.
  EXPECT_EQ(mixed_mass_step_c(40.0, 50000.0, 0.0, 30.0, 0.0, 1.0), 40.0);
}

// The default limits: slowdown 87, hardware slowdown 89, shutdown 92, resume 70 C.
ThermalParams limits() { return ThermalParams{}; }

TEST(thermal_math_test, next_thermal_state_thresholds_from_normal) {
  const ThermalParams p = limits();
  EXPECT_EQ(next_thermal_state(kThermalNormal, 86.99f, p), kThermalNormal);
  EXPECT_EQ(next_thermal_state(kThermalNormal, 87.0f, p), kThermalSlowdown);
  EXPECT_EQ(next_thermal_state(kThermalNormal, 88.99f, p), kThermalSlowdown);
  EXPECT_EQ(next_thermal_state(kThermalNormal, 89.0f, p), kThermalHwSlowdown);
  EXPECT_EQ(next_thermal_state(kThermalNormal, 91.99f, p), kThermalHwSlowdown);
  EXPECT_EQ(next_thermal_state(kThermalNormal, 92.0f, p), kThermalShutdown);
  EXPECT_EQ(next_thermal_state(kThermalNormal, 150.0f, p), kThermalShutdown);
  EXPECT_EQ(next_thermal_state(kThermalNormal, -20.0f, p), kThermalNormal);
}

TEST(thermal_math_test, next_thermal_state_slowdown_has_2_k_hysteresis) {
  const ThermalParams p = limits();
  // Software slowdown ends only below 87 - 2 = 85 C.
  EXPECT_EQ(next_thermal_state(kThermalSlowdown, 86.0f, p), kThermalSlowdown);
  EXPECT_EQ(next_thermal_state(kThermalSlowdown, 85.01f, p), kThermalSlowdown);
  EXPECT_EQ(next_thermal_state(kThermalSlowdown, 85.0f, p), kThermalNormal);
  EXPECT_EQ(next_thermal_state(kThermalSlowdown, 60.0f, p), kThermalNormal);
  EXPECT_EQ(next_thermal_state(kThermalSlowdown, 89.0f, p), kThermalHwSlowdown);
  // Hardware slowdown steps down to software slowdown, through the same band.
  EXPECT_EQ(next_thermal_state(kThermalHwSlowdown, 88.0f, p), kThermalSlowdown);
  EXPECT_EQ(next_thermal_state(kThermalHwSlowdown, 86.0f, p), kThermalSlowdown);
  EXPECT_EQ(next_thermal_state(kThermalHwSlowdown, 84.9f, p), kThermalNormal);
  // From normal there is no band: 86 C stays normal.
  EXPECT_EQ(next_thermal_state(kThermalNormal, 86.0f, p), kThermalNormal);
}

TEST(thermal_math_test, next_thermal_state_shutdown_holds_until_below_resume_c) {
  const ThermalParams p = limits();
  EXPECT_EQ(next_thermal_state(kThermalShutdown, 95.0f, p), kThermalShutdown);
  EXPECT_EQ(next_thermal_state(kThermalShutdown, 90.0f, p), kThermalShutdown);  // not hw slowdown
  EXPECT_EQ(next_thermal_state(kThermalShutdown, 86.0f, p), kThermalShutdown);
  EXPECT_EQ(next_thermal_state(kThermalShutdown, 70.0f, p), kThermalShutdown);  // not below 70
  EXPECT_EQ(next_thermal_state(kThermalShutdown, 69.99f, p), kThermalNormal);
  EXPECT_EQ(next_thermal_state(kThermalShutdown, 20.0f, p), kThermalNormal);
  // Any state shuts down at the limit.
  EXPECT_EQ(next_thermal_state(kThermalSlowdown, 92.0f, p), kThermalShutdown);
  EXPECT_EQ(next_thermal_state(kThermalHwSlowdown, 92.0f, p), kThermalShutdown);
}

TEST(thermal_math_test, next_thermal_state_uses_the_given_limits) {
  ThermalParams p;
  p.slowdown_c = 80.0f;
  p.hw_slowdown_c = 85.0f;
  p.shutdown_c = 100.0f;
  p.resume_c = 60.0f;
  EXPECT_EQ(next_thermal_state(kThermalNormal, 80.0f, p), kThermalSlowdown);
  EXPECT_EQ(next_thermal_state(kThermalNormal, 86.0f, p), kThermalHwSlowdown);
  EXPECT_EQ(next_thermal_state(kThermalNormal, 99.0f, p), kThermalHwSlowdown);
  EXPECT_EQ(next_thermal_state(kThermalSlowdown, 78.5f, p), kThermalSlowdown);  // band (78, 80)
  EXPECT_EQ(next_thermal_state(kThermalShutdown, 65.0f, p), kThermalShutdown);
  EXPECT_EQ(next_thermal_state(kThermalShutdown, 59.0f, p), kThermalNormal);
}

TEST(thermal_math_test, thermal_power_by_state) {
  const ThermalParams p = limits();  // R 0.025 K/W, hardware slowdown keeps 0.5
  EXPECT_EQ(thermal_power_w(kThermalNormal, 700.0f, 30.0f, p), 700.0f);
  // Software slowdown holds (87 - coolant) / R: 200 W on 82 C coolant.
  EXPECT_NEAR(thermal_power_w(kThermalSlowdown, 700.0f, 82.0f, p), 200.0f, 1e-3f);
  // ... never more than the demand (2280 W of headroom on 30 C coolant) ...
  EXPECT_EQ(thermal_power_w(kThermalSlowdown, 700.0f, 30.0f, p), 700.0f);
  // ... and never negative (coolant above the limit).
  EXPECT_EQ(thermal_power_w(kThermalSlowdown, 700.0f, 95.0f, p), 0.0f);
  EXPECT_EQ(thermal_power_w(kThermalHwSlowdown, 700.0f, 30.0f, p), 350.0f);
  EXPECT_EQ(thermal_power_w(kThermalShutdown, 700.0f, 30.0f, p), 0.0f);
}

TEST(thermal_math_test, slowdown_power_puts_the_steady_state_at_the_limit) {
  const ThermalParams p = limits();
  for (const float coolant_c : {40.0f, 60.0f, 80.0f, 86.0f}) {
    const float hold_w = thermal_power_w(kThermalSlowdown, 5000.0f, coolant_c, p);
    EXPECT_NEAR(coolant_c + hold_w * p.r_k_per_w, p.slowdown_c, 1e-4f) << coolant_c;
  }
}

}  // namespace
}  // namespace aifsim::kernels
