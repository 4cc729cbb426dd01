// SPDX-License-Identifier: Apache-2.0
// Whole runs with workloads: trace replay accounts for every request and token, a power limit
// slows decode per its curve, training iterations swing the meter, outputs are deterministic.
#include <gtest/gtest.h>
#include <omp.h>

#include <algorithm>
#include <cmath>
#include <sstream>

#include "sim/run/run.h"
#include "sim/scenario/load.h"
#include "sim/workload/job_trace.h"
#include "sim/workload/request_trace.h"
#include "tests/test_support.h"
#include "tests/unit/run/run_support.h"

namespace aifsim::run {
namespace {

using test_support::metric;
using test_support::on_threads;
using test_support::run_yaml;

// One GB300 rack serving one chat service (9 replicas of Llama 3.1 405B).
std::string chat_rack(const std::string& duration, const std::string& service_extra) {
  return "time: {start: '2026-07-15T00:00:00+08:00', duration: " + duration + ", dt_s: 1}\n"
         "racks: {main: {type: gb300-nvl72, count: 1}}\n"
         "output: {interval: 60s, racks: false}\n"
         "workloads:\n  inference:\n    chat:\n      model: llama-3.1-405b\n      racks: main\n" +
         service_extra;
}

TEST(trace_replay_test, generic_csv_switched_on_with_set_replays_exact_rows_and_tokens) {
  test::ScratchDir dir;
  const auto trace = dir.write("trace.csv",
                               "time_s,input_tokens,output_tokens\n0,100,20\n0.5,2000,1\n1.25,10,300\n"
                               "7,5000,64\n30.5,1,1\n");
  // The service is Poisson until the override points it at the trace (as --set does).
  const RunResult r = run_yaml(dir, "r", chat_rack("5m", "      arrivals: {rate_per_s: 50}\n"),
                             {{"workloads.inference.chat.arrivals.trace", trace.string()},
                              {"workloads.inference.chat.arrivals.loop", "false"}});
  EXPECT_EQ(metric(r, "requests_arrived"), 5);
  EXPECT_EQ(metric(r, "requests_completed"), 5);
  EXPECT_EQ(metric(r, "input_tokens"), 100 + 2000 + 10 + 5000 + 1);
  EXPECT_EQ(metric(r, "output_tokens"), 20 + 1 + 300 + 64 + 1);
  EXPECT_EQ(metric(r, "requests_in_flight"), 0);
}

TEST(trace_replay_test, azure_conversation_trace_reports_every_request) {
  const auto path = std::filesystem::path(AIFSIM_SHARED_DATA_DIR) / "azure_llm_2023_conv" /
                    "AzureLLMInferenceTrace_conv.csv";
  AIFSIM_REQUIRE_SHARED_DATA(path);
  const workload::RequestTrace trace = workload::read_azure_trace(path);
  std::int64_t in = 0, out = 0;
  for (const auto& q : trace.requests) {
    in += q.input_tokens;
    out += q.output_tokens;
  }
  test::ScratchDir dir;
  // The trace spans 3,502 s; 70 min leaves time for the last requests to finish.
  const RunResult r = run_yaml(dir, "azure", chat_rack("70m", "      arrivals: {trace: '" + path.string() +
                                                                 "', loop: false}\n"));
  EXPECT_EQ(metric(r, "requests_arrived"), static_cast<double>(trace.requests.size()));
  EXPECT_EQ(metric(r, "requests_completed"), static_cast<double>(trace.requests.size()));
  EXPECT_EQ(metric(r, "input_tokens"), static_cast<double>(in));
  EXPECT_EQ(metric(r, "output_tokens"), static_cast<double>(out));
  EXPECT_GT(metric(r, "ttft_p99_s"), 0);
  EXPECT_GT(metric(r, "tpot_p99_s"), 0);
  EXPECT_GT(metric(r, "slo_attainment"), 0.9);
}

// Saturated replicas decoding 1,000-token answers: a 300 W limit on 1,400 W GPUs leaves
// them 0.214 of TDP, where the decode curve gives 0.30 + 0.7 (0.214 - 0.10) / 0.25 = 0.62.
TEST(power_cap_test, replica_decode_throughput_follows_the_decode_curve) {
  test::ScratchDir dir;
  const std::string service =
      "      max_batch: 32\n      arrivals: {rate_per_s: 40}\n"
      "      sizes: {input_tokens: {distribution: fixed, mean: 1}, output_tokens: {distribution: fixed, mean: 1000}}\n";
  const RunResult full = run_yaml(dir, "full", chat_rack("1h", service));
  std::string capped_yaml = chat_rack("1h", service);
  capped_yaml.replace(capped_yaml.find("count: 1}"), 9, "count: 1, gpu_power_limit_w: 300}");
  const RunResult capped = run_yaml(dir, "capped", capped_yaml);
  const double ratio = metric(capped, "output_tokens") / metric(full, "output_tokens");
  EXPECT_NEAR(ratio, 0.30 + 0.7 * (300.0 / 1400.0 - 0.10) / 0.25, 0.01);
  EXPECT_LT(metric(capped, "gpu_energy_mwh"), metric(full, "gpu_energy_mwh"));
}

// One job on the whole rack, 2 s iterations with 25 % communication, sampled at 0.1 s.
const char* kSwingScenario =
    "time: {start: '2026-07-15T00:00:00+08:00', duration: 2m, dt_s: 0.1}\n"
    "racks: {main: {type: gb300-nvl72, count: 1}}\n"
    "output: {interval: 0.1, racks: false}\n"
    "workloads:\n  training:\n    racks: main\n    iteration_s: 2\n    comm_fraction: 0.25\n"
    "    jobs: [{name: pretrain, gpus: 72, work: 1h}]\n";

TEST(training_run_test, iteration_phases_swing_the_facility_meter) {
  test::ScratchDir dir;
  const RunResult r = run_yaml(dir, "swing", kSwingScenario);
  std::istringstream csv(test::read_file(dir.path() / "swing" / "timeseries.csv"));
  std::string line;
  std::getline(csv, line);
  std::vector<double> it_mw;
  while (std::getline(csv, line)) {
    std::istringstream cells(line);
    std::string cell;
    for (int c = 0; c < 3 && std::getline(cells, cell, ','); ++c) {
    }
    it_mw.push_back(std::stod(cell));  // it_power_mw, the third column
  }
  ASSERT_EQ(it_mw.size(), 1200u);
  // Over the last minute: 72 GPUs x (1.0 - 0.35) x (1,400 - 150) W = 58 kW between phases.
  double lo = 1e9, hi = 0, mean = 0;
  for (std::size_t i = 600; i < 1200; ++i) {
    lo = std::min(lo, it_mw[i]);
    hi = std::max(hi, it_mw[i]);
    mean += it_mw[i] / 600;
  }
  EXPECT_GT((hi - lo) * 1e3, 50.0);
  int rises = 0;  // one upward crossing of the mean per 2 s iteration
  for (std::size_t i = 601; i < 1200; ++i) rises += it_mw[i - 1] < mean && it_mw[i] >= mean;
  EXPECT_NEAR(rises, 30, 1);
  EXPECT_EQ(metric(r, "jobs_submitted"), 1);
  EXPECT_NEAR(metric(r, "training_gpu_utilization"), 1.0, 1e-9);
  const std::string jobs = test::read_file(dir.path() / "swing" / "jobs.csv");
  EXPECT_EQ(jobs.rfind("name,gpus,priority,arrival_s,start_s,end_s,wait_s,work_s", 0), 0u) << jobs;
  EXPECT_NE(jobs.find("\npretrain,72,0,0,0,,0,3600,"), std::string::npos) << jobs;
}

const char* kMixScenario =
    "name: mix\n"
    "time: {start: '2026-07-15T10:00:00+08:00', duration: 20m, dt_s: 1}\n"
    "racks:\n"
    "  gb: {type: gb300-nvl72, count: 2}\n"
    "  h200: {type: hgx-h200-4u, count: 3}\n"
    "output: {interval: 60s, racks_interval: 5m}\n"
    "workloads:\n"
    "  inference:\n"
    "    chat: {model: llama-3.1-405b, racks: gb, replicas: 12, router: join_shortest_queue,\n"
    "           arrivals: {process: diurnal, min_rate_per_s: 20, max_rate_per_s: 60}}\n"
    "    code: {model: llama-3.1-70b, racks: gb, router: least_tokens, arrivals: {rate_per_s: 30}}\n"
    "    small: {model: llama-3.1-70b, racks: h200, replicas: 4, router: round_robin, arrivals: {rate_per_s: 3}}\n"
    "  training:\n"
    "    racks: h200\n"
    "    generator: {jobs_per_h: 30, gpus: [1, 8, 16], mean_work: 10m}\n"
    "control:\n"
    "  power_cap: {target_mw: 0.3, hysteresis_mw: 0.005}\n"
    "  gpu_smoothing: {floor_frac: 0.3, ramp_up_w_per_s: 5000}\n"
    "  energy_store: {capacity_kwh: 50, power_kw: 50}\n";

TEST(workload_determinism_test, same_seed_gives_byte_identical_files_on_any_thread_count) {
  test::ScratchDir dir;
  const int threads = omp_get_max_threads();
  const RunResult one = run_yaml(dir, "one", kMixScenario, {}, on_threads(1));
  run_yaml(dir, "two", kMixScenario, {}, on_threads(2));
  run_yaml(dir, "governed", kMixScenario, {}, on_threads(0));
  omp_set_num_threads(threads);
  EXPECT_GT(metric(one, "requests_completed"), 10000);
  EXPECT_GT(metric(one, "jobs_completed"), 0);
  for (const char* f : {"summary.json", "timeseries.csv", "racks.csv", "jobs.csv", "events.csv"}) {
    const std::string a = test::read_file(dir.path() / "one" / f);
    EXPECT_FALSE(a.empty()) << f;
    EXPECT_EQ(a, test::read_file(dir.path() / "two" / f)) << f << " differs between 1 and 2 threads";
    EXPECT_EQ(a, test::read_file(dir.path() / "governed" / f)) << f << " differs when the team size changes tick by tick";
  }
  run_yaml(dir, "seed2", std::string(kMixScenario) + "seed: 2\n");
  EXPECT_NE(test::read_file(dir.path() / "one" / "summary.json"), test::read_file(dir.path() / "seed2" / "summary.json"));
}

// The services map repeats the request keys per service, and they add up to the totals.
TEST(workload_summary_test, services_add_up_to_the_totals) {
  test::ScratchDir dir;
  const RunResult r = run_yaml(dir, "mix", kMixScenario);
  const std::string json = test::read_file(dir.path() / "mix" / "summary.json");
  for (const char* name : {"\"chat\"", "\"code\"", "\"small\""}) EXPECT_NE(json.find(name), std::string::npos) << name;
  EXPECT_NEAR(metric(r, "tokens_per_s"),
              (metric(r, "input_tokens") + metric(r, "output_tokens")) / metric(r, "duration_s"), 1e-6);
  EXPECT_EQ(metric(r, "requests_arrived"), metric(r, "requests_completed") + metric(r, "requests_dropped") +
                                               metric(r, "requests_timed_out") + metric(r, "requests_in_flight"));
  EXPECT_GT(metric(r, "slo_attainment"), 0.5);
  EXPECT_LE(metric(r, "slo_attainment"), 1.0);
  EXPECT_GT(metric(r, "tokens_per_joule_it"), metric(r, "tokens_per_joule_facility"));
}

TEST(training_run_test, alibaba_pod_trace_replays_the_jobs_of_the_run) {
  const auto path = std::filesystem::path(AIFSIM_SHARED_DATA_DIR) / "alibaba_gpu_v2023" /
                    "openb_pod_list_default_until_day138.csv";
  AIFSIM_REQUIRE_SHARED_DATA(path);
  const workload::JobTrace trace = workload::read_alibaba_pod_trace(path);
  // Arrivals compressed 100x: the trace's first 100 days arrive within the simulated day.
  const double day = 86400, scale = 0.01;
  std::size_t in_day = 0, too_wide = 0;
  for (const auto& j : trace.jobs)
    if (j.arrival_s * scale < day) (j.gpus > 128 ? too_wide : in_day) += 1;
  ASSERT_GT(in_day, 0u);
  test::ScratchDir dir;
  const RunResult r = run_yaml(dir, "alibaba",
                               "time: {start: '2026-07-15T00:00:00+08:00', duration: 1d, dt_s: 60}\n"
                               "racks: {h200: {type: hgx-h200-4u, count: 4}}\n"
                               "output: {interval: 10m, racks: false}\n"
                               "workloads: {training: {racks: h200, trace_time_scale: 0.01, trace: '" +
                                   path.string() + "'}}\n");
  EXPECT_EQ(metric(r, "jobs_submitted"), static_cast<double>(in_day));
  EXPECT_EQ(metric(r, "jobs_rejected"), static_cast<double>(too_wide));
  // This partition's pods run for weeks: none ends within the day, all that fit hold GPUs.
  EXPECT_EQ(metric(r, "jobs_completed"), 0);
  EXPECT_GT(metric(r, "training_gpu_utilization"), 0);
  const std::string jobs = test::read_file(dir.path() / "alibaba" / "jobs.csv");
  EXPECT_EQ(static_cast<std::size_t>(std::count(jobs.begin(), jobs.end(), '\n')), in_day + 1);
}

}  // namespace
}  // namespace aifsim::run
