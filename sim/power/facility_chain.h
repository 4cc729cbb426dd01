// SPDX-License-Identifier: Apache-2.0
// The facility power chain above the racks: IT power at the rack inputs -> busway/PDU ->
// UPS (load-dependent efficiency) -> transformer -> utility meter, plus misc site load.
#pragma once

#include "kernels/power_math.h"
#include "sim/scenario/spec.h"

namespace aifsim::power {

struct ChainParams {
  double distribution_efficiency = 1.0;
  kernels::EfficiencyCurve ups;
  double ups_capacity_w = 0;
  double transformer_efficiency = 1.0;
  double misc_w = 0;
};

/// Powers (W) at one instant. facility_w = it_w + cooling_w + the three losses + misc_w exactly.
struct ChainPower {
  double it_w = 0;
  double cooling_w = 0;
  double distribution_loss_w = 0;
  double ups_loss_w = 0;
  double transformer_loss_w = 0;
  double misc_w = 0;
  double facility_w = 0;
};

ChainParams make_chain_params(const scenario::PowerChainSpec& spec);

/// Converts a scenario curve to the kernels' fixed-size form (validated: <= 8 points).
kernels::EfficiencyCurve to_curve(const std::vector<scenario::CurvePoint>& points);

/// Walks the chain upstream from the IT load; the cooling load is fed from the transformer
/// without passing the UPS (mechanical loads are not on the IT UPS).
ChainPower facility_power(const ChainParams& p, double it_w, double cooling_w = 0.0);

}  // namespace aifsim::power
