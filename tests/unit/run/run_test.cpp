// SPDX-License-Identifier: Apache-2.0
// Whole runs: energy balance, determinism (same seed, any thread count), interval outputs
// that integrate to the totals, and the power limit.
#include <gtest/gtest.h>
#include <omp.h>

#include <sstream>

#include "sim/facility/fleet.h"
#include "sim/metrics/channels.h"
#include "sim/run/build.h"
#include "sim/run/summary.h"
#include "sim/run/run.h"
#include "sim/scenario/load.h"
#include "tests/test_support.h"
#include "tests/unit/run/run_support.h"

namespace aifsim::run {
namespace {

using test_support::metric;
using test_support::on_threads;
using test_support::run_yaml;

const char* kScenario =
    "name: small\n"
    "time: {start: '2026-07-15T10:00:00+08:00', duration: 2h, dt_s: 10}\n"
    "site: {layout: {racks_per_row: 2, rows_per_hall: 2}, power: {misc_power_kw: 20, ups: {capacity_kw: 1500}}}\n"
    "racks:\n"
    "  a: {type: gb300-nvl72, count: 3, load: {profile: diurnal, min_utilization: 0.2, max_utilization: 0.9, jitter: 0.1, jitter_period_s: 30}}\n"
    "  b: {type: hgx-h200-4u, count: 4, gpu_power_limit_w: 400, load: {profile: constant, utilization: 0.8, jitter: 0.2}}\n"
    "output: {interval: 10m, racks_interval: 30m}\n";

TEST(energy_balance_test, facility_energy_is_it_plus_every_loss_plus_misc) {
  test::ScratchDir dir;
  const RunResult r = run_yaml(dir, "r", kScenario);
  const double facility = metric(r, "facility_energy_mwh");
  const double parts = metric(r, "it_energy_mwh") + metric(r, "cooling_energy_mwh") +
                       metric(r, "distribution_loss_mwh") +
                       metric(r, "ups_loss_mwh") + metric(r, "transformer_loss_mwh") +
                       metric(r, "misc_energy_mwh");
  EXPECT_NEAR(facility, parts, 1e-9 * facility);
  EXPECT_GT(metric(r, "ups_loss_mwh"), 0);
  // misc: 20 kW for 2 h = 0.04 MWh exactly.
  EXPECT_NEAR(metric(r, "misc_energy_mwh"), 0.04, 1e-12);
  EXPECT_NEAR(metric(r, "duration_s"), 7200, 1e-9);
  // IT energy covers GPUs plus other rack components plus PSU losses.
  EXPECT_GT(metric(r, "it_energy_mwh"), metric(r, "gpu_energy_mwh") + metric(r, "psu_loss_mwh"));
  EXPECT_LE(metric(r, "peak_it_power_mw"), metric(r, "peak_facility_power_mw"));
  EXPECT_NEAR(metric(r, "mean_it_power_mw") * 2.0, metric(r, "it_energy_mwh"), 1e-9);
}

TEST(energy_balance_test, timeseries_intervals_integrate_to_the_totals) {
  test::ScratchDir dir;
  const RunResult r = run_yaml(dir, "r", kScenario);
  std::istringstream csv(test::read_file(dir.path() / "r" / "timeseries.csv"));
  std::string line;
  std::getline(csv, line);
  EXPECT_EQ(line.rfind("time_s,time_local,it_power_mw,facility_power_mw", 0), 0u) << line;
  double it_mwh = 0, facility_mwh = 0;
  int rows = 0;
  while (std::getline(csv, line)) {
    std::vector<std::string> cells;
    std::stringstream ss(line);
    for (std::string c; std::getline(ss, c, ',');) cells.push_back(c);
    ASSERT_EQ(cells.size(), 2 + metrics::timeseries_columns().size());  // time_s, time_local, the columns
    it_mwh += std::stod(cells[2]) * (600.0 / 3600.0);
    facility_mwh += std::stod(cells[3]) * (600.0 / 3600.0);
    ++rows;
  }
  EXPECT_EQ(rows, 12);  // 2 h in 10 min intervals
  EXPECT_NEAR(it_mwh, metric(r, "it_energy_mwh"), 1e-9 * it_mwh);
  EXPECT_NEAR(facility_mwh, metric(r, "facility_energy_mwh"), 1e-9 * facility_mwh);
}

TEST(determinism_test, same_seed_gives_byte_identical_files_on_any_thread_count) {
  test::ScratchDir dir;
  const int threads = omp_get_max_threads();
  run_yaml(dir, "one", kScenario, {}, on_threads(1));
  run_yaml(dir, "two", kScenario, {}, on_threads(2));
  run_yaml(dir, "again", kScenario, {}, on_threads(2));
  run_yaml(dir, "governed", kScenario, {}, on_threads(0));
  omp_set_num_threads(threads);
  for (const char* f : {"summary.json", "timeseries.csv", "racks.csv", "racks_at_peak.csv", "scenario.resolved.yaml"}) {
    const std::string a = test::read_file(dir.path() / "one" / f);
    EXPECT_FALSE(a.empty()) << f;
    EXPECT_EQ(a, test::read_file(dir.path() / "two" / f)) << f << " differs between 1 and 2 threads";
    EXPECT_EQ(a, test::read_file(dir.path() / "again" / f)) << f << " differs between two runs";
    EXPECT_EQ(a, test::read_file(dir.path() / "governed" / f)) << f << " differs when the team size changes tick by tick";
  }
  const RunResult other = run_yaml(dir, "seed2", std::string(kScenario) + "seed: 2\n");
  EXPECT_NE(test::read_file(dir.path() / "one" / "racks.csv"),
            test::read_file(dir.path() / "seed2" / "racks.csv"))
      << "the seed must change the per-GPU noise";
  (void)other;
}

TEST(power_limit_test, no_gpu_ever_draws_above_its_limit) {
  test::ScratchDir dir;
  const auto path = dir.write("s.yaml", kScenario);
  const auto sc = scenario::load_scenario(path);
  const facility::Topology topo = run::build_topology(sc.spec);
  const std::vector<float> supply(topo.racks.size(), 30.0f), flow(topo.racks.size(), 3.0f);
  facility::Fleet fleet(topo, run::fleet_params(sc.spec, topo, run::rack_group_loads(topo, sc.spec)), kernels::Backend::cpu,
                        supply);
  const std::vector<float> util{1.0f, 1.0f};
  std::vector<float> power(static_cast<std::size_t>(topo.gpus));
  for (std::uint64_t epoch = 0; epoch < 20; ++epoch) {
    const std::vector<std::uint64_t> epochs{epoch, epoch};
    fleet.step({util, epochs, supply, flow, 10.0});
    fleet.read_gpu_power(power);
    for (const auto& rack : topo.racks) {
      const float limit = rack.group == 1 ? 400.0f : 1400.0f;
      for (int i = 0; i < rack.gpus; ++i) ASSERT_LE(power[static_cast<std::size_t>(rack.first_gpu + i)], limit);
    }
  }
}

TEST(rollup_test, rack_row_hall_and_facility_sums_match_a_plain_loop) {
  test::ScratchDir dir;
  const auto path = dir.write("s.yaml", kScenario);
  const auto sc = scenario::load_scenario(path);
  const facility::Topology topo = run::build_topology(sc.spec);
  const std::vector<float> supply(topo.racks.size(), 30.0f), flow(topo.racks.size(), 3.0f);
  facility::Fleet fleet(topo, run::fleet_params(sc.spec, topo, run::rack_group_loads(topo, sc.spec)), kernels::Backend::cpu,
                        supply);
  const std::vector<float> util{0.63f, 0.41f};
  const std::vector<std::uint64_t> epochs{5, 9};
  fleet.step({util, epochs, supply, flow, 10.0});
  std::vector<float> power(static_cast<std::size_t>(topo.gpus));
  fleet.read_gpu_power(power);
  std::vector<std::int64_t> rack_uw(topo.racks.size(), 0), row_uw(static_cast<std::size_t>(topo.rows), 0);
  std::int64_t gpu_total = 0;
  for (std::size_t g = 0; g < power.size(); ++g) {
    const std::int64_t uw = kernels::to_uw(power[g]);
    rack_uw[static_cast<std::size_t>(topo.gpu_rack[g])] += uw;
    gpu_total += uw;
  }
  for (std::size_t r = 0; r < rack_uw.size(); ++r) EXPECT_EQ(fleet.rack_gpu_power_uw()[r], rack_uw[r]) << r;
  EXPECT_EQ(fleet.totals().gpu_power_uw, gpu_total);
  for (std::size_t r = 0; r < topo.racks.size(); ++r)
    row_uw[static_cast<std::size_t>(topo.rack_row[r])] += fleet.rack_input_power_uw()[r];
  std::int64_t facility = 0;
  for (int row = 0; row < topo.rows; ++row) {
    EXPECT_EQ(fleet.row_input_power_uw()[static_cast<std::size_t>(row)], row_uw[static_cast<std::size_t>(row)]);
    facility += row_uw[static_cast<std::size_t>(row)];
  }
  EXPECT_EQ(fleet.totals().input_power_uw, facility);
  EXPECT_GT(fleet.totals().input_power_uw, fleet.totals().dc_power_uw);  // PSU losses
}

TEST(checks_test, limits_pass_and_fail_on_summary_values) {
  scenario::ScenarioSpec spec;
  spec.checks["peak_it_power_mw"].max = 5.0;
  spec.checks["mean_gpu_utilization"].min = 0.5;
  const auto results = evaluate_checks(spec, {{"peak_it_power_mw", 5.5}, {"mean_gpu_utilization", 0.5}});
  ASSERT_EQ(results.size(), 2u);
  EXPECT_FALSE(results[0].passed);
  EXPECT_EQ(results[0].name, "peak_it_power_mw <= 5");
  EXPECT_TRUE(results[1].passed);  // bounds are inclusive
}

}  // namespace
}  // namespace aifsim::run
