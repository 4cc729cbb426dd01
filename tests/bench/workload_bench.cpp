// SPDX-License-Identifier: Apache-2.0
// Request-engine timings: one chat service tick by tick, and the whole reference day (the
// figure the workloads issue asks for: requests simulated per second of wall time).
#include <benchmark/benchmark.h>

#include <chrono>
#include <filesystem>
#include <random>

#include "sim/run/run.h"
#include "sim/scenario/catalog.h"
#include "sim/scenario/load.h"
#include "sim/workload/inference_service.h"
#include "sim/workload/serving_profile.h"

namespace aifsim {
namespace {

// 144 replicas of Llama 3.1 405B on GB300 (16 NVL72 racks, as the reference chat service)
// at ~80 % load: 500 requests/s of Azure-conversation-like sizes, joined to the shortest queue.
void BM_ChatServiceTicks(benchmark::State& state) {
  const auto models = scenario::builtin_models();
  scenario::InferenceServiceSpec spec;
  spec.max_batch = 32;
  spec.sizes.input_tokens = {scenario::TokenDistribution::lognormal, 1155, 1.0, 131072};
  spec.sizes.output_tokens = {scenario::TokenDistribution::lognormal, 211, 1.0, 32768};
  const auto params = workload::replica_params(*models.find("llama-3.1-405b")->profiles.find("b300-gb300"), spec, 8);
  spec.arrivals.rate_per_s = 500;
  workload::InferenceService service(
      "chat", params, 144, scenario::RouterPolicy::join_shortest_queue,
      workload::ArrivalStream(spec.arrivals, workload::SizeSampler(spec.sizes, nullptr), 1, 0));
  double t = 0;
  for (auto _ : state) {
    service.run_tick(t, t + 1.0, spec.arrivals.rate_per_s);
    t += 1.0;
  }
  const auto requests = static_cast<double>(service.stats().arrived);
  state.counters["requests"] = requests;
  state.counters["requests_per_s"] = benchmark::Counter(requests, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ChatServiceTicks)->Unit(benchmark::kMicrosecond)->UseRealTime();

// The reference scenario end to end (physics, cooling, power chain, outputs and both
// services) for range(0) simulated seconds.
void BM_ReferenceRun(benchmark::State& state) {
  const auto scenario_path = std::filesystem::path(AIFSIM_SOURCE_DIR) / "scenarios" / "taiwan-ai-factory.yaml";
  const std::vector<scenario::Override> sets{{"time.duration", std::to_string(state.range(0))}};
  const scenario::LoadedScenario sc = scenario::load_scenario(scenario_path, sets);
  std::random_device rd;
  const auto out = std::filesystem::temp_directory_path() / ("aifsim-bench-" + std::to_string(rd()));
  double requests = 0;
  for (auto _ : state) {
    std::filesystem::create_directories(out);
    run::RunOptions opt;
    opt.out_dir = out;
    const run::RunResult r = run::run_scenario(sc, opt);
    for (const auto& [k, v] : r.metrics)
      if (k == "requests_arrived") requests += v;
    std::filesystem::remove_all(out);
  }
  state.counters["requests"] = requests / static_cast<double>(state.iterations());
  state.counters["requests_per_wall_s"] = benchmark::Counter(requests, benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ReferenceRun)->Arg(3600)->Arg(86400)->ArgName("sim_s")->Iterations(1)->Unit(benchmark::kSecond)->UseRealTime();

}  // namespace
}  // namespace aifsim
