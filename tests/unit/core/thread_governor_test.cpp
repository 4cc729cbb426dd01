// SPDX-License-Identifier: Apache-2.0
// The thread governor on synthetic tick timings: it settles on the faster team size, pays
// little for trials of the slower one, and follows a change of load.
#include "sim/core/thread_governor.h"

#include <gtest/gtest.h>

#include <functional>
#include <stdexcept>

namespace aifsim {
namespace {

// Runs `ticks` ticks whose wall time is `cost(team size, tick)`; returns the total wall time.
double drive(ThreadGovernor& g, int ticks, const std::function<double(int, int)>& cost) {
  double wall_s = 0;
  for (int t = 0; t < ticks; ++t) {
    const double s = cost(g.threads(), t);
    wall_s += s;
    g.record(s);
  }
  return wall_s;
}

ThreadGovernorParams two_threads() {
  ThreadGovernorParams p;
  p.max_threads = 2;
  return p;
}

TEST(thread_governor_test, settles_on_two_threads_when_they_are_faster) {
  ThreadGovernor g(two_threads());
  const double wall_s = drive(g, 20000, [](int threads, int) { return threads == 2 ? 0.6e-3 : 1.0e-3; });
  EXPECT_GT(g.ticks_at_max(), 19000);
  EXPECT_LT(wall_s, 1.03 * 20000 * 0.6e-3);  // within 3 % of always using two
}

TEST(thread_governor_test, a_busy_machine_runs_at_the_speed_of_one_thread) {
  // Two threads beside a CPU-burning process: most ticks fast, one in eight waits 4 ms for a
  // descheduled worker (the median would pick two threads; the mean does not).
  ThreadGovernor g(two_threads());
  const double wall_s = drive(g, 86400, [](int threads, int t) {
    if (threads == 1) return 1.0e-3;
    return t % 8 == 0 ? 4.0e-3 : 0.8e-3;
  });
  EXPECT_LT(g.ticks_at_max(), 86400 / 100);  // under 1 % of the ticks on two threads
  EXPECT_LT(wall_s, 1.01 * 86400 * 1.0e-3);  // within 1 % of always using one
  EXPECT_GT(g.trials(), 5);                  // and it kept looking
}

TEST(thread_governor_test, a_bad_trial_is_abandoned_early) {
  ThreadGovernorParams p = two_threads();
  p.warmup_ticks = 0;
  ThreadGovernor g(p);
  // Two threads 3x slower (beside a CPU-burning process): the trial stops after its first
  // four ticks, not after 64.
  const auto cost = [](int threads, int) { return threads == 2 ? 3.0e-3 : 1.0e-3; };
  drive(g, p.sample_ticks, cost);
  ASSERT_EQ(g.threads(), 2);  // the baseline is done, the trial begins
  drive(g, p.abort_after_ticks, cost);
  EXPECT_EQ(g.threads(), 1);
  EXPECT_EQ(g.ticks_at_max(), p.abort_after_ticks);
}

TEST(thread_governor_test, lost_trials_cost_at_most_their_budget) {
  // Beside a CPU-burning process a two-thread tick of the reference site took 10-25 ms
  // against 0.3 ms on one thread: trials then stop while their losses exceed 1 % of the run.
  ThreadGovernor g(two_threads());
  const double wall_s = drive(g, 86400, [](int threads, int) { return threads == 2 ? 25.0e-3 : 0.3e-3; });
  const double one_thread_s = 86400 * 0.3e-3;
  EXPECT_GT(g.trials(), 1);
  EXPECT_LT(g.trial_loss_s(), 0.01 * wall_s + 2 * 25.0e-3);  // the budget, and the first trial
  EXPECT_LT(wall_s, 1.015 * one_thread_s);
  EXPECT_NEAR(g.wall_s(), wall_s, 1e-9);
}

TEST(thread_governor_test, follows_a_change_of_load_within_seconds) {
  ThreadGovernor g(two_threads());
  // Idle for 20,000 ticks, then another process takes a core.
  const auto cost = [](int threads, int t) {
    const bool busy = t >= 20000;
    if (threads == 1) return 1.0e-3;
    return busy ? 2.0e-3 : 0.6e-3;
  };
  drive(g, 20000, cost);
  ASSERT_EQ(g.threads(), 2);
  const std::int64_t at_max_idle = g.ticks_at_max();
  double busy_wall_s = 0;
  std::int64_t at_max_late = 0;  // in the last 10,000 busy ticks
  for (int t = 20000; t < 40000; ++t) {
    const double s = cost(g.threads(), t);
    busy_wall_s += s;
    if (t >= 30000 && g.threads() == 2) ++at_max_late;
    g.record(s);
  }
  // It noticed within one window (at most 16,384 ticks or 10 s of wall time: 5,000 ticks of
  // 2 ms here), then stayed on one thread but for its trials.
  EXPECT_LT(g.ticks_at_max() - at_max_idle - at_max_late, 5000 + 200);
  EXPECT_LT(at_max_late, 10000 / 20);
  EXPECT_LT(busy_wall_s, 20000 * 1.35e-3);
}

TEST(thread_governor_test, one_thread_available_never_changes) {
  ThreadGovernorParams p;
  p.max_threads = 1;
  ThreadGovernor g(p);
  drive(g, 1000, [](int, int) { return 1.0e-3; });
  EXPECT_EQ(g.threads(), 1);
  EXPECT_EQ(g.ticks(), 1000);
  EXPECT_EQ(g.ticks_at_max(), 0);
  EXPECT_EQ(g.trials(), 0);
}

TEST(thread_governor_test, refuses_nonsense_parameters) {
  ThreadGovernorParams p = two_threads();
  p.sample_ticks = 0;
  EXPECT_THROW(ThreadGovernor{p}, std::invalid_argument);
  p = two_threads();
  p.max_window = p.first_window - 1;
  EXPECT_THROW(ThreadGovernor{p}, std::invalid_argument);
  p = two_threads();
  p.abort_ratio = 1.0;
  EXPECT_THROW(ThreadGovernor{p}, std::invalid_argument);
}

}  // namespace
}  // namespace aifsim
