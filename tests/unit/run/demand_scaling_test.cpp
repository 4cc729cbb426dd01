// SPDX-License-Identifier: Apache-2.0
// arrivals.scale_with: replicas: a service's demand follows its size, so growing its racks
// grows its arrivals (rates by replicas / base_replicas, a replayed trace that much faster).
#include <gtest/gtest.h>

#include "sim/run/run.h"
#include "tests/test_support.h"
#include "tests/unit/run/run_support.h"

namespace aifsim::run {
namespace {

using test_support::metric;
using test_support::run_yaml;

// `racks` GB300 racks (9 replicas each) serving one chat service.
std::string chat(int racks, const std::string& arrivals) {
  return "time: {start: '2026-07-15T00:00:00+08:00', duration: 10m, dt_s: 1}\n"
         "racks: {main: {type: gb300-nvl72, count: " + std::to_string(racks) + "}}\n"
         "output: {interval: 60s, racks: false}\n"
         "workloads:\n  inference:\n    chat:\n      model: llama-3.1-405b\n      racks: main\n"
         "      arrivals: " + arrivals + "\n";
}

TEST(demand_scaling_test, twice_the_replicas_draw_the_arrivals_of_twice_the_rate) {
  test::ScratchDir dir;
  // 18 replicas at 5 requests/s written for 9: the same Poisson stream as 10 requests/s.
  const RunResult scaled = run_yaml(dir, "scaled", chat(2, "{rate_per_s: 5, scale_with: replicas, base_replicas: 9}"));
  const RunResult doubled = run_yaml(dir, "doubled", chat(2, "{rate_per_s: 10}"));
  const RunResult as_written = run_yaml(dir, "written", chat(2, "{rate_per_s: 5}"));
  EXPECT_EQ(metric(scaled, "requests_arrived"), metric(doubled, "requests_arrived"));
  EXPECT_EQ(metric(scaled, "output_tokens"), metric(doubled, "output_tokens"));
  EXPECT_NEAR(metric(scaled, "requests_arrived"), 2 * metric(as_written, "requests_arrived"),
              0.1 * metric(scaled, "requests_arrived"));
}

TEST(demand_scaling_test, at_its_base_replicas_a_service_runs_as_written) {
  test::ScratchDir dir;
  const RunResult base = run_yaml(dir, "base", chat(1, "{process: diurnal, min_rate_per_s: 2, max_rate_per_s: 6, "
                                                       "scale_with: replicas, base_replicas: 9}"));
  const RunResult plain = run_yaml(dir, "plain", chat(1, "{process: diurnal, min_rate_per_s: 2, max_rate_per_s: 6}"));
  EXPECT_EQ(metric(base, "requests_arrived"), metric(plain, "requests_arrived"));
  EXPECT_EQ(metric(base, "peak_facility_power_mw"), metric(plain, "peak_facility_power_mw"));
}

TEST(demand_scaling_test, a_replayed_trace_runs_faster_by_the_replica_ratio) {
  test::ScratchDir dir;
  const auto trace = dir.write("trace.csv", "time_s,input_tokens,output_tokens\n0,100,10\n100,100,10\n200,100,10\n"
                                            "300,100,10\n400,100,10\n500,100,10\n");
  const std::string replay = "{trace: '" + trace.string() + "', loop: false";
  // 3 minutes: as written only the rows at 0 and 100 s arrive; written for 9 replicas and run
  // on 27, the trace plays three times as fast and its last row arrives at 167 s.
  const RunResult written = run_yaml(dir, "written", chat(3, replay + "}"), {{"time.duration", "3m"}});
  const RunResult scaled =
      run_yaml(dir, "scaled", chat(3, replay + ", scale_with: replicas, base_replicas: 9}"), {{"time.duration", "3m"}});
  EXPECT_EQ(metric(written, "requests_arrived"), 2);
  EXPECT_EQ(metric(scaled, "requests_arrived"), 6);
}

}  // namespace
}  // namespace aifsim::run
