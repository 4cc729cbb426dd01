// SPDX-License-Identifier: Apache-2.0
// Charts as SVG: round ticks that cover the data, the site's clock on a time axis, lines
// split at gaps and carrying their label for the hover script, text escaped.
#include "sim/report/svg_chart.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "sim/report/floor_map.h"
#include "tests/unit/report/html_search.h"

namespace aifsim::report {
namespace {

using aifsim::test::count;

TEST(svg_chart_test, nice_ticks_are_round_and_cover_the_range) {
  const auto t = nice_ticks(9.64, 14.04, 5);
  ASSERT_GE(t.size(), 3u);
  EXPECT_LE(t.front(), 9.64);
  EXPECT_GE(t.back(), 14.04);
  EXPECT_DOUBLE_EQ(t[1] - t[0], 1.0);
  const auto small = nice_ticks(0.0182, 0.0197, 4);
  EXPECT_LE(small.front(), 0.0182);
  EXPECT_GE(small.back(), 0.0197);
  EXPECT_LE(small.size(), 9u);
}

TEST(svg_chart_test, time_axis_reads_the_site_clock_and_lines_break_at_gaps) {
  Chart c;
  c.id = "p";
  c.title = "Facility <power>";
  c.unit = "MW";
  const double nan = std::numeric_limits<double>::quiet_NaN();
  c.series.push_back({"meter & grid", "#1f77b4", SeriesStyle::line, {{0, 10}, {600, 12}, {1200, nan}, {1800, 13}, {3600, 14}}, {}});
  c.series.push_back({"baseline", "#9ecae1", SeriesStyle::dashed, {{0, 11}, {3600, 11}}, {}});
  c.markers.push_back({900, "cap_lower: limits to 87 %", "#6a3d9a"});
  const Clock clock{true, 1784095200, 8 * 3600};  // 2026-07-15T14:00:00+08:00
  const std::string html = render_chart(c, {1040, 240}, clock, XRange{0, 3600});
  EXPECT_NE(html.find(">14:00</text>"), std::string::npos) << html;
  EXPECT_NE(html.find(">14:30</text>"), std::string::npos);
  EXPECT_NE(html.find(">15:00</text>"), std::string::npos);
  EXPECT_NE(html.find("Facility &lt;power&gt;"), std::string::npos);
  // the gap splits the first line in two; the second is one dashed line
  EXPECT_EQ(count(html, "data-label=\"meter &amp; grid\""), 2u);
  EXPECT_EQ(count(html, "stroke-dasharray=\"7 4\""), 1u);
  EXPECT_NE(html.find("<title>cap_lower: limits to 87 %</title>"), std::string::npos);
  EXPECT_NE(html.find("data-clock=\"1784095200,28800\""), std::string::npos);
}

TEST(svg_chart_test, the_colour_scale_runs_from_blue_to_red) {
  EXPECT_EQ(scale_colour(0), "#313695");
  EXPECT_EQ(scale_colour(1), "#a50026");
  EXPECT_EQ(scale_colour(0.5), "#fee090");
  EXPECT_EQ(scale_colour(-3), scale_colour(0));
}

}  // namespace
}  // namespace aifsim::report
