// SPDX-License-Identifier: Apache-2.0
// Power-chain ratings and overload tracking.
#include "sim/power/ratings.h"

#include <algorithm>

namespace aifsim::power {

double usable_capacity_w(double installed_w, int units, int redundant) {
  return installed_w * static_cast<double>(units - redundant) / static_cast<double>(units);
}

RatingTracker::RatingTracker(const RatingParams& params)
    : ups_usable_w_(params.ups_usable_w),
      tx_usable_w_(params.transformer_usable_w),
      rack_psu_usable_w_(params.rack_psu_usable_w),
      rack_over_(params.rack_psu_usable_w.size(), false) {}

const char* element_name(Overload::Element e) {
  switch (e) {
    case Overload::Element::ups: return "ups";
    case Overload::Element::transformer: return "transformer";
    case Overload::Element::rack_psu: return "rack_psu";
  }
  return "?";
}

std::vector<Overload> RatingTracker::add(double ups_out_w, double transformer_out_w,
                                         std::span<const std::int64_t> rack_dc_uw, double dt_s) {
  std::vector<Overload> entered;
  const double ups = ups_out_w / ups_usable_w_;
  const double tx = transformer_out_w / tx_usable_w_;
  ups_peak_ = std::max(ups_peak_, ups);
  tx_peak_ = std::max(tx_peak_, tx);
  bool any = ups > 1.0 || tx > 1.0;
  if (ups > 1.0 && !ups_over_) entered.push_back({Overload::Element::ups});
  if (tx > 1.0 && !tx_over_) entered.push_back({Overload::Element::transformer});
  ups_over_ = ups > 1.0;
  tx_over_ = tx > 1.0;
  for (std::size_t r = 0; r < rack_psu_usable_w_.size(); ++r) {
    const double f = static_cast<double>(rack_dc_uw[r]) * 1e-6 / rack_psu_usable_w_[r];
    psu_peak_ = std::max(psu_peak_, f);
    if (f > 1.0 && !rack_over_[r]) entered.push_back({Overload::Element::rack_psu, static_cast<int>(r)});
    rack_over_[r] = f > 1.0;
    any = any || f > 1.0;
  }
  if (any) overload_s_ += dt_s;
  return entered;
}

}  // namespace aifsim::power
