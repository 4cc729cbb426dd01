// SPDX-License-Identifier: Apache-2.0
// The run's power management and its grid-side accounting: the cap controller (with
// demand-response windows), the site energy store, the electricity bill and carbon, the
// swing statistics of meter and grid power, and the tariff window for deferrable jobs.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "sim/control/cap_controller.h"
#include "sim/des/engine.h"
#include "sim/power/energy_store.h"
#include "sim/power/swing_metrics.h"
#include "sim/power/tariff.h"
#include "sim/scenario/spec.h"

namespace aifsim::run {

class PowerManagement {
 public:
  /// static_limit_w / priority: per GPU, its limit without a cap and its cap priority.
  PowerManagement(const scenario::ScenarioSpec& spec, std::vector<float> static_limit_w, std::vector<int> priority,
                  std::vector<float> min_limit_w, std::vector<std::int32_t> gpu_rack, int racks,
                  std::vector<std::int32_t> rack_row, int rows, std::int64_t start_unix_s, int utc_offset_s);

  /// Schedules the run's edges as engine events: each demand-response window opening and
  /// closing, and each change of tariff period while deferrable jobs follow the tariff.
  void schedule_edges(des::Engine& engine);
  /// The cap in force now (W; 0 = none): the lower of power_cap.target_mw (or the override)
  /// and every open demand-response window.
  double cap_w() const;
  bool has_controller() const { return controller_ != nullptr; }
  /// A cap set from outside the scenario (a front end's knob), in force from the next tick
  /// until cleared with a value <= 0; it replaces power_cap.target_mw (windows still apply).
  void set_cap_override_mw(double mw);
  double cap_override_mw() const { return override_mw_; }

  /// Accounts one measured tick and runs the controller. Returns true when GPU limits changed
  /// (limits()). grid_w() is the tick's power drawn from the grid (after the store).
  bool after_tick(double elapsed_s, double dt_s, double facility_w, double it_w, std::span<const float> gpu_power_w,
                  std::span<const double> rack_it_w, std::vector<control::CapAction>& actions);
  std::span<const float> limits() const { return controller_->limits(); }
  double grid_w() const { return grid_w_; }

  /// True when deferrable jobs may start now (off-peak, or no tariff shift).
  bool deferrable_may_start() const { return deferrable_ok_; }

  const power::ElectricityBill& bill() const { return bill_; }
  const power::SwingMetrics& meter_swings() const { return meter_swings_; }
  const power::SwingMetrics& grid_swings() const { return grid_swings_; }
  const power::EnergyStore& store() const { return store_; }
  double cap_violation_s() const { return controller_ ? controller_->violation_s() : 0.0; }
  double cap_overshoot_w() const { return controller_ ? controller_->max_overshoot_w() : 0.0; }
  double peak_grid_w() const { return peak_grid_w_; }

 private:
  const scenario::ControlSpec& c_;
  std::int64_t start_unix_s_;
  int utc_offset_s_;
  power::TouTariff tariff_;
  std::unique_ptr<control::CapController> controller_;
  control::CapParams cap_params_;
  control::CapGpus cap_gpus_;  // kept until a controller is needed
  double override_mw_ = 0;
  power::EnergyStore store_;
  power::ElectricityBill bill_;
  power::SwingMetrics meter_swings_, grid_swings_;
  double grid_w_ = 0, peak_grid_w_ = 0;
  std::vector<char> window_open_;  // per demand-response window, set by its edge events
  bool deferrable_ok_ = true;      // set by the tariff edge events
};

}  // namespace aifsim::run
