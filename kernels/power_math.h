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
