// SPDX-License-Identifier: Apache-2.0
// Tests for the text, Markdown and JSON renderings of a comparison and their number format.
#include "sim/compare/format.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>

#include "sim/scenario/yaml_io.h"

namespace aifsim::compare {
namespace {

Comparison sample() {
  std::vector<RunSummary> runs(2);
  runs[0].dir = "runs/base";
  runs[0].scenario = "base";
  runs[0].metrics = {{"duration_s", 600}, {"pue", 1.25}, {"cap_violation_s", 0}};
  runs[0].resolved = scenario::parse_yaml_text("name: base\ncontrol: {}\n", "a");
  runs[1].dir = "runs/cap|x";
  runs[1].scenario = "cap";
  runs[1].metrics = {{"duration_s", 600}, {"pue", 1.5}, {"cap_violation_s", 3}};
  runs[1].resolved = scenario::parse_yaml_text("name: cap\ncontrol: {power_cap: {target_mw: 14}}\n", "b");
  runs[1].checks = {{"cap_violation_s", true, 3}};
  return compare_runs(runs);
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

// Cells of a Markdown table row, honouring `\|` escapes.
std::size_t markdown_columns(const std::string& row) {
  std::size_t pipes = 0;
  for (std::size_t i = 0; i < row.size(); ++i)
    if (row[i] == '|' && (i == 0 || row[i - 1] != '\\')) ++pipes;
  return pipes - 1;
}

TEST(compare_format_test, numbers) {
  EXPECT_EQ(format_value(1.23456789), "1.23457");
  EXPECT_EQ(format_value(1.5e9), "1.5e+09");
  EXPECT_EQ(format_value(std::nullopt), "-");
  EXPECT_EQ(format_delta(0.25), "+0.25");
  EXPECT_EQ(format_delta(-3.0), "-3");
  EXPECT_EQ(format_delta(0.0), "0");
  EXPECT_EQ(format_delta(std::nullopt), "-");
  EXPECT_EQ(format_relative_pct(12.34), "+12.3 %");
  EXPECT_EQ(format_relative_pct(-5.0), "-5.0 %");
  EXPECT_EQ(format_relative_pct(0.0123), "+0.012 %");  // small, but not "none"
  EXPECT_EQ(format_relative_pct(0.0), "0.0 %");
  EXPECT_EQ(format_relative_pct(std::nullopt), "-");
}

TEST(compare_format_test, text_lists_values_deltas_fields_and_checks) {
  const std::string text = format_text(sample());
  EXPECT_NE(text.find("aifsim compare: 2 runs against baseline A"), std::string::npos) << text;
  EXPECT_NE(text.find("A (baseline)  runs/base"), std::string::npos) << text;
  bool pue_row = false;
  for (const auto& l : lines(text))
    if (l.find("pue") != std::string::npos) {
      pue_row = true;
      EXPECT_NE(l.find("1.25"), std::string::npos) << l;
      EXPECT_NE(l.find("+0.25"), std::string::npos) << l;
      EXPECT_NE(l.find("+20.0 %"), std::string::npos) << l;
    }
  EXPECT_TRUE(pue_row) << text;
  EXPECT_NE(text.find("  control.power_cap.target_mw: - -> 14\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  name: base -> cap\n"), std::string::npos) << text;
  EXPECT_NE(text.find("cap_violation_s  -  passed"), std::string::npos) << text;
  // Deltas against a zero baseline have no relative value.
  for (const auto& l : lines(text)) {
    if (l.rfind("  cap_violation_s  ", 0) == 0 && l.find("+3") != std::string::npos) {
      EXPECT_EQ(l.substr(l.size() - 1), "-") << l;
    }
  }
}

TEST(compare_format_test, markdown_tables_are_well_formed) {
  const std::string md = format_markdown(sample());
  const auto ls = lines(md);
  // Every table: a header, an alignment row, rows, all with the same number of cells.
  std::size_t tables = 0;
  for (std::size_t i = 0; i < ls.size(); ++i) {
    if (ls[i].empty() || ls[i][0] != '|' || (i > 0 && !ls[i - 1].empty() && ls[i - 1][0] == '|')) continue;
    ++tables;
    ASSERT_LT(i + 1, ls.size());
    const std::size_t columns = markdown_columns(ls[i]);
    EXPECT_EQ(markdown_columns(ls[i + 1]), columns) << ls[i + 1];
    EXPECT_NE(ls[i + 1].find("---"), std::string::npos) << ls[i + 1];
    for (std::size_t j = i; j < ls.size() && !ls[j].empty() && ls[j][0] == '|'; ++j) {
      EXPECT_EQ(ls[j].back(), '|') << ls[j];
      EXPECT_EQ(markdown_columns(ls[j]), columns) << ls[j];
    }
  }
  EXPECT_EQ(tables, 4u) << md;  // runs, fields, checks, summary keys
  EXPECT_NE(md.find("| summary key | A | B | B-A | B-A % |\n|:---|---:|---:|---:|---:|\n"), std::string::npos) << md;
  EXPECT_NE(md.find("| `pue` | 1.25 | 1.5 | +0.25 | +20.0 % |"), std::string::npos) << md;
  EXPECT_NE(md.find("| `control.power_cap.target_mw` | - | 14 |"), std::string::npos) << md;
  EXPECT_NE(md.find("| A (baseline) | `runs/base` | base |"), std::string::npos) << md;
  EXPECT_NE(md.find("runs/cap\\|x"), std::string::npos) << md;  // a `|` in a cell is escaped
}

TEST(compare_format_test, json_is_machine_readable) {
  const nlohmann::json j = nlohmann::json::parse(format_json(sample()));
  EXPECT_EQ(j["baseline"], "A");
  EXPECT_EQ(j["runs"][1]["dir"], "runs/cap|x");
  EXPECT_TRUE(j["metrics"]["pue"]["delta"][0].is_null());
  EXPECT_DOUBLE_EQ(j["metrics"]["pue"]["delta"][1].get<double>(), 0.25);
  EXPECT_DOUBLE_EQ(j["metrics"]["pue"]["relative_delta_pct"][1].get<double>(), 20.0);
  EXPECT_TRUE(j["metrics"]["cap_violation_s"]["relative_delta_pct"][1].is_null());
  EXPECT_EQ(j["scenario_fields"][0]["path"], "name");
  EXPECT_EQ(j["scenario_fields"][1]["path"], "control.power_cap.target_mw");
  EXPECT_TRUE(j["scenario_fields"][1]["values"][0].is_null());
  EXPECT_EQ(j["scenario_fields"][1]["values"][1], "14");
  EXPECT_TRUE(j["checks"][0]["passed"][0].is_null());
  EXPECT_EQ(j["checks"][0]["passed"][1], true);
}

}  // namespace
}  // namespace aifsim::compare
