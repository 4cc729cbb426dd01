// SPDX-License-Identifier: Apache-2.0
// The facility power chain: losses against a hand calculation, and the balance identity.
#include <gtest/gtest.h>

#include "sim/power/facility_chain.h"

namespace aifsim::power {
namespace {

TEST(power_chain_test, matches_hand_calculation) {
  ChainParams p;
  p.distribution_efficiency = 0.98;
  p.ups = to_curve({{0.0, 0.95}, {1.0, 0.95}});
  p.ups_capacity_w = 2e6;
  p.transformer_efficiency = 0.99;
  p.misc_w = 1000;
  const ChainPower c = facility_power(p, 1e6);
  // 1 MW / 0.98 = 1,020,408.16 W out of the UPS; / 0.95 = 1,074,113.85 W in; / 0.99 = 1,084,963.49 W.
  EXPECT_NEAR(c.distribution_loss_w, 1e6 / 0.98 - 1e6, 1e-6);
  EXPECT_NEAR(c.ups_loss_w, 1e6 / 0.98 / 0.95f - 1e6 / 0.98, 1e-3);
  EXPECT_NEAR(c.facility_w, 1e6 / 0.98 / 0.95f / 0.99 + 1000, 1e-3);
}

TEST(power_chain_test, facility_is_it_plus_every_loss_plus_misc) {
  ChainParams p = make_chain_params(scenario::PowerChainSpec{});
  p.misc_w = 12345;
  for (double it_w : {0.0, 1e5, 3e6, 12e6, 25e6}) {
    const ChainPower c = facility_power(p, it_w);
    EXPECT_NEAR(c.facility_w, it_w + c.distribution_loss_w + c.ups_loss_w + c.transformer_loss_w + c.misc_w,
                1e-9 * (1 + it_w));
    EXPECT_GE(c.ups_loss_w, 0);
  }
}

TEST(power_chain_test, ups_part_load_is_less_efficient) {
  ChainParams p = make_chain_params(scenario::PowerChainSpec{});
  const ChainPower light = facility_power(p, 0.05 * p.ups_capacity_w);
  const ChainPower heavy = facility_power(p, 0.6 * p.ups_capacity_w);
  EXPECT_GT(light.ups_loss_w / light.it_w, heavy.ups_loss_w / heavy.it_w);
}

}  // namespace
}  // namespace aifsim::power
