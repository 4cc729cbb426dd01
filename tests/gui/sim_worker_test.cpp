// SPDX-License-Identifier: Apache-2.0
// The simulation worker behind the front end: run to a time and pause there, apply commands
// between ticks, step while paused, and keep what was computed when the window closes.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "gui/sim_worker.h"
#include "tests/test_support.h"

namespace aifsim::gui {
namespace {

// Polls until pred() or 60 s have passed.
template <class Pred>
bool eventually(Pred pred) {
  for (int i = 0; i < 6000; ++i) {
    if (pred()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

TEST(sim_worker_test, runs_to_a_time_pauses_and_takes_commands) {
  test::ScratchDir dir;
  const auto path = dir.write("s.yaml",
                              "name: worker\n"
                              "time: {start: '2026-07-15T10:00:00+08:00', duration: 2h, dt_s: 1}\n"
                              "racks: {a: {type: gb300-nvl72, count: 2, load: {profile: constant, utilization: 0.8}}}\n"
                              "output: {interval: 60s, racks: false}\n");
  {
    SimWorker w(scenario::load_scenario(path), dir.path() / "run", /*paused=*/true);
    EXPECT_TRUE(eventually([&] { return w.latest() != nullptr; }));  // a paused run still shows its first tick
    EXPECT_LE(w.latest()->now_s, 1.0);
    w.run_to(600);
    ASSERT_TRUE(eventually([&] {
      const auto s = w.latest();
      return w.paused() && s && s->paused_by_sim;
    }));
    const auto at = w.latest();
    EXPECT_GE(at->now_s, 600);
    EXPECT_LE(at->now_s, 601);
    ASSERT_NE(at->layout, nullptr);
    EXPECT_EQ(at->layout->racks.size(), 2u);
    EXPECT_EQ(at->gpu_die_c.size(), 144u);
    w.post(run::command::SetSupplySetpoint{30.0});
    w.post(run::command::SetAmbientOffset{4.0});
    w.step(3);
    ASSERT_TRUE(eventually([&] { return w.latest()->now_s >= at->now_s + 3; }));
    EXPECT_DOUBLE_EQ(w.latest()->supply_setpoint_c, 30.0);
    EXPECT_DOUBLE_EQ(w.latest()->dry_bulb_offset_k, 4.0);
    EXPECT_LE(w.latest()->now_s, at->now_s + 3);  // three ticks, then paused again
    EXPECT_TRUE(w.error().empty());
  }  // closing the window stops the run: what was computed is kept
  const std::string summary = test::read_file(dir.path() / "run" / "summary.json");
  EXPECT_NE(summary.find("\"completed\": false"), std::string::npos) << summary;
}

}  // namespace
}  // namespace aifsim::gui
