// SPDX-License-Identifier: Apache-2.0
// The governor's phases: warm-up, the current team size timed (baseline), the other timed
// (trial, ended early once it cannot win), then a window at the winner; trials wait while
// lost ones have cost more than their budget.
#include "sim/core/thread_governor.h"

#include <algorithm>
#include <stdexcept>

namespace aifsim {

ThreadGovernor::ThreadGovernor(ThreadGovernorParams params) : params_(params) {
  if (params_.max_threads < 1 || params_.sample_ticks < 1 || params_.first_window < 1 ||
      params_.max_window < params_.first_window || params_.warmup_ticks < 0 || !(params_.max_window_s > 0) ||
      !(params_.abort_ratio > 1) || params_.abort_after_ticks < 1 || !(params_.trial_budget >= 0) ||
      !(params_.switch_margin >= 0 && params_.switch_margin < 1)) {
    throw std::invalid_argument(
        "ThreadGovernor: max_threads, sample_ticks and windows must be positive, abort_ratio above 1, "
        "switch_margin in [0, 1), trial_budget not negative");
  }
  window_ = params_.first_window;
  left_ = params_.warmup_ticks;
  if (left_ == 0) phase_ = Phase::baseline;
}

void ThreadGovernor::record(double tick_wall_s) {
  ++ticks_;
  wall_s_ += tick_wall_s;
  if (threads_ > 1) ++ticks_at_max_;
  if (params_.max_threads == 1) return;
  switch (phase_) {
    case Phase::warmup:
      if (--left_ <= 0) start(Phase::baseline);
      break;
    case Phase::keep:
      window_wall_s_ += tick_wall_s;
      if (--left_ <= 0 || window_wall_s_ >= params_.max_window_s) end_window();
      break;
    case Phase::baseline:
      ++sampled_;
      sampled_s_ += tick_wall_s;
      if (sampled_ == params_.sample_ticks) {
        baseline_s_ = sampled_s_;
        ++trials_;
        start(Phase::trial);
        threads_ = other();
      }
      break;
    case Phase::trial: {
      ++sampled_;
      sampled_s_ += tick_wall_s;
      const double win_below_s = (1.0 - params_.switch_margin) * baseline_s_;
      const double pace_s = baseline_s_ * sampled_ / params_.sample_ticks;  // the baseline's, as many ticks
      if (sampled_s_ >= win_below_s ||
          (sampled_ >= params_.abort_after_ticks && sampled_s_ > params_.abort_ratio * pace_s)) {
        trial_loss_s_ += std::max(0.0, sampled_s_ - pace_s);
        decide(false);
      } else if (sampled_ == params_.sample_ticks) {
        decide(true);
      }
      break;
    }
  }
}

void ThreadGovernor::start(Phase phase) {
  phase_ = phase;
  sampled_ = 0;
  sampled_s_ = 0;
  window_wall_s_ = 0;
}

// The next trial, or another window while lost trials are over their budget.
void ThreadGovernor::end_window() {
  if (trial_loss_s_ > params_.trial_budget * wall_s_) {
    start(Phase::keep);
    left_ = window_;
  } else {
    start(Phase::baseline);
  }
}

void ThreadGovernor::decide(bool trial_won) {
  if (trial_won) {
    current_ = other();
    window_ = params_.first_window;  // the machine changed: look again soon
  } else {
    window_ = std::min(4 * window_, params_.max_window);
  }
  threads_ = current_;
  start(Phase::keep);
  left_ = window_;
}

}  // namespace aifsim
