// SPDX-License-Identifier: Apache-2.0
// The timeseries columns made from the services and the bill: the energy cost rate
// integrates to the run's energy cost across a tariff edge, and the interval latency means
// lie within the run's own latency distribution.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "sim/report/csv_table.h"
#include "tests/test_support.h"
#include "tests/unit/run/run_support.h"

namespace aifsim::run {
namespace {

using test_support::metric;
using test_support::run_yaml;

// Two racks of chat for 30 minutes across 22:00 on a summer weekday, where Taipower's
// three-period tariff steps from peak to semi-peak.
const char* kChat =
    "name: evening\n"
    "time: {start: '2026-07-15T21:45:00+08:00', duration: 30m, dt_s: 1}\n"
    "racks: {gb: {type: gb300-nvl72, count: 2}}\n"
    "output: {interval: 60s, racks: false}\n"
    "workloads: {inference: {chat: {model: llama-3.1-405b, racks: gb, max_batch: 32, arrivals: {rate_per_s: 60}}}}\n";

// Every column of DIR/timeseries.csv by name.
std::map<std::string, std::vector<double>> columns(const std::filesystem::path& file) {
  std::map<std::string, std::vector<double>> out;
  std::vector<std::string> names;
  report::read_csv(file, [&](const report::CsvRecord& r) {
    if (names.empty()) {
      names = r.cells;
      return;
    }
    for (std::size_t c = 0; c < names.size(); ++c)
      if (names[c] != "time_local") out[names[c]].push_back(report::number_cell(file, r, c, names[c]));
  });
  return out;
}

class timeseries_columns_test : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::ScratchDir;
    result_ = new RunResult(run_yaml(*dir_, "evening", kChat));
    columns_ = new std::map<std::string, std::vector<double>>(columns(dir_->path() / "evening" / "timeseries.csv"));
  }
  static void TearDownTestSuite() {
    delete columns_;
    delete result_;
    delete dir_;
  }
  static test::ScratchDir* dir_;
  static RunResult* result_;
  static std::map<std::string, std::vector<double>>* columns_;
};

test::ScratchDir* timeseries_columns_test::dir_ = nullptr;
RunResult* timeseries_columns_test::result_ = nullptr;
std::map<std::string, std::vector<double>>* timeseries_columns_test::columns_ = nullptr;

TEST_F(timeseries_columns_test, energy_cost_rate_integrates_to_the_energy_cost_across_a_tariff_edge) {
  const auto& rate = columns_->at("energy_cost_ntd_per_h");
  ASSERT_EQ(rate.size(), 30u);
  double ntd = 0;
  for (const double v : rate) ntd += v * (60.0 / 3600.0);
  EXPECT_NEAR(ntd, metric(*result_, "energy_cost_ntd"), 1e-9 * ntd);
  // The price falls at 22:00 (row 15): the same power costs less per hour after it.
  const auto& grid = columns_->at("grid_power_mw");
  EXPECT_LT(rate[20] / grid[20], 0.9 * rate[10] / grid[10]);
  EXPECT_GT(metric(*result_, "energy_cost_peak_ntd"), 0);
  EXPECT_GT(metric(*result_, "energy_cost_semi_peak_ntd"), 0);
}

TEST_F(timeseries_columns_test, interval_latency_means_lie_within_the_runs_latency_range) {
  for (const auto& [column, p50, p99] : {std::tuple{"ttft_mean_s", "ttft_p50_s", "ttft_p99_s"},
                                         std::tuple{"tpot_mean_s", "tpot_p50_s", "tpot_p99_s"}}) {
    const auto& means = columns_->at(column);
    ASSERT_EQ(means.size(), 30u);
    for (std::size_t i = 0; i < means.size(); ++i) {
      ASSERT_TRUE(std::isfinite(means[i])) << column << " row " << i;
      EXPECT_GT(means[i], 0.2 * metric(*result_, p50)) << column << " row " << i;
      EXPECT_LT(means[i], metric(*result_, p99)) << column << " row " << i;
    }
  }
}

}  // namespace
}  // namespace aifsim::run
