// SPDX-License-Identifier: Apache-2.0
// Tests for sim/weather/weather.h: choosing between a built-in climate and a weather file.
#include "sim/weather/weather.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "sim/core/error.h"
#include "tests/test_support.h"

namespace aifsim::weather {
namespace {

TEST(weather_test, load_weather_picks_builtin_climates_by_name) {
  const WeatherSeries s = load_weather("kaohsiung", 2026, 0);
  EXPECT_EQ(s.source(), "built-in climate: kaohsiung");
  EXPECT_EQ(s.year(), 2026);
}

TEST(weather_test, load_weather_reads_files_of_either_format) {
  const std::filesystem::path cwa = std::filesystem::path(AIFSIM_SHARED_DATA_DIR) /
                                    "cwa_tainan_hourly_2021" / "cwa_467410_tainan_hourly_2021.csv";
  AIFSIM_REQUIRE_SHARED_DATA(cwa);
  EXPECT_EQ(load_weather(cwa.string(), 2026, 0).year(), 2021);
  test::ScratchDir dir;
  const auto generic = dir.write("w.csv", "time,dry_bulb_c,dew_point_c\n2026-07-15T14:00,30,24\n");
  const WeatherSeries g = load_weather(generic.string(), 2026, 8 * 3600);
  EXPECT_EQ(g.source(), "weather file w.csv");
  EXPECT_EQ(g.utc_offset_s(), 8 * 3600);
  EXPECT_THROW(load_weather((dir.path() / "taipei").string(), 2026, 0), InputError);
}

}  // namespace
}  // namespace aifsim::weather
