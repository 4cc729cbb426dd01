// SPDX-License-Identifier: Apache-2.0
// The run report's page: every chart, the floor map and the events of a real run; the
// baseline's lines and deltas when one is given; nothing fetched from outside the file; a
// day at 1 s ticks stays small with its peak kept; and bad directories are one line each.
#include "sim/report/report.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <regex>
#include <sstream>

#include "sim/metrics/channels.h"
#include "tests/test_support.h"
#include "tests/unit/run/run_support.h"
#include "tests/unit/report/html_search.h"

namespace aifsim::report {
namespace {

using aifsim::test::count;

namespace fs = std::filesystem;

// Three racks of chat for ten minutes; the capped variant makes the controller act.
const char* kChat =
    "name: chat\n"
    "time: {start: '2026-07-15T14:00:00+08:00', duration: 10m, dt_s: 1}\n"
    "racks: {gb: {type: gb300-nvl72, count: 3}}\n"
    "output: {interval: 60s, racks_interval: 60s}\n"
    "workloads: {inference: {chat: {model: llama-3.1-405b, racks: gb, max_batch: 32, arrivals: {rate_per_s: 90}}}}\n"
    "checks: {peak_facility_power_mw: {max: 1.0}}\n";

// The <svg> of the chart with id `id`.
std::string chart_svg(const std::string& html, const std::string& id) {
  const std::size_t fig = html.find("<figure class=\"chart\" id=\"" + id + "\"");
  if (fig == std::string::npos) return "";
  const std::size_t end = html.find("</figure>", fig);
  return html.substr(fig, end - fig);
}

double attribute(const std::string& svg, const std::string& name) {
  const std::size_t at = svg.find(" " + name + "=\"");
  if (at == std::string::npos) return std::nan("");
  return std::stod(svg.substr(at + name.size() + 3));
}

class run_report_test : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::ScratchDir;
    run::test_support::run_yaml(*dir_, "free", kChat);
    run::test_support::run_yaml(*dir_, "capped", std::string(kChat) + "control: {power_cap: {target_mw: 0.35}}\n");
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static fs::path run(const char* name) { return dir_->path() / name; }
  static test::ScratchDir* dir_;
};

test::ScratchDir* run_report_test::dir_ = nullptr;

TEST_F(run_report_test, every_chart_the_floor_map_and_the_events_are_on_the_page) {
  const Report r = build_report(run("capped"), std::nullopt);
  for (const char* id : {"facility-power", "it-cooling", "pue", "temperatures", "tokens", "ttft", "tpot", "cost", "gpus",
                         "events"})
    EXPECT_FALSE(chart_svg(r.html, id).empty()) << "no chart " << id;
  EXPECT_EQ(count(r.html, "<figure class=\"chart\""), 10u);
  EXPECT_EQ(r.outline.rfind("10 charts, floor map of 3 racks at 2026-07-15T14:", 0), 0u) << r.outline;
  // the floor map: three maps (power, die, coolant) of three racks
  EXPECT_EQ(count(r.html, "<rect class=\"rack\""), 9u);
  // facility power against the cap and the envelope of the check
  const std::string power = chart_svg(r.html, "facility-power");
  EXPECT_NE(power.find("data-label=\"facility (meter)\""), std::string::npos);
  EXPECT_NE(power.find("data-label=\"cap\""), std::string::npos);
  EXPECT_NE(power.find("data-label=\"envelope (check peak_facility_power_mw &lt;= 1)\""), std::string::npos);
  EXPECT_NE(power.find("<line class=\"marker\""), std::string::npos) << "no peak or cap-action marker";
  EXPECT_NE(chart_svg(r.html, "events").find("cap_lower"), std::string::npos);
  EXPECT_NE(r.html.find("Peak facility power"), std::string::npos);
  EXPECT_EQ(r.html.find("(baseline)"), std::string::npos);
}

TEST_F(run_report_test, a_baseline_adds_its_dashed_lines_its_deltas_and_the_changed_fields) {
  const Report r = build_report(run("capped"), run("free"));
  EXPECT_NE(r.outline.find(", baseline " + run("free").string()), std::string::npos) << r.outline;
  const std::string power = chart_svg(r.html, "facility-power");
  EXPECT_NE(power.find("stroke-dasharray=\"7 4\" data-label=\"facility (meter) (baseline)\""), std::string::npos);
  EXPECT_EQ(power.find("data-label=\"cap (baseline)\""), std::string::npos) << "the baseline has no cap";
  for (const char* id : {"it-cooling", "pue", "temperatures", "tokens", "ttft", "tpot", "cost", "gpus"})
    EXPECT_NE(chart_svg(r.html, id).find(" (baseline)\""), std::string::npos) << "no baseline line on " << id;
  EXPECT_NE(r.html.find("<code>control.power_cap.target_mw</code></td><td>0.35</td><td>0</td>"), std::string::npos);
  EXPECT_NE(r.html.find("<th class=\"num\">change %</th>"), std::string::npos);
}

TEST_F(run_report_test, the_page_references_nothing_outside_itself) {
  const Report r = build_report(run("capped"), run("free"));
  EXPECT_EQ(r.html.find("http://"), std::string::npos);
  EXPECT_EQ(r.html.find("https://"), std::string::npos);
  EXPECT_EQ(r.html.find(" src="), std::string::npos);
  EXPECT_EQ(r.html.find(" href="), std::string::npos);
  EXPECT_EQ(r.html.find("<link"), std::string::npos);
  EXPECT_EQ(r.html.find("@import"), std::string::npos);
  // url() only to the page's own gradients and clip paths
  const std::regex url("url\\(([^)]*)\\)");
  for (auto it = std::sregex_iterator(r.html.begin(), r.html.end(), url); it != std::sregex_iterator(); ++it)
    EXPECT_EQ((*it)[1].str().front(), '#') << (*it)[0];
  EXPECT_EQ(r.html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_TRUE(r.html.ends_with("</html>\n"));
}

TEST_F(run_report_test, a_day_at_one_second_stays_small_and_keeps_its_peak) {
  // The real run directory with a timeseries of 86,400 rows: a diurnal swing and one
  // second at 9.9 MW.
  const fs::path day = dir_->path() / "day";
  fs::copy(run("capped"), day);
  {
    std::ofstream csv(day / "timeseries.csv", std::ios::binary | std::ios::trunc);
    csv << "time_s,time_local";
    for (const auto& c : metrics::timeseries_columns()) csv << ',' << c.name;
    csv << '\n';
    for (int t = 0; t < 86400; ++t) {
      csv << t << ",2026-07-15T14:00:00+08:00";
      for (const auto& c : metrics::timeseries_columns()) {
        const double swing = 1.0 + 0.2 * std::sin(t * 2 * M_PI / 86400.0);
        csv << ',' << (c.name == "facility_power_mw" && t == 51234 ? 9.9 : 0.3 * swing);
      }
      csv << '\n';
    }
  }
  const Report r = build_report(day, std::nullopt);
  EXPECT_LT(r.html.size(), 2u << 20) << "the page must stay under 2 MB";
  const std::string power = chart_svg(r.html, "facility-power");
  EXPECT_GE(attribute(power, "data-y1"), 9.9) << "the one-second peak fell off the chart";
  EXPECT_NE(r.html.find("timeseries.csv has 86400 rows"), std::string::npos);
  // no line holds more than two points per bucket of the ~900-pixel plot
  const std::regex points("points=\"([^\"]*)\"");
  for (auto it = std::sregex_iterator(r.html.begin(), r.html.end(), points); it != std::sregex_iterator(); ++it)
    EXPECT_LE(count((*it)[1].str(), ",") , 1800u);
}

TEST_F(run_report_test, bad_directories_are_one_located_line) {
  const fs::path missing = dir_->path() / "none";
  EXPECT_EQ(test::input_error([&] { build_report(missing, std::nullopt); }), missing.string() + ": no such directory");
  const fs::path empty = dir_->path() / "empty";
  fs::create_directories(empty);
  EXPECT_EQ(test::input_error([&] { build_report(empty, std::nullopt); }),
            empty.string() + ": not a run directory or a sweep directory (no summary.json or sweep.json)");

  const fs::path no_ts = dir_->path() / "no-ts";
  fs::copy(run("free"), no_ts);
  fs::remove(no_ts / "timeseries.csv");
  EXPECT_EQ(test::input_error([&] { build_report(no_ts, std::nullopt); }),
            (no_ts / "timeseries.csv").string() + ": missing");

  const fs::path bad_ts = dir_->path() / "bad-ts";
  fs::copy(run("free"), bad_ts);
  std::string text = test::read_file(bad_ts / "timeseries.csv");
  const std::size_t line3 = text.find('\n', text.find('\n') + 1) + 1;  // the second data row
  const std::size_t comma = text.find(',', text.find(',', line3) + 1);  // after time_s, time_local
  text.replace(comma + 1, text.find(',', comma + 1) - comma - 1, "oops");
  std::ofstream(bad_ts / "timeseries.csv", std::ios::binary | std::ios::trunc) << text;
  EXPECT_EQ(test::input_error([&] { build_report(bad_ts, std::nullopt); }),
            (bad_ts / "timeseries.csv").string() + ":3: it_power_mw: not a number ('oops')");

  const fs::path bad_json = dir_->path() / "bad-json";
  fs::copy(run("free"), bad_json);
  std::ofstream(bad_json / "summary.json", std::ios::binary | std::ios::trunc) << "{\"pue\": 1.2,\n  oops}\n";
  EXPECT_EQ(test::input_error([&] { build_report(bad_json, std::nullopt); }).rfind((bad_json / "summary.json").string() + ":2:", 0),
            0u);
}

TEST_F(run_report_test, a_baseline_of_another_shape_is_refused) {
  const fs::path old = dir_->path() / "old";
  fs::copy(run("free"), old);
  std::string text = test::read_file(old / "timeseries.csv");
  const std::size_t at = text.find("ttft_mean_s");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 11, "ttft_p99_s");
  std::ofstream(old / "timeseries.csv", std::ios::binary | std::ios::trunc) << text;
  EXPECT_EQ(test::input_error([&] { build_report(run("capped"), old); }),
            (old / "timeseries.csv").string() + ": other columns than " + (run("capped") / "timeseries.csv").string() +
                " (no 'ttft_mean_s')");

  const fs::path sweep = dir_->path() / "a-sweep";
  fs::create_directories(sweep);
  std::ofstream(sweep / "sweep.json") << "{}";
  EXPECT_EQ(test::input_error([&] { build_report(run("capped"), sweep); }),
            sweep.string() + ": a sweep directory, not a run (--baseline takes a run directory)");
  EXPECT_EQ(test::input_error([&] { build_report(sweep, run("free")); }),
            run("free").string() + ": --baseline applies to a run's report, not to the sweep " + sweep.string());
}

}  // namespace
}  // namespace aifsim::report
