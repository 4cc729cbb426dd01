// SPDX-License-Identifier: Apache-2.0
// Tests for sim/weather/weather_series.h: interpolation, end clamping, year mapping, gap filling.
#include "sim/weather/weather_series.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "sim/core/units.h"

namespace aifsim::weather {
namespace {

constexpr int kTaipeiOffsetS = 8 * 3600;

std::int64_t at_time(const char* iso) {
  const std::optional<StartTime> t = parse_iso8601(iso);
  EXPECT_TRUE(t.has_value()) << iso;
  return t ? t->resolve_unix_s(0) : 0;
}

// Every hour of local calendar year `year`; the dry bulb encodes the hour index so a test
// can tell exactly which reading it got.
WeatherSeries hour_index_series(int year, int utc_offset_s) {
  const std::int64_t first_s = days_from_civil(year, 1, 1) * 86400 - utc_offset_s;
  const std::int64_t hours =
      (days_from_civil(std::int64_t{year} + 1, 1, 1) - days_from_civil(year, 1, 1)) * 24;
  std::vector<std::int64_t> times;
  std::vector<WeatherSample> samples;
  for (std::int64_t i = 0; i < hours; ++i) {
    times.push_back(first_s + i * 3600);
    const double v = static_cast<double>(i);
    samples.push_back(WeatherSample{v, v - 1.0, 0.5, v - 2.0, 100.0});
  }
  return WeatherSeries(times, samples, utc_offset_s, 0, "test");
}

TEST(weather_series_test, interpolates_every_field_linearly_between_readings) {
  const std::int64_t t0 = at_time("2021-07-15T13:00:00+08:00");
  // The wet bulbs are not psychrometrically consistent on purpose: at() must interpolate the
  // stored values, not recompute from the interpolated dry bulb and humidity.
  const WeatherSeries s(
      {t0, t0 + 3600, t0 + 7200},
      {WeatherSample{30.0, 20.0, 0.6, 21.0, 100.0}, WeatherSample{32.0, 24.0, 0.4, 17.0, 101.0},
       WeatherSample{31.0, 25.0, 0.5, 19.0, 100.0}},
      kTaipeiOffsetS, 0, "test");
  const WeatherSample half = s.at(t0 + 1800);
  EXPECT_DOUBLE_EQ(half.dry_bulb_c, 31.0);
  EXPECT_DOUBLE_EQ(half.wet_bulb_c, 22.0);
  EXPECT_DOUBLE_EQ(half.relative_humidity, 0.5);
  EXPECT_DOUBLE_EQ(half.dew_point_c, 19.0);
  EXPECT_DOUBLE_EQ(half.pressure_kpa, 100.5);
  const WeatherSample quarter = s.at(t0 + 3600 + 900);
  EXPECT_DOUBLE_EQ(quarter.dry_bulb_c, 31.75);
  EXPECT_DOUBLE_EQ(quarter.wet_bulb_c, 24.25);
  EXPECT_DOUBLE_EQ(s.at(t0 + 3600).dry_bulb_c, 32.0);
}

TEST(weather_series_test, clamps_within_an_hour_of_the_ends_and_rejects_beyond) {
  const std::int64_t t0 = at_time("2021-07-15T13:00:00+08:00");
  const WeatherSeries s(
      {t0, t0 + 3600},
      {WeatherSample{30.0, 25.0, 0.7, 24.0, 100.0}, WeatherSample{32.0, 26.0, 0.6, 23.6, 100.0}},
      kTaipeiOffsetS, 0, "test");
  EXPECT_DOUBLE_EQ(s.at(t0 - 3600).dry_bulb_c, 30.0);
  EXPECT_DOUBLE_EQ(s.at(t0 + 7200).dry_bulb_c, 32.0);
  EXPECT_FALSE(s.covers_whole_year());
  EXPECT_EQ(s.year(), 2021);
  EXPECT_THROW(s.at(t0 - 3601), std::out_of_range);
  EXPECT_THROW(s.at(t0 + 7201), std::out_of_range);
  try {
    s.at(at_time("2026-07-15T13:00:00+08:00"));
    FAIL() << "expected std::out_of_range";
  } catch (const std::out_of_range& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("2021-07-15T13:00:00+08:00 to 2021-07-15T14:00:00+08:00"), std::string::npos)
        << msg;
    EXPECT_NE(msg.find("2026-07-15T13:00:00+08:00 is outside"), std::string::npos) << msg;
  }
}

TEST(weather_series_test, maps_other_years_to_the_same_local_hour_of_a_whole_year) {
  const WeatherSeries s = hour_index_series(2021, kTaipeiOffsetS);
  ASSERT_TRUE(s.covers_whole_year());
  EXPECT_EQ(s.year(), 2021);
  const double jul15_14h = s.at(at_time("2021-07-15T14:00:00+08:00")).dry_bulb_c;
  EXPECT_DOUBLE_EQ(jul15_14h,
                   (days_from_civil(2021, 7, 15) - days_from_civil(2021, 1, 1)) * 24.0 + 14.0);
  EXPECT_DOUBLE_EQ(s.at(at_time("2026-07-15T14:00:00+08:00")).dry_bulb_c, jul15_14h);
  EXPECT_DOUBLE_EQ(s.at(at_time("2026-07-15T06:00:00Z")).dry_bulb_c, jul15_14h);  // same instant
  EXPECT_DOUBLE_EQ(s.at(at_time("2019-07-15T14:30:00+08:00")).dry_bulb_c, jul15_14h + 0.5);
  // A 2024 run crosses Feb 29 on the 2021 data by reading Feb 28 twice.
  const double feb28_10h = s.at(at_time("2021-02-28T10:00:00+08:00")).dry_bulb_c;
  EXPECT_DOUBLE_EQ(s.at(at_time("2024-02-29T10:00:00+08:00")).dry_bulb_c, feb28_10h);
  EXPECT_DOUBLE_EQ(s.at(at_time("2024-02-28T10:00:00+08:00")).dry_bulb_c, feb28_10h);
  EXPECT_DOUBLE_EQ(s.at(at_time("2024-03-01T10:00:00+08:00")).dry_bulb_c, feb28_10h + 24.0);
  // New Year's Eve of another year maps onto the last hours of the series.
  EXPECT_DOUBLE_EQ(s.at(at_time("2030-12-31T23:00:00+08:00")).dry_bulb_c, 8759.0);
  EXPECT_DOUBLE_EQ(s.at(at_time("2030-12-31T23:59:00+08:00")).dry_bulb_c, 8759.0);
}

TEST(weather_series_test, a_leap_year_series_serves_feb_29_only_to_leap_years) {
  const WeatherSeries s = hour_index_series(2024, 0);
  ASSERT_TRUE(s.covers_whole_year());
  EXPECT_EQ(s.size(), 8784u);
  const double feb29 = s.at(at_time("2024-02-29T00:00:00Z")).dry_bulb_c;
  EXPECT_DOUBLE_EQ(s.at(at_time("2028-02-29T00:00:00Z")).dry_bulb_c, feb29);
  EXPECT_DOUBLE_EQ(s.at(at_time("2026-03-01T00:00:00Z")).dry_bulb_c, feb29 + 24.0);
}

TEST(weather_series_test, year_mapping_uses_the_series_local_time) {
  // The same whole year in UTC+8: a request at 2026-01-01T00:00+08:00 is local New Year,
  // which is 2025-12-31T16:00Z; it must map to local 2021-01-01 00:00 (index 0), not to UTC.
  const WeatherSeries s = hour_index_series(2021, kTaipeiOffsetS);
  EXPECT_DOUBLE_EQ(s.at(at_time("2026-01-01T00:00:00+08:00")).dry_bulb_c, 0.0);
  EXPECT_DOUBLE_EQ(s.at(at_time("2025-12-31T17:00:00Z")).dry_bulb_c, 1.0);
}

TEST(weather_series_test, rejects_inconsistent_construction) {
  const WeatherSample w{20.0, 15.0, 0.6, 12.0, 101.0};
  EXPECT_THROW(WeatherSeries({}, {}, 0, 0, "x"), std::invalid_argument);
  EXPECT_THROW(WeatherSeries({0, 3600}, {w}, 0, 0, "x"), std::invalid_argument);
  EXPECT_THROW(WeatherSeries({3600, 3600}, {w, w}, 0, 0, "x"), std::invalid_argument);
  EXPECT_THROW(WeatherSeries({7200, 3600}, {w, w}, 0, 0, "x"), std::invalid_argument);
  const WeatherSeries ok({0}, {w}, 0, 3, "src");
  EXPECT_EQ(ok.flagged_hours(), 3u);
  EXPECT_EQ(ok.source(), "src");
}

TEST(weather_series_test, fill_missing_interpolates_in_time_and_copies_at_the_ends) {
  const std::vector<std::int64_t> t = {0, 3600, 7200, 14400, 18000, 21600};
  const std::vector<std::optional<double>> v = {std::nullopt, 10.0, std::nullopt,
                                                std::nullopt, 20.0, std::nullopt};
  const std::vector<double> got = fill_missing(t, v);
  ASSERT_EQ(got.size(), 6u);
  EXPECT_DOUBLE_EQ(got[0], 10.0);
  EXPECT_DOUBLE_EQ(got[1], 10.0);
  EXPECT_DOUBLE_EQ(got[2], 12.5);  // a quarter of the way in time from 3600 to 18000
  EXPECT_DOUBLE_EQ(got[3], 17.5);
  EXPECT_DOUBLE_EQ(got[4], 20.0);
  EXPECT_DOUBLE_EQ(got[5], 20.0);
  EXPECT_THROW(fill_missing({0, 1}, {std::nullopt, std::nullopt}), std::invalid_argument);
  EXPECT_THROW(fill_missing({0}, {1.0, 2.0}), std::invalid_argument);
}

TEST(weather_series_test, header_keys_ignore_case_blanks_and_units) {
  EXPECT_EQ(detail::header_key(" StnPres (hPa) "), "stnpres");
  EXPECT_EQ(detail::header_key("RH (%)"), "rh");
  EXPECT_EQ(detail::header_key("Td dew point"), "td dew point");
  EXPECT_EQ(detail::header_key("dry_bulb_c"), "dry_bulb_c");
  EXPECT_FALSE(detail::parse_number("X").has_value());
  EXPECT_FALSE(detail::parse_number("...").has_value());
  EXPECT_FALSE(detail::parse_number("1.5T").has_value());
  EXPECT_FALSE(detail::parse_number("nan").has_value());
  EXPECT_DOUBLE_EQ(*detail::parse_number("-9999"), -9999.0);
  EXPECT_DOUBLE_EQ(*detail::parse_number(" 26.8 "), 26.8);
}

}  // namespace
}  // namespace aifsim::weather
