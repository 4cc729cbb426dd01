// SPDX-License-Identifier: Apache-2.0
// Per-tick cost of the fleet kernels at a 7k-GPU hall (96 racks x 72) and a 100k-GPU campus
// (1,389 racks x 72): the fused GPU power + thermal step alone, and the whole tick as the
// simulation runs it (kernels::fleet_tick: GPU step, rack roll-ups, thermal counts, rack power
// + coolant loop, down to the facility totals).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "kernels/backend.h"
#include "kernels/device_buffer.h"
#include "kernels/fleet_kernels.h"
#include "kernels/fleet_tick.h"
#include "kernels/power_math.h"
#include "kernels/thermal_math.h"

namespace aifsim::kernels {
namespace {

constexpr int kGpusPerRack = 72;   // NVL72-class rack
constexpr int kRacksPerRow = 8;
constexpr int kRowsPerHall = 6;
constexpr int kGroups = 16;        // load groups (jobs) sharing a utilization trace

constexpr float kDtS = 1.0f;

/// A fleet of identical liquid-cooled racks.
FleetLayout bench_layout(std::size_t gpus) {
  FleetLayout l;
  const std::size_t racks = gpus / kGpusPerRack;
  const std::size_t rows = (racks + kRacksPerRow - 1) / kRacksPerRow;
  for (std::size_t i = 0; i < gpus; ++i) {
    const std::size_t rack = i / kGpusPerRack;
    l.gpu_rack.push_back(static_cast<std::int32_t>(rack));
    l.gpu_group.push_back(static_cast<std::int32_t>(rack % kGroups));
    l.idle_w.push_back(95.0f);
    l.max_w.push_back(1200.0f);
    l.limit_w.push_back((i % 10 == 0) ? 900.0f : 1200.0f);
  }
  l.rack_type.assign(racks, 0);
  for (std::size_t r = 0; r < racks; ++r) l.rack_row.push_back(static_cast<std::int32_t>(r / kRacksPerRow));
  for (std::size_t w = 0; w < rows; ++w) l.row_hall.push_back(static_cast<std::int32_t>(w / kRowsPerHall));
  l.group_jitter.assign(kGroups, 0.05f);
  EfficiencyCurve training;  // (P/TDP)^0.7 at 0.2, 0.6, 1.0 (REFERENCE.md §3.1)
  training.points = 3;
  const float x[] = {0.2f, 0.6f, 1.0f}, y[] = {0.3241f, 0.6993f, 1.0f};
  std::copy(std::begin(x), std::end(x), training.load_frac);
  std::copy(std::begin(y), std::end(y), training.efficiency);
  l.group_speed.assign(kGroups, training);

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
  l.rack_types = {type};
  l.thermal = {ThermalParams{}};
  l.seed = 0x5eed;
  return l;
}

/// The fleet with its state and outputs resident on one backend, as the simulation keeps it
/// between ticks. The GPUs run well below their thermal limits (about 60 C on 32 C coolant),
/// the common case.
struct BenchFleet {
  FleetBuffers buffers;
  std::vector<std::uint64_t> epochs_host;

  BenchFleet(Backend backend, std::size_t gpus)
      : buffers(backend, bench_layout(gpus)), epochs_host(kGroups) {
    std::vector<float> utilization(kGroups);
    for (std::size_t g = 0; g < utilization.size(); ++g) utilization[g] = 0.3f + 0.04f * static_cast<float>(g);
    buffers.group_utilization.upload(utilization);
    const std::size_t racks = buffers.rack_type.size();
    buffers.rack_supply_c.upload(std::vector<float>(racks, 32.0f));
    buffers.rack_flow_kg_s.upload(std::vector<float>(racks, 1.5f));
    buffers.rack_loop_c.upload(std::vector<float>(racks, 32.0f));
    buffers.rack_coolant_c.upload(std::vector<float>(racks, 32.0f));
    buffers.die_c.upload(std::vector<float>(gpus, 40.0f));
    buffers.die_max_c.upload(std::vector<float>(gpus, 40.0f));
  }

  /// The fleet at `epoch`, uploaded like the simulation's per-tick epochs.
  FleetView at_epoch(std::uint64_t epoch) {
    std::fill(epochs_host.begin(), epochs_host.end(), epoch);
    buffers.group_epoch.upload(epochs_host);
    return buffers.view();
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
    gpu_step(backend, gpu_step_args(fleet.at_epoch(epoch++), kDtS));
    benchmark::ClobberMemory();
  }
  report(state, backend, gpus, std::chrono::steady_clock::now() - start);
}

// The simulation's tick (kernels::fleet_tick, as facility::Fleet::step runs it) without the
// host copies Fleet makes of the per-rack results.
void BM_FleetTick(benchmark::State& state, Backend backend) {
  const auto gpus = static_cast<std::size_t>(state.range(0));
  BenchFleet fleet(backend, gpus);
  std::uint64_t epoch = 0;
  const auto start = std::chrono::steady_clock::now();
  for (auto _ : state) {
    FleetTotals totals = fleet_tick(backend, fleet.at_epoch(epoch++), kDtS);
    benchmark::DoNotOptimize(totals);
  }
  report(state, backend, gpus, std::chrono::steady_clock::now() - start);
}

// Registered at start-up rather than with BENCHMARK() so the CUDA variants exist only when a
// device answers; wall time, because the OpenMP workers' CPU time is not the main thread's.
int register_benchmarks() {
  std::vector<Backend> backends = {Backend::cpu};
  if (cuda_available()) backends.push_back(Backend::cuda);
  // The reference site, 100k GPUs, and a ~0.93 GW campus of 7,100 GB300 racks.
  const std::int64_t fleet_gpus[] = {std::int64_t{96} * kGpusPerRack, std::int64_t{1389} * kGpusPerRack,
                                     std::int64_t{7100} * kGpusPerRack};
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
