// SPDX-License-Identifier: Apache-2.0
// `aifsim compare` as a user meets it: two small runs, one under a power cap, compared in
// each format; and the one-line errors for what is not a pair of run directories.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sstream>
#include <vector>

#include "tests/cli/cli_support.h"

namespace aifsim {
namespace {

using test::CliResult;
using test::ScratchDir;

// Two racks for ten minutes: enough for a cap controller to act, fast enough for every push.
constexpr const char* kTwoRacks = R"(name: two-racks
time:
  start: "2026-07-15T12:00:00+08:00"
  duration: 10m
  dt_s: 1
site:
  power:
    ups:
      capacity_kw: 500
racks:
  r:
    type: gb300-nvl72
    count: 2
    load:
      profile: constant
      utilization: 0.9
output:
  interval: 60s
  racks_interval: 60s
checks:
  peak_facility_power_mw: {max: 1.0}
)";

// Runs the baseline and the capped scenario once for every test of this file.
class compare_cli_test : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new ScratchDir;
    const auto scenario = dir_->write("two-racks.yaml", kTwoRacks);
    base_ = (dir_->path() / "base").string();
    capped_ = (dir_->path() / "capped").string();
    const CliResult a = test::run_cli(*dir_, "run " + scenario.string() + " --quiet --out " + base_);
    ASSERT_EQ(a.code, 0) << a.err;
    const CliResult b = test::run_cli(
        *dir_, "run " + scenario.string() + " --quiet --out " + capped_ + " --set control.power_cap.target_mw=0.25");
    ASSERT_EQ(b.code, 0) << b.err;
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static CliResult aifsim(const std::string& args) { return test::run_cli(*dir_, args); }

  static ScratchDir* dir_;
  static std::string base_, capped_;
};

ScratchDir* compare_cli_test::dir_ = nullptr;
std::string compare_cli_test::base_;
std::string compare_cli_test::capped_;

TEST_F(compare_cli_test, text_shows_the_changed_field_and_the_deltas) {
  const CliResult r = aifsim("compare " + base_ + " " + capped_);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(r.err.empty()) << r.err;
  EXPECT_NE(r.out.find("control.power_cap.target_mw: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(" -> 0.25\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  peak_facility_power_mw <= 1  passed  passed"), std::string::npos) << r.out;
  // The cap lowers the facility's mean power: a negative delta and percentage on that row.
  const std::size_t at = r.out.find("\n  mean_facility_power_mw ");
  ASSERT_NE(at, std::string::npos) << r.out;
  std::istringstream row(r.out.substr(at + 1, r.out.find('\n', at + 1) - at - 1));
  std::vector<std::string> cells;
  for (std::string cell; row >> cell;) cells.push_back(cell);
  ASSERT_EQ(cells.size(), 6u);  // key, A, B, B-A, B-A %, "%"
  EXPECT_EQ(cells[3][0], '-') << cells[3];
  EXPECT_EQ(cells[4][0], '-') << cells[4];
  EXPECT_EQ(cells[5], "%");
}

TEST_F(compare_cli_test, markdown_and_json_go_to_a_file) {
  const std::string md = (dir_->path() / "compare.md").string();
  const CliResult r = aifsim("compare " + base_ + " " + capped_ + " --format markdown --out " + md);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(r.out.empty()) << r.out;
  const std::string text = test::read_file(md);
  EXPECT_NE(text.find("| `control.power_cap.target_mw` | "), std::string::npos) << text;
  EXPECT_NE(text.find("| summary key | A | B | B-A | B-A % |"), std::string::npos) << text;
  EXPECT_TRUE(test::temporaries_in(dir_->path()).empty());

  const CliResult j = aifsim("compare " + base_ + " " + capped_ + " --format json");
  ASSERT_EQ(j.code, 0) << j.err;
  const nlohmann::json doc = nlohmann::json::parse(j.out);
  EXPECT_LT(doc["metrics"]["mean_facility_power_mw"]["delta"][1].get<double>(), 0.0);
  bool cap_field = false;
  for (const auto& f : doc["scenario_fields"]) cap_field |= f["path"] == "control.power_cap.target_mw";
  EXPECT_TRUE(cap_field) << j.out;
}

TEST_F(compare_cli_test, bad_input_is_one_line_and_exit_two) {
  const std::string missing = (dir_->path() / "no-such-run").string();
  CliResult r = aifsim("compare " + base_ + " " + missing);
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, missing + ": no such run directory\n");

  r = aifsim("compare " + base_);
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, "aifsim compare: needs at least two run directories (got 1)\n");

  const auto broken = dir_->write("broken/summary.json", "{\"pue\": 1.2,\n  oops}\n");
  r = aifsim("compare " + base_ + " " + broken.parent_path().string());
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err.rfind(broken.string() + ":2:", 0), 0u) << r.err;
  EXPECT_EQ(r.err.find('\n'), r.err.size() - 1) << r.err;

  const std::string out = (dir_->path() / "no-dir" / "out.md").string();
  r = aifsim("compare " + base_ + " " + capped_ + " --out " + out);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--out"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(out));
}

}  // namespace
}  // namespace aifsim
