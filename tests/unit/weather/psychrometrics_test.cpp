// SPDX-License-Identifier: Apache-2.0
// Tests for sim/weather/psychrometrics.h against published tables and identities.
#include "sim/weather/psychrometrics.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

namespace aifsim::weather {
namespace {

TEST(psychrometrics_test, saturation_pressure_matches_published_tables) {
  struct Case {
    double temp_c;
    double pws_kpa;  // ASHRAE Handbook Fundamentals 2017 ch. 1 Table 3 / IAPWS-95
  };
  const std::vector<Case> cases = {
      {0.01, 0.61165}, {20.0, 2.3392}, {25.0, 3.1699},  {30.0, 4.2470},
      {40.0, 7.3849},  {50.0, 12.352}, {100.0, 101.42},
  };
  for (const Case& c : cases) {
    EXPECT_NEAR(saturation_vapor_pressure_kpa(c.temp_c), c.pws_kpa, 5e-4 * c.pws_kpa) << c.temp_c;
  }
}

TEST(psychrometrics_test, wet_bulb_matches_psychrometric_chart_values) {
  // Psychrometric-chart values at sea level (ASHRAE chart No. 1, 101.325 kPa).
  EXPECT_NEAR(wet_bulb_c(30.0, 0.50, kStandardPressureKpa), 22.0, 0.1);
  EXPECT_NEAR(wet_bulb_c(35.0, 0.40, kStandardPressureKpa), 23.9, 0.1);
  EXPECT_NEAR(wet_bulb_c(25.0, 0.60, kStandardPressureKpa), 19.5, 0.1);
  EXPECT_NEAR(wet_bulb_c(20.0, 0.30, kStandardPressureKpa), 11.0, 0.15);
}

TEST(psychrometrics_test, psychrometer_equation_matches_hand_calculation) {
  // ASHRAE 2017 ch. 1 eq. (33) at t = 40 C, t* = 20 C, 101.325 kPa, worked by hand:
  // p_ws(20) = 2.3392 kPa, W*s = 0.621945 * 2.3392 / (101.325 - 2.3392) = 0.014698,
  // W = ((2501 - 46.52) * 0.014698 - 20.12) / (2501 + 74.4 - 83.72) = 0.006404.
  EXPECT_NEAR(humidity_ratio_from_wet_bulb(40.0, 20.0, kStandardPressureKpa), 0.006404, 1e-5);
  // And the solver inverts it: the wet bulb of that air is 20 C again.
  const double dew_c = dew_point_from_wet_bulb_c(40.0, 20.0, kStandardPressureKpa);
  EXPECT_NEAR(wet_bulb_from_dew_point_c(40.0, dew_c, kStandardPressureKpa), 20.0, 2e-6);
}

TEST(psychrometrics_test, wet_bulb_solution_satisfies_the_psychrometer_equation) {
  for (double t_c = -5.0; t_c <= 45.0; t_c += 2.5) {
    for (double rh = 0.05; rh < 1.0; rh += 0.1) {
      const double wb_c = wet_bulb_c(t_c, rh, 100.0);
      const double w = humidity_ratio_kg_per_kg(rh * saturation_vapor_pressure_kpa(t_c), 100.0);
      // d W / d t* is ~3e-4 per K here, so 1e-6 K is ~1e-9 kg/kg.
      EXPECT_NEAR(humidity_ratio_from_wet_bulb(t_c, wb_c, 100.0), w, 2e-9) << t_c << " " << rh;
    }
  }
}

TEST(psychrometrics_test, dew_point_round_trips_with_relative_humidity) {
  for (double t_c = -10.0; t_c <= 45.0; t_c += 5.0) {
    for (double rh = 0.1; rh <= 1.0; rh += 0.15) {
      const double dew_c = dew_point_c(t_c, rh);
      EXPECT_LE(dew_c, t_c + 1e-12);
      EXPECT_NEAR(relative_humidity_from_dew_point(t_c, dew_c), rh, 1e-10) << t_c << " " << rh;
    }
  }
  // A published point: 25 C at 60 % has a dew point of about 16.7 C.
  EXPECT_NEAR(dew_point_c(25.0, 0.60), 16.7, 0.05);
  EXPECT_DOUBLE_EQ(dew_point_c(22.0, 1.0), 22.0);
}

TEST(psychrometrics_test, wet_bulb_lies_between_dew_point_and_dry_bulb) {
  for (double t_c = 0.0; t_c <= 45.0; t_c += 3.0) {
    for (double rh = 0.1; rh < 1.0; rh += 0.2) {
      const double wb_c = wet_bulb_c(t_c, rh, kStandardPressureKpa);
      EXPECT_LT(wb_c, t_c) << t_c << " " << rh;
      EXPECT_GT(wb_c, dew_point_c(t_c, rh)) << t_c << " " << rh;
    }
  }
  EXPECT_DOUBLE_EQ(wet_bulb_c(27.3, 1.0, kStandardPressureKpa), 27.3);
  EXPECT_DOUBLE_EQ(wet_bulb_from_dew_point_c(27.3, 27.3, kStandardPressureKpa), 27.3);
  EXPECT_DOUBLE_EQ(wet_bulb_from_dew_point_c(27.3, 28.0, kStandardPressureKpa), 27.3);
}

TEST(psychrometrics_test, lower_pressure_gives_lower_wet_bulb) {
  // Thinner air evaporates more for the same RH: the wet bulb drops with altitude.
  EXPECT_LT(wet_bulb_c(30.0, 0.5, 85.0), wet_bulb_c(30.0, 0.5, kStandardPressureKpa) - 0.3);
}

TEST(psychrometrics_test, rejects_arguments_outside_the_formulation) {
  EXPECT_THROW(saturation_vapor_pressure_kpa(250.0), std::invalid_argument);
  EXPECT_THROW(dew_point_c(20.0, 0.0), std::invalid_argument);
  EXPECT_THROW(dew_point_c(20.0, 1.2), std::invalid_argument);
  EXPECT_THROW(wet_bulb_c(20.0, -0.1, kStandardPressureKpa), std::invalid_argument);
  EXPECT_THROW(wet_bulb_c(20.0, 0.5, 0.0), std::invalid_argument);
  EXPECT_THROW(dew_point_from_wet_bulb_c(20.0, 21.0, kStandardPressureKpa), std::invalid_argument);
  EXPECT_THROW(dew_point_from_wet_bulb_c(40.0, 5.0, kStandardPressureKpa), std::invalid_argument);
}

}  // namespace
}  // namespace aifsim::weather
