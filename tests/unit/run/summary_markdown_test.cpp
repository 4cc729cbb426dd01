// SPDX-License-Identifier: Apache-2.0
// Tests for the Markdown summary a CI job shows: status line, checks and KPI tables.
#include "sim/run/summary_markdown.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace aifsim::run {
namespace {

RunResult sample(bool check_passes) {
  RunResult r;
  r.completed = true;
  r.simulated_s = 7200;
  r.metrics = {{"peak_facility_power_mw", 14.25}, {"pue", 1.1234567}, {"ttft_p99_s", std::nan("")}};
  output::CheckResult c;
  c.name = "peak_facility_power_mw";
  c.metric = "peak_facility_power_mw";
  c.bound = "max";
  c.limit = 14;
  c.value = 14.25;
  c.passed = check_passes;
  r.checks = {c};
  r.checks_passed = check_passes;
  return r;
}

TEST(summary_markdown_test, failed_check_shows_in_status_and_table) {
  const std::string md = summary_markdown("cap-14mw", sample(false));
  EXPECT_EQ(md.rfind("### aifsim run `cap-14mw`: 1 of 1 checks FAILED\n", 0), 0U) << md;
  EXPECT_NE(md.find("| peak_facility_power_mw | `peak_facility_power_mw` | max 14 | 14.25 | **FAIL** |\n"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("Simulated 2h."), std::string::npos) << md;
}

TEST(summary_markdown_test, every_metric_is_a_row_and_nan_is_a_dash) {
  const std::string md = summary_markdown("x", sample(true));
  EXPECT_EQ(md.rfind("### aifsim run `x`: all 1 checks passed\n", 0), 0U) << md;
  EXPECT_NE(md.find("| `pue` | 1.12346 | "), std::string::npos) << md;
  EXPECT_NE(md.find("| `ttft_p99_s` | - | "), std::string::npos) << md;
  // header + separator + one row per metric after the KPI table's header
  const std::size_t table = md.find("| summary key | value | meaning |");
  ASSERT_NE(table, std::string::npos);
  EXPECT_EQ(std::count(md.begin() + static_cast<std::ptrdiff_t>(table), md.end(), '\n'), 2 + 3) << md;
}

TEST(summary_markdown_test, pipes_in_names_cannot_break_the_table) {
  RunResult r = sample(true);
  r.completed = false;
  r.simulated_s = 90;
  const std::string md = summary_markdown("a|b\nc", r);
  EXPECT_EQ(md.rfind("### aifsim run `a\\|b c`: stopped early at 90 s simulated\n", 0), 0U) << md;
}

}  // namespace
}  // namespace aifsim::run
