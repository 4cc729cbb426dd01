// SPDX-License-Identifier: Apache-2.0
// The cap controller's loop: delayed measurement, priority-ordered cuts and releases, the
// emergency brake and per-rack caps.
#include "sim/control/cap_controller.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace aifsim::control {
namespace {

std::string mw(double w) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f MW", w * 1e-6);
  return buf;
}

}  // namespace

CapController::CapController(CapParams params, CapGpus gpus) : p_(params), g_(std::move(gpus)) {
  const std::size_t n = g_.cls.size();
  if (g_.static_limit_w.size() != n || g_.min_limit_w.size() != n || g_.rack.size() != n)
    throw std::invalid_argument("CapController: per-GPU arrays differ in length");
  class_gpus_.resize(g_.class_priority.size());
  for (std::size_t i = 0; i < n; ++i) class_gpus_.at(static_cast<std::size_t>(g_.cls[i])).push_back(static_cast<std::int32_t>(i));
  level_.assign(g_.class_priority.size(), 1.0);
  rack_factor_.assign(static_cast<std::size_t>(g_.racks), 1.0);
  if (g_.rack_row.empty()) g_.rack_row.assign(static_cast<std::size_t>(g_.racks), 0);
  row_factor_.assign(static_cast<std::size_t>(std::max(1, g_.rows)), 1.0);
  row_it_w_.assign(row_factor_.size(), 0.0);
  limits_ = g_.static_limit_w;
}

void CapController::recompute_limits() {
  for (std::size_t i = 0; i < limits_.size(); ++i) {
    const double lo = g_.min_limit_w[i], hi = g_.static_limit_w[i];
    const auto rack = static_cast<std::size_t>(g_.rack[i]);
    const double share = level_[static_cast<std::size_t>(g_.cls[i])] * rack_factor_[rack] *
                         row_factor_[static_cast<std::size_t>(g_.rack_row[rack])];
    limits_[i] = static_cast<float>(lo + std::clamp(share, 0.0, 1.0) * (hi - lo));
  }
}

// Class draw if its level were `level`: a GPU below its limit keeps its draw up to the new
// limit; a GPU at its limit is assumed to want its static limit (its demand is hidden).
double CapController::predicted_draw_w(int cls, double level, std::span<const float> gpu_power_w) const {
  double w = 0;
  for (std::int32_t g : class_gpus_[static_cast<std::size_t>(cls)]) {
    const auto i = static_cast<std::size_t>(g);
    const double lo = g_.min_limit_w[i], hi = g_.static_limit_w[i];
    const auto r = static_cast<std::size_t>(g_.rack[i]);
    const double rack = rack_factor_[r] * row_factor_[static_cast<std::size_t>(g_.rack_row[r])];
    const double now_limit = limits_[i];
    const double draw = gpu_power_w[i];
    const double demand = draw >= now_limit - 1.0 ? hi : draw;
    const double limit = lo + std::clamp(level * rack, 0.0, 1.0) * (hi - lo);
    w += std::min(demand, limit);
  }
  return w;
}

// The level (bisection over [0, 1]) whose predicted draw is closest to draw_w from below.
double CapController::level_for_draw(int cls, double draw_w, std::span<const float> gpu_power_w) const {
  double lo = 0.0, hi = 1.0;
  if (predicted_draw_w(cls, hi, gpu_power_w) <= draw_w) return hi;
  if (predicted_draw_w(cls, lo, gpu_power_w) >= draw_w) return lo;
  for (int it = 0; it < 40; ++it) {
    const double mid = 0.5 * (lo + hi);
    (predicted_draw_w(cls, mid, gpu_power_w) > draw_w ? hi : lo) = mid;
  }
  return lo;
}

bool CapController::step(double t_s, double dt_s, double measured_w, double target_w,
                         std::span<const float> gpu_power_w, std::span<const double> rack_it_w,
                         std::vector<CapAction>& actions) {
  const double now = t_s + dt_s;  // the tick has been measured: decisions act from here
  if (target_w != target_w_) {
    target_w_ = target_w;
    target_since_s_ = now;
  }
  // An excursion above the cap counts once the loop has had its delay, one period and the
  // measuring tick to react to it (from the excursion's start, or from when a lower cap came
  // into force).
  if (target_w_ > 0 && measured_w > target_w_) {
    if (over_since_s_ < 0) over_since_s_ = t_s;
    if (t_s - std::max(over_since_s_, target_since_s_) >= p_.delay_s + p_.period_s + dt_s) {
      violation_s_ += dt_s;
      max_overshoot_w_ = std::max(max_overshoot_w_, measured_w - target_w_);
    }
  } else {
    over_since_s_ = -1;
  }

  double gpu_w = 0;
  for (float w : gpu_power_w) gpu_w += static_cast<double>(w);
  history_.push_back({now, measured_w, gpu_w});
  while (history_.size() > 1 && history_[1].t_s <= now - p_.delay_s) history_.pop_front();

  bool changed = false;
  const std::size_t top = class_gpus_.empty() ? 0 : class_gpus_.size() - 1;

  // Emergency brake: in-band, seconds: everything below the top priority to its lowest limit.
  const double hard_w = p_.hard_limit_w > 0 ? p_.hard_limit_w : target_w_ * (1.0 + p_.hard_margin_frac);
  if (target_w_ > 0 && measured_w > hard_w) {
    if (over_hard_since_s_ < 0) over_hard_since_s_ = now;
    if (!braked_ && now - over_hard_since_s_ >= p_.brake_delay_s) {
      braked_ = true;
      for (std::size_t c = 0; c < top; ++c) level_[c] = 0.0;
      changed = true;
      actions.push_back({now, metrics::EventKind::cap_brake, -1,
                         "measured " + mw(measured_w) + " above the hard limit " + mw(hard_w) +
                             ": priorities below " + std::to_string(g_.class_priority.empty() ? 0 : g_.class_priority[top]) +
                             " at their lowest limits"});
    }
  } else {
    over_hard_since_s_ = -1;
    braked_ = false;
  }

  if (now + 1e-9 >= next_control_s_) {
    next_control_s_ = now + p_.period_s;
    const Sample& seen = history_.front();  // the newest sample at least delay_s old
    const bool delayed_enough = now - seen.t_s >= p_.delay_s - 1e-9 || p_.delay_s <= 0;
    const double gpu_total = seen.gpu_w;
    if (target_w_ > 0 && delayed_enough && seen.measured_w > 0 && gpu_total > 0) {
      // Aim at a set-point one dead band under the cap: cut as soon as the cap is exceeded,
      // give power back only below set-point - dead band. A GPU watt saved saves at least a
      // watt at the meter (PSU, UPS and cooling losses scale with it), so cutting the excess in
      // GPU watts lands at or under the set-point.
      const double setpoint = target_w_ - p_.hysteresis_w;
      const double err = seen.measured_w - setpoint;
      if (seen.measured_w > target_w_) {
        double cut = err;
        for (std::size_t c = 0; c <= top && cut > 0; ++c) {
          const double draw = predicted_draw_w(static_cast<int>(c), level_[c], gpu_power_w);
          const double floor = predicted_draw_w(static_cast<int>(c), 0.0, gpu_power_w);
          const double take = std::min(cut, draw - floor);
          if (take <= 0) continue;
          const double level = level_for_draw(static_cast<int>(c), draw - take, gpu_power_w);
          if (level < level_[c] - 1e-9) {
            level_[c] = level;
            changed = true;
            actions.push_back({now, metrics::EventKind::cap_lower, -1,
                               "priority " + std::to_string(g_.class_priority[c]) + " limits to " +
                                   std::to_string(static_cast<int>(std::lround(100 * level))) +
                                   " % of their range (measured " + mw(seen.measured_w) + " " +
                                   std::to_string(static_cast<int>(std::lround(now - seen.t_s))) +
                                   " s ago, cap " + mw(target_w_) + ")"});
          }
          cut -= take;
        }
      } else if (err < -p_.hysteresis_w) {  // below set-point - dead band
        // Giving back, a GPU watt costs more than a watt at the meter: scale by the measured
        // GPU share so the loop approaches the set-point from below.
        double room = -err * gpu_total / seen.measured_w;
        for (std::size_t k = 0; k <= top && room > 0; ++k) {
          const std::size_t c = top - k;  // highest priority gets its power back first
          if (level_[c] >= 1.0) continue;
          const double draw = predicted_draw_w(static_cast<int>(c), level_[c], gpu_power_w);
          const double full = predicted_draw_w(static_cast<int>(c), 1.0, gpu_power_w);
          const double give = std::min(room, full - draw);
          const double level = give >= full - draw - 1e-9 ? 1.0 : level_for_draw(static_cast<int>(c), draw + give, gpu_power_w);
          if (level > level_[c] + 1e-9) {
            level_[c] = level;
            changed = true;
            actions.push_back({now, metrics::EventKind::cap_raise, -1,
                               "priority " + std::to_string(g_.class_priority[c]) + " limits to " +
                                   std::to_string(static_cast<int>(std::lround(100 * level))) +
                                   " % of their range (measured " + mw(seen.measured_w) + ", cap " +
                                   mw(target_w_) + ")"});
          }
          room -= std::max(0.0, give);
        }
      }
    } else if (target_w_ <= 0) {
      // No cap in force: give everything back.
      for (std::size_t c = 0; c <= top && !class_gpus_.empty(); ++c) {
        if (level_[c] < 1.0) {
          level_[c] = 1.0;
          changed = true;
          actions.push_back({now, metrics::EventKind::cap_raise, -1,
                             "priority " + std::to_string(g_.class_priority[c]) + " limits restored (no cap)"});
        }
      }
    }
    // Row and rack caps act on their own GPUs, on the same period: a factor that scales with
    // the excess (2 % beyond it, so it lands under the cap) and recovers 5 % a period below 97 %.
    const auto local_cap = [&](std::vector<double>& factor, std::size_t k, double it_w, double cap_w,
                               metrics::EventKind kind, int rack, const std::string& what) {
      const double f = factor[k];
      double next = f;
      if (it_w > cap_w) {
        next = std::max(0.0, f * cap_w / it_w - 0.02);
      } else if (f < 1.0 && it_w < 0.97 * cap_w) {
        next = std::min(1.0, f + 0.05);
      }
      if (next == f) return;
      factor[k] = next;
      changed = true;
      char share[16];
      std::snprintf(share, sizeof share, "%.2f", next);
      actions.push_back({now, kind, rack, what + " IT " + mw(it_w) + " vs cap " + mw(cap_w) + ": limits x" + share});
    };
    if (p_.row_cap_w > 0) {
      std::fill(row_it_w_.begin(), row_it_w_.end(), 0.0);
      for (std::size_t r = 0; r < rack_it_w.size(); ++r) row_it_w_[static_cast<std::size_t>(g_.rack_row[r])] += rack_it_w[r];
      for (std::size_t row = 0; row < row_factor_.size(); ++row) {
        int first = -1;
        for (std::size_t r = 0; r < g_.rack_row.size() && first < 0; ++r)
          if (static_cast<std::size_t>(g_.rack_row[r]) == row) first = static_cast<int>(r);
        local_cap(row_factor_, row, row_it_w_[row], p_.row_cap_w, metrics::EventKind::row_cap, first, "row " + std::to_string(row));
      }
    }
    if (p_.rack_cap_w > 0)
      for (std::size_t r = 0; r < rack_factor_.size() && r < rack_it_w.size(); ++r)
        local_cap(rack_factor_, r, rack_it_w[r], p_.rack_cap_w, metrics::EventKind::rack_cap, static_cast<int>(r), "rack");
  }
  if (changed) {
    recompute_limits();
    // The next look must see the effect of this action (the tick after it, seen delay_s
    // later), or the controller would keep cutting on measurements taken before it acted
    // (wind-up). Looks then resume every period, so an excursion is acted on within
    // delay + period + one tick of its start.
    next_control_s_ = std::max(next_control_s_, now + p_.delay_s + dt_s);
  }
  return changed;
}

}  // namespace aifsim::control
