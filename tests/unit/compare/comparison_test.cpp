// SPDX-License-Identifier: Apache-2.0
// Tests for compare_runs: key order, missing keys, deltas against the baseline, checks, notes.
#include "sim/compare/comparison.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "sim/scenario/yaml_io.h"

namespace aifsim::compare {
namespace {

RunSummary run(std::string dir, std::vector<std::pair<std::string, double>> metrics) {
  RunSummary r;
  r.dir = std::move(dir);
  r.scenario = "s";
  r.metrics = std::move(metrics);
  r.resolved = scenario::parse_yaml_text("name: s\n", "r");
  return r;
}

const MetricRow* find(const Comparison& c, const std::string& key) {
  for (const auto& m : c.metrics)
    if (m.key == key) return &m;
  return nullptr;
}

TEST(compare_runs_test, keys_follow_the_summary_key_order_then_the_rest) {
  const std::vector<RunSummary> runs{
      run("a", {{"services.chat.tokens_per_s", 5}, {"pue", 1.2}, {"duration_s", 600}}),
      run("b", {{"duration_s", 600}, {"pue", 1.3}, {"future_key", 1}})};
  const Comparison c = compare_runs(runs);
  ASSERT_EQ(c.metrics.size(), 4u);
  EXPECT_EQ(c.metrics[0].key, "duration_s");  // summary_keys.h lists duration_s before pue
  EXPECT_EQ(c.metrics[1].key, "pue");
  EXPECT_EQ(c.metrics[2].key, "services.chat.tokens_per_s");
  EXPECT_EQ(c.metrics[3].key, "future_key");
  EXPECT_EQ(c.runs[0].label, "A");
  EXPECT_EQ(c.runs[1].label, "B");
  EXPECT_EQ(c.runs[1].dir, "b");
}

TEST(compare_runs_test, deltas_are_against_the_baseline) {
  const std::vector<RunSummary> runs{run("a", {{"pue", 1.25}, {"tokens_per_s", 1000}}),
                                     run("b", {{"pue", 1.5}, {"tokens_per_s", 900}}),
                                     run("c", {{"pue", 1.0}})};
  const Comparison c = compare_runs(runs);
  const MetricRow* pue = find(c, "pue");
  ASSERT_NE(pue, nullptr);
  EXPECT_EQ(pue->delta[0], std::nullopt);  // the baseline has no delta to itself
  EXPECT_DOUBLE_EQ(*pue->delta[1], 0.25);
  EXPECT_DOUBLE_EQ(*pue->relative_delta_pct[1], 20.0);  // 0.25 / 1.25
  EXPECT_DOUBLE_EQ(*pue->delta[2], -0.25);
  EXPECT_DOUBLE_EQ(*pue->relative_delta_pct[2], -20.0);
  const MetricRow* tokens = find(c, "tokens_per_s");
  ASSERT_NE(tokens, nullptr);
  EXPECT_DOUBLE_EQ(*tokens->relative_delta_pct[1], -10.0);
  EXPECT_EQ(tokens->values[2], std::nullopt);  // C lacks the key: no value, no delta
  EXPECT_EQ(tokens->delta[2], std::nullopt);
}

TEST(compare_runs_test, a_zero_baseline_has_an_absolute_but_no_relative_delta) {
  const std::vector<RunSummary> runs{run("a", {{"cap_violation_s", 0}}), run("b", {{"cap_violation_s", 12}})};
  const MetricRow& m = compare_runs(runs).metrics.at(0);
  EXPECT_DOUBLE_EQ(*m.delta[1], 12.0);
  EXPECT_EQ(m.relative_delta_pct[1], std::nullopt);
}

TEST(compare_runs_test, a_negative_baseline_keeps_the_sign_of_the_change) {
  const std::vector<RunSummary> runs{run("a", {{"heat_to_water_mwh", -2}}), run("b", {{"heat_to_water_mwh", -1}})};
  EXPECT_DOUBLE_EQ(*compare_runs(runs).metrics.at(0).relative_delta_pct[1], 50.0);  // -1 is 2 -> 50 % higher
}

TEST(compare_runs_test, checks_line_up_by_name) {
  std::vector<RunSummary> runs{run("a", {}), run("b", {})};
  runs[0].checks = {{"peak_facility_power_mw", true, 14.0}};
  runs[1].checks = {{"peak_facility_power_mw", false, 16.5}, {"cap_violation_s", true, 0.0}};
  const Comparison c = compare_runs(runs);
  ASSERT_EQ(c.checks.size(), 2u);
  EXPECT_EQ(c.checks[0].name, "peak_facility_power_mw");
  EXPECT_EQ(c.checks[0].passed, (std::vector<std::optional<bool>>{true, false}));
  EXPECT_EQ(c.checks[1].passed, (std::vector<std::optional<bool>>{std::nullopt, true}));
}

TEST(compare_runs_test, scenario_fields_and_notes) {
  std::vector<RunSummary> runs{run("a", {}), run("b", {})};
  runs[1].resolved = scenario::parse_yaml_text("name: t\n", "r");
  runs[1].completed = false;
  Comparison c = compare_runs(runs);
  ASSERT_EQ(c.fields.size(), 1u);
  EXPECT_EQ(c.fields[0].path, "name");
  ASSERT_EQ(c.notes.size(), 1u);
  EXPECT_NE(c.notes[0].find("B stopped before the end"), std::string::npos) << c.notes[0];

  runs[0].resolved.reset();  // an absent field would then read as a change: compare none
  c = compare_runs(runs);
  EXPECT_TRUE(c.fields.empty());
  EXPECT_EQ(c.notes.size(), 2u);
}

TEST(compare_runs_test, fewer_than_two_runs_is_an_error) {
  const std::vector<RunSummary> one{run("a", {})};
  EXPECT_THROW(compare_runs(one), std::invalid_argument);
}

}  // namespace
}  // namespace aifsim::compare
