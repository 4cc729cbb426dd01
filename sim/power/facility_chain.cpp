// SPDX-License-Identifier: Apache-2.0
// Facility power chain losses.
#include "sim/power/facility_chain.h"

#include <algorithm>

namespace aifsim::power {

kernels::EfficiencyCurve to_curve(const std::vector<scenario::CurvePoint>& points) {
  kernels::EfficiencyCurve c;
  c.points = static_cast<int>(std::min<std::size_t>(points.size(), kernels::EfficiencyCurve::kMaxPoints));
  for (int i = 0; i < c.points; ++i) {
    c.load_frac[i] = static_cast<float>(points[static_cast<std::size_t>(i)].load_frac);
    c.efficiency[i] = static_cast<float>(points[static_cast<std::size_t>(i)].efficiency);
  }
  return c;
}

ChainParams make_chain_params(const scenario::PowerChainSpec& spec) {
  ChainParams p;
  p.distribution_efficiency = spec.distribution_efficiency;
  p.ups = to_curve(spec.ups.mode == scenario::UpsMode::eco ? spec.ups.eco_curve
                                                           : spec.ups.double_conversion_curve);
  p.ups_capacity_w = spec.ups.capacity_kw * 1e3;
  p.transformer_efficiency = spec.transformer_efficiency;
  p.misc_w = spec.misc_power_kw * 1e3;
  return p;
}

ChainPower facility_power(const ChainParams& p, double it_w, double cooling_w) {
  ChainPower out;
  out.it_w = it_w;
  out.cooling_w = cooling_w;
  const double ups_out_w = it_w / p.distribution_efficiency;
  out.distribution_loss_w = ups_out_w - it_w;
  const double ups_eff = kernels::efficiency_at(p.ups, static_cast<float>(ups_out_w / p.ups_capacity_w));
  const double ups_in_w = ups_out_w / ups_eff;
  out.ups_loss_w = ups_in_w - ups_out_w;
  const double tx_out_w = ups_in_w + cooling_w;
  const double tx_in_w = tx_out_w / p.transformer_efficiency;
  out.transformer_loss_w = tx_in_w - tx_out_w;
  out.misc_w = p.misc_w;
  out.facility_w = tx_in_w + p.misc_w;
  return out;
}

}  // namespace aifsim::power
