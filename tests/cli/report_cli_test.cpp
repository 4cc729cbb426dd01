// SPDX-License-Identifier: Apache-2.0
// `aifsim report` as a user meets it: a run's page beside its files, against a baseline into
// --out, a sweep's page; and for bad input one line, exit 2 and no file.
#include <gtest/gtest.h>

#include "tests/cli/cli_support.h"

namespace aifsim {
namespace {

using test::CliResult;
using test::ScratchDir;
namespace fs = std::filesystem;

// Two racks at a constant 90 % for ten minutes: a cap of 0.25 MW makes the controller act.
constexpr const char* kTwoRacks =
    "name: two-racks\n"
    "time: {start: '2026-07-15T12:00:00+08:00', duration: 10m, dt_s: 1}\n"
    "racks: {r: {type: gb300-nvl72, count: 2, load: {profile: constant, utilization: 0.9}}}\n"
    "output: {interval: 60s, racks_interval: 60s}\n";

constexpr const char* kSweep = R"(name: caps
base: two-racks.yaml
axes:
  - {field: control.power_cap.target_mw, values: [0.22, 0.3]}
  - {field: racks.r.load.utilization, values: [0.6, 0.9]}
)";

// The two runs every test reads, made once (the scratch directory lives until the end).
struct Runs {
  ScratchDir dir;
  std::string base = (dir.path() / "base").string(), capped = (dir.path() / "capped").string();
  bool ok = false;
  Runs() {
    const auto scenario = dir.write("two-racks.yaml", kTwoRacks);
    ok = test::run_cli(dir, "run " + scenario.string() + " --quiet --out " + base).code == 0 &&
         test::run_cli(dir, "run " + scenario.string() + " --quiet --out " + capped +
                                " --set control.power_cap.target_mw=0.25").code == 0;
  }
};

const Runs& runs() {
  static const Runs r;
  return r;
}

class report_cli_test : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(runs().ok) << "the runs to report on failed"; }
  static CliResult aifsim(const std::string& args) { return test::run_cli(runs().dir, args); }
  const ScratchDir* dir_ = &runs().dir;
  const std::string& base_ = runs().base;
  const std::string& capped_ = runs().capped;
};

TEST_F(report_cli_test, writes_the_page_beside_the_run_and_says_what_it_holds) {
  const CliResult r = aifsim("report " + base_);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(r.err.empty()) << r.err;
  const fs::path page = fs::path(base_) / "report.html";
  ASSERT_TRUE(fs::exists(page));
  EXPECT_FALSE(fs::exists(page.string() + ".tmp"));
  EXPECT_EQ(r.out.rfind("aifsim report: wrote " + page.string() + " (", 0), 0u) << r.out;
  EXPECT_NE(r.out.find(" KiB): "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(" charts, floor map of 2 racks at 2026-07-15T12:"), std::string::npos) << r.out;
  EXPECT_NE(test::read_file(page).find("<h1>aifsim report: two-racks</h1>"), std::string::npos);
}

TEST_F(report_cli_test, a_baseline_goes_into_out) {
  const std::string out = (dir_->path() / "capped-vs-base.html").string();
  const CliResult r = aifsim("report " + capped_ + " --baseline " + base_ + " --out " + out + " --quiet");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
  const std::string html = test::read_file(out);
  EXPECT_NE(html.find("data-label=\"facility (meter) (baseline)\""), std::string::npos);
  EXPECT_FALSE(fs::exists(fs::path(capped_) / "report.html"));
}

TEST_F(report_cli_test, a_sweep_gets_its_page_too) {
  const auto sweep = dir_->write("caps.yaml", kSweep);
  const std::string out = (dir_->path() / "sweep-caps").string();
  ASSERT_EQ(aifsim("sweep " + sweep.string() + " -j 2 --quiet --out " + out).code, 0);
  const CliResult r = aifsim("report " + out);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find(" charts: 4 variants, the summary keys that vary against 2 fields"), std::string::npos) << r.out;
  const std::string html = test::read_file(fs::path(out) / "report.html");
  EXPECT_NE(html.find("<h3>peak_facility_power_mw"), std::string::npos);
  EXPECT_NE(html.find("data-label=\"utilization=0.9\""), std::string::npos);
}

TEST_F(report_cli_test, bad_input_is_one_line_exit_two_and_no_file) {
  const std::string missing = (dir_->path() / "no-such-run").string();
  CliResult r = aifsim("report " + missing);
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, missing + ": no such directory\n");

  const fs::path half = dir_->path() / "half";
  fs::create_directories(half);
  fs::copy_file(fs::path(base_) / "summary.json", half / "summary.json");
  r = aifsim("report " + half.string());
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, (half / "timeseries.csv").string() + ": missing\n");
  EXPECT_FALSE(fs::exists(half / "report.html"));
  EXPECT_FALSE(fs::exists(half / "report.html.tmp"));

  r = aifsim("report " + capped_ + " --baseline " + half.string());
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, (half / "timeseries.csv").string() + ": missing\n");
  EXPECT_FALSE(fs::exists(fs::path(capped_) / "report.html"));

  const std::string out = (dir_->path() / "no-dir" / "r.html").string();
  r = aifsim("report " + base_ + " --out " + out);
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err.rfind("aifsim report: --out: ", 0), 0u) << r.err;
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << r.err;
  EXPECT_FALSE(fs::exists(out));
}

}  // namespace
}  // namespace aifsim
