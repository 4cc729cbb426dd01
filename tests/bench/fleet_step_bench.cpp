// SPDX-License-Identifier: Apache-2.0
// Per-tick cost of the fleet kernels at a 7k-GPU hall (96 racks x 72) and a 100k-GPU campus
// (1,389 racks x 72): the fused GPU power + thermal step alone, and the whole tick (GPU step,
// rack roll-ups, thermal counts, rack power + coolant loop, down to the facility total).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "kernels/backend.h"
#include "kernels/device_buffer.h"
#include "kernels/fleet_kernels.h"
#include "kernels/power_math.h"
#include "kernels/thermal_math.h"

namespace aifsim::kernels {
namespace {

constexpr int kGpusPerRack = 72;   // NVL72-class rack
constexpr int kRacksPerRow = 8;
constexpr int kRowsPerHall = 6;
constexpr int kGroups = 16;        // load groups (jobs) sharing a utilization trace

template <class T>
DeviceBuffer<T> on_backend(Backend backend, const std::vector<T>& host) {
  DeviceBuffer<T> buffer(backend, host.size());
  buffer.upload(host);
  return buffer;
}

/// A fleet of identical liquid-cooled racks with its state and outputs resident on one backend,
/// as the simulation keeps it between ticks. The GPUs run well below their thermal limits
/// (about 60 C on 32 C coolant), the common case.
struct BenchFleet {
  std::size_t gpus, racks, rows, halls;
  DeviceBuffer<std::int32_t> gpu_group, gpu_rack, rack_group, rack_type, rack_row, row_hall;
  DeviceBuffer<float> idle_w, max_w, limit_w, group_utilization, group_jitter;
  DeviceBuffer<std::uint64_t> group_epoch;
  std::vector<std::uint64_t> epochs_host;
  DeviceBuffer<RackTypeParams> types;
  DeviceBuffer<ThermalParams> thermal;
  DeviceBuffer<float> supply_c, flow_kg_s;
  DeviceBuffer<float> die_c, die_max_c, activity, power_w, speed, power_frac;
  DeviceBuffer<EfficiencyCurve> group_speed;
  DeviceBuffer<std::int8_t> thermal_state, entered;
  DeviceBuffer<float> loop_c, coolant_c, return_c, rack_die_max_c;
  DeviceBuffer<std::int8_t> tripped;
  DeviceBuffer<std::int64_t> rack_gpu_uw, rack_activity, rack_dc_uw, rack_input_uw;
  DeviceBuffer<std::int64_t> rack_speed;
  DeviceBuffer<std::int32_t> rack_first_gpu;
  DeviceBuffer<std::int64_t> rack_liquid_uw, rack_air_uw, row_uw, hall_uw;

  BenchFleet(Backend backend, std::size_t gpu_count)
      : gpus(gpu_count),
        racks(gpu_count / kGpusPerRack),
        rows((racks + kRacksPerRow - 1) / kRacksPerRow),
        halls((rows + kRowsPerHall - 1) / kRowsPerHall) {
    std::vector<std::int32_t> h_gpu_group(gpus), h_gpu_rack(gpus);
    std::vector<float> h_idle(gpus), h_max(gpus), h_limit(gpus);
    for (std::size_t i = 0; i < gpus; ++i) {
      const std::size_t rack = i / kGpusPerRack;
      h_gpu_rack[i] = static_cast<std::int32_t>(rack);
      h_gpu_group[i] = static_cast<std::int32_t>(rack % kGroups);
      h_idle[i] = 95.0f;
      h_max[i] = 1200.0f;
      h_limit[i] = (i % 10 == 0) ? 900.0f : 1200.0f;
    }
    std::vector<std::int32_t> h_rack_group(racks), h_rack_type(racks, 0), h_rack_row(racks);
    for (std::size_t r = 0; r < racks; ++r) {
      h_rack_group[r] = static_cast<std::int32_t>(r % kGroups);
      h_rack_row[r] = static_cast<std::int32_t>(r / kRacksPerRow);
    }
    std::vector<std::int32_t> h_row_hall(rows);
    for (std::size_t w = 0; w < rows; ++w) {
      h_row_hall[w] = static_cast<std::int32_t>(w / kRowsPerHall);
    }
    std::vector<float> h_util(kGroups), h_jitter(kGroups, 0.05f);
    for (std::size_t g = 0; g < h_util.size(); ++g) {
      h_util[g] = 0.3f + 0.04f * static_cast<float>(g);
    }
    RackTypeParams type;
    type.cpu_idle_w = 2400.0f;
    type.cpu_max_w = 9000.0f;
    type.static_w = 6000.0f;
    type.psu_capacity_w = 160000.0f;
    type.psu.points = 4;
    const float load[] = {0.1f, 0.2f, 0.5f, 1.0f};
    const float eff[] = {0.90f, 0.94f, 0.96f, 0.91f};
    for (int p = 0; p < 4; ++p) {
      type.psu.load_frac[p] = load[p];
      type.psu.efficiency[p] = eff[p];
    }
    type.liquid_fraction = 0.85f;
    type.loop_heat_capacity_j_per_k = 3.0e5f;
    type.coolant_cp_j_per_kg_k = 4180.0f;

    gpu_group = on_backend(backend, h_gpu_group);
    gpu_rack = on_backend(backend, h_gpu_rack);
    idle_w = on_backend(backend, h_idle);
    max_w = on_backend(backend, h_max);
    limit_w = on_backend(backend, h_limit);
    group_utilization = on_backend(backend, h_util);
    group_jitter = on_backend(backend, h_jitter);
    group_epoch = DeviceBuffer<std::uint64_t>(backend, h_jitter.size());
    EfficiencyCurve training;  // (P/TDP)^0.7 at 0.2, 0.6, 1.0 (REFERENCE.md §3.1)
    training.points = 3;
    const float x[] = {0.2f, 0.6f, 1.0f}, y[] = {0.3241f, 0.6993f, 1.0f};
    std::copy(std::begin(x), std::end(x), training.load_frac);
    std::copy(std::begin(y), std::end(y), training.efficiency);
    group_speed = on_backend(backend, std::vector<EfficiencyCurve>(h_jitter.size(), training));
    epochs_host.resize(h_jitter.size());
    rack_group = on_backend(backend, h_rack_group);
    rack_type = on_backend(backend, h_rack_type);
    rack_row = on_backend(backend, h_rack_row);
    row_hall = on_backend(backend, h_row_hall);
    types = on_backend(backend, std::vector<RackTypeParams>{type});
    thermal = on_backend(backend, std::vector<ThermalParams>{ThermalParams{}});
    supply_c = on_backend(backend, std::vector<float>(racks, 32.0f));
    flow_kg_s = on_backend(backend, std::vector<float>(racks, 1.5f));
    die_c = on_backend(backend, std::vector<float>(gpus, 40.0f));
    die_max_c = on_backend(backend, std::vector<float>(gpus, 40.0f));
    thermal_state = DeviceBuffer<std::int8_t>(backend, gpus);  // zero: kThermalNormal
    entered = DeviceBuffer<std::int8_t>(backend, gpus);
    activity = DeviceBuffer<float>(backend, gpus);
    power_w = DeviceBuffer<float>(backend, gpus);
    speed = DeviceBuffer<float>(backend, gpus);
    power_frac = DeviceBuffer<float>(backend, gpus);
    loop_c = on_backend(backend, std::vector<float>(racks, 32.0f));
    coolant_c = on_backend(backend, std::vector<float>(racks, 32.0f));
    tripped = DeviceBuffer<std::int8_t>(backend, racks);
    return_c = DeviceBuffer<float>(backend, racks);
    rack_die_max_c = DeviceBuffer<float>(backend, racks);
    rack_gpu_uw = DeviceBuffer<std::int64_t>(backend, racks);
    rack_activity = DeviceBuffer<std::int64_t>(backend, racks);
    rack_speed = DeviceBuffer<std::int64_t>(backend, racks);
    std::vector<std::int32_t> h_first(racks + 1);
    for (std::size_t r = 0; r <= racks; ++r) h_first[r] = static_cast<std::int32_t>(r * kGpusPerRack);
    rack_first_gpu = on_backend(backend, h_first);
    rack_dc_uw = DeviceBuffer<std::int64_t>(backend, racks);
    rack_input_uw = DeviceBuffer<std::int64_t>(backend, racks);
    rack_liquid_uw = DeviceBuffer<std::int64_t>(backend, racks);
    rack_air_uw = DeviceBuffer<std::int64_t>(backend, racks);
    row_uw = DeviceBuffer<std::int64_t>(backend, rows);
    hall_uw = DeviceBuffer<std::int64_t>(backend, halls);
  }

  /// The GPU step's arguments at `epoch` (uploaded like the simulation's per-tick epochs).
  RackRollupArgs rollup_args() {
    RackRollupArgs a;
    a.rack_first_gpu = rack_first_gpu.span();
    a.power_w = power_w.span();
    a.activity = activity.span();
    a.speed = speed.span();
    a.die_c = die_c.span();
    a.power_uw_out = rack_gpu_uw.span();
    a.activity_micro_out = rack_activity.span();
    a.speed_micro_out = rack_speed.span();
    a.die_max_c_out = rack_die_max_c.span();
    return a;
  }

  GpuStepArgs gpu_args(std::uint64_t epoch) {
    GpuStepArgs a;
    a.gpu_group = gpu_group.span();
    a.gpu_rack = gpu_rack.span();
    a.idle_w = idle_w.span();
    a.max_w = max_w.span();
    a.limit_w = limit_w.span();
    a.group_utilization = group_utilization.span();
    a.group_jitter = group_jitter.span();
    std::fill(epochs_host.begin(), epochs_host.end(), epoch);
    group_epoch.upload(epochs_host);
    a.group_epoch = group_epoch.span();
    a.rack_type = rack_type.span();
    a.thermal = thermal.span();
    a.rack_coolant_c = coolant_c.span();
    a.rack_tripped = tripped.span();
    a.seed = 0x5eed;
    a.dt_s = 1.0f;
    a.die_c = die_c.span();
    a.thermal_state = thermal_state.span();
    a.die_max_c = die_max_c.span();
    a.entered_out = entered.span();
    a.activity_out = activity.span();
    a.power_w_out = power_w.span();
    a.group_speed = group_speed.span();
    a.speed_out = speed.span();
    a.power_frac_out = power_frac.span();
    return a;
  }

  RackStepArgs rack_args() {
    RackStepArgs a;
    a.gpu_power_uw = rack_gpu_uw.span();
    a.rack_first_gpu = rack_first_gpu.span();
    a.rack_type = rack_type.span();
    a.rack_activity_micro = rack_activity.span();
    a.types = types.span();
    a.supply_c = supply_c.span();
    a.flow_kg_s = flow_kg_s.span();
    a.dt_s = 1.0f;
    a.loop_c = loop_c.span();
    a.coolant_c_out = coolant_c.span();
    a.return_c_out = return_c.span();
    a.dc_power_uw_out = rack_dc_uw.span();
    a.input_power_uw_out = rack_input_uw.span();
    a.liquid_heat_uw_out = rack_liquid_uw.span();
    a.air_heat_uw_out = rack_air_uw.span();
    a.tripped = tripped.span();
    return a;
  }
};

// ns_per_gpu_tick is timed here rather than derived from an inverted rate counter, which the
// console prints with a misleading "s" suffix.
void report(benchmark::State& state, Backend backend, std::size_t gpus,
            std::chrono::steady_clock::duration elapsed) {
  const double gpu_ticks = static_cast<double>(state.iterations()) * static_cast<double>(gpus);
  state.SetItemsProcessed(static_cast<std::int64_t>(gpu_ticks));
  const double elapsed_ns = std::chrono::duration<double, std::nano>(elapsed).count();
  state.counters["ns_per_gpu_tick"] = gpu_ticks > 0 ? elapsed_ns / gpu_ticks : 0.0;
  state.SetLabel(backend_description(backend));
}

void BM_GpuStep(benchmark::State& state, Backend backend) {
  const auto gpus = static_cast<std::size_t>(state.range(0));
  BenchFleet fleet(backend, gpus);
  std::uint64_t epoch = 0;
  const auto start = std::chrono::steady_clock::now();
  for (auto _ : state) {
    gpu_step(backend, fleet.gpu_args(epoch++));
    benchmark::ClobberMemory();
  }
  report(state, backend, gpus, std::chrono::steady_clock::now() - start);
}

// The simulation's tick (sim/facility/fleet.cpp) without its host downloads.
void BM_FleetTick(benchmark::State& state, Backend backend) {
  const auto gpus = static_cast<std::size_t>(state.range(0));
  BenchFleet fleet(backend, gpus);
  std::uint64_t epoch = 0;
  const auto start = std::chrono::steady_clock::now();
  for (auto _ : state) {
    gpu_step(backend, fleet.gpu_args(epoch++));
    rack_rollup(backend, fleet.rollup_args());
    ThermalCounts counts = thermal_counts(backend, fleet.thermal_state.span(),
                                          fleet.entered.span(), fleet.die_c.span());
    benchmark::DoNotOptimize(counts);
    rack_step(backend, fleet.rack_args());
    sum_by_key(backend, fleet.rack_row.span(), fleet.rack_input_uw.span(), fleet.row_uw.span());
    sum_by_key(backend, fleet.row_hall.span(), fleet.row_uw.span(), fleet.hall_uw.span());
    std::int64_t facility_uw = sum_all(backend, fleet.hall_uw.span());
    benchmark::DoNotOptimize(facility_uw);
  }
  report(state, backend, gpus, std::chrono::steady_clock::now() - start);
}

// Registered at start-up rather than with BENCHMARK() so the CUDA variants exist only when a
// device answers; wall time, because the OpenMP workers' CPU time is not the main thread's.
int register_benchmarks() {
  std::vector<Backend> backends = {Backend::cpu};
  if (cuda_available()) backends.push_back(Backend::cuda);
  const std::int64_t fleet_gpus[] = {std::int64_t{96} * kGpusPerRack,
                                     std::int64_t{1389} * kGpusPerRack};
  struct Kernel {
    const char* name;
    void (*fn)(benchmark::State&, Backend);
  };
  for (const Kernel kernel : {Kernel{"BM_GpuStep", BM_GpuStep},
                              Kernel{"BM_FleetTick", BM_FleetTick}}) {
    for (const Backend backend : backends) {
      const std::string name = std::string(kernel.name) + "/" + backend_name(backend);
      for (const std::int64_t gpus : fleet_gpus) {
        benchmark::RegisterBenchmark(name.c_str(), kernel.fn, backend)
            ->Arg(gpus)
            ->ArgName("gpus")
            ->UseRealTime()
            ->Unit(benchmark::kMicrosecond);
      }
    }
  }
  return 0;
}

[[maybe_unused]] const int registered = register_benchmarks();

}  // namespace
}  // namespace aifsim::kernels
