// SPDX-License-Identifier: Apache-2.0
// Tests for sim/weather/generic_csv_reader.h: aifsim's weather CSV and format detection.
#include "sim/weather/generic_csv_reader.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "sim/core/error.h"
#include "sim/core/units.h"
#include "sim/weather/psychrometrics.h"
#include "tests/test_support.h"

namespace aifsim::weather {
namespace {

std::int64_t at_time(const char* iso) {
  const std::optional<StartTime> t = parse_iso8601(iso);
  EXPECT_TRUE(t.has_value()) << iso;
  return t ? t->resolve_unix_s(0) : 0;
}

std::string error_of(const std::filesystem::path& path, int default_utc_offset_s = 0) {
  try {
    read_generic_weather_csv(path, default_utc_offset_s);
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

// `rows` hourly rows from 2026-07-15T00:00:00+08:00 with dry bulb 25 + h/2 and RH 80 - h;
// the cell of row `blank_row` in column `blank_col` (0-based among the value columns) is empty.
std::string hourly_rh_file(int rows, int blank_row = -1, int blank_col = -1) {
  std::string text = "time,dry_bulb_c,relative_humidity_pct,pressure_kpa\n";
  for (int h = 0; h < rows; ++h) {
    const std::string values[3] = {std::to_string(25.0 + h / 2.0), std::to_string(80 - h), "100.8"};
    text += format_iso8601(at_time("2026-07-15T00:00:00+08:00") + h * 3600, 8 * 3600);
    for (int c = 0; c < 3; ++c) text += "," + (h == blank_row && c == blank_col ? "" : values[c]);
    text += "\n";
  }
  return text;
}

TEST(generic_csv_reader_test, reads_relative_humidity_rows) {
  test::ScratchDir dir;
  const auto path = dir.write("w.csv",
                              "time,dry_bulb_c,relative_humidity_pct,pressure_kpa\n"
                              "2026-07-15T13:00:00+08:00,31.0,60,100.9\n"
                              "2026-07-15T14:00:00+08:00,32.0,55,100.8\n");
  const WeatherSeries s = read_generic_weather_csv(path);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s.source(), "weather file w.csv");
  EXPECT_EQ(s.utc_offset_s(), 8 * 3600);
  EXPECT_EQ(s.flagged_hours(), 0u);
  const WeatherSample w = s.at(at_time("2026-07-15T06:00:00Z"));
  EXPECT_DOUBLE_EQ(w.dry_bulb_c, 32.0);
  EXPECT_DOUBLE_EQ(w.relative_humidity, 0.55);
  EXPECT_DOUBLE_EQ(w.pressure_kpa, 100.8);
  EXPECT_NEAR(w.wet_bulb_c, wet_bulb_c(32.0, 0.55, 100.8), 1e-12);
  EXPECT_NEAR(w.dew_point_c, dew_point_c(32.0, 0.55), 1e-12);
  EXPECT_DOUBLE_EQ(s.at(at_time("2026-07-15T13:30:00+08:00")).dry_bulb_c, 31.5);
}

TEST(generic_csv_reader_test, reads_dew_point_rows_without_pressure) {
  test::ScratchDir dir;
  const auto path = dir.write("w.csv",
                              "\xEF\xBB\xBF"
                              "Dew_Point_C,time,Dry_Bulb_C,note\r\n"
                              "24.5,2026-07-15T13:00:00Z,31.0,sunny\r\n"
                              "25.5,2026-07-15T14:00:00Z,25.2,\"rain, heavy\"\r\n");
  const WeatherSeries s = read_generic_weather_csv(path);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s.utc_offset_s(), 0);
  const WeatherSample a = s.at(at_time("2026-07-15T13:00:00Z"));
  EXPECT_DOUBLE_EQ(a.dew_point_c, 24.5);
  EXPECT_DOUBLE_EQ(a.pressure_kpa, kStandardPressureKpa);
  EXPECT_NEAR(a.wet_bulb_c, wet_bulb_from_dew_point_c(31.0, 24.5, kStandardPressureKpa), 1e-12);
  // A dew point 0.3 K above the dry bulb is rounding: saturated air.
  const WeatherSample b = s.at(at_time("2026-07-15T14:00:00Z"));
  EXPECT_DOUBLE_EQ(b.dew_point_c, 25.2);
  EXPECT_DOUBLE_EQ(b.wet_bulb_c, 25.2);
  EXPECT_DOUBLE_EQ(b.relative_humidity, 1.0);
}

TEST(generic_csv_reader_test, reads_wet_bulb_rows_exactly) {
  test::ScratchDir dir;
  const auto path = dir.write("w.csv",
                              "time,dry_bulb_c,wet_bulb_c,pressure_kpa\n"
                              "2026-01-10T00:00:00Z,30.0,22.0,101.325\n");
  const WeatherSample w = read_generic_weather_csv(path).at(at_time("2026-01-10T00:00:00Z"));
  EXPECT_DOUBLE_EQ(w.wet_bulb_c, 22.0);
  // The derived humidity is consistent with the given wet bulb: ~50 % at 30 C.
  EXPECT_NEAR(wet_bulb_from_dew_point_c(30.0, w.dew_point_c, 101.325), 22.0, 1e-5);
  EXPECT_NEAR(w.relative_humidity, 0.50, 0.01);
}

TEST(generic_csv_reader_test, times_without_offset_use_the_default_offset) {
  test::ScratchDir dir;
  const auto path = dir.write("w.csv",
                              "time,dry_bulb_c,relative_humidity_pct\n"
                              "2026-07-15 14:00,30.0,70\n"
                              "2026-07-15 15:00,31.0,70\n");
  const WeatherSeries utc = read_generic_weather_csv(path);
  EXPECT_EQ(utc.first_unix_s(), at_time("2026-07-15T14:00:00Z"));
  const WeatherSeries taipei = read_generic_weather_csv(path, 8 * 3600);
  EXPECT_EQ(taipei.first_unix_s(), at_time("2026-07-15T14:00:00+08:00"));
  EXPECT_EQ(taipei.utc_offset_s(), 8 * 3600);
}

TEST(generic_csv_reader_test, empty_cells_are_filled_and_counted) {
  test::ScratchDir dir;
  // Row 5 has no dry bulb, row 9 no RH: 2 of 24 (under the 10 % limit).
  std::string text = hourly_rh_file(24, 5, 0);
  const WeatherSeries a = read_generic_weather_csv(dir.write("a.csv", text));
  EXPECT_EQ(a.flagged_hours(), 1u);
  EXPECT_DOUBLE_EQ(a.samples()[5].dry_bulb_c, 27.5);  // between 27.0 and 28.0
  const WeatherSeries b = read_generic_weather_csv(dir.write("b.csv", hourly_rh_file(24, 9, 1)));
  EXPECT_EQ(b.flagged_hours(), 1u);
  const double dew8 = dew_point_c(29.0, 0.72), dew10 = dew_point_c(30.0, 0.70);
  EXPECT_NEAR(b.samples()[9].dew_point_c, 0.5 * (dew8 + dew10), 1e-9);
  const WeatherSeries c = read_generic_weather_csv(dir.write("c.csv", hourly_rh_file(24, 0, 2)));
  EXPECT_EQ(c.flagged_hours(), 1u);
  EXPECT_DOUBLE_EQ(c.samples()[0].pressure_kpa, 100.8);  // copied from the next row
}

TEST(generic_csv_reader_test, bad_rows_are_located) {
  test::ScratchDir dir;
  const std::string header = "time,dry_bulb_c,relative_humidity_pct\n";
  const std::string row1 = "2026-07-15T00:00:00Z,30.0,70\n";

  const auto nan = dir.write("a.csv", header + row1 + "2026-07-15T01:00:00Z,abc,70\n");
  EXPECT_EQ(error_of(nan), nan.string() + ":3: column dry_bulb_c: not a number ('abc')");

  const auto rh = dir.write("b.csv", header + row1 + "\n2026-07-15T01:00:00Z,30.0,150\n");
  EXPECT_EQ(error_of(rh),
            rh.string() + ":4: column relative_humidity_pct: must be within (0, 100] (got 150)");

  const auto order = dir.write("c.csv", header + row1 + "2026-07-14T23:00:00Z,30.0,70\n");
  EXPECT_EQ(error_of(order), order.string() +
                                 ":3: column time: '2026-07-14T23:00:00Z' is not after the "
                                 "previous row's '2026-07-15T00:00:00Z' (times must strictly "
                                 "increase)");

  // The same instant written in another offset is a duplicate.
  const auto dup = dir.write("d.csv", header + row1 + "2026-07-15T08:00:00+08:00,30.0,70\n");
  EXPECT_EQ(error_of(dup), dup.string() +
                               ":3: column time: '2026-07-15T08:00:00+08:00' is not after the "
                               "previous row's '2026-07-15T00:00:00Z' (times must strictly "
                               "increase)");

  const auto bad_time = dir.write("e.csv", header + "2026-07-15T25:00:00Z,30.0,70\n");
  EXPECT_EQ(error_of(bad_time), bad_time.string() +
                                    ":2: column time: not an ISO 8601 time like "
                                    "2026-07-15T14:00:00+08:00 ('2026-07-15T25:00:00Z')");

  const auto short_row = dir.write("f.csv", header + "2026-07-15T00:00:00Z,30.0\n");
  EXPECT_EQ(error_of(short_row),
            short_row.string() + ":2: expected 3 cells as in the header, got 2");

  const auto dew = dir.write("g.csv", "time,dry_bulb_c,dew_point_c\n2026-07-15T00:00:00Z,25,26\n");
  EXPECT_EQ(error_of(dew), dew.string() + ":2: column dew_point_c: 26 is above dry_bulb_c 25");

  const auto low_wb = dir.write("h.csv", "time,dry_bulb_c,wet_bulb_c\n2026-07-15T00:00:00Z,40,5\n");
  EXPECT_EQ(error_of(low_wb), low_wb.string() +
                                  ":2: column wet_bulb_c: 5 is too low for dry_bulb_c 40 (no "
                                  "humidity left)");
}

TEST(generic_csv_reader_test, bad_headers_and_sparse_columns_are_rejected) {
  test::ScratchDir dir;
  const auto no_time = dir.write("a.csv", "dry_bulb_c,relative_humidity_pct\n30,70\n");
  EXPECT_EQ(error_of(no_time), no_time.string() + ":1: missing column 'time'");

  const auto no_hum = dir.write("b.csv", "time,dry_bulb_c\n2026-07-15T00:00:00Z,30\n");
  EXPECT_EQ(error_of(no_hum), no_hum.string() +
                                  ":1: missing humidity column: one of 'relative_humidity_pct', "
                                  "'dew_point_c', 'wet_bulb_c'");

  const auto two_hum = dir.write(
      "c.csv",
      "time,dry_bulb_c,dew_point_c,relative_humidity_pct\n2026-07-15T00:00:00Z,30,20,50\n");
  EXPECT_EQ(error_of(two_hum), two_hum.string() +
                                   ":1: give one humidity column, not both "
                                   "'relative_humidity_pct' and 'dew_point_c'");

  const auto sparse = dir.write("d.csv", hourly_rh_file(5, 2, 0));
  EXPECT_EQ(error_of(sparse), sparse.string() +
                                  ": column dry_bulb_c: 1 of 5 rows (20.0%) are empty; at most "
                                  "10% may be");

  const auto none = dir.write("e.csv",
                              "time,dry_bulb_c,relative_humidity_pct\n"
                              "2026-07-15T00:00:00Z,,70\n2026-07-15T01:00:00Z,30,\n");
  EXPECT_EQ(error_of(none), none.string() +
                                ": no valid rows (none has both dry_bulb_c and "
                                "relative_humidity_pct)");

  const auto empty = dir.write("f.csv", "time,dry_bulb_c,relative_humidity_pct\n");
  EXPECT_EQ(error_of(empty), empty.string() + ": no data rows after the header");
}

TEST(generic_csv_reader_test, detects_the_format_from_the_header) {
  test::ScratchDir dir;
  const auto generic = dir.write("w.csv",
                                 "time,dry_bulb_c,relative_humidity_pct\n"
                                 "2026-07-15T14:00,30.0,70\n");
  const WeatherSeries g = read_weather_csv(generic, 8 * 3600);
  EXPECT_EQ(g.source(), "weather file w.csv");
  EXPECT_EQ(g.first_unix_s(), at_time("2026-07-15T14:00:00+08:00"));

  const auto cwa = dir.write("c.csv",
                             "Date,Station,ObsTime,Temperature,RH\n"
                             "2021-03-02,467410,14,25.0,70\n");
  const WeatherSeries c = read_weather_csv(cwa);
  EXPECT_EQ(c.source(), "CWA station 467410 (c.csv)");
  EXPECT_EQ(c.first_unix_s(), at_time("2021-03-02T14:00:00+08:00"));

  const std::filesystem::path real = std::filesystem::path(AIFSIM_SHARED_DATA_DIR) /
                                     "cwa_tainan_hourly_2021" / "cwa_467410_tainan_hourly_2021.csv";
  AIFSIM_REQUIRE_SHARED_DATA(real);
  EXPECT_EQ(read_weather_csv(real).size(), 8760u);

  const auto unknown = dir.write("u.csv", "timestamp,temp_f\n2026-07-15T14:00,86\n");
  try {
    read_weather_csv(unknown);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              unknown.string() +
                  ":1: unknown weather CSV format (expected a CWA station file with Date, ObsTime "
                  "and Temperature columns, or aifsim's format with time, dry_bulb_c and a "
                  "humidity column)");
  }
  const auto blank = dir.write("v.csv", "");
  EXPECT_THROW(read_weather_csv(blank), InputError);
}

}  // namespace
}  // namespace aifsim::weather
