// SPDX-License-Identifier: Apache-2.0
// Design days: the hottest day by the temperature the heat rejection sees, whole years read
// in the run's calendar, windows and dates parsed with located errors.
#include "sim/capacity/design_day.h"

#include <gtest/gtest.h>

#include "sim/core/error.h"
#include "sim/core/units.h"
#include "sim/weather/climate_normals.h"

namespace aifsim::capacity {
namespace {

constexpr int kTaipei = 8 * 3600;

// Three local days from 2026-07-01 00:00 (+08:00), hourly; day 2 has the hottest wet bulb at
// 13:00, day 3 the hottest dry bulb (a dry afternoon) at 15:00.
weather::WeatherSeries three_days() {
  std::vector<std::int64_t> t;
  std::vector<weather::WeatherSample> s;
  const std::int64_t t0 = days_from_civil(2026, 7, 1) * 86400 - kTaipei;
  for (int h = 0; h <= 72; ++h) {
    double dry = 28, wet = 24;
    if (h == 24 + 13) wet = 27.5, dry = 31;
    if (h == 48 + 15) dry = 36, wet = 25;
    t.push_back(t0 + h * 3600);
    s.push_back({dry, wet, 0.7, wet - 1, 100.0});
  }
  return weather::WeatherSeries(std::move(t), std::move(s), kTaipei, 0, "test weather");
}

std::string error_of(void (*f)()) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(design_day_test, towers_see_the_wet_bulb_and_dry_coolers_the_dry_bulb) {
  const auto w = three_days();
  const DesignDay tower = hottest_day(w, scenario::HeatRejection::cooling_tower, 2026);
  EXPECT_EQ(tower.date(), "2026-07-02");
  EXPECT_DOUBLE_EQ(*tower.peak_c, 27.5);
  EXPECT_EQ(tower.basis, "hottest day of test weather (peak wet bulb 27.5 C at 13:00)");
  const DesignDay dry = hottest_day(w, scenario::HeatRejection::dry_cooler, 2026);
  EXPECT_EQ(dry.date(), "2026-07-03");
  EXPECT_DOUBLE_EQ(*dry.peak_c, 36.0);
}

TEST(design_day_test, a_whole_year_of_weather_is_read_in_the_runs_year) {
  const auto w = weather::builtin_climate("tainan", 2021);
  ASSERT_TRUE(w);
  const DesignDay d = hottest_day(*w, scenario::HeatRejection::cooling_tower, 2026);
  EXPECT_EQ(d.year, 2026);
  EXPECT_GE(d.month, 6);
  EXPECT_LE(d.month, 9);
  // No day of the year has a higher daily peak.
  for (const auto& s : w->samples()) EXPECT_LE(s.wet_bulb_c, *d.peak_c);
}

TEST(design_day_test, window_start_puts_a_run_on_the_local_day) {
  const DesignDay d = parse_design_day("2026-07-29");
  EXPECT_EQ(d.basis, "given");
  EXPECT_EQ(window_start(d, DayWindow{}, kTaipei), "2026-07-29T00:00:00+08:00");
  EXPECT_EQ(window_start(d, parse_window("14:00-15:30"), kTaipei), "2026-07-29T14:00:00+08:00");
  const DayWindow w = parse_window("12:00-24:00");
  EXPECT_EQ(w.from_s, 12 * 3600);
  EXPECT_EQ(w.to_s, 86400);
}

TEST(design_day_test, bad_dates_and_windows_say_what_is_expected) {
  EXPECT_EQ(error_of([] { parse_design_day("2026-02-30"); }),
            "--design-day '2026-02-30': expected a date YYYY-MM-DD or 'hottest'");
  EXPECT_EQ(error_of([] { parse_design_day("july"); }), "--design-day 'july': expected a date YYYY-MM-DD or 'hottest'");
  EXPECT_EQ(error_of([] { parse_window("15:00-14:00"); }),
            "--window '15:00-14:00': the window must end after it starts (it stays within one day)");
  EXPECT_EQ(error_of([] { parse_window("14-15"); }),
            "--window '14-15': expected HH:MM-HH:MM with hours 00-24, e.g. 12:00-18:00");
  EXPECT_EQ(error_of([] { parse_window("afternoon"); }), "--window 'afternoon': expected HH:MM-HH:MM, e.g. 12:00-18:00");
}

TEST(design_day_test, weather_without_a_whole_day_has_no_hottest_day) {
  const std::int64_t t0 = days_from_civil(2026, 7, 1) * 86400 - kTaipei + 6 * 3600;
  const weather::WeatherSeries w({t0, t0 + 3 * 3600}, {{30, 25, 0.7, 24, 100}, {31, 26, 0.7, 25, 100}}, kTaipei, 0,
                                 "short weather");
  EXPECT_THROW(hottest_day(w, scenario::HeatRejection::cooling_tower, 2026), InputError);
}

}  // namespace
}  // namespace aifsim::capacity
