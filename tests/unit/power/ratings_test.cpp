// SPDX-License-Identifier: Apache-2.0
// Ratings with redundancy: usable capacity, peaks, and which element enters overload.
#include "sim/power/ratings.h"
#include "sim/run/build.h"

#include <gtest/gtest.h>

#include <vector>

namespace aifsim::power {
namespace {

// Two UPS modules of 1 MW (N+1: 1 MW usable), two 1 MW transformers (N+1: 1 MW usable), and
// one rack type with six 5.5 kW PSUs, one redundant (27.5 kW usable).
scenario::ScenarioSpec small_site() {
  scenario::ScenarioSpec spec;
  spec.site.power.ups.capacity_kw = 2000;
  spec.site.power.ups.modules = 2;
  spec.site.power.ups.redundant_modules = 1;
  spec.site.power.transformer_rating_kw = 1000;
  spec.site.power.transformer_units = 2;
  spec.site.power.transformer_redundant_units = 1;
  scenario::RackTypeSpec rack;
  rack.psu.count = 6;
  rack.psu.redundant_units = 1;
  rack.psu.rating_w = 5500;
  spec.rack_types.entries.emplace_back("r", rack);
  return spec;
}

TEST(ratings_test, usable_capacity_drops_the_redundant_units) {
  EXPECT_DOUBLE_EQ(usable_capacity_w(2e6, 2, 1), 1e6);
  EXPECT_DOUBLE_EQ(usable_capacity_w(3e6, 3, 0), 3e6);
  const std::vector<int> types{0, 0};
  const RatingTracker t(run::rating_params(small_site(), types));
  EXPECT_DOUBLE_EQ(t.rack_psu_usable_w()[0], 27500.0);
}

TEST(ratings_test, names_the_element_and_rack_that_enter_overload_once) {
  const std::vector<int> types{0, 0, 0};
  RatingTracker t(run::rating_params(small_site(), types));
  const std::vector<std::int64_t> ok_uw{20'000'000'000LL, 0, 0};        // 20 kW
  const std::vector<std::int64_t> rack2_over_uw{0, 0, 30'000'000'000LL};  // 30 kW on rack 2
  EXPECT_TRUE(t.add(0.5e6, 0.6e6, ok_uw, 1.0).empty());
  const auto entered = t.add(1.2e6, 0.9e6, rack2_over_uw, 1.0);
  ASSERT_EQ(entered.size(), 2u);
  EXPECT_EQ(entered[0].element, Overload::Element::ups);
  EXPECT_EQ(entered[1].element, Overload::Element::rack_psu);
  EXPECT_EQ(entered[1].rack, 2);
  EXPECT_STREQ(element_name(entered[1].element), "rack_psu");
  // Still over: no new event, but the time counts.
  EXPECT_TRUE(t.add(1.2e6, 0.9e6, rack2_over_uw, 1.0).empty());
  EXPECT_DOUBLE_EQ(t.overload_s(), 2.0);
  EXPECT_NEAR(t.ups_peak_load_frac(), 1.2, 1e-12);
  EXPECT_NEAR(t.rack_psu_peak_load_frac(), 30.0 / 27.5, 1e-12);
}

}  // namespace
}  // namespace aifsim::power
