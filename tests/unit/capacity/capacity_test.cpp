// SPDX-License-Identifier: Apache-2.0
// Capacity searches end to end on a small site: the answer holds and one more rack breaks the
// limit in runs of its own, the binding limit is named, a value the scenario refuses is a
// limit too, a resumed search reads every run back, and a failing lowest value has no answer.
#include "sim/capacity/capacity.h"

#include <gtest/gtest.h>

#include "sim/capacity/capacity_report.h"
#include "sim/run/run.h"
#include "tests/test_support.h"
#include "tests/unit/capacity/small_site.h"

namespace aifsim::capacity {
namespace {

const char* const kSite = test::kSmallCapacitySite;

CapacityRequest request(const std::filesystem::path& scenario, const std::string& field, const std::string& until) {
  CapacityRequest r;
  r.scenario = scenario;
  r.field = field;
  r.conditions.push_back(parse_condition(until, "--until"));
  return r;
}

double peak_it_mw(const std::filesystem::path& scenario, int racks, const std::filesystem::path& out) {
  const auto s = scenario::load_scenario(scenario, std::vector<scenario::Override>{{"racks.main.count", std::to_string(racks)}});
  run::RunOptions o;
  o.out_dir = out;
  return run::metric_value(run::run_scenario(s, o).metrics, "peak_it_power_mw");
}

TEST(capacity_test, the_answer_holds_and_one_more_rack_breaks_the_limit) {
  test::ScratchDir dir;
  const auto scenario = dir.write("small.yaml", kSite);
  CapacityPlan plan = plan_capacity(request(scenario, "racks.main.count", "peak_it_power_mw<=0.5"));
  EXPECT_EQ(plan.base_value, 2);
  ASSERT_EQ(plan.demand.size(), 1u);
  EXPECT_TRUE(plan.demand[0].scales);
  SearchOptions o;
  o.out_dir = dir.path() / "search";
  o.jobs = 2;
  const CapacityResult r = search_capacity(plan, o);
  ASSERT_TRUE(r.answer);
  ASSERT_EQ(r.breaks_at, *r.answer + 1);
  ASSERT_FALSE(r.binding.empty());
  EXPECT_EQ(r.binding.front().condition.key, "peak_it_power_mw");
  EXPECT_GT(r.binding.front().value, 0.5);
  // Independent runs agree: the answer holds, one more rack breaks it.
  EXPECT_LE(peak_it_mw(scenario, static_cast<int>(*r.answer), dir.path() / "at"), 0.5);
  EXPECT_GT(peak_it_mw(scenario, static_cast<int>(*r.answer + 1), dir.path() / "above"), 0.5);
  // The margins at the answer list every limit, the tightest first.
  ASSERT_EQ(r.margins.size(), plan.limits.size());
  for (const auto& m : r.margins) EXPECT_TRUE(m.holds) << describe(m.condition);
  EXPECT_EQ(r.margins.back().condition.bound, 0);  // rack trips and shutdowns: none, no headroom to rank
  EXPECT_LE(r.margins[0].headroom, r.margins[1].headroom);

  // Written out and read back by a resumed search: the same answer without running anything.
  write_capacity(o.out_dir, plan, r);
  EXPECT_TRUE(std::filesystem::exists(o.out_dir / "capacity.json"));
  EXPECT_TRUE(std::filesystem::exists(o.out_dir / "sweep.csv"));
  EXPECT_THROW(check_capacity_out_dir(o), InputError);
  CapacityPlan again = plan_capacity(request(scenario, "racks.main.count", "peak_it_power_mw<=0.5"));
  o.resume = true;
  const CapacityResult resumed = search_capacity(again, o);
  EXPECT_EQ(resumed.answer, r.answer);
  EXPECT_EQ(resumed.runs, r.runs);
  EXPECT_EQ(resumed.runs_reused, r.runs);
  EXPECT_EQ(resumed.breaks_at, r.breaks_at);
  ASSERT_FALSE(resumed.binding.empty());
  EXPECT_EQ(resumed.binding.front().value, r.binding.front().value);
}

TEST(capacity_test, a_value_the_scenario_refuses_is_the_limit) {
  test::ScratchDir dir;
  const auto scenario = dir.write(
      "one.yaml", std::string(kSite).replace(std::string(kSite).find("count: 2"), 8, "count: 1") +
                      "      replicas: 4\n");
  CapacityPlan plan = plan_capacity(request(scenario, "workloads.inference.chat.replicas", "peak_it_power_mw<=100"));
  SearchOptions o;
  o.out_dir = dir.path() / "search";
  const CapacityResult r = search_capacity(plan, o);
  // One NVL72 rack holds nine 8-GPU replicas.
  EXPECT_EQ(r.answer, 9);
  EXPECT_EQ(r.breaks_at, 10);
  EXPECT_NE(r.refused_above.find("do not fit"), std::string::npos) << r.refused_above;
  EXPECT_TRUE(r.warnings.empty());
}

TEST(capacity_test, idle_gpus_at_the_answer_are_warned_about) {
  test::ScratchDir dir;
  // A fixed number of replicas: added racks hold no workload.
  const auto scenario = dir.write("fixed.yaml", std::string(kSite) + "      replicas: 9\n");
  CapacityRequest req = request(scenario, "racks.main.count", "peak_it_power_mw<=0.5");
  req.max = 3;
  CapacityPlan plan = plan_capacity(req);
  SearchOptions o;
  o.out_dir = dir.path() / "search";
  const CapacityResult r = search_capacity(plan, o);
  ASSERT_TRUE(r.answer);
  ASSERT_FALSE(r.warnings.empty());
  EXPECT_NE(r.warnings.back().find("GPUs are held by no service or training pool"), std::string::npos) << r.warnings.back();
}

TEST(capacity_test, a_lowest_value_that_fails_has_no_answer) {
  test::ScratchDir dir;
  const auto scenario = dir.write("small.yaml", kSite);
  CapacityPlan plan = plan_capacity(request(scenario, "racks.main.count", "peak_it_power_mw<=0.001"));
  SearchOptions o;
  o.out_dir = dir.path() / "search";
  const CapacityResult r = search_capacity(plan, o);
  EXPECT_FALSE(r.answer);
  EXPECT_EQ(r.breaks_at, 1);
  EXPECT_EQ(r.runs, 2u);  // the start (2), then the lowest (1)
}

TEST(capacity_test, bad_requests_are_refused_before_anything_runs) {
  test::ScratchDir dir;
  const auto scenario = dir.write("small.yaml", kSite);
  auto r = request(scenario, "racks.main.count", "peak_it_power_mw<=1");
  r.min = 5;
  r.max = 3;
  EXPECT_THROW(plan_capacity(r), InputError);
  r = request(scenario, "racks.main.count", "peak_it_power_mw<=1");
  r.window = DayWindow{0, 3600};
  EXPECT_THROW(plan_capacity(r), InputError);
  r = request(scenario, "racks.main.typo", "peak_it_power_mw<=1");
  EXPECT_THROW(plan_capacity(r), InputError);
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "runs"));
}

}  // namespace
}  // namespace aifsim::capacity
