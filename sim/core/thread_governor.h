// SPDX-License-Identifier: Apache-2.0
// Chooses, tick by tick, how many threads a run's parallel regions use, from the wall time of
// the ticks themselves. Two threads are faster than one on an idle machine and much slower on
// one where another process holds a core (every join waits for a descheduled worker), and no
// static rule can tell the two apart: the governor tries the other team size now and then,
// keeps the faster, and tries less often while the answer stays the same. Results do not
// depend on the choice (the kernels' reductions and the request engine are thread-count
// independent), so only the speed does. Pure logic: the caller times the ticks and applies
// threads().
#pragma once

#include <cstdint>

namespace aifsim {

struct ThreadGovernorParams {
  int max_threads = 1;  ///< the larger team size tried; 1 turns the governor off
  /// Ticks timed at each team size before comparing their mean wall time. The mean, not the
  /// median: on a busy machine most two-thread ticks are fast and a few wait milliseconds for
  /// a descheduled worker, and those few are what makes the run slow.
  int sample_ticks = 32;
  std::int64_t first_window = 256;  ///< ticks kept at the winner before the next trial
  /// The window grows fourfold up to this while the winner stays.
  std::int64_t max_window = 16384;
  /// A window also ends after this much wall time, so slow ticks (a large fleet) still see a
  /// change of load within seconds.
  double max_window_s = 10.0;
  int warmup_ticks = 8;  ///< first ticks (allocation, caches) never timed
  /// The other team size is taken only when its mean tick is this much faster.
  double switch_margin = 0.05;
  /// A trial ends once it cannot win any more, or once its first abort_after_ticks or more
  /// ticks took this many times as long as as many baseline ticks: beside a CPU-burning
  /// process a two-thread tick waits for a descheduled worker (10-25 ms instead of 0.3 ms
  /// at the reference site), so a losing trial is ended after one or two such ticks.
  double abort_ratio = 1.5;
  int abort_after_ticks = 4;
  /// What lost trials may cost: a trial only starts while the time they lost so far (their
  /// ticks beyond the baseline's mean) is under this share of the run's wall time; after
  /// the first trial, which shows an idle machine its second core.
  double trial_budget = 0.01;
};

class ThreadGovernor {
 public:
  explicit ThreadGovernor(ThreadGovernorParams params);

  /// The team size for the next tick: 1 or max_threads.
  int threads() const { return threads_; }
  /// Reports the wall time of the tick just run with threads().
  void record(double tick_wall_s);

  /// Ticks run with max_threads so far, and trials so far (for the run log and the tests).
  std::int64_t ticks_at_max() const { return ticks_at_max_; }
  std::int64_t ticks() const { return ticks_; }
  int trials() const { return trials_; }
  /// Wall time the ticks took, and what lost trials cost beyond the baseline's pace.
  double wall_s() const { return wall_s_; }
  double trial_loss_s() const { return trial_loss_s_; }

 private:
  enum class Phase { warmup, baseline, trial, keep };
  void start(Phase phase);
  void end_window();
  void decide(bool trial_won);
  int other() const { return current_ == 1 ? params_.max_threads : 1; }

  ThreadGovernorParams params_;
  Phase phase_ = Phase::warmup;
  int current_ = 1;  // the team size in force outside trials
  int threads_ = 1;  // the team size of the next tick
  int sampled_ = 0;  // ticks timed in the current baseline or trial
  double sampled_s_ = 0;  // their wall time
  double baseline_s_ = 0;  // the wall time of the last baseline's ticks
  std::int64_t window_ = 0;
  std::int64_t left_ = 0;  // ticks left in the current phase
  double window_wall_s_ = 0;  // wall time spent in the current window
  std::int64_t ticks_ = 0;
  std::int64_t ticks_at_max_ = 0;
  int trials_ = 0;
  double wall_s_ = 0;
  double trial_loss_s_ = 0;
};

}  // namespace aifsim
