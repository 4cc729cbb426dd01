// SPDX-License-Identifier: Apache-2.0
// Shared by the kernel tests: a random fleet (fixed seed) with varied coolant and thermal
// parameters, host-loop references of every kernel, and consecutive ticks run on a backend
// through the simulation's own sequence (kernels::fleet_tick).
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <random>
#include <span>
#include <vector>

#include "kernels/counter_rng.h"
#include "kernels/device_buffer.h"
#include "kernels/fleet_kernels.h"
#include "kernels/fleet_tick.h"
#include "kernels/power_math.h"
#include "kernels/thermal_math.h"

namespace aifsim::kernels::test {

/// What one tick leaves for the next: per-GPU thermal state and the per-rack coolant loop.
struct FleetState {
  std::vector<float> die_c;                ///< per GPU
  std::vector<std::int8_t> thermal_state;  ///< per GPU, a ThermalState
  std::vector<float> die_max_c;            ///< per GPU
  std::vector<float> loop_c;               ///< per rack: loop mean temperature
  std::vector<float> coolant_c;            ///< per rack: coolant the GPUs see next tick
};

/// A fleet in host memory: its layout (GPUs grouped into racks, contiguous, so rack ids are
/// non-decreasing; racks into rows, rows into halls; rack types index both `rack_types` and
/// `thermal`), the inputs every tick sees and the state of tick 0.
struct HostFleet : FleetLayout {
  std::vector<float> group_utilization;
  std::vector<std::uint64_t> group_epoch;  ///< at tick 0; distinct per group, so a mix-up shows
  std::vector<float> rack_supply_c;
  std::vector<float> rack_flow_kg_s;
  float dt_s = 1.0f;
  FleetState initial;
};

/// Index of the air-cooled rack type in make_rack_types() / make_thermal_params().
inline constexpr std::int32_t kAirType = 1;

/// Three rack types with realistic PSU curves: a direct-liquid-cooled rack (Titanium-like
/// curve), an air-cooled rack (liquid_fraction 0) and a hot-running liquid rack with a small,
/// fast loop.
inline std::vector<RackTypeParams> make_rack_types() {
  RackTypeParams a;
  a.cpu_idle_w = 2400.0f;
  a.cpu_max_w = 9000.0f;
  a.static_w = 6000.0f;
  a.psu_capacity_w = 160000.0f;
  a.psu.points = 4;
  const float a_load[] = {0.1f, 0.2f, 0.5f, 1.0f};
  const float a_eff[] = {0.90f, 0.94f, 0.96f, 0.91f};
  std::copy(std::begin(a_load), std::end(a_load), a.psu.load_frac);
  std::copy(std::begin(a_eff), std::end(a_eff), a.psu.efficiency);
  a.liquid_fraction = 0.85f;
  a.loop_heat_capacity_j_per_k = 3.0e5f;  // ~60 l of water plus manifolds and plates
  a.coolant_cp_j_per_kg_k = 4180.0f;

  RackTypeParams b;
  b.cpu_idle_w = 800.0f;
  b.cpu_max_w = 3000.0f;
  b.static_w = 1500.0f;
  b.psu_capacity_w = 60000.0f;
  b.psu.points = 3;
  const float b_load[] = {0.2f, 0.5f, 1.0f};
  const float b_eff[] = {0.92f, 0.95f, 0.93f};
  std::copy(std::begin(b_load), std::end(b_load), b.psu.load_frac);
  std::copy(std::begin(b_eff), std::end(b_eff), b.psu.efficiency);
  b.liquid_fraction = 0.0f;  // air-cooled
  b.loop_heat_capacity_j_per_k = 1.0e5f;  // ignored: no loop

  RackTypeParams c;
  c.cpu_idle_w = 1000.0f;
  c.cpu_max_w = 4000.0f;
  c.static_w = 3000.0f;
  c.psu_capacity_w = 120000.0f;
  c.psu.points = 4;
  const float c_load[] = {0.1f, 0.3f, 0.6f, 1.0f};
  const float c_eff[] = {0.88f, 0.93f, 0.95f, 0.92f};
  std::copy(std::begin(c_load), std::end(c_load), c.psu.load_frac);
  std::copy(std::begin(c_eff), std::end(c_eff), c.psu.efficiency);
  c.liquid_fraction = 0.7f;
  c.loop_heat_capacity_j_per_k = 4.0e4f;  // small loop: time constant of seconds
  c.coolant_cp_j_per_kg_k = 3600.0f;      // glycol mix
  return {a, b, c};
}

/// GPU thermal parameters of the three rack types: the ThermalParams defaults (tau = R C =
/// 20 s), an air-cooled GPU (tau 22.5 s, lower limits) and a poor cold plate with a small mass
/// (tau 3 s, so states change within a few ticks).
inline std::vector<ThermalParams> make_thermal_params() {
  const ThermalParams a;  // R 0.025 K/W, C 800 J/K, 87 / 89 / 92 C, resume 70 C
  ThermalParams b;
  b.r_k_per_w = 0.045f;
  b.c_j_per_k = 500.0f;
  b.slowdown_c = 83.0f;
  b.hw_slowdown_c = 87.0f;
  b.shutdown_c = 90.0f;
  b.resume_c = 65.0f;
  b.hw_slowdown_power_frac = 0.6f;
  ThermalParams c;
  c.r_k_per_w = 0.05f;
  c.c_j_per_k = 60.0f;
  c.slowdown_c = 85.0f;
  c.hw_slowdown_c = 88.0f;
  c.shutdown_c = 95.0f;
  c.resume_c = 75.0f;
  c.hw_slowdown_power_frac = 0.4f;
  return {a, b, c};
}

/// Random fleet of `racks` racks with 1..max_gpus_per_rack GPUs each, 5 racks per row and
/// 4 rows per hall. Limits are sometimes below idle and utilizations sometimes outside [0, 1]
/// so the clamps are exercised. Coolant supplies (18..55 C), flows (one liquid rack in seven
/// stopped) and starting die temperatures (coolant + 0..70 K, some GPUs already throttled or
/// shut down) are spread so that within a few ticks GPUs throttle, hit hardware slowdown,
/// shut down and resume.
inline HostFleet make_fleet(std::size_t racks, int max_gpus_per_rack, std::uint64_t seed) {
  HostFleet f;
  f.seed = seed;
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<float> unit(0.0f, 1.0f);
  constexpr int kGroups = 7;
  for (int g = 0; g < kGroups; ++g) {
    f.group_utilization.push_back(-0.2f + 1.4f * unit(rng));
    f.group_jitter.push_back(0.25f * unit(rng));
    EfficiencyCurve speed;  // rises to 1 at a random knee between 30 % and 90 % of TDP
    speed.points = 2;
    speed.load_frac[0] = 0.1f;
    speed.efficiency[0] = 0.2f;
    speed.load_frac[1] = 0.3f + 0.6f * unit(rng);
    speed.efficiency[1] = 1.0f;
    f.group_speed.push_back(speed);
    f.group_epoch.push_back(17 + 5 * static_cast<std::uint64_t>(g));
  }
  f.rack_types = make_rack_types();
  f.thermal = make_thermal_params();
  std::uniform_int_distribution<int> gpus_in_rack(1, max_gpus_per_rack);
  std::uniform_int_distribution<int> group(0, kGroups - 1);
  std::size_t gpu = 0;
  for (std::size_t r = 0; r < racks; ++r) {
    const auto type = static_cast<std::int32_t>(r % f.rack_types.size());
    const int rack_group = group(rng);
    f.rack_type.push_back(type);
    f.rack_row.push_back(static_cast<std::int32_t>(r / 5));
    const float lowest_supply_c = type == kAirType ? 18.0f : (type == 0 ? 20.0f : 30.0f);
    const float supply_c = lowest_supply_c + 25.0f * unit(rng);
    const float flow = unit(rng);
    f.rack_supply_c.push_back(supply_c);
    // Air racks get a flow too: rack_step must ignore it.
    f.rack_flow_kg_s.push_back(flow < 1.0f / 7.0f ? 0.0f : 0.3f + 1.7f * flow);
    const float loop_c = type == kAirType ? supply_c : supply_c + 8.0f * unit(rng);
    f.initial.loop_c.push_back(loop_c);
    f.initial.coolant_c.push_back(loop_c);
    const int n = gpus_in_rack(rng);
    for (int i = 0; i < n; ++i, ++gpu) {
      const float idle_w = 60.0f + 40.0f * unit(rng);
      const float max_w = 700.0f + 300.0f * unit(rng);
      // One GPU in eight is capped below its idle draw.
      const float limit_w = (i % 8 == 3) ? idle_w * unit(rng)
                                         : idle_w + (max_w - idle_w) * (0.5f + unit(rng));
      f.gpu_group.push_back(i % 3 == 0 ? rack_group : group(rng));
      f.gpu_rack.push_back(static_cast<std::int32_t>(r));
      f.idle_w.push_back(idle_w);
      f.max_w.push_back(max_w);
      f.limit_w.push_back(limit_w);
      const float die_c = loop_c + 70.0f * unit(rng);
      f.initial.die_c.push_back(die_c);
      // Some GPUs start shut down or throttled, so resume and the hysteresis band show up.
      f.initial.thermal_state.push_back(gpu % 11 == 5   ? std::int8_t{kThermalShutdown}
                                        : gpu % 13 == 7 ? std::int8_t{kThermalSlowdown}
                                                        : std::int8_t{kThermalNormal});
      // One GPU in five has been hotter before.
      f.initial.die_max_c.push_back(gpu % 5 == 0 ? die_c + 10.0f : die_c);
    }
  }
  const std::size_t rows = racks == 0 ? 0 : static_cast<std::size_t>(f.rack_row.back()) + 1;
  for (std::size_t w = 0; w < rows; ++w) f.row_hall.push_back(static_cast<std::int32_t>(w / 4));
  return f;
}

/// Group epochs at `tick`: groups 0, 3, 6 keep their epoch (a jitter period longer than the
/// run), the others advance by 1 or 2 per tick.
inline std::vector<std::uint64_t> tick_epochs(const HostFleet& f, int tick) {
  std::vector<std::uint64_t> epochs = f.group_epoch;
  for (std::size_t g = 0; g < epochs.size(); ++g) {
    epochs[g] += static_cast<std::uint64_t>(tick) * (g % 3);
  }
  return epochs;
}

/// Everything one tick produces, and the state it leaves.
struct TickResult {
  std::vector<float> activity;
  std::vector<float> power_w;
  std::vector<float> speed;
  std::vector<std::int8_t> entered;
  std::vector<std::int64_t> rack_gpu_uw;
  std::vector<std::int64_t> rack_activity_micro;
  std::vector<float> rack_die_max_c;
  ThermalCounts thermal;
  std::vector<std::int64_t> rack_dc_uw;
  std::vector<std::int64_t> rack_input_uw;
  std::vector<std::int64_t> rack_liquid_uw;
  std::vector<std::int64_t> rack_air_uw;
  std::vector<float> rack_return_c;
  std::vector<std::int64_t> row_uw;
  std::vector<std::int64_t> hall_uw;
  std::int64_t facility_uw = 0;
  double smoothing_extra_w = 0;  ///< not in the reference: it has no smoothing
  FleetState state;  ///< after the tick
};

// ---- Host-loop references, written independently of the Thrust code ----

/// The thermal state machine written out from the thermal_math.h comments.
inline std::int8_t reference_thermal_state(std::int8_t before, float die_c,
                                           const ThermalParams& p) {
  if (die_c >= p.shutdown_c) return kThermalShutdown;
  if (before == kThermalShutdown) return die_c < p.resume_c ? kThermalNormal : kThermalShutdown;
  if (die_c >= p.hw_slowdown_c) return kThermalHwSlowdown;
  if (die_c >= p.slowdown_c) return kThermalSlowdown;
  // Hysteresis: a throttled GPU leaves slowdown only 2 K below the threshold.
  if (before != kThermalNormal && die_c > p.slowdown_c - 2.0f) return kThermalSlowdown;
  return kThermalNormal;
}

/// One GPU step of every GPU: reads s.coolant_c, updates the per-GPU part of `s`, writes
/// activity, power and entered into `r`.
inline void reference_gpu_step(const HostFleet& f, const std::vector<std::uint64_t>& epochs,
                               FleetState& s, TickResult& r) {
  r.activity.resize(f.gpus());
  r.power_w.resize(f.gpus());
  r.speed.resize(f.gpus());
  r.entered.resize(f.gpus());
  for (std::size_t i = 0; i < f.gpus(); ++i) {
    const auto g = static_cast<std::size_t>(f.gpu_group[i]);
    const double draw = counter_uniform(f.seed, i, epochs[g]);
    const float noise = static_cast<float>(2.0 * draw - 1.0);
    const float a = std::clamp(f.group_utilization[g] + f.group_jitter[g] * noise, 0.0f, 1.0f);
    const float demand_w = std::min(f.idle_w[i] + (f.max_w[i] - f.idle_w[i]) * a, f.limit_w[i]);

    const auto rack = static_cast<std::size_t>(f.gpu_rack[i]);
    const ThermalParams& p = f.thermal[static_cast<std::size_t>(f.rack_type[rack])];
    const float coolant_c = s.coolant_c[rack];
    const std::int8_t before = s.thermal_state[i];
    const std::int8_t state = reference_thermal_state(before, s.die_c[i], p);
    float power_w = demand_w;
    if (state == kThermalSlowdown) {
      power_w = std::max(0.0f, std::min((p.slowdown_c - coolant_c) / p.r_k_per_w, demand_w));
    } else if (state == kThermalHwSlowdown) {
      power_w = demand_w * p.hw_slowdown_power_frac;
    } else if (state == kThermalShutdown) {
      power_w = 0.0f;
    }
    // Exact RC step: T -> T_ss + (T - T_ss) exp(-dt / (R C)), T_ss = coolant + P R.
    const float steady_c = coolant_c + power_w * p.r_k_per_w;
    const float decay = std::exp(-f.dt_s / (p.r_k_per_w * p.c_j_per_k));
    const float die_c = steady_c + (s.die_c[i] - steady_c) * decay;

    r.activity[i] = state == kThermalShutdown ? 0.0f : a;
    r.power_w[i] = power_w;
    // Speed: the group's curve at the power allowed at full activity (limit, then thermal).
    float cap_w = std::min(f.limit_w[i], f.max_w[i]);
    if (state == kThermalSlowdown) cap_w = std::max(0.0f, std::min((p.slowdown_c - coolant_c) / p.r_k_per_w, cap_w));
    if (state == kThermalHwSlowdown) cap_w *= p.hw_slowdown_power_frac;
    if (state == kThermalShutdown) cap_w = 0.0f;
    const EfficiencyCurve& c = f.group_speed[g];
    const float x = cap_w / f.max_w[i];
    float speed = x <= c.load_frac[0] ? c.efficiency[0] : c.efficiency[1];
    if (x > c.load_frac[0] && x < c.load_frac[1])
      speed = c.efficiency[0] + (x - c.load_frac[0]) / (c.load_frac[1] - c.load_frac[0]) * (c.efficiency[1] - c.efficiency[0]);
    r.speed[i] = cap_w > 0.0f ? speed : 0.0f;
    r.entered[i] = state > before ? state : std::int8_t{0};
    s.thermal_state[i] = state;
    s.die_c[i] = die_c;
    s.die_max_c[i] = std::max(s.die_max_c[i], die_c);
  }
}

/// Segmented sum over runs of equal keys, with convert(value) per element.
template <class T, class Convert>
std::vector<std::int64_t> reference_sum_by_key(const std::vector<std::int32_t>& keys,
                                               const std::vector<T>& values, Convert convert) {
  std::vector<std::int64_t> out;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (i == 0 || keys[i] != keys[i - 1]) out.push_back(0);
    out.back() += convert(values[i]);
  }
  return out;
}

inline std::vector<std::int64_t> reference_sum_fixed(const std::vector<std::int32_t>& keys,
                                                     const std::vector<float>& values,
                                                     double scale) {
  return reference_sum_by_key(keys, values, [scale](float v) {
    return static_cast<std::int64_t>(std::llround(static_cast<double>(v) * scale));
  });
}

inline std::vector<std::int64_t> reference_sum_int(const std::vector<std::int32_t>& keys,
                                                   const std::vector<std::int64_t>& values) {
  return reference_sum_by_key(keys, values, [](std::int64_t v) { return v; });
}

/// Segmented maximum over runs of equal keys.
inline std::vector<float> reference_max_by_key(const std::vector<std::int32_t>& keys,
                                               const std::vector<float>& values) {
  std::vector<float> out;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    if (i == 0 || keys[i] != keys[i - 1]) {
      out.push_back(values[i]);
    } else {
      out.back() = std::max(out.back(), values[i]);
    }
  }
  return out;
}

inline ThermalCounts reference_thermal_counts(const std::vector<std::int8_t>& state,
                                              const std::vector<std::int8_t>& entered,
                                              const std::vector<float>& die_c) {
  ThermalCounts c;
  for (std::size_t i = 0; i < state.size(); ++i) {
    c.throttled += state[i] == kThermalSlowdown || state[i] == kThermalHwSlowdown;
    c.shut_down += state[i] == kThermalShutdown;
    c.entered += entered[i] != 0;
    c.entered_shutdown += entered[i] == kThermalShutdown;
    c.die_max_c = std::max(c.die_max_c, die_c[i]);
  }
  return c;
}

/// Piecewise-linear efficiency, written out from the definition (not efficiency_at).
inline float reference_efficiency(const EfficiencyCurve& c, float load_frac) {
  if (c.points <= 0) return 1.0f;
  if (load_frac <= c.load_frac[0]) return c.efficiency[0];
  if (load_frac > c.load_frac[c.points - 1]) return c.efficiency[c.points - 1];
  int i = 1;
  while (load_frac > c.load_frac[i]) ++i;
  const float t = (load_frac - c.load_frac[i - 1]) / (c.load_frac[i] - c.load_frac[i - 1]);
  return c.efficiency[i - 1] + t * (c.efficiency[i] - c.efficiency[i - 1]);
}

/// Rack DC power (W) from the GPUs' micro-watts, the CPUs at the rack's mean GPU activity and
/// the static draw.
inline double reference_rack_dc_w(const HostFleet& f, std::size_t r, std::int64_t gpu_uw,
                                  std::int64_t activity_micro) {
  const RackTypeParams& t = f.rack_types[static_cast<std::size_t>(f.rack_type[r])];
  const auto gpus = std::count(f.gpu_rack.begin(), f.gpu_rack.end(), static_cast<std::int32_t>(r));
  const float u = gpus > 0 ? static_cast<float>(static_cast<double>(activity_micro) / (1.0e6 * static_cast<double>(gpus)))
                           : 0.0f;
  return static_cast<double>(gpu_uw) / 1.0e6 + t.cpu_idle_w + (t.cpu_max_w - t.cpu_idle_w) * u +
         t.static_w;
}

/// The rack power and coolant-loop step: reads s.loop_c, updates s.loop_c and s.coolant_c.
inline void reference_rack_step(const HostFleet& f, const std::vector<std::int64_t>& gpu_uw,
                                FleetState& s, TickResult& r) {
  r.rack_dc_uw.resize(f.racks());
  r.rack_input_uw.resize(f.racks());
  r.rack_liquid_uw.resize(f.racks());
  r.rack_air_uw.resize(f.racks());
  r.rack_return_c.resize(f.racks());
  for (std::size_t k = 0; k < f.racks(); ++k) {
    const RackTypeParams& t = f.rack_types[static_cast<std::size_t>(f.rack_type[k])];
    const double dc_w = reference_rack_dc_w(f, k, gpu_uw[k], r.rack_activity_micro[k]);
    const float frac = t.psu_capacity_w > 0 ? static_cast<float>(dc_w / t.psu_capacity_w) : 0.0f;
    const double input_w = dc_w / reference_efficiency(t.psu, frac);
    const double liquid_w = static_cast<double>(t.liquid_fraction) * dc_w;
    r.rack_dc_uw[k] = std::llround(dc_w * 1.0e6);
    r.rack_input_uw[k] = std::llround(input_w * 1.0e6);
    // The air takes the PSU losses and whatever the loop does not.
    r.rack_air_uw[k] = std::llround((input_w - liquid_w) * 1.0e6);
    const double supply_c = f.rack_supply_c[k];
    if (t.liquid_fraction <= 0.0f) {  // air-cooled: no loop, the GPUs see the inlet air
      s.loop_c[k] = f.rack_supply_c[k];
      s.coolant_c[k] = f.rack_supply_c[k];
      r.rack_return_c[k] = f.rack_supply_c[k];
      r.rack_liquid_uw[k] = 0;
      continue;
    }
    // C dT/dt = Q - G (T - T_supply), G = 2 m c_p, integrated exactly over dt. Written as the
    // classic closed form; the kernel's expm1 form differs from it in the last bits of the
    // double, which rounding to the float state absorbs.
    const double g_w_per_k = 2.0 * static_cast<double>(f.rack_flow_kg_s[k]) *
                             static_cast<double>(t.coolant_cp_j_per_kg_k);
    const double c_j_per_k = t.loop_heat_capacity_j_per_k;
    const double dt_s = f.dt_s;
    const double before_c = s.loop_c[k];
    double mean_c = before_c + liquid_w * dt_s / c_j_per_k;  // no flow: all heat stays
    if (g_w_per_k > 0.0) {
      const double steady_c = supply_c + liquid_w / g_w_per_k;
      mean_c = steady_c + (before_c - steady_c) * std::exp(-g_w_per_k * dt_s / c_j_per_k);
    }
    // The loop stores what its (float) state gains; the CDU gets the rest.
    const auto stored_c = static_cast<float>(mean_c);
    r.rack_liquid_uw[k] =
        std::llround((liquid_w - c_j_per_k * (stored_c - before_c) / dt_s) * 1.0e6);
    s.loop_c[k] = stored_c;
    s.coolant_c[k] = stored_c;
    r.rack_return_c[k] = static_cast<float>(g_w_per_k > 0.0 ? 2.0 * mean_c - supply_c : mean_c);
  }
}

/// One tick from state `s` (updated in place): GPU step, GPU -> rack (power, activity, hottest
/// die), thermal counts, rack step, rack -> row -> hall -> facility.
inline TickResult reference_tick(const HostFleet& f, FleetState& s, int tick) {
  TickResult r;
  reference_gpu_step(f, tick_epochs(f, tick), s, r);
  r.rack_gpu_uw = reference_sum_fixed(f.gpu_rack, r.power_w, 1.0e6);
  r.rack_activity_micro = reference_sum_fixed(f.gpu_rack, r.activity, 1.0e6);
  r.rack_die_max_c = reference_max_by_key(f.gpu_rack, s.die_c);
  r.thermal = reference_thermal_counts(s.thermal_state, r.entered, s.die_c);
  reference_rack_step(f, r.rack_gpu_uw, s, r);
  r.row_uw = reference_sum_int(f.rack_row, r.rack_input_uw);
  r.hall_uw = reference_sum_int(f.row_hall, r.row_uw);
  for (const std::int64_t v : r.hall_uw) r.facility_uw += v;
  r.state = s;
  return r;
}

/// `ticks` consecutive ticks from f.initial.
inline std::vector<TickResult> reference_ticks(const HostFleet& f, int ticks) {
  FleetState s = f.initial;
  std::vector<TickResult> out;
  for (int t = 0; t < ticks; ++t) out.push_back(reference_tick(f, s, t));
  return out;
}

// ---- Ticks on a backend ----

template <class T>
std::vector<T> to_host(const DeviceBuffer<T>& buffer) {
  std::vector<T> host(buffer.size());
  buffer.download(host);
  return host;
}

/// A HostFleet resident on a backend, with its state, as the simulation keeps it between ticks.
class BackendFleet {
 public:
  BackendFleet(Backend backend, const HostFleet& f) : f_(f), fleet_(backend, f) {
    fleet_.group_utilization.upload(f.group_utilization);
    fleet_.rack_supply_c.upload(f.rack_supply_c);
    fleet_.rack_flow_kg_s.upload(f.rack_flow_kg_s);
    load_state(f.initial);
  }

  void load_state(const FleetState& s) {
    fleet_.die_c.upload(s.die_c);
    fleet_.thermal_state.upload(s.thermal_state);
    fleet_.die_max_c.upload(s.die_max_c);
    fleet_.rack_loop_c.upload(s.loop_c);
    fleet_.rack_coolant_c.upload(s.coolant_c);
    // The reference fleet has no protection: no rack ever trips, so none starts tripped.
    fleet_.rack_tripped.upload(std::vector<std::int8_t>(f_.racks()));
  }

  /// The simulation's tick (kernels::fleet_tick) at tick `tick`, read back.
  TickResult tick(int tick) {
    fleet_.group_epoch.upload(tick_epochs(f_, tick));
    const FleetTotals totals = fleet_tick(fleet_.backend(), fleet_.view(), f_.dt_s);
    TickResult r;
    r.thermal = totals.thermal;
    r.facility_uw = totals.input_power_uw;
    r.smoothing_extra_w = totals.smoothing_extra_w;
    r.activity = to_host(fleet_.activity);
    r.power_w = to_host(fleet_.power_w);
    r.speed = to_host(fleet_.speed);
    r.entered = to_host(fleet_.entered);
    r.rack_gpu_uw = to_host(fleet_.rack_gpu_power_uw);
    r.rack_activity_micro = to_host(fleet_.rack_activity_micro);
    r.rack_die_max_c = to_host(fleet_.rack_die_max_c);
    r.rack_dc_uw = to_host(fleet_.rack_dc_power_uw);
    r.rack_input_uw = to_host(fleet_.rack_input_power_uw);
    r.rack_liquid_uw = to_host(fleet_.rack_liquid_heat_uw);
    r.rack_air_uw = to_host(fleet_.rack_air_heat_uw);
    r.rack_return_c = to_host(fleet_.rack_return_c);
    r.row_uw = to_host(fleet_.row_input_power_uw);
    r.hall_uw = to_host(fleet_.hall_input_power_uw);
    r.state.die_c = to_host(fleet_.die_c);
    r.state.thermal_state = to_host(fleet_.thermal_state);
    r.state.die_max_c = to_host(fleet_.die_max_c);
    r.state.loop_c = to_host(fleet_.rack_loop_c);
    r.state.coolant_c = to_host(fleet_.rack_coolant_c);
    return r;
  }

  const FleetBuffers& buffers() const { return fleet_; }

 private:
  const HostFleet& f_;
  FleetBuffers fleet_;
};

/// `ticks` consecutive ticks from f.initial on `backend`, the state staying on the backend.
inline std::vector<TickResult> run_ticks(Backend backend, const HostFleet& f, int ticks) {
  BackendFleet fleet(backend, f);
  std::vector<TickResult> out;
  for (int t = 0; t < ticks; ++t) out.push_back(fleet.tick(t));
  return out;
}

/// Bitwise float equality (EXPECT_EQ on floats would accept +0 == -0).
inline bool same_bits(const std::vector<float>& a, const std::vector<float>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::bit_cast<std::uint32_t>(a[i]) != std::bit_cast<std::uint32_t>(b[i])) return false;
  }
  return true;
}

inline void expect_same_counts(const ThermalCounts& got, const ThermalCounts& want) {
  EXPECT_EQ(got.throttled, want.throttled);
  EXPECT_EQ(got.shut_down, want.shut_down);
  EXPECT_EQ(got.entered, want.entered);
  EXPECT_EQ(got.entered_shutdown, want.entered_shutdown);
  EXPECT_EQ(std::bit_cast<std::uint32_t>(got.die_max_c),
            std::bit_cast<std::uint32_t>(want.die_max_c))
      << got.die_max_c << " vs " << want.die_max_c;
}

/// Every output and the state after the tick, bit for bit.
inline void expect_same_tick(const TickResult& got, const TickResult& want) {
  EXPECT_TRUE(same_bits(got.activity, want.activity));
  EXPECT_TRUE(same_bits(got.power_w, want.power_w));
  EXPECT_EQ(got.entered, want.entered);
  EXPECT_EQ(got.rack_gpu_uw, want.rack_gpu_uw);
  EXPECT_EQ(got.rack_activity_micro, want.rack_activity_micro);
  EXPECT_TRUE(same_bits(got.rack_die_max_c, want.rack_die_max_c));
  expect_same_counts(got.thermal, want.thermal);
  EXPECT_EQ(got.rack_dc_uw, want.rack_dc_uw);
  EXPECT_EQ(got.rack_input_uw, want.rack_input_uw);
  EXPECT_EQ(got.rack_liquid_uw, want.rack_liquid_uw);
  EXPECT_EQ(got.rack_air_uw, want.rack_air_uw);
  EXPECT_TRUE(same_bits(got.rack_return_c, want.rack_return_c));
  EXPECT_EQ(got.row_uw, want.row_uw);
  EXPECT_EQ(got.hall_uw, want.hall_uw);
  EXPECT_EQ(got.facility_uw, want.facility_uw);
  EXPECT_TRUE(same_bits(got.state.die_c, want.state.die_c));
  EXPECT_EQ(got.state.thermal_state, want.state.thermal_state);
  EXPECT_TRUE(same_bits(got.state.die_max_c, want.state.die_max_c));
  EXPECT_TRUE(same_bits(got.state.loop_c, want.state.loop_c));
  EXPECT_TRUE(same_bits(got.state.coolant_c, want.state.coolant_c));
}

/// expect_same_tick over a run, tick by tick.
inline void expect_same_ticks(const std::vector<TickResult>& got,
                              const std::vector<TickResult>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t t = 0; t < got.size(); ++t) {
    SCOPED_TRACE(testing::Message() << "tick " << t);
    expect_same_tick(got[t], want[t]);
  }
}

/// Non-decreasing keys in runs of 1..max_run (some keys skipped, so runs != key values).
inline std::vector<std::int32_t> random_keys(std::size_t n, int max_run, std::mt19937_64& rng) {
  std::uniform_int_distribution<int> run(1, max_run);
  std::uniform_int_distribution<int> gap(1, 3);
  std::vector<std::int32_t> keys;
  std::int32_t key = 0;
  while (keys.size() < n) {
    const int len = run(rng);
    for (int i = 0; i < len && keys.size() < n; ++i) keys.push_back(key);
    key += gap(rng);
  }
  return keys;
}

/// Number of runs of equal adjacent keys.
inline std::size_t runs_of(const std::vector<std::int32_t>& keys) {
  std::size_t runs = 0;
  for (std::size_t i = 0; i < keys.size(); ++i) runs += (i == 0 || keys[i] != keys[i - 1]);
  return runs;
}

}  // namespace aifsim::kernels::test
