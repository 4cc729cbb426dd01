// SPDX-License-Identifier: Apache-2.0
// Load profiles: constant, diurnal cosine, piecewise schedule with wrap-around.
#include <gtest/gtest.h>

#include "sim/workload/load_profile.h"

namespace aifsim::workload {
namespace {

TEST(load_profile_test, constant_holds_its_utilization) {
  scenario::LoadSpec l;
  l.utilization = 0.37;
  EXPECT_DOUBLE_EQ(utilization_at(l, 0, 3), 0.37);
  EXPECT_DOUBLE_EQ(utilization_at(l, 1e6, 21), 0.37);
}

TEST(load_profile_test, diurnal_peaks_at_peak_hour_and_bottoms_twelve_hours_later) {
  scenario::LoadSpec l;
  l.profile = scenario::LoadProfile::diurnal;
  l.min_utilization = 0.2;
  l.max_utilization = 0.8;
  l.peak_hour = 15;
  EXPECT_NEAR(utilization_at(l, 0, 15), 0.8, 1e-12);
  EXPECT_NEAR(utilization_at(l, 0, 3), 0.2, 1e-12);
  EXPECT_NEAR(utilization_at(l, 0, 9), 0.5, 1e-12);  // half way: cos(-pi/2) = 0
  for (double h = 0; h < 24; h += 0.25) {
    const double u = utilization_at(l, 0, h);
    EXPECT_GE(u, 0.2 - 1e-12);
    EXPECT_LE(u, 0.8 + 1e-12);
  }
}

TEST(load_profile_test, schedule_steps_and_repeats_each_period) {
  scenario::LoadSpec l;
  l.profile = scenario::LoadProfile::schedule;
  l.schedule_period.s = 3600;
  l.schedule = {{{600}, 0.2}, {{1800}, 0.9}};
  EXPECT_DOUBLE_EQ(utilization_at(l, 0, 0), 0.9);  // before the first point: last step holds
  EXPECT_DOUBLE_EQ(utilization_at(l, 600, 0), 0.2);
  EXPECT_DOUBLE_EQ(utilization_at(l, 1799, 0), 0.2);
  EXPECT_DOUBLE_EQ(utilization_at(l, 1800, 0), 0.9);
  EXPECT_DOUBLE_EQ(utilization_at(l, 3600 + 700, 0), 0.2);
}

}  // namespace
}  // namespace aifsim::workload
