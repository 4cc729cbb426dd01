// SPDX-License-Identifier: Apache-2.0
// Ratings and redundancy of power-chain elements (UPS, transformers, rack PSUs): the capacity
// that still carries the load after the redundant units fail, and the run's peak loading.
#pragma once

#include <cstdint>
#include <span>
#include <vector>


namespace aifsim::power {

/// Capacity left when `redundant` of `units` identical units are lost: N -> all, N+1 -> one
/// unit less, 2N -> half.
double usable_capacity_w(double installed_w, int units, int redundant);

/// A power-chain element that went above its usable capacity.
struct Overload {
  enum class Element { ups, transformer, rack_psu };
  Element element;
  int rack = -1;  ///< the rack whose PSUs are over (rack_psu only)
};

/// The element's name in events ("ups", "transformer", "rack_psu").
const char* element_name(Overload::Element e);

/// Usable capacities with the redundant units out (sim/run/build.cpp derives them).
struct RatingParams {
  double ups_usable_w = 0;
  double transformer_usable_w = 0;
  std::vector<double> rack_psu_usable_w;  ///< per rack, DC
};

/// Tracks the loading of the UPS, the transformers and every rack's PSUs against their usable
/// capacity over a run.
class RatingTracker {
 public:
  explicit RatingTracker(const RatingParams& params);

  /// One tick: UPS output, transformer output and per-rack DC power. Returns the elements
  /// that went into overload this tick (for events).
  std::vector<Overload> add(double ups_out_w, double transformer_out_w,
                               std::span<const std::int64_t> rack_dc_uw, double dt_s);

  double ups_peak_load_frac() const { return ups_peak_; }
  double transformer_peak_load_frac() const { return tx_peak_; }
  double rack_psu_peak_load_frac() const { return psu_peak_; }
  double overload_s() const { return overload_s_; }
  /// Per rack: its PSUs' DC capacity with the redundant units out (W).
  std::span<const double> rack_psu_usable_w() const { return rack_psu_usable_w_; }

 private:
  double ups_usable_w_, tx_usable_w_;
  std::vector<double> rack_psu_usable_w_;
  double ups_peak_ = 0, tx_peak_ = 0, psu_peak_ = 0, overload_s_ = 0;
  bool ups_over_ = false, tx_over_ = false;
  std::vector<bool> rack_over_;
};

}  // namespace aifsim::power
