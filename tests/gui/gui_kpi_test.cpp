// SPDX-License-Identifier: Apache-2.0
// The front end's KPI table shows the run's own summary values: at the end of a run every row
// equals summary.json, and a row with nothing behind it shows "-".
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include <nlohmann/json.hpp>

#include "gui/panels.h"
#include "gui/sim_worker.h"
#include "tests/test_support.h"

namespace aifsim::gui {
namespace {

TEST(gui_kpi_test, kpi_table_shows_exactly_the_values_of_summary_json) {
  test::ScratchDir dir;
  const auto path = dir.write(
      "k.yaml",
      "name: kpi\n"
      "time: {start: '2026-07-15T14:00:00+08:00', duration: 15m, dt_s: 1}\n"
      "racks: {gb: {type: gb300-nvl72, count: 3}}\n"
      "output: {interval: 60s}\n"
      "control: {power_cap: {target_mw: 0.35}}\n"
      "workloads: {inference: {chat: {model: llama-3.1-405b, racks: gb, max_batch: 32, arrivals: {rate_per_s: 90}}}}\n");
  std::shared_ptr<const Snapshot> last;
  {
    SimWorker w(scenario::load_scenario(path), dir.path() / "run");
    for (int i = 0; i < 12000 && !w.finished(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    ASSERT_TRUE(w.finished());
    ASSERT_TRUE(w.error().empty()) << w.error();
    last = w.latest();
  }
  ASSERT_NE(last, nullptr);
  ASSERT_TRUE(last->finished);
  const auto summary = nlohmann::json::parse(test::read_file(dir.path() / "run" / "summary.json"));
  int compared = 0, dashes = 0;
  for (const KpiPanel::Row& row : KpiPanel::rows()) {
    const std::optional<double> shown = KpiPanel::value(*last, row);
    if (!shown) {
      ASSERT_NE(row.needs, nullptr) << row.label;
      EXPECT_EQ(summary.at(row.needs).get<double>(), 0.0) << row.label;
      ++dashes;
      continue;
    }
    if (!row.key) continue;  // this tick's value, not a summary key
    EXPECT_EQ(*shown, summary.at(row.key).get<double>()) << row.label << " (" << row.key << ")";
    ++compared;
  }
  EXPECT_GE(compared, 14);
  EXPECT_EQ(dashes, 1);  // training goodput: no training here
  EXPECT_GT(summary.at("cap_violation_s").get<double>() + summary.at("throttle_events").get<double>(), -1.0);
}

}  // namespace
}  // namespace aifsim::gui
