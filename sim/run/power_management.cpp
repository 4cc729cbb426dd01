// SPDX-License-Identifier: Apache-2.0
// Building the controller, store, bill and swing meters from the scenario, and the per-tick
// accounting.
#include "sim/run/power_management.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "sim/core/units.h"

namespace aifsim::run {
namespace {

power::TouTariff make_tariff(const scenario::TariffSpec& t) {
  power::TouTariff out = t.preset == scenario::TariffPreset::flat ? power::flat_tariff(t.flat_ntd_per_kwh)
                                                                  : power::taipower_hv_three_stage();
  for (auto& season : out.rate_ntd_per_kwh)
    for (auto& day : season)
      for (double& r : day) r *= t.rate_scale;
  for (double& d : out.demand_charge_ntd_per_kw_month) d *= t.rate_scale;
  out.contract_kw = t.contract_kw;
  return out;
}

power::SwingOptions swing_options(const scenario::SwingSpec& s) {
  return {s.band_lo_hz, s.band_hi_hz, s.block_samples, s.window_s};
}

// Cap classes: the distinct priorities, ascending; each GPU's class index.
control::CapGpus cap_gpus(const std::vector<int>& priority, std::vector<float> static_limit_w,
                          std::vector<float> min_limit_w, std::vector<std::int32_t> rack, int racks) {
  control::CapGpus g;
  std::map<int, int> index;
  for (int p : priority) index[p] = 0;
  for (auto& [p, i] : index) {
    i = static_cast<int>(g.class_priority.size());
    g.class_priority.push_back(p);
  }
  for (int p : priority) g.cls.push_back(index[p]);
  g.static_limit_w = std::move(static_limit_w);
  g.min_limit_w = std::move(min_limit_w);
  g.rack = std::move(rack);
  g.racks = racks;
  return g;
}

}  // namespace

PowerManagement::PowerManagement(const scenario::ScenarioSpec& spec, std::vector<float> static_limit_w,
                                 std::vector<int> priority, std::vector<float> min_limit_w,
                                 std::vector<std::int32_t> gpu_rack, int racks, std::vector<std::int32_t> rack_row,
                                 int rows, std::int64_t start_unix_s, int utc_offset_s)
    : c_(spec.control),
      start_unix_s_(start_unix_s),
      utc_offset_s_(utc_offset_s),
      tariff_(make_tariff(spec.site.tariff)),
      store_(power::EnergyStoreSpec{spec.control.energy_store.capacity_kwh, spec.control.energy_store.power_kw,
                                    spec.control.energy_store.round_trip_efficiency,
                                    spec.control.energy_store.smoothing_tau_s, 0.5}),
      bill_(tariff_, power::CarbonSpec{spec.site.carbon.kg_per_kwh, spec.site.carbon.hourly_kg_per_kwh,
                                       spec.site.carbon.fee_ntd_per_t},
            utc_offset_s),
      meter_swings_(spec.time.dt_s, swing_options(spec.control.swings)),
      grid_swings_(spec.time.dt_s, swing_options(spec.control.swings)) {
  const auto& cap = spec.control.power_cap;
  cap_params_.period_s = cap.period_s;
  cap_params_.delay_s = cap.delay_s;
  cap_params_.hysteresis_w = cap.hysteresis_mw * 1e6;
  cap_params_.hard_limit_w = cap.hard_limit_mw * 1e6;
  cap_params_.brake_delay_s = cap.brake_delay_s;
  cap_params_.rack_cap_w = cap.rack_cap_kw * 1e3;
  cap_params_.row_cap_w = cap.row_cap_kw * 1e3;
  cap_gpus_ = cap_gpus(priority, std::move(static_limit_w), std::move(min_limit_w), std::move(gpu_rack), racks);
  cap_gpus_.rack_row = std::move(rack_row);
  cap_gpus_.rows = rows;
  if (cap.target_mw > 0 || !spec.control.demand_response.empty() || cap.rack_cap_kw > 0 || cap.row_cap_kw > 0)
    controller_ = std::make_unique<control::CapController>(cap_params_, std::move(cap_gpus_));
}

void PowerManagement::set_cap_override_mw(double mw) {
  override_mw_ = mw > 0 ? mw : 0.0;
  if (override_mw_ > 0 && !controller_)
    controller_ = std::make_unique<control::CapController>(cap_params_, std::move(cap_gpus_));
}

void PowerManagement::schedule_edges(des::Engine& engine) {
  window_open_.assign(c_.demand_response.size(), 0);
  for (std::size_t i = 0; i < c_.demand_response.size(); ++i) {
    const auto& w = c_.demand_response[i];
    engine.schedule_at(from_seconds(w.at.s), [this, i] { window_open_[i] = 1; });
    engine.schedule_at(from_seconds(w.at.s + w.duration.s), [this, i] { window_open_[i] = 0; });
  }
  if (!c_.tariff_shift) return;
  // The tariff period changes only on whole local hours: one event per change.
  const auto off_peak_at = [&](std::int64_t elapsed_s) {
    const LocalTime t = local_time(start_unix_s_ + elapsed_s, utc_offset_s_);
    return power::period_at(tariff_, t.year, t.month, t.day, t.hour) == power::TouPeriod::off_peak;
  };
  deferrable_ok_ = off_peak_at(0);
  const std::int64_t local_start_s = start_unix_s_ + utc_offset_s_;
  const std::int64_t into_hour_s = ((local_start_s % 3600) + 3600) % 3600;
  bool previous = deferrable_ok_;
  for (std::int64_t edge_s = 3600 - into_hour_s; from_seconds_exact(edge_s) < engine.end();
       edge_s += 3600) {
    const bool ok = off_peak_at(edge_s);
    if (ok == previous) continue;
    previous = ok;
    engine.schedule_at(from_seconds_exact(edge_s), [this, ok] { deferrable_ok_ = ok; });
  }
}

double PowerManagement::cap_w() const {
  const double target_mw = override_mw_ > 0 ? override_mw_ : c_.power_cap.target_mw;
  double cap = target_mw > 0 ? target_mw * 1e6 : 0.0;
  for (std::size_t i = 0; i < window_open_.size(); ++i) {
    if (!window_open_[i]) continue;
    const double w_mw = c_.demand_response[i].target_mw;
    cap = cap > 0 ? std::min(cap, w_mw * 1e6) : w_mw * 1e6;
  }
  return cap;
}

bool PowerManagement::after_tick(double elapsed_s, double dt_s, double facility_w, double it_w,
                                 std::span<const float> gpu_power_w, std::span<const double> rack_it_w,
                                 std::vector<control::CapAction>& actions) {
  grid_w_ = store_.step(facility_w, dt_s);
  peak_grid_w_ = std::max(peak_grid_w_, grid_w_);
  bill_.add(static_cast<double>(start_unix_s_) + elapsed_s, grid_w_, dt_s);
  if (elapsed_s >= c_.swings.skip.s) {
    meter_swings_.add(facility_w);
    grid_swings_.add(grid_w_);
  }
  if (!controller_) return false;
  // The contract demand is what the grid sees; IT caps look at the racks' inputs.
  const double measured = c_.power_cap.measure == scenario::CapMeasure::it ? it_w : grid_w_;
  return controller_->step(elapsed_s, dt_s, measured, cap_w(), gpu_power_w, rack_it_w, actions);
}

}  // namespace aifsim::run
