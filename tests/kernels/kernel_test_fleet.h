// SPDX-License-Identifier: Apache-2.0
// Shared by the kernel tests: a random fleet (fixed seed), host-loop references of every
// kernel, and one full tick run on a backend through DeviceBuffer.
#pragma once

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
#include "kernels/power_math.h"

namespace aifsim::kernels::test {

/// A fleet in host memory: GPUs grouped into racks (contiguous, so rack ids are
/// non-decreasing), racks into rows, rows into halls.
struct HostFleet {
  std::vector<std::int32_t> gpu_group;
  std::vector<std::int32_t> gpu_rack;
  std::vector<float> idle_w;
  std::vector<float> max_w;
  std::vector<float> limit_w;
  std::vector<float> group_utilization;
  std::vector<float> group_jitter;
  std::vector<std::int32_t> rack_group;
  std::vector<std::int32_t> rack_type;
  std::vector<std::int32_t> rack_row;
  std::vector<std::int32_t> row_hall;
  std::vector<RackTypeParams> types;
  std::vector<std::uint64_t> group_epoch;  ///< distinct per group, so a mix-up shows
  std::uint64_t seed = 0;

  std::size_t gpus() const { return gpu_group.size(); }
  std::size_t racks() const { return rack_group.size(); }
  std::size_t rows() const { return row_hall.size(); }
  std::size_t halls() const {
    return row_hall.empty() ? 0 : static_cast<std::size_t>(row_hall.back()) + 1;
  }
};

/// Two rack types with realistic PSU curves (a Titanium-like curve and a flatter one).
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
  return {a, b};
}

/// Random fleet of `racks` racks with 1..max_gpus_per_rack GPUs each, 5 racks per row and
/// 4 rows per hall. Limits are sometimes below idle and utilizations sometimes outside [0, 1]
/// so the clamps are exercised.
inline HostFleet make_fleet(std::size_t racks, int max_gpus_per_rack, std::uint64_t seed) {
  HostFleet f;
  f.seed = seed;
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<float> unit(0.0f, 1.0f);
  constexpr int kGroups = 7;
  for (int g = 0; g < kGroups; ++g) {
    f.group_utilization.push_back(-0.2f + 1.4f * unit(rng));
    f.group_jitter.push_back(0.25f * unit(rng));
    f.group_epoch.push_back(17 + 5 * static_cast<std::uint64_t>(g));
  }
  f.types = make_rack_types();
  std::uniform_int_distribution<int> gpus_in_rack(1, max_gpus_per_rack);
  std::uniform_int_distribution<int> group(0, kGroups - 1);
  for (std::size_t r = 0; r < racks; ++r) {
    f.rack_group.push_back(group(rng));
    f.rack_type.push_back(static_cast<std::int32_t>(r % f.types.size()));
    f.rack_row.push_back(static_cast<std::int32_t>(r / 5));
    const int n = gpus_in_rack(rng);
    for (int i = 0; i < n; ++i) {
      const float idle_w = 60.0f + 40.0f * unit(rng);
      const float max_w = 700.0f + 300.0f * unit(rng);
      // One GPU in eight is capped below its idle draw.
      const float limit_w = (i % 8 == 3) ? idle_w * unit(rng)
                                         : idle_w + (max_w - idle_w) * (0.5f + unit(rng));
      f.gpu_group.push_back(i % 3 == 0 ? f.rack_group.back() : group(rng));
      f.gpu_rack.push_back(static_cast<std::int32_t>(r));
      f.idle_w.push_back(idle_w);
      f.max_w.push_back(max_w);
      f.limit_w.push_back(limit_w);
    }
  }
  const std::size_t rows = racks == 0 ? 0 : static_cast<std::size_t>(f.rack_row.back()) + 1;
  for (std::size_t w = 0; w < rows; ++w) f.row_hall.push_back(static_cast<std::int32_t>(w / 4));
  return f;
}

/// Everything one tick produces.
struct TickResult {
  std::vector<float> activity;
  std::vector<float> power_w;
  std::vector<std::int64_t> rack_gpu_uw;
  std::vector<std::int64_t> rack_dc_uw;
  std::vector<std::int64_t> rack_input_uw;
  std::vector<std::int64_t> row_uw;
  std::vector<std::int64_t> hall_uw;
  std::int64_t facility_uw = 0;
};

// ---- Host-loop references, written independently of the Thrust code ----

inline void reference_gpu_power_step(const HostFleet& f, std::vector<float>& activity,
                                     std::vector<float>& power_w) {
  activity.resize(f.gpus());
  power_w.resize(f.gpus());
  for (std::size_t i = 0; i < f.gpus(); ++i) {
    const auto g = static_cast<std::size_t>(f.gpu_group[i]);
    const double draw = counter_uniform(f.seed, i, f.group_epoch[g]);
    const float noise = static_cast<float>(2.0 * draw - 1.0);
    const float a = std::clamp(f.group_utilization[g] + f.group_jitter[g] * noise, 0.0f, 1.0f);
    const float demand_w = f.idle_w[i] + (f.max_w[i] - f.idle_w[i]) * a;
    activity[i] = a;
    power_w[i] = std::min(demand_w, f.limit_w[i]);
  }
}

/// Segmented sum over runs of equal keys, with llround(value * scale) per element.
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

inline void reference_rack_power_step(const HostFleet& f, const std::vector<std::int64_t>& gpu_uw,
                                      std::vector<std::int64_t>& dc_uw,
                                      std::vector<std::int64_t>& input_uw) {
  dc_uw.resize(f.racks());
  input_uw.resize(f.racks());
  for (std::size_t r = 0; r < f.racks(); ++r) {
    const RackTypeParams& t = f.types[static_cast<std::size_t>(f.rack_type[r])];
    const float u =
        std::clamp(f.group_utilization[static_cast<std::size_t>(f.rack_group[r])], 0.0f, 1.0f);
    const double dc_w = static_cast<double>(gpu_uw[r]) / 1.0e6 + t.cpu_idle_w +
                        (t.cpu_max_w - t.cpu_idle_w) * u + t.static_w;
    const float frac =
        t.psu_capacity_w > 0 ? static_cast<float>(dc_w / t.psu_capacity_w) : 0.0f;
    const double input_w = dc_w / reference_efficiency(t.psu, frac);
    dc_uw[r] = std::llround(dc_w * 1.0e6);
    input_uw[r] = std::llround(input_w * 1.0e6);
  }
}

inline TickResult reference_tick(const HostFleet& f) {
  TickResult r;
  reference_gpu_power_step(f, r.activity, r.power_w);
  r.rack_gpu_uw = reference_sum_fixed(f.gpu_rack, r.power_w, 1.0e6);
  reference_rack_power_step(f, r.rack_gpu_uw, r.rack_dc_uw, r.rack_input_uw);
  r.row_uw = reference_sum_int(f.rack_row, r.rack_input_uw);
  r.hall_uw = reference_sum_int(f.row_hall, r.row_uw);
  for (const std::int64_t v : r.hall_uw) r.facility_uw += v;
  return r;
}

// ---- One tick on a backend ----

template <class T>
DeviceBuffer<T> to_backend(Backend backend, const std::vector<T>& host) {
  DeviceBuffer<T> buffer(backend, host.size());
  buffer.upload(host);
  return buffer;
}

template <class T>
std::vector<T> to_host(const DeviceBuffer<T>& buffer) {
  std::vector<T> host(buffer.size());
  buffer.download(host);
  return host;
}

/// The per-tick sequence the simulation runs: GPU step, GPU -> rack, rack step, rack -> row,
/// row -> hall, hall -> facility. Inputs and outputs live on `backend`.
inline TickResult run_tick(Backend backend, const HostFleet& f) {
  const auto gpu_group = to_backend(backend, f.gpu_group);
  const auto gpu_rack = to_backend(backend, f.gpu_rack);
  const auto idle_w = to_backend(backend, f.idle_w);
  const auto max_w = to_backend(backend, f.max_w);
  const auto limit_w = to_backend(backend, f.limit_w);
  const auto group_utilization = to_backend(backend, f.group_utilization);
  const auto group_jitter = to_backend(backend, f.group_jitter);
  const auto group_epoch = to_backend(backend, f.group_epoch);
  const auto rack_group = to_backend(backend, f.rack_group);
  const auto rack_type = to_backend(backend, f.rack_type);
  const auto rack_row = to_backend(backend, f.rack_row);
  const auto row_hall = to_backend(backend, f.row_hall);
  const auto types = to_backend(backend, f.types);
  DeviceBuffer<float> activity(backend, f.gpus());
  DeviceBuffer<float> power_w(backend, f.gpus());
  DeviceBuffer<std::int64_t> rack_gpu_uw(backend, f.racks());
  DeviceBuffer<std::int64_t> rack_dc_uw(backend, f.racks());
  DeviceBuffer<std::int64_t> rack_input_uw(backend, f.racks());
  DeviceBuffer<std::int64_t> row_uw(backend, f.rows());
  DeviceBuffer<std::int64_t> hall_uw(backend, f.halls());

  GpuPowerStepArgs gpu_args;
  gpu_args.gpu_group = gpu_group.span();
  gpu_args.idle_w = idle_w.span();
  gpu_args.max_w = max_w.span();
  gpu_args.limit_w = limit_w.span();
  gpu_args.group_utilization = group_utilization.span();
  gpu_args.group_jitter = group_jitter.span();
  gpu_args.seed = f.seed;
  gpu_args.group_epoch = group_epoch.span();
  gpu_args.activity_out = activity.span();
  gpu_args.power_w_out = power_w.span();
  gpu_power_step(backend, gpu_args);

  sum_by_key_fixed(backend, gpu_rack.span(), power_w.span(), 1.0e6, rack_gpu_uw.span());

  RackPowerStepArgs rack_args;
  rack_args.gpu_power_uw = rack_gpu_uw.span();
  rack_args.rack_group = rack_group.span();
  rack_args.rack_type = rack_type.span();
  rack_args.group_utilization = group_utilization.span();
  rack_args.types = types.span();
  rack_args.dc_power_uw_out = rack_dc_uw.span();
  rack_args.input_power_uw_out = rack_input_uw.span();
  rack_power_step(backend, rack_args);

  sum_by_key(backend, rack_row.span(), rack_input_uw.span(), row_uw.span());
  sum_by_key(backend, row_hall.span(), row_uw.span(), hall_uw.span());

  TickResult r;
  r.facility_uw = sum_all(backend, hall_uw.span());
  r.activity = to_host(activity);
  r.power_w = to_host(power_w);
  r.rack_gpu_uw = to_host(rack_gpu_uw);
  r.rack_dc_uw = to_host(rack_dc_uw);
  r.rack_input_uw = to_host(rack_input_uw);
  r.row_uw = to_host(row_uw);
  r.hall_uw = to_host(hall_uw);
  return r;
}

/// Bitwise float equality (EXPECT_EQ on floats would accept +0 == -0).
inline bool same_bits(const std::vector<float>& a, const std::vector<float>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::bit_cast<std::uint32_t>(a[i]) != std::bit_cast<std::uint32_t>(b[i])) return false;
  }
  return true;
}

}  // namespace aifsim::kernels::test
