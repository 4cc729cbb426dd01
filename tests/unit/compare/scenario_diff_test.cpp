// SPDX-License-Identifier: Apache-2.0
// Tests for the leaf-by-leaf diff of resolved scenarios.
#include "sim/compare/scenario_diff.h"

#include <gtest/gtest.h>

#include <array>

#include "sim/scenario/yaml_io.h"

namespace aifsim::compare {
namespace {

using scenario::DocNode;
using scenario::parse_yaml_text;

std::vector<FieldDiff> diff(const DocNode& a, const DocNode& b) {
  const std::array<const DocNode*, 2> docs{&a, &b};
  return diff_scenarios(docs);
}

TEST(compare_scenario_diff_test, leaves_carry_dotted_and_indexed_paths) {
  const DocNode doc = parse_yaml_text("a: {b: 1, c: [x, {d: 2}]}\ne: ~\nf: {}\ng: []\n", "t");
  const std::vector<std::pair<std::string, std::string>> expected{
      {"a.b", "1"}, {"a.c[0]", "x"}, {"a.c[1].d", "2"}, {"e", "null"}, {"f", "{}"}, {"g", "[]"}};
  EXPECT_EQ(scenario_leaves(doc), expected);
}

TEST(compare_scenario_diff_test, equal_documents_have_no_differences) {
  const DocNode a = parse_yaml_text("name: x\ntime: {duration: 2h}\n", "a");
  const DocNode b = parse_yaml_text("name: x\ntime: {duration: 2h}\n", "b");
  EXPECT_TRUE(diff(a, b).empty());
}

TEST(compare_scenario_diff_test, a_changed_scalar_is_one_field_with_both_values) {
  const DocNode a = parse_yaml_text("name: base\ncontrol: {power_cap: {target_mw: 16, period_s: 5}}\n", "a");
  const DocNode b = parse_yaml_text("name: base\ncontrol: {power_cap: {target_mw: 14, period_s: 5}}\n", "b");
  const auto d = diff(a, b);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].path, "control.power_cap.target_mw");
  EXPECT_EQ(d[0].values[0], "16");
  EXPECT_EQ(d[0].values[1], "14");
}

TEST(compare_scenario_diff_test, fields_only_one_side_has_are_absent_on_the_other) {
  const DocNode a = parse_yaml_text("name: base\ncontrol: {}\nz: 1\n", "a");
  const DocNode b = parse_yaml_text("name: base\ncontrol: {power_cap: {target_mw: 14}}\n", "b");
  const auto d = diff(a, b);
  ASSERT_EQ(d.size(), 3u);
  // B's new field sits where B has it (after `name`), not at the end.
  EXPECT_EQ(d[0].path, "control.power_cap.target_mw");
  EXPECT_EQ(d[0].values[0], std::nullopt);
  EXPECT_EQ(d[0].values[1], "14");
  EXPECT_EQ(d[1].path, "control");
  EXPECT_EQ(d[1].values[0], "{}");
  EXPECT_EQ(d[1].values[1], std::nullopt);
  EXPECT_EQ(d[2].path, "z");
  EXPECT_EQ(d[2].values[1], std::nullopt);
}

TEST(compare_scenario_diff_test, lists_compare_by_index) {
  const DocNode a = parse_yaml_text("faults: [{at: 1h}, {at: 2h}]\n", "a");
  const DocNode b = parse_yaml_text("faults: [{at: 1h}, {at: 3h}, {at: 4h}]\n", "b");
  const auto d = diff(a, b);
  ASSERT_EQ(d.size(), 2u);
  EXPECT_EQ(d[0].path, "faults[1].at");
  EXPECT_EQ(d[1].path, "faults[2].at");
  EXPECT_EQ(d[1].values[0], std::nullopt);
}

TEST(compare_scenario_diff_test, three_documents_list_a_field_that_any_one_changes) {
  const DocNode a = parse_yaml_text("x: 1\ny: 1\n", "a");
  const DocNode b = parse_yaml_text("x: 1\ny: 1\n", "b");
  const DocNode c = parse_yaml_text("x: 1\ny: 2\n", "c");
  const std::array<const DocNode*, 3> docs{&a, &b, &c};
  const auto d = diff_scenarios(docs);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0].path, "y");
  EXPECT_EQ(d[0].values, (std::vector<std::optional<std::string>>{"1", "1", "2"}));
}

}  // namespace
}  // namespace aifsim::compare
