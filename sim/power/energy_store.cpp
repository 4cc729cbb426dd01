// SPDX-License-Identifier: Apache-2.0
// Site energy store: grid follows a smoothed load, the store covers the difference within its
// power and state-of-charge limits, with the round-trip loss split evenly between the legs.
#include "sim/power/energy_store.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace aifsim::power {
namespace {

/// The SoC correction is this many smoothing time constants slow, so it barely feeds the
/// swings back into the grid while still pulling the store back to its target.
constexpr double kSocCorrectionTauFactor = 10.0;
/// Floor of the correction time constant, used when smoothing is off (tau = 0) or very fast.
constexpr double kMinSocCorrectionTauS = 60.0;

bool finite_nonneg(double v) { return std::isfinite(v) && v >= 0; }

}  // namespace

EnergyStore::EnergyStore(const EnergyStoreSpec& spec) : spec_(spec) {
  if (!finite_nonneg(spec.capacity_kwh))
    throw std::invalid_argument("EnergyStore: capacity_kwh must be >= 0");
  if (!finite_nonneg(spec.power_kw)) throw std::invalid_argument("EnergyStore: power_kw must be >= 0");
  if (!(spec.round_trip_efficiency > 0 && spec.round_trip_efficiency <= 1))
    throw std::invalid_argument("EnergyStore: round_trip_efficiency must be in (0, 1]");
  if (!finite_nonneg(spec.smoothing_tau_s))
    throw std::invalid_argument("EnergyStore: smoothing_tau_s must be >= 0");
  if (!(spec.initial_soc >= 0 && spec.initial_soc <= 1))
    throw std::invalid_argument("EnergyStore: initial_soc must be in [0, 1]");

  enabled_ = spec.capacity_kwh > 0 && spec.power_kw > 0;
  capacity_j_ = spec.capacity_kwh * kJPerKwh;
  power_w_ = spec.power_kw * 1e3;
  leg_efficiency_ = std::sqrt(spec.round_trip_efficiency);
  soc_target_j_ = spec.initial_soc * capacity_j_;
  soc_j_ = soc_target_j_;
  soc_tau_s_ = std::max(kSocCorrectionTauFactor * spec.smoothing_tau_s, kMinSocCorrectionTauS);
}

double EnergyStore::step(double load_w, double dt_s) {
  if (!(std::isfinite(dt_s) && dt_s > 0)) throw std::invalid_argument("EnergyStore::step: dt_s must be > 0");
  if (!std::isfinite(load_w)) throw std::invalid_argument("EnergyStore::step: non-finite load");
  if (!enabled_) return load_w;

  if (!seeded_) {
    load_avg_w_ = load_w;
    seeded_ = true;
  } else {
    // Exact discretisation of d(avg)/dt = (load - avg) / tau: stable for any dt / tau.
    const double alpha = spec_.smoothing_tau_s > 0 ? -std::expm1(-dt_s / spec_.smoothing_tau_s) : 1.0;
    load_avg_w_ += alpha * (load_w - load_avg_w_);
  }
  const double target_w = load_avg_w_ + (soc_target_j_ - soc_j_) / soc_tau_s_;

  // Store output at its terminals: > 0 discharging into the bus, < 0 charging from it.
  double store_w = std::clamp(load_w - target_w, -power_w_, power_w_);
  if (store_w > 0) {
    store_w = std::min(store_w, soc_j_ * leg_efficiency_ / dt_s);
    const double delivered_j = store_w * dt_s;
    // min() keeps the SoC from dipping below 0 by rounding; the loss absorbs the residue so
    // the balance stays exact.
    const double drawn_j = std::min(delivered_j / leg_efficiency_, soc_j_);
    soc_j_ -= drawn_j;
    losses_j_ += drawn_j - delivered_j;
    discharged_j_ += delivered_j;
  } else if (store_w < 0) {
    store_w = -std::min(-store_w, (capacity_j_ - soc_j_) / (leg_efficiency_ * dt_s));
    const double taken_j = -store_w * dt_s;
    const double stored_j = std::min(taken_j * leg_efficiency_, capacity_j_ - soc_j_);
    soc_j_ += stored_j;
    losses_j_ += taken_j - stored_j;
    charged_j_ += taken_j;
  }
  return load_w - store_w;
}

}  // namespace aifsim::power
