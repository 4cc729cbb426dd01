// SPDX-License-Identifier: Apache-2.0
// Whole runs with the cooling plant: heat balance, seasons, and a CDU pump failure that heats
// only the racks it serves.
#include <gtest/gtest.h>

#include <sstream>

#include "sim/run/run.h"
#include "sim/scenario/load.h"
#include "tests/test_support.h"
#include "tests/unit/run/run_support.h"

namespace aifsim::run {
namespace {

using test_support::metric;
using test_support::run_yaml;

std::vector<std::vector<std::string>> read_csv(const std::filesystem::path& p) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(test::read_file(p));
  for (std::string line; std::getline(in, line);) {
    std::vector<std::string> cells;
    std::stringstream ss(line);
    for (std::string c; std::getline(ss, c, ',');) cells.push_back(c);
    rows.push_back(cells);
  }
  return rows;
}

// Eight racks on one CDU at constant load; a small facility loop so it settles in minutes.
const char* kEightRacks =
    "time: {start: '2026-01-15T00:00:00+08:00', duration: 6h, dt_s: 5}\n"
    "site:\n"
    "  power: {ups: {capacity_kw: 1500}}\n"
    "  cooling: {facility_water: {loop_volume_m3: 5}, chillers: {unit_capacity_kw: 600}}\n"
    "racks:\n"
    "  a: {type: gb300-nvl72, count: 8, load: {profile: constant, utilization: 0.9}}\n"
    "output: {interval: 10m, racks: false}\n";

TEST(heat_balance_test, heat_removed_equals_heat_produced_at_steady_state) {
  test::ScratchDir dir;
  const RunResult r = run_yaml(dir, "eight", kEightRacks);
  const RunResult longer = run_yaml(dir, "eight12", kEightRacks, {{"time.duration", "12h"}});
  // The loops store their warm-up heat in the first minutes; over the extra six hours of the
  // longer run, in steady state, the plant removes exactly what enters the water.
  const double in = metric(longer, "heat_to_water_mwh") - metric(r, "heat_to_water_mwh");
  const double out = metric(longer, "heat_from_water_mwh") - metric(r, "heat_from_water_mwh");
  EXPECT_NEAR(out, in, 1e-6 * in);
  // Every watt of IT power becomes heat; so do CRAH fan and CDU pump power. The rack loops
  // and dies store only their warm-up energy (~0.1 % here).
  const double it_and_fans = metric(r, "it_energy_mwh") + metric(r, "crah_fan_energy_mwh");
  EXPECT_GT(in, it_and_fans);  // the CDU pumps' heat comes on top
  EXPECT_LT(in, it_and_fans + metric(r, "pump_energy_mwh"));
}

TEST(energy_balance_test, facility_energy_includes_cooling_exactly) {
  test::ScratchDir dir;
  const RunResult r = run_yaml(dir, "eight", kEightRacks);
  const double facility = metric(r, "facility_energy_mwh");
  const double parts = metric(r, "it_energy_mwh") + metric(r, "cooling_energy_mwh") +
                       metric(r, "distribution_loss_mwh") + metric(r, "ups_loss_mwh") +
                       metric(r, "transformer_loss_mwh") + metric(r, "misc_energy_mwh");
  EXPECT_NEAR(facility, parts, 1e-9 * facility);
  const double cooling_parts = metric(r, "chiller_energy_mwh") + metric(r, "rejection_fan_energy_mwh") +
                               metric(r, "pump_energy_mwh") + metric(r, "crah_fan_energy_mwh");
  EXPECT_NEAR(metric(r, "cooling_energy_mwh"), cooling_parts, 1e-9 * cooling_parts);
  EXPECT_NEAR(metric(r, "pue"), facility / metric(r, "it_energy_mwh"), 1e-12);
}

TEST(season_test, january_is_free_cooled_and_july_needs_chillers) {
  test::ScratchDir dir;
  const RunResult jan = run_yaml(dir, "jan", kEightRacks);
  const RunResult jul = run_yaml(dir, "jul", kEightRacks, {{"time.start", "2026-07-15T00:00:00+08:00"}});
  // Tainan January wet bulb ~15 C + 4 K tower approach is far below the 26 C set-point.
  EXPECT_NEAR(metric(jan, "free_cooling_hours"), 6.0, 0.01);
  EXPECT_NEAR(metric(jan, "chiller_energy_mwh"), 0.0, 1e-12);
  // July wet bulb ~26 C + 4 K is above it: chillers trim all day.
  EXPECT_LT(metric(jul, "free_cooling_hours"), 0.01);
  EXPECT_GT(metric(jul, "chiller_energy_mwh"), 0.0);
  EXPECT_LT(metric(jan, "pue"), metric(jul, "pue"));
  EXPECT_GT(metric(jul, "water_m3"), metric(jan, "water_m3") * 0.5);  // towers evaporate in both
}

TEST(cdu_failure_test, heats_only_the_racks_it_serves_at_about_q_over_c) {
  test::ScratchDir dir;
  const std::string yaml =
      "time: {start: '2026-07-15T14:00:00+08:00', duration: 20m, dt_s: 1}\n"
      "site:\n"
      "  power: {ups: {capacity_kw: 3000}}\n"
      "  cooling: {cdu: {racks_per_cdu: 2}, chillers: {unit_capacity_kw: 1500}}\n"
      "racks:\n"
      "  a: {type: gb300-nvl72, count: 4, load: {profile: constant, utilization: 1.0}}\n"
      "faults: [{at: 10m, kind: cdu_pump_failure, target: 1, count: 2}]\n"
      "output: {interval: 1m, racks_interval: 5s}\n";
  run_yaml(dir, "cdu", yaml);
  const auto events = read_csv(dir.path() / "cdu" / "events.csv");
  double first_throttle_s = -1;
  for (std::size_t i = 1; i < events.size(); ++i) {
    if (events[i][2] != "thermal_slowdown") continue;
    // Racks 3 and 4 (h1-r01-03, -04) are on CDU 1; racks 1 and 2 must stay normal.
    EXPECT_TRUE(events[i][3] == "h1-r01-03" || events[i][3] == "h1-r01-04") << events[i][3];
    if (first_throttle_s < 0) first_throttle_s = std::stod(events[i][0]);
  }
  ASSERT_GT(first_throttle_s, 600.0) << "no GPU throttled after the pumps stopped";
  EXPECT_LT(first_throttle_s, 600.0 + 120.0);
  // Between failure and throttling the stagnant loop warms at Q / C: 129.6 kW (catalog GB300
  // rack at full load, all to liquid) / 200 kJ/K = 0.648 K/s; with no flow the reported return
  // is the loop itself. The dies follow it behind their own 15 s time constant (R C).
  const auto racks = read_csv(dir.path() / "cdu" / "racks.csv");
  double loop0 = 0, loop1 = 0, die0 = 0, die1 = 0;
  for (std::size_t i = 1; i < racks.size(); ++i) {
    if (racks[i][1] != "h1-r01-03") continue;
    const double t = std::stod(racks[i][0]);
    if (t == 615) { loop0 = std::stod(racks[i][9]); die0 = std::stod(racks[i][10]); }
    if (t == 635) { loop1 = std::stod(racks[i][9]); die1 = std::stod(racks[i][10]); }
  }
  EXPECT_NEAR((loop1 - loop0) / 20.0, 0.648, 0.03 * 0.648);
  EXPECT_GT((die1 - die0) / 20.0, 0.6 * 0.648);
  EXPECT_LT((die1 - die0) / 20.0, 0.648);
  // The racks on the healthy CDU stay where they were.
  for (std::size_t i = 1; i < racks.size(); ++i) {
    if (racks[i][1] != "h1-r01-01") continue;
    EXPECT_LT(std::stod(racks[i][10]), 80.0) << racks[i][0];
  }
}

}  // namespace
}  // namespace aifsim::run
