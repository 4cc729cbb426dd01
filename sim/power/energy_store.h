// SPDX-License-Identifier: Apache-2.0
// Site-side battery / UPS energy store that absorbs training power swings so the grid sees a
// smoothed load (REFERENCE.md §9: GPU smoothing plus rack/site storage (BESS/UPS) is the
// recommended mitigation stack; this is the storage half).
#pragma once

namespace aifsim::power {

/// Sizing and control of the store. capacity_kwh == 0 or power_kw == 0 disables it.
struct EnergyStoreSpec {
  double capacity_kwh = 0;             ///< usable energy, >= 0
  double power_kw = 0;                 ///< terminal power limit, both directions, >= 0
  double round_trip_efficiency = 0.9;  ///< in (0, 1]; split evenly between charge and discharge
  double smoothing_tau_s = 30.0;       ///< time constant of the load average the grid follows, >= 0
  double initial_soc = 0.5;            ///< state of charge at start and SoC-correction target, 0..1
};

/// A store on the site bus between the grid and the load. Energies are in J at the terminals
/// (the bus side) unless named soc: charged_j is taken from the bus, discharged_j delivered to
/// it. Balance, exact up to rounding: sum(grid_w dt) = sum(load_w dt) + losses_j + (soc_end -
/// soc_start), all in J.
class EnergyStore {
 public:
  /// Throws std::invalid_argument for negative or non-finite sizes, efficiency outside (0, 1],
  /// negative tau or initial_soc outside [0, 1].
  explicit EnergyStore(const EnergyStoreSpec& spec);

  /// Given the site load (W) over a tick of dt_s (> 0), returns the power drawn from the grid (W).
  ///
  /// The grid target is an exponential moving average of the load (time constant
  /// smoothing_tau_s, exact discretisation alpha = 1 - exp(-dt/tau), seeded with the first
  /// load so there is no start-up transient; tau = 0 follows the load) plus a slow state-of-
  /// charge correction (soc_target - soc) / T with T = max(10 tau, 60 s): ten times slower
  /// than the smoothing so it does not undo it, and it recovers the losses that would
  /// otherwise drain the store. The store supplies load - target (discharging) or absorbs
  /// target - load (charging), limited by power_kw at its terminals and by its state of charge
  /// (0..capacity); what it cannot cover passes to the grid. Losses are split evenly: charging
  /// stores sqrt(eff) of the energy taken, discharging delivers sqrt(eff) of the energy drawn,
  /// so a full cycle returns eff. A disabled store returns load_w unchanged.
  double step(double load_w, double dt_s);

  double soc_kwh() const { return soc_j_ / kJPerKwh; }
  double losses_j() const { return losses_j_; }
  double charged_j() const { return charged_j_; }
  double discharged_j() const { return discharged_j_; }

 private:
  static constexpr double kJPerKwh = 3.6e6;

  EnergyStoreSpec spec_;
  bool enabled_ = false;
  double capacity_j_ = 0, power_w_ = 0, leg_efficiency_ = 1;  // leg: sqrt(round trip)
  double soc_j_ = 0, soc_target_j_ = 0, soc_tau_s_ = 60;
  bool seeded_ = false;
  double load_avg_w_ = 0;
  double losses_j_ = 0, charged_j_ = 0, discharged_j_ = 0;
};

}  // namespace aifsim::power
