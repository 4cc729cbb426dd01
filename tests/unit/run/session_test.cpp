// SPDX-License-Identifier: Apache-2.0
// The session front ends drive: stepping and watching a run changes none of its numbers;
// typed commands between ticks take effect; snapshots carry the summary's own values.
#include "sim/run/session.h"

#include <gtest/gtest.h>

#include <functional>

#include "sim/report/csv_table.h"
#include "sim/run/run.h"
#include "tests/test_support.h"
#include "tests/unit/run/run_support.h"

namespace aifsim::run {
namespace {

using test_support::metric;
using test_support::on_threads;

const char* kScenario =
    "name: live\n"
    "time: {start: '2026-07-15T14:00:00+08:00', duration: 20m, dt_s: 1}\n"
    "racks: {gb: {type: gb300-nvl72, count: 3}}\n"
    "output: {interval: 60s, racks_interval: 5m}\n"
    "workloads: {inference: {chat: {model: llama-3.1-405b, racks: gb, max_batch: 32, arrivals: {rate_per_s: 90}}}}\n";

// A session of kScenario writing into dir/name.
Session open_session(const test::ScratchDir& dir, const std::string& name) {
  const auto sc = scenario::load_scenario(dir.write(name + ".yaml", kScenario));
  SessionOptions opt;
  opt.out_dir = dir.path() / name;
  std::filesystem::create_directories(opt.out_dir);
  return Session::open(sc, opt);
}

// Steps a session tick by tick, calling `between` after each tick.
RunResult stepped(const test::ScratchDir& dir, const std::string& name, std::function<void(Session&)> between) {
  Session s = open_session(dir, name);
  while (s.step())
    if (between) between(s);
  return s.finish();
}

RunResult plain_run(const test::ScratchDir& dir, const std::string& name) {
  const auto path = dir.write(name + ".yaml", kScenario);
  RunOptions opt;
  opt.out_dir = dir.path() / name;
  std::filesystem::create_directories(opt.out_dir);
  return run_scenario(scenario::load_scenario(path), opt);
}

TEST(session_test, stepping_and_watching_a_run_changes_none_of_its_numbers) {
  test::ScratchDir dir;
  plain_run(dir, "plain");
  int ticks = 0;
  double last_s = 0;
  stepped(dir, "watched", [&](Session& s) {
    ++ticks;
    EXPECT_GT(s.now_s(), last_s);
    last_s = s.now_s();
    if (ticks % 7 == 0) {
      const Snapshot snap = s.snapshot();
      EXPECT_GT(snap.tick.facility_w, 0);
      EXPECT_EQ(snap.gpu_power_w.size(), 216u);
      ASSERT_NE(snap.layout, nullptr);
      EXPECT_EQ(snap.layout->racks.size(), 3u);
    }
  });
  EXPECT_EQ(ticks, 1200);
  EXPECT_EQ(last_s, 1200);
  for (const char* f : {"summary.json", "timeseries.csv", "racks.csv", "events.csv"})
    EXPECT_EQ(test::read_file(dir.path() / "plain" / f), test::read_file(dir.path() / "watched" / f)) << f;
}

TEST(session_test, racks_at_peak_holds_every_rack_at_the_first_tick_of_the_peak) {
  test::ScratchDir dir;
  double peak_w = 0, peak_start_s = 0, last_s = 0;
  Snapshot at_peak;
  const RunResult r = stepped(dir, "peak", [&](Session& s) {
    const double tick_start_s = last_s;
    last_s = s.now_s();
    Snapshot snap = s.snapshot();
    if (snap.tick.facility_w > peak_w) {
      peak_w = snap.tick.facility_w;
      peak_start_s = tick_start_s;
      at_peak = std::move(snap);
    }
  });
  EXPECT_NEAR(peak_w * 1e-6, metric(r, "peak_facility_power_mw"), 1e-12);
  std::vector<report::CsvRecord> rows;
  report::read_csv(dir.path() / "peak" / "racks_at_peak.csv", [&](const report::CsvRecord& rec) { rows.push_back(rec); });
  ASSERT_EQ(rows.size(), 1 + at_peak.rack_it_kw.size());  // the header, then every rack
  const auto col = [&](std::string_view name) { return *report::find_column(rows[0], name); };
  for (std::size_t k = 1; k < rows.size(); ++k) {
    const auto& cells = rows[k].cells;
    const std::size_t rack = k - 1;
    EXPECT_EQ(std::stod(cells[col("time_s")]), peak_start_s);
    EXPECT_EQ(cells[col("rack")], at_peak.layout->racks[rack].name);
    EXPECT_NEAR(std::stod(cells[col("it_power_kw")]), at_peak.rack_it_kw[rack], 1e-4 * at_peak.rack_it_kw[rack]);
    EXPECT_EQ(static_cast<float>(std::stod(cells[col("gpu_die_temp_max_c")])), at_peak.rack_die_max_c[rack]);
    EXPECT_EQ(static_cast<float>(std::stod(cells[col("coolant_return_c")])), at_peak.rack_return_c[rack]);
  }
}

TEST(session_test, run_until_stops_at_the_time_asked_and_run_finishes) {
  test::ScratchDir dir;
  Session s = open_session(dir, "u");
  s.run_until(300.5);
  EXPECT_EQ(s.now_s(), 301);  // whole ticks: the first boundary at or past the time
  EXPECT_FALSE(s.done());
  s.run();
  EXPECT_TRUE(s.done());
  EXPECT_FALSE(s.step());
  const RunResult r = s.finish();
  EXPECT_TRUE(r.completed);
  EXPECT_THROW(s.finish(), std::logic_error);
}

TEST(session_test, snapshot_summary_equals_the_finished_summary) {
  test::ScratchDir dir;
  Metrics at_end;
  const RunResult r = stepped(dir, "kpi", [&](Session& s) {
    if (s.done()) at_end = s.snapshot(SnapshotDetail::kpis).summary;
  });
  ASSERT_EQ(at_end.size(), r.metrics.size());
  for (std::size_t i = 0; i < at_end.size(); ++i) {
    EXPECT_EQ(at_end[i].first, r.metrics[i].first);
    EXPECT_EQ(at_end[i].second, r.metrics[i].second) << at_end[i].first;
  }
  EXPECT_GT(metric(r, "pue"), 1.0);
}

TEST(session_test, commands_take_effect_between_ticks) {
  test::ScratchDir dir;
  const RunResult plain = plain_run(dir, "plain");
  bool turned = false;
  const RunResult knobs = stepped(dir, "knobs", [&](Session& s) {
    if (turned || s.now_s() < 300) return;
    turned = true;
    s.apply(command::SetCap{0.8 * metric(plain, "peak_facility_power_mw")});
    s.apply(command::SetArrivalMultiplier{0, 0.5});
    s.apply(command::SetAmbientOffset{5.0});
    scenario::FaultSpec f;
    f.kind = scenario::FaultKind::chiller_trip;
    f.count = 1;
    s.apply(command::InjectFault{f});
    const Snapshot snap = s.snapshot(SnapshotDetail::kpis);
    EXPECT_DOUBLE_EQ(snap.dry_bulb_offset_k, 5.0);
    EXPECT_EQ(snap.rate_multiplier, std::vector<double>{0.5});
  });
  EXPECT_LT(metric(knobs, "requests_arrived"), 0.85 * metric(plain, "requests_arrived"));
  EXPECT_GT(metric(knobs, "ambient_dry_bulb_max_c"), metric(plain, "ambient_dry_bulb_max_c") + 4.9);
  const std::string events = test::read_file(dir.path() / "knobs" / "events.csv");
  EXPECT_NE(events.find(",chiller_trip,"), std::string::npos);
  EXPECT_NE(events.find(",cap_"), std::string::npos);
}

TEST(session_test, racks_out_of_service_draw_nothing_until_returned) {
  test::ScratchDir dir;
  const RunResult plain = plain_run(dir, "plain");
  const RunResult out = stepped(dir, "out", [&](Session& s) {
    if (s.now_s() == 300) {
      s.apply(command::SetRackInService{1, false});
      s.apply(command::SetRackInService{2, false});
      EXPECT_EQ(s.snapshot(SnapshotDetail::kpis).racks_in_service, 1);  // powered off from the next tick
    }
    if (s.now_s() == 900) s.apply(command::SetRacksInService{3});
  });
  // Two of three racks off for 10 of 20 minutes (the third serves more meanwhile).
  EXPECT_LT(metric(out, "it_energy_mwh"), 0.85 * metric(plain, "it_energy_mwh"));
  EXPECT_EQ(metric(out, "rack_trips"), 0);  // not the protection
  const std::string events = test::read_file(dir.path() / "out" / "events.csv");
  EXPECT_NE(events.find(",rack_out_of_service,"), std::string::npos);
  EXPECT_NE(events.find(",rack_in_service,"), std::string::npos);
}

TEST(session_test, commands_out_of_range_are_refused_with_the_reason) {
  test::ScratchDir dir;
  Session s = open_session(dir, "bad");
  s.step();
  EXPECT_THROW(s.apply(command::SetArrivalMultiplier{1, 2.0}), std::invalid_argument);
  EXPECT_THROW(s.apply(command::SetRackInService{3, false}), std::invalid_argument);
  scenario::FaultSpec f;
  f.target = 7;
  try {
    s.apply(command::InjectFault{f});
    ADD_FAILURE() << "CDU 7 accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("no CDU 7"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace aifsim::run

namespace aifsim::run {
namespace {

TEST(session_thread_test, a_governed_session_switches_team_sizes_and_a_fixed_one_does_not) {
  test::ScratchDir dir;
  const int threads = omp_get_max_threads();
  const auto sc = scenario::load_scenario(dir.write("t.yaml", kScenario));
  for (const int asked : {0, 1, 2}) {
    SessionOptions opt = on_threads(asked);
    opt.out_dir = dir.path() / ("t" + std::to_string(asked));
    std::filesystem::create_directories(opt.out_dir);
    Session s = Session::open(sc, opt);
    s.run_until(300);  // a fixed second thread beside another test process is slow
    const ThreadUse use = s.thread_use();
    EXPECT_EQ(use.ticks, 300) << asked;
    EXPECT_EQ(use.governed, asked == 0) << asked;
    EXPECT_EQ(use.max_threads, asked == 0 ? 2 : asked) << asked;
    if (asked == 0) {
      EXPECT_GT(use.ticks_at_max, 20) << "the trials ran on two threads";
      EXPECT_LT(use.ticks_at_max, use.ticks) << "and the rest on one or two";
    } else {
      EXPECT_EQ(use.ticks_at_max, asked == 1 ? 0 : use.ticks) << asked;
    }
    (void)s.finish();
  }
  omp_set_num_threads(threads);
}

TEST(session_thread_test, refuses_a_negative_thread_count) {
  test::ScratchDir dir;
  const auto sc = scenario::load_scenario(dir.write("t.yaml", kScenario));
  SessionOptions opt;
  opt.threads = -1;
  opt.out_dir = dir.path() / "neg";
  EXPECT_THROW(Session::open(sc, opt), std::invalid_argument);
  EXPECT_FALSE(std::filesystem::exists(opt.out_dir)) << "nothing is made for a refused session";
}

}  // namespace
}  // namespace aifsim::run
