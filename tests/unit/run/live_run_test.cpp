// SPDX-License-Identifier: Apache-2.0
// The live hook front ends use: watching a run changes none of its numbers; knobs and faults
// turned between ticks take effect.
#include <gtest/gtest.h>

#include "sim/run/facility_model.h"
#include "sim/run/power_management.h"
#include "sim/run/workload_set.h"
#include "tests/test_support.h"
#include "tests/unit/run/run_support.h"

namespace aifsim::run {
namespace {

using test_support::metric;

const char* kScenario =
    "name: live\n"
    "time: {start: '2026-07-15T14:00:00+08:00', duration: 20m, dt_s: 1}\n"
    "racks: {gb: {type: gb300-nvl72, count: 3}}\n"
    "output: {interval: 60s, racks_interval: 5m}\n"
    "workloads: {inference: {chat: {model: llama-3.1-405b, racks: gb, max_batch: 32, arrivals: {rate_per_s: 90}}}}\n";

RunResult run_with(const test::ScratchDir& dir, const std::string& name, std::function<void(LiveRun&)> hook) {
  const auto path = dir.write(name + ".yaml", kScenario);
  const auto sc = scenario::load_scenario(path);
  RunOptions opt;
  opt.out_dir = dir.path() / name;
  std::filesystem::create_directories(opt.out_dir);
  opt.on_tick = std::move(hook);
  opt.on_tick_every = 7;
  return run_scenario(sc, opt);
}

TEST(live_run_test, watching_a_run_changes_none_of_its_numbers) {
  test::ScratchDir dir;
  run_with(dir, "plain", nullptr);
  double seen_s = 0;
  int calls = 0;
  run_with(dir, "watched", [&](LiveRun& live) {
    ++calls;
    seen_s = live.now_s;
    EXPECT_GT(live.facility.last_sample().facility_w, 0);
    EXPECT_EQ(live.fleet.gpus(), 216u);
  });
  EXPECT_EQ(calls, 1200 / 7 + 1);  // every 7 ticks, and once at the end
  EXPECT_EQ(seen_s, 1200);
  for (const char* f : {"summary.json", "timeseries.csv", "racks.csv", "events.csv"})
    EXPECT_EQ(test::read_file(dir.path() / "plain" / f), test::read_file(dir.path() / "watched" / f)) << f;
}

TEST(live_run_test, knobs_and_faults_take_effect_between_ticks) {
  test::ScratchDir dir;
  const RunResult plain = run_with(dir, "plain", nullptr);
  bool turned = false;
  const RunResult knobs = run_with(dir, "knobs", [&](LiveRun& live) {
    if (turned || live.now_s < 300) return;
    turned = true;
    live.power.set_cap_override_mw(0.8 * metric(plain, "peak_facility_power_mw"));
    live.workloads->set_rate_multiplier(0, 0.5);
    live.facility.set_dry_bulb_offset_k(5.0);
    scenario::FaultSpec f;
    f.kind = scenario::FaultKind::chiller_trip;
    f.count = 1;
    live.facility.schedule_fault(f);
  });
  EXPECT_LT(metric(knobs, "requests_arrived"), 0.85 * metric(plain, "requests_arrived"));
  EXPECT_GT(metric(knobs, "ambient_dry_bulb_max_c"), metric(plain, "ambient_dry_bulb_max_c") + 4.9);
  const std::string events = test::read_file(dir.path() / "knobs" / "events.csv");
  EXPECT_NE(events.find(",chiller_trip,"), std::string::npos);
  EXPECT_NE(events.find(",cap_"), std::string::npos);
}

TEST(live_run_test, racks_out_of_service_draw_nothing_until_returned) {
  test::ScratchDir dir;
  const RunResult plain = run_with(dir, "plain", nullptr);
  const RunResult out = run_with(dir, "out", [&](LiveRun& live) {
    if (live.now_s >= 300 && live.now_s < 307) live.fleet.set_out_of_service(std::vector<std::int8_t>{0, 1, 1});
    if (live.now_s >= 900 && live.now_s < 907) live.fleet.set_out_of_service(std::vector<std::int8_t>{0, 0, 0});
  });
  // Two of three racks off for 10 of 20 minutes (the third serves more meanwhile).
  EXPECT_LT(metric(out, "it_energy_mwh"), 0.85 * metric(plain, "it_energy_mwh"));
  EXPECT_EQ(metric(out, "rack_trips"), 0);  // not the protection
  const std::string events = test::read_file(dir.path() / "out" / "events.csv");
  EXPECT_NE(events.find(",rack_out_of_service,"), std::string::npos);
  EXPECT_NE(events.find(",rack_in_service,"), std::string::npos);
}

}  // namespace
}  // namespace aifsim::run
