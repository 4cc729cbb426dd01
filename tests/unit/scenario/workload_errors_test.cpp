// SPDX-License-Identifier: Apache-2.0
// Bad workloads are rejected before a run, each with its file position and field path.
#include <gtest/gtest.h>

#include "sim/core/error.h"
#include "sim/run/run.h"
#include "sim/scenario/load.h"
#include "tests/test_support.h"
#include "tests/unit/scenario/bad_scenario.h"

namespace aifsim::scenario {
namespace {

using test_support::BadCase;
using test_support::case_name;
using test_support::expect_located_error;

const std::string kHead =
    "name: t\n"
    "racks:\n"
    "  gb: {type: gb300-nvl72, count: 2}\n"
    "  h200: {type: hgx-h200-4u, count: 1}\n"
    "workloads:\n";

const BadCase kCases[] = {
    {"unknown_model",
     "  inference:\n    chat: {model: gpt-9, racks: gb}\n",
     "7:19: workloads.inference.chat.model: no model named 'gpt-9' in models (known: llama-3.1-405b, "
     "llama-3.1-70b, deepseek-r1)"},
    {"no_profile_for_the_gpu_type",
     "  inference:\n    chat: {model: tiny, racks: gb}\n"
     "models:\n  tiny:\n    profiles:\n      h200-sxm: {prefill_tokens_per_s: 1000, decode_step_base_s: 0.01, "
     "kv_cache_tokens: 100000}\n",
     "7:19: workloads.inference.chat.model: model 'tiny' has no serving profile for GPU type "
     "'b300-gb300' of rack group 'gb' (profiles: h200-sxm)"},
    {"unknown_rack_group",
     "  inference:\n    chat: {model: llama-3.1-405b, racks: gb300}\n",
     "7:42: workloads.inference.chat.racks: no rack group named 'gb300' in racks"},
    {"too_many_replicas",
     "  inference:\n    chat: {model: llama-3.1-405b, racks: gb, replicas: 19}\n",
     "7:56: workloads.inference.chat.replicas: 19 replicas of 8 GPUs do not fit: rack group 'gb' has room "
     "for 18 more"},
    {"replica_larger_than_nvlink_domain",
     "  inference:\n    chat: {model: llama-3.1-405b, racks: h200, replica_gpus: 16}\n",
     "7:62: workloads.inference.chat.replica_gpus: a replica of 16 GPUs does not fit an NVLink domain of 8 "
     "GPUs in rack group 'h200'"},
    {"missing_trace_file",
     "  inference:\n    chat: {model: llama-3.1-405b, racks: gb, arrivals: {trace: /nonexistent/t.csv}}\n",
     "7:64: workloads.inference.chat.arrivals.trace: no such file: /nonexistent/t.csv"},
    {"bad_trace_format",
     "  inference:\n    chat: {model: llama-3.1-405b, racks: gb, arrivals: {format: parquet}}\n",
     "7:65: workloads.inference.chat.arrivals.format: unknown format 'parquet' (expected auto, azure, "
     "mooncake, generic)"},
    {"diurnal_min_above_max",
     "  inference:\n    chat: {model: llama-3.1-405b, racks: gb, arrivals: {process: diurnal, "
     "min_rate_per_s: 5, max_rate_per_s: 2}}\n",
     "7:91: workloads.inference.chat.arrivals.min_rate_per_s: must not exceed max_rate_per_s"},
    {"scale_with_replicas_without_base_replicas",
     "  inference:\n    chat: {model: llama-3.1-405b, racks: gb, arrivals: {scale_with: replicas}}\n",
     "7:56: workloads.inference.chat.arrivals.base_replicas: scale_with: replicas needs the replica count the "
     "rates are written for (base_replicas >= 1)"},
    {"jobs_without_a_pool",
     "  training:\n    jobs: [{gpus: 8}]\n",
     "7:5: workloads.training.racks: training jobs need a rack group to run on"},
    {"job_larger_than_the_pool",
     "  inference:\n    chat: {model: llama-3.1-405b, racks: h200, replicas: 2}\n"
     "  training:\n    racks: h200\n    jobs: [{gpus: 24}]\n",
     "10:19: workloads.training.jobs[0].gpus: more GPUs than the training pool has (16)"},
};

class workload_errors_test : public ::testing::TestWithParam<BadCase> {};

TEST_P(workload_errors_test, names_file_line_column_and_field) { expect_located_error(kHead, GetParam()); }

INSTANTIATE_TEST_SUITE_P(table, workload_errors_test, ::testing::ValuesIn(kCases), case_name);

// A malformed trace is found when the run opens it: the error names the trace file and line,
// and nothing is written.
TEST(workload_errors_run_test, malformed_trace_line_is_located) {
  test::ScratchDir dir;
  const auto trace = dir.write("t.csv", "time_s,input_tokens,output_tokens\n0,10,10\n1,ten,10\n");
  const auto path = dir.write("x.yaml", kHead + "  inference:\n    chat: {model: llama-3.1-405b, racks: gb, "
                                                "arrivals: {trace: t.csv}}\n");
  const LoadedScenario sc = load_scenario(path);
  run::RunOptions opt;
  opt.out_dir = dir.path() / "out";
  std::filesystem::create_directories(opt.out_dir);
  try {
    run::run_scenario(sc, opt);
    FAIL() << "ran with a malformed trace";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()).rfind(trace.string() + ":3:", 0), 0u) << e.what();
  }
  EXPECT_TRUE(std::filesystem::is_empty(opt.out_dir));
}

}  // namespace
}  // namespace aifsim::scenario
