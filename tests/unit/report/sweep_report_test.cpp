// SPDX-License-Identifier: Apache-2.0
// The sweep report: one chart per summary key that varies and per field the sweep varies,
// the variants grouped by the other fields, text fields as categories, constant keys left out.
#include "sim/report/sweep_report.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "sim/metrics/summary_keys.h"
#include "tests/unit/report/html_search.h"

namespace aifsim::report {
namespace {

using aifsim::test::count;

std::size_t key_index(std::string_view key) {
  const auto keys = metrics::summary_metric_keys();
  for (std::size_t k = 0; k < keys.size(); ++k)
    if (keys[k].key == key) return k;
  ADD_FAILURE() << "no key " << key;
  return 0;
}

// caps 12, 13, 14 MW x two seasons (a text field); only the peak and the tokens vary.
sweep::SweepTable table() {
  sweep::SweepTable t;
  t.name = "caps";
  t.base = "../taiwan-ai-factory.yaml";
  t.fields = {"control.power_cap.target_mw", "time.start"};
  std::size_t v = 0;
  for (const char* season : {"2026-07-15T13:00:00+08:00", "2026-01-15T13:00:00+08:00"})
    for (const double cap : {12.0, 13.0, 14.0}) {
      sweep::SweepRow r;
      r.variant = v++;
      r.name = "cap=" + std::to_string(static_cast<int>(cap));
      r.fields = {sweep::TableValue{cap, ""}, sweep::TableValue{std::nullopt, season}};
      r.summary.completed = true;
      r.summary.metrics.assign(metrics::summary_metric_keys().size(), 1.0);
      r.summary.metrics[key_index("peak_facility_power_mw")] = cap - 0.1;
      r.summary.metrics[key_index("tokens_per_s")] = 1e5 * cap + (season[5] == '0' && season[6] == '7' ? 0 : 5e4);
      r.summary.metrics[key_index("co2_t")] = std::numeric_limits<double>::quiet_NaN();
      t.rows.push_back(std::move(r));
    }
  t.variants_total = t.rows.size();
  return t;
}

TEST(sweep_report_test, charts_each_varying_key_against_each_field) {
  const RenderedSweepReport r = build_sweep_report("runs/caps", table());
  EXPECT_EQ(r.outline.axes, 2u);
  EXPECT_EQ(r.outline.variants, 6u);
  // peak and tokens vary; co2 is empty everywhere; every other key is 1 in every variant
  EXPECT_EQ(r.outline.charts, 4u);
  EXPECT_EQ(r.outline.constant_keys, metrics::summary_metric_keys().size() - 2);
  EXPECT_EQ(count(r.html, "<h3>peak_facility_power_mw"), 2u);
  EXPECT_EQ(count(r.html, "<h3>tokens_per_s"), 2u);
  EXPECT_EQ(r.html.find("<h3>pue"), std::string::npos);
  // against the cap: one line per season; against the season (categories): one per cap
  EXPECT_NE(r.html.find("data-label=\"start=2026-07-15T13:00:00+08:00\""), std::string::npos);
  EXPECT_NE(r.html.find("data-label=\"target_mw=13\""), std::string::npos);
  EXPECT_NE(r.html.find("data-axis=\"category\""), std::string::npos);
  EXPECT_NE(r.html.find("data-axis=\"number\""), std::string::npos);
  EXPECT_EQ(r.html.find("http"), std::string::npos);
}

TEST(sweep_report_test, a_shard_and_an_unfinished_sweep_say_so) {
  sweep::SweepTable t = table();
  t.variants_total = 12;
  EXPECT_NE(build_sweep_report("d", t).html.find("The sweep is not finished"), std::string::npos);
  t.shard = sweep::Shard{1, 4};
  EXPECT_NE(build_sweep_report("d", t).html.find("This is shard 1/4 of the sweep"), std::string::npos);
}

}  // namespace
}  // namespace aifsim::report
