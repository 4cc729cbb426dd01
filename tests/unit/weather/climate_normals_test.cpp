// SPDX-License-Identifier: Apache-2.0
// Tests for sim/weather/climate_normals.h against the tables of REFERENCE.md section 6.
#include "sim/weather/climate_normals.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/core/units.h"
#include "sim/weather/psychrometrics.h"

namespace aifsim::weather {
namespace {

// REFERENCE.md section 6.1, Tainan 467410, "T mean" column.
constexpr std::array<double, 12> kTainanMeanC = {18.1, 19.5, 22.8, 24.9, 27.6, 29.3,
                                                 29.8, 29.0, 29.1, 26.9, 24.3, 19.3};

struct MonthStats {
  std::array<double, 12> dry_bulb_c{}, wet_bulb_c{};
  std::array<int, 12> hours{};
  double annual_dry_bulb_c = 0.0;
};

MonthStats month_stats(const WeatherSeries& s) {
  MonthStats m;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto k =
        static_cast<std::size_t>(local_time(s.times_unix_s()[i], s.utc_offset_s()).month - 1);
    m.dry_bulb_c[k] += s.samples()[i].dry_bulb_c;
    m.wet_bulb_c[k] += s.samples()[i].wet_bulb_c;
    ++m.hours[k];
    m.annual_dry_bulb_c += s.samples()[i].dry_bulb_c;
  }
  for (std::size_t k = 0; k < 12; ++k) {
    m.dry_bulb_c[k] /= m.hours[k];
    m.wet_bulb_c[k] /= m.hours[k];
  }
  m.annual_dry_bulb_c /= static_cast<double>(s.size());
  return m;
}

TEST(climate_normals_test, covers_every_local_hour_of_the_year) {
  const std::optional<WeatherSeries> s = builtin_climate("tainan", 2026);
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->size(), 8760u);
  EXPECT_EQ(s->year(), 2026);
  EXPECT_TRUE(s->covers_whole_year());
  EXPECT_EQ(s->flagged_hours(), 0u);
  EXPECT_EQ(s->source(), "built-in climate: tainan");
  const std::optional<StartTime> jan1 = parse_iso8601("2026-01-01T00:00:00+08:00");
  EXPECT_EQ(s->first_unix_s(), jan1->unix_s);
  EXPECT_EQ(s->last_unix_s(), jan1->unix_s + 8759 * 3600);
  EXPECT_EQ(builtin_climate("Kaohsiung", 2024)->size(), 8784u);
}

TEST(climate_normals_test, tainan_annual_and_monthly_means_follow_section_6_1) {
  const MonthStats m = month_stats(*builtin_climate("tainan", 2026));
  double table_mean_c = 0.0;
  for (double v : kTainanMeanC) table_mean_c += v / 12.0;
  EXPECT_NEAR(m.annual_dry_bulb_c, table_mean_c, 0.3);
  for (std::size_t k = 0; k < 12; ++k) EXPECT_NEAR(m.dry_bulb_c[k], kTainanMeanC[k], 0.05) << k;
  EXPECT_GT(m.dry_bulb_c[6], m.dry_bulb_c[0] + 10.0);  // July much warmer than January
  EXPECT_NEAR(m.wet_bulb_c[6], 26.2, 1.0);             // section 6.1, July mean WB
  EXPECT_NEAR(m.wet_bulb_c[0], 15.2, 1.0);             // section 6.1, January mean WB
}

TEST(climate_normals_test, kaohsiung_follows_section_6_2) {
  const MonthStats m = month_stats(*builtin_climate("kaohsiung", 2021));
  EXPECT_NEAR(m.dry_bulb_c[0], 19.6, 0.05);
  EXPECT_NEAR(m.dry_bulb_c[6], 29.8, 0.05);
  EXPECT_NEAR(m.wet_bulb_c[6], 26.7, 1.0);
}

TEST(climate_normals_test, diurnal_maximum_near_14h_and_minimum_near_5h) {
  const WeatherSeries s = *builtin_climate("tainan", 2026);
  std::array<double, 24> by_hour{};
  for (std::size_t i = 0; i < s.size(); ++i) {
    const LocalTime lt = local_time(s.times_unix_s()[i], s.utc_offset_s());
    if (lt.month == 7) by_hour[static_cast<std::size_t>(lt.hour)] += s.samples()[i].dry_bulb_c;
  }
  std::size_t hottest = 0, coldest = 0;
  for (std::size_t h = 0; h < 24; ++h) {
    if (by_hour[h] > by_hour[hottest]) hottest = h;
    if (by_hour[h] < by_hour[coldest]) coldest = h;
  }
  EXPECT_EQ(hottest, 14u);
  EXPECT_EQ(coldest, 5u);
  // July's daily range is Kaohsiung's 32.7 - 27.3 = 5.4 K (section 6.2).
  EXPECT_NEAR((by_hour[14] - by_hour[5]) / 31.0, 5.4, 0.1);
}

TEST(climate_normals_test, humidity_is_psychrometrically_consistent) {
  const WeatherSeries s = *builtin_climate("tainan", 2026);
  for (std::size_t i = 0; i < s.size(); i += 7) {
    const WeatherSample& w = s.samples()[i];
    EXPECT_LE(w.dew_point_c, w.wet_bulb_c);
    EXPECT_LE(w.wet_bulb_c, w.dry_bulb_c);
    EXPECT_DOUBLE_EQ(w.pressure_kpa, 101.0);
    EXPECT_NEAR(w.wet_bulb_c, wet_bulb_from_dew_point_c(w.dry_bulb_c, w.dew_point_c, 101.0), 1e-9);
  }
  // The dew point is held for the day while the dry bulb swings.
  const WeatherSample morning = s.samples()[24 * 180 + 5];
  const WeatherSample afternoon = s.samples()[24 * 180 + 14];
  EXPECT_DOUBLE_EQ(morning.dew_point_c, afternoon.dew_point_c);
  EXPECT_GT(morning.relative_humidity, afternoon.relative_humidity + 0.1);
}

TEST(climate_normals_test, names_are_listed_and_unknown_names_give_nullopt) {
  EXPECT_EQ(builtin_climate_names(), (std::vector<std::string>{"kaohsiung", "tainan"}));
  for (const std::string& name : builtin_climate_names()) {
    EXPECT_TRUE(builtin_climate(name, 2026).has_value()) << name;
  }
  EXPECT_FALSE(builtin_climate("taipei", 2026).has_value());
  EXPECT_FALSE(builtin_climate("", 2026).has_value());
}

TEST(climate_normals_test, year_mapping_serves_other_years) {
  const WeatherSeries s = *builtin_climate("tainan", 2025);
  const std::optional<StartTime> a = parse_iso8601("2025-07-15T14:00:00+08:00");
  const std::optional<StartTime> b = parse_iso8601("2031-07-15T14:00:00+08:00");
  EXPECT_DOUBLE_EQ(s.at(b->unix_s).dry_bulb_c, s.at(a->unix_s).dry_bulb_c);
}

}  // namespace
}  // namespace aifsim::weather
