// SPDX-License-Identifier: Apache-2.0
// Per-element power math shared by the host code and both kernel builds (CUDA and OpenMP).
// Equations only; the numbers come from the scenario (defaults cited in sim/scenario/catalog.cpp).
#pragma once

#include <cstdint>

#include "kernels/hd.h"

namespace aifsim::kernels {

AIFSIM_HD inline float clamp01(float x) { return x < 0.0f ? 0.0f : (x > 1.0f ? 1.0f : x); }

/// GPU draw (W): idle + (max - idle) * activity, never above the power limit.
/// activity in [0, 1] (clamped); limit_w is the GPU's power limit (<= max_w in valid input).
AIFSIM_HD inline float gpu_power_w(float idle_w, float max_w, float limit_w, float activity) {
  const float demand_w = idle_w + (max_w - idle_w) * clamp01(activity);
  return demand_w < limit_w ? demand_w : limit_w;
}

/// A load-dependent conversion efficiency curve (PSU, UPS): piecewise linear in the load
/// fraction, flat beyond the first and last points. At most kMaxPoints points.
struct EfficiencyCurve {
  static constexpr int kMaxPoints = 8;
  int points = 0;
  float load_frac[kMaxPoints] = {};
  float efficiency[kMaxPoints] = {};
};

/// Efficiency at `load_frac` (load / rating). A curve with no points means lossless (1.0).
AIFSIM_HD inline float efficiency_at(const EfficiencyCurve& c, float load_frac) {
  if (c.points <= 0) return 1.0f;
  if (load_frac <= c.load_frac[0]) return c.efficiency[0];
  for (int i = 1; i < c.points; ++i) {
    if (load_frac <= c.load_frac[i]) {
      const float t = (load_frac - c.load_frac[i - 1]) / (c.load_frac[i] - c.load_frac[i - 1]);
      return c.efficiency[i - 1] + t * (c.efficiency[i] - c.efficiency[i - 1]);
    }
  }
  return c.efficiency[c.points - 1];
}

/// Rounds value * scale to the nearest integer, halves away from zero. Written out instead of
/// calling std::llround so device code can use it; to_uw and the fixed-point roll-ups share it,
/// which keeps their bits identical.
AIFSIM_HD inline std::int64_t to_fixed(double value, double scale) {
  const double scaled = value * scale;
  return static_cast<std::int64_t>(scaled < 0.0 ? scaled - 0.5 : scaled + 0.5);
}

/// Converts watts to the integer micro-watts used by every roll-up. Integer sums are exact
/// and associative, so a roll-up gives the same bits on any thread count and either backend.
AIFSIM_HD inline std::int64_t to_uw(double watts) { return to_fixed(watts, 1.0e6); }

/// Per-rack-type parameters of the rack power step (POD, copied to the backend).
struct RackTypeParams {
  float cpu_idle_w = 0;       ///< all CPUs of the rack at idle
  float cpu_max_w = 0;        ///< all CPUs of the rack at full load
  float static_w = 0;         ///< switches, NICs, fans, management: load-independent draw
  float psu_capacity_w = 0;   ///< installed PSU / power-shelf DC rating (all units, sharing load)
  EfficiencyCurve psu;        ///< PSU efficiency vs load fraction of psu_capacity_w
  float liquid_fraction = 0;  ///< share of DC power removed by the liquid loop, 0..1
  float loop_heat_capacity_j_per_k = 0;  ///< coolant and metal of the rack loop
  float coolant_cp_j_per_kg_k = 4180;    ///< specific heat of the coolant
  float loop_trip_c = 1.0e9f;            ///< loop temperature that powers the rack off
  float loop_resume_c = 1.0e9f;          ///< loop temperature below which it restarts
};

/// GPU power smoothing (Blackwell-style): a floor as a share of the limit, ramp-rate limits and
/// a hold before ramping down. All zero: off.
struct GpuSmoothing {
  float floor_frac = 0.0f;       ///< the draw never falls below floor_frac x limit while on
  float up_w_per_s = 0.0f;       ///< fastest rise (0: unlimited)
  float down_w_per_s = 0.0f;     ///< fastest fall (0: unlimited)
  float hysteresis_s = 0.0f;     ///< demand must stay lower this long before the draw falls
  AIFSIM_HD bool active() const {
    return floor_frac > 0.0f || up_w_per_s > 0.0f || down_w_per_s > 0.0f || hysteresis_s > 0.0f;
  }
};

/// The draw of a smoothed GPU this tick, from its demand, its limit and last tick's draw.
/// below_s counts how long the demand has stayed under the draw (state, updated here).
AIFSIM_HD inline float smoothed_power_w(float demand_w, float limit_w, float prev_w, float& below_s,
                                        const GpuSmoothing& s, float dt_s) {
  const float floor_w = s.floor_frac * limit_w;
  const float target = demand_w > floor_w ? demand_w : floor_w;
  float out = target;
  if (target >= prev_w) {
    below_s = 0.0f;
    if (s.up_w_per_s > 0.0f && target > prev_w + s.up_w_per_s * dt_s) out = prev_w + s.up_w_per_s * dt_s;
  } else {
    below_s += dt_s;
    if (below_s < s.hysteresis_s) {
      out = prev_w;  // hold until the fall has lasted the hysteresis
    } else if (s.down_w_per_s > 0.0f && target < prev_w - s.down_w_per_s * dt_s) {
      out = prev_w - s.down_w_per_s * dt_s;
    }
  }
  return out < limit_w ? out : limit_w;
}

/// Rack DC power (W) = GPUs + CPUs (following the rack's utilization) + static components.
AIFSIM_HD inline double rack_dc_power_w(const RackTypeParams& t, double gpu_w, float utilization) {
  return gpu_w + t.cpu_idle_w + (t.cpu_max_w - t.cpu_idle_w) * clamp01(utilization) + t.static_w;
}

/// AC input power (W) the rack's PSUs draw to deliver dc_w.
AIFSIM_HD inline double rack_input_power_w(const RackTypeParams& t, double dc_w) {
  const float frac = t.psu_capacity_w > 0 ? static_cast<float>(dc_w / t.psu_capacity_w) : 0.0f;
  return dc_w / efficiency_at(t.psu, frac);
}

}  // namespace aifsim::kernels
