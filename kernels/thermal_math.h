// SPDX-License-Identifier: Apache-2.0
// Per-GPU thermal math shared by the host code and both kernel builds: the exact RC step of
// the die and the thermal-limit state machine (software slowdown, hardware slowdown,
// shutdown). Equations only; parameters come from the scenario's GPU and rack types.
#pragma once

#include <cmath>
#include <cstdint>

#include "kernels/hd.h"

namespace aifsim::kernels {

/// Thermal state of one GPU (stored as int8 in the fleet arrays).
enum ThermalState : std::int8_t {
  kThermalNormal = 0,
  kThermalSlowdown = 1,    ///< software slowdown: power held so the die stays at the limit
  kThermalHwSlowdown = 2,  ///< hardware slowdown: clocks cut hard
  kThermalShutdown = 3,    ///< off until it cools below resume_c
};

/// Thermal parameters of a GPU on its cold plate (or heat sink).
struct ThermalParams {
  float r_k_per_w = 0.025f;      ///< die to local coolant
  float c_j_per_k = 800.0f;      ///< die + cold plate heat capacity
  float slowdown_c = 87.0f;      ///< software thermal slowdown begins
  float hw_slowdown_c = 89.0f;   ///< hardware slowdown
  float shutdown_c = 92.0f;      ///< thermal shutdown
  float resume_c = 70.0f;        ///< a shut-down GPU restarts below this
  float hw_slowdown_power_frac = 0.5f;  ///< power kept under hardware slowdown (of the demand)
};

/// The share of a die's distance to its steady state left after dt_s: exp(-dt / (R C)).
AIFSIM_HD inline float rc_decay(float r_k_per_w, float c_j_per_k, float dt_s) {
  return expf(-dt_s / (r_k_per_w * c_j_per_k));
}

/// rc_step_c with its decay (rc_decay) computed once for every GPU that shares R, C and dt.
AIFSIM_HD inline float rc_step_decay_c(float die_c, float power_w, float coolant_c, float r_k_per_w,
                                       float decay) {
  const float steady_c = coolant_c + power_w * r_k_per_w;
  return steady_c + (die_c - steady_c) * decay;
}

/// Die temperature after dt_s at constant power_w and coolant_c, integrated exactly:
/// T(t + dt) = T_ss + (T - T_ss) exp(-dt / (R C)), T_ss = coolant + P R. Stable for any dt.
AIFSIM_HD inline float rc_step_c(float die_c, float power_w, float coolant_c, float r_k_per_w,
                                 float c_j_per_k, float dt_s) {
  return rc_step_decay_c(die_c, power_w, coolant_c, r_k_per_w, rc_decay(r_k_per_w, c_j_per_k, dt_s));
}

/// Temperature of a well-mixed thermal mass C (J/K) after dt_s, heated by heat_w and cooled
/// through conductance_w_per_k toward sink_c: C dT/dt = Q - G (T - T_sink), integrated exactly
/// as T + (Q dt / C - (T - T_sink) x) phi(x) with x = G dt / C and phi(x) = (1 - e^-x) / x.
/// expm1 keeps phi accurate for tiny x, so G = 0 (no flow) gives exactly T + Q dt / C, and
/// any dt is stable. C <= 0 (no mass) returns the steady state.
AIFSIM_HD inline double mixed_mass_step_c(double temp_c, double heat_w, double conductance_w_per_k,
                                          double sink_c, double c_j_per_k, double dt_s) {
  const double g = conductance_w_per_k > 0.0 ? conductance_w_per_k : 0.0;
  if (c_j_per_k <= 0.0) return g > 0.0 ? sink_c + heat_w / g : temp_c;
  const double x = g * dt_s / c_j_per_k;
  const double phi = x == 0.0 ? 1.0 : -expm1(-x) / x;
  return temp_c + (heat_w * dt_s / c_j_per_k - (temp_c - sink_c) * x) * phi;
}

/// Next thermal state from the die temperature at the start of a tick (with hysteresis:
/// slowdown ends 2 K below its threshold; shutdown ends below resume_c).
AIFSIM_HD inline std::int8_t next_thermal_state(std::int8_t state, float die_c, const ThermalParams& p) {
  if (die_c >= p.shutdown_c) return kThermalShutdown;
  if (state == kThermalShutdown) return die_c < p.resume_c ? kThermalNormal : kThermalShutdown;
  if (die_c >= p.hw_slowdown_c) return kThermalHwSlowdown;
  if (die_c >= p.slowdown_c) return kThermalSlowdown;
  if (state != kThermalNormal && die_c > p.slowdown_c - 2.0f) return kThermalSlowdown;
  return kThermalNormal;
}

/// Power (W) a GPU may draw in `state`: software slowdown holds the power whose steady state
/// is the slowdown temperature, (T_slowdown - T_coolant) / R, so the die settles at the limit
/// instead of oscillating; hardware slowdown keeps a fixed fraction; shutdown draws nothing.
AIFSIM_HD inline float thermal_power_w(std::int8_t state, float demand_w, float coolant_c,
                                       const ThermalParams& p) {
  switch (state) {
    case kThermalSlowdown: {
      const float hold_w = (p.slowdown_c - coolant_c) / p.r_k_per_w;
      const float w = hold_w < demand_w ? hold_w : demand_w;
      return w > 0.0f ? w : 0.0f;
    }
    case kThermalHwSlowdown:
      return demand_w * p.hw_slowdown_power_frac;
    case kThermalShutdown:
      return 0.0f;
    default:
      return demand_w;
  }
}

}  // namespace aifsim::kernels
