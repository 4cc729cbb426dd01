// SPDX-License-Identifier: Apache-2.0
// The power-cap controller: a facility (or IT) cap enforced through GPU power limits, with
// the delay of out-of-band control, priorities (lowest throttled first, raised last), a dead
// band and an emergency brake, under which rows and racks may carry caps of their own (a
// GPU's limit is its class's share of its range x its row's factor x its rack's factor). Pure host logic: the facility model feeds it
// each tick's measurements and applies the limits it returns.
#pragma once

#include <cstdint>
#include <deque>
#include <span>
#include <string>
#include <vector>

#include "sim/metrics/event_kind.h"

namespace aifsim::control {

struct CapParams {
  double period_s = 5.0;
  double delay_s = 40.0;
  double hysteresis_w = 0.2e6;
  double hard_margin_frac = 0.05;  ///< brake above target x (1 + margin) unless hard_limit_w is set
  double hard_limit_w = 0;         ///< 0: from hard_margin_frac
  double brake_delay_s = 2.0;
  double rack_cap_w = 0;           ///< 0: no per-rack cap
  double row_cap_w = 0;            ///< 0: no per-row cap
};

/// Static per-GPU data: its cap class (index into priorities ascending), limits and rack.
struct CapGpus {
  std::vector<std::int32_t> cls;       ///< per GPU: class index, 0 = lowest priority
  std::vector<int> class_priority;     ///< per class: the scenario's cap_priority (ascending)
  std::vector<float> static_limit_w;   ///< per GPU: limit without any cap
  std::vector<float> min_limit_w;      ///< per GPU: lowest settable limit
  std::vector<std::int32_t> rack;      ///< per GPU: rack index
  int racks = 0;
  std::vector<std::int32_t> rack_row;  ///< per rack: its row (empty: one row)
  int rows = 1;
};

/// One control action, for events.csv.
struct CapAction {
  double time_s = 0;
  metrics::EventKind kind;  ///< cap_lower, cap_raise, cap_brake, row_cap or rack_cap
  int rack = -1;       ///< rack index for rack_cap (the row's first rack for row_cap)
  std::string detail;
};

class CapController {
 public:
  CapController(CapParams params, CapGpus gpus);

  /// One tick [t_s, t_s + dt_s) has been measured: measured_w is the capped quantity (meter or
  /// IT power), gpu_power_w each GPU's draw, rack_it_w each rack's IT power; target_w the cap
  /// in force (0 = none). Returns true when the GPU limits changed (applied from the next tick);
  /// actions taken are appended to `actions`.
  bool step(double t_s, double dt_s, double measured_w, double target_w, std::span<const float> gpu_power_w,
            std::span<const double> rack_it_w, std::vector<CapAction>& actions);

  /// Current GPU limits (W).
  std::span<const float> limits() const { return limits_; }
  /// Per class: the share of each GPU's range [min, static] its limit keeps (1 = uncapped).
  std::span<const double> class_level() const { return level_; }
  /// Seconds the measured power stayed above the target beyond the first delay_s + period_s +
  /// one tick of each excursion (the time the loop needs to see and act on it).
  double violation_s() const { return violation_s_; }
  /// Largest excess over the target in those seconds (W).
  double max_overshoot_w() const { return max_overshoot_w_; }

 private:
  struct Sample {
    double t_s;
    double measured_w;
    double gpu_w;  ///< all GPUs' draw in the same tick
  };
  double predicted_draw_w(int cls, double level, std::span<const float> gpu_power_w) const;
  double level_for_draw(int cls, double draw_w, std::span<const float> gpu_power_w) const;
  void recompute_limits();

  CapParams p_;
  CapGpus g_;
  std::vector<std::vector<std::int32_t>> class_gpus_;
  std::vector<double> level_;       // per class
  std::vector<double> rack_factor_; // per rack
  std::vector<double> row_factor_;  // per row
  std::vector<double> row_it_w_;    // per row, scratch
  std::vector<float> limits_;
  std::deque<Sample> history_;
  double next_control_s_ = 0;
  double target_w_ = 0;
  double target_since_s_ = 0;
  double over_hard_since_s_ = -1;
  double over_since_s_ = -1;
  bool braked_ = false;
  double violation_s_ = 0;
  double max_overshoot_w_ = 0;
};

}  // namespace aifsim::control
