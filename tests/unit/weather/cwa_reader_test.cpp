// SPDX-License-Identifier: Apache-2.0
// Tests for sim/weather/cwa_reader.h on the real CWA Tainan 2021 file and on small made-up
// files with CWA flag cells, gaps and errors.
#include "sim/weather/cwa_reader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "sim/core/error.h"
#include "sim/core/units.h"
#include "sim/weather/psychrometrics.h"
#include "tests/test_support.h"

namespace aifsim::weather {
namespace {

const std::filesystem::path kTainan2021 = std::filesystem::path(AIFSIM_SHARED_DATA_DIR) /
                                          "cwa_tainan_hourly_2021" /
                                          "cwa_467410_tainan_hourly_2021.csv";

std::int64_t at_time(const std::string& iso) {
  const std::optional<StartTime> t = parse_iso8601(iso);
  EXPECT_TRUE(t.has_value()) << iso;
  return t ? t->resolve_unix_s(0) : 0;
}

// ---- An independent scan of the raw file (no reader code) --------------------------------

struct RawRow {
  std::string date;
  int obs_time;
  std::map<std::string, std::string> cells;
};

std::vector<std::string> split_commas(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream ss(line);
  std::string cell;
  while (std::getline(ss, cell, ',')) out.push_back(cell);
  if (!line.empty() && line.back() == ',') out.emplace_back();
  return out;
}

std::vector<RawRow> raw_rows(const std::filesystem::path& path) {
  std::stringstream in(test::read_file(path));
  std::string line;
  std::getline(in, line);
  const std::vector<std::string> header = split_commas(line);
  std::vector<RawRow> rows;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::vector<std::string> cells = split_commas(line);
    RawRow row;
    for (std::size_t i = 0; i < header.size() && i < cells.size(); ++i) {
      row.cells[header[i]] = cells[i];
    }
    row.date = row.cells["Date"];
    row.obs_time = std::atoi(row.cells["ObsTime"].c_str());
    rows.push_back(std::move(row));
  }
  return rows;
}

// A plain decimal that is not one of CWA's negative sentinel codes; markers such as "X",
// "...", "/", "T" fail the digit check.
std::optional<double> raw_value(const std::string& cell) {
  if (cell.empty()) return std::nullopt;
  for (char c : cell) {
    if (!((c >= '0' && c <= '9') || c == '.' || c == '-')) return std::nullopt;
  }
  char* end = nullptr;
  const double v = std::strtod(cell.c_str(), &end);
  if (end != cell.c_str() + cell.size() || v <= -99.0) return std::nullopt;
  return v;
}

// ---- The real file ---------------------------------------------------------------------------

TEST(cwa_reader_test, reads_every_hour_of_the_tainan_2021_file) {
  AIFSIM_REQUIRE_SHARED_DATA(kTainan2021);
  const WeatherSeries s = read_cwa_csv(kTainan2021);
  EXPECT_EQ(s.size(), 8760u);
  EXPECT_EQ(s.year(), 2021);
  EXPECT_TRUE(s.covers_whole_year());
  EXPECT_EQ(s.utc_offset_s(), 8 * 3600);
  EXPECT_EQ(s.source(), "CWA station 467410 (cwa_467410_tainan_hourly_2021.csv)");
  // Hour-ending 01 of Jan 1 is the first reading, hour-ending 24 of Dec 31 the last.
  EXPECT_EQ(s.first_unix_s(), at_time("2021-01-01T01:00:00+08:00"));
  EXPECT_EQ(s.last_unix_s(), at_time("2022-01-01T00:00:00+08:00"));
}

TEST(cwa_reader_test, flagged_hours_match_an_independent_scan_of_the_cells) {
  AIFSIM_REQUIRE_SHARED_DATA(kTainan2021);
  const std::vector<RawRow> rows = raw_rows(kTainan2021);
  ASSERT_EQ(rows.size(), 8760u);
  std::size_t flagged = 0;
  for (const RawRow& r : rows) {
    const auto temp = raw_value(r.cells.at("Temperature"));
    const auto rh = raw_value(r.cells.at("RH"));
    const auto td = raw_value(r.cells.at("Td dew point"));
    const auto pres = raw_value(r.cells.at("StnPres"));
    const bool rh_ok = rh && *rh > 0.0 && *rh <= 100.0;
    if (!temp || (!rh_ok && !td) || !pres) ++flagged;
  }
  EXPECT_EQ(read_cwa_csv(kTainan2021).flagged_hours(), flagged);
}

TEST(cwa_reader_test, july_mean_dry_bulb_matches_the_raw_cells) {
  AIFSIM_REQUIRE_SHARED_DATA(kTainan2021);
  const WeatherSeries s = read_cwa_csv(kTainan2021);
  double raw_sum = 0.0, at_sum = 0.0;
  int raw_n = 0;
  for (const RawRow& r : raw_rows(kTainan2021)) {
    if (r.date.rfind("2021-07-", 0) != 0) continue;
    const auto temp = raw_value(r.cells.at("Temperature"));
    if (!temp) continue;
    raw_sum += *temp;
    ++raw_n;
    const std::int64_t t = at_time(r.date + "T00:00:00+08:00") + r.obs_time * 3600;
    at_sum += s.at(t).dry_bulb_c;
  }
  ASSERT_GT(raw_n, 700);
  const double raw_mean = raw_sum / raw_n;
  // The series' own readings in local-calendar July (hour-ending 01 of Jul 1 to hour-ending
  // 23 of Jul 31, a one-hour shift from the Date column) agree within the brief's 1 K.
  double series_sum = 0.0;
  int series_n = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (local_time(s.times_unix_s()[i], s.utc_offset_s()).month != 7) continue;
    series_sum += s.samples()[i].dry_bulb_c;
    ++series_n;
  }
  EXPECT_EQ(series_n, 744);
  EXPECT_NEAR(series_sum / series_n, raw_mean, 1.0);
  // Sampled at the rows' own hour-ending instants, every valid July cell is returned as is.
  EXPECT_NEAR(at_sum / raw_n, raw_mean, 1e-9);
}

TEST(cwa_reader_test, wet_bulb_is_below_dry_bulb_in_every_hour) {
  AIFSIM_REQUIRE_SHARED_DATA(kTainan2021);
  const WeatherSeries s = read_cwa_csv(kTainan2021);
  for (std::size_t i = 0; i < s.size(); ++i) {
    const WeatherSample& w = s.samples()[i];
    EXPECT_LE(w.wet_bulb_c, w.dry_bulb_c) << i;
    EXPECT_LE(w.dew_point_c, w.wet_bulb_c) << i;
    if (w.relative_humidity < 1.0) {
      EXPECT_LT(w.wet_bulb_c, w.dry_bulb_c) << i;
    }
    EXPECT_GT(w.relative_humidity, 0.0) << i;
    EXPECT_GT(w.pressure_kpa, 95.0) << i;
  }
}

TEST(cwa_reader_test, sample_at_the_hour_matches_the_file_row) {
  AIFSIM_REQUIRE_SHARED_DATA(kTainan2021);
  const WeatherSeries s = read_cwa_csv(kTainan2021);
  std::optional<RawRow> row;
  for (const RawRow& r : raw_rows(kTainan2021)) {
    if (r.date == "2021-07-15" && r.obs_time == 14) row = r;
  }
  ASSERT_TRUE(row.has_value());
  const double t_c = *raw_value(row->cells.at("Temperature"));
  const double rh = *raw_value(row->cells.at("RH")) / 100.0;
  const double p_kpa = *raw_value(row->cells.at("StnPres")) / 10.0;
  const WeatherSample w = s.at(at_time("2021-07-15T14:00:00+08:00"));
  EXPECT_NEAR(w.dry_bulb_c, t_c, 1e-9);
  EXPECT_NEAR(w.relative_humidity, rh, 1e-9);
  EXPECT_NEAR(w.pressure_kpa, p_kpa, 1e-9);
  EXPECT_NEAR(w.wet_bulb_c, wet_bulb_c(t_c, rh, p_kpa), 1e-9);
  // The file's Td is CWA's own rounding of the same air; RH is whole percent.
  EXPECT_NEAR(w.dew_point_c, *raw_value(row->cells.at("Td dew point")), 0.2);
}

TEST(cwa_reader_test, a_2026_time_reads_the_2021_hour) {
  AIFSIM_REQUIRE_SHARED_DATA(kTainan2021);
  const WeatherSeries s = read_cwa_csv(kTainan2021);
  const WeatherSample a = s.at(at_time("2021-07-15T14:00:00+08:00"));
  const WeatherSample b = s.at(at_time("2026-07-15T14:00:00+08:00"));
  EXPECT_DOUBLE_EQ(b.dry_bulb_c, a.dry_bulb_c);
  EXPECT_DOUBLE_EQ(b.wet_bulb_c, a.wet_bulb_c);
  EXPECT_DOUBLE_EQ(b.pressure_kpa, a.pressure_kpa);
  // Jul 15 of 2021 had a thunderstorm at 14:00; Jul 16 must be a different reading.
  EXPECT_NE(s.at(at_time("2026-07-16T14:00:00+08:00")).dry_bulb_c, a.dry_bulb_c);
}

TEST(cwa_reader_test, half_hours_interpolate_between_the_readings) {
  AIFSIM_REQUIRE_SHARED_DATA(kTainan2021);
  const WeatherSeries s = read_cwa_csv(kTainan2021);
  const WeatherSample h13 = s.at(at_time("2021-07-15T13:00:00+08:00"));
  const WeatherSample h14 = s.at(at_time("2021-07-15T14:00:00+08:00"));
  const WeatherSample half = s.at(at_time("2021-07-15T13:30:00+08:00"));
  EXPECT_NE(h13.dry_bulb_c, h14.dry_bulb_c);
  EXPECT_NEAR(half.dry_bulb_c, 0.5 * (h13.dry_bulb_c + h14.dry_bulb_c), 1e-12);
  EXPECT_NEAR(half.wet_bulb_c, 0.5 * (h13.wet_bulb_c + h14.wet_bulb_c), 1e-12);
}

// ---- Made-up files ---------------------------------------------------------------------------

struct Cells {
  std::string pres = "1010.0", temp, td = "20.0", rh = "70";
};

// One day of hourly rows in the CWA layout (with unit suffixes in the header, a UTF-8 City
// column, BOM and CRLF), hour h having Temperature 20 + h and StnPres 1010.0; `edit` changes
// cells of chosen hours and `skip` leaves hours out.
std::string cwa_day(const std::map<int, Cells>& edit, const std::vector<int>& skip = {},
                    bool with_pressure = true) {
  std::string text =
      "\xEF\xBB\xBF"
      "Date,City,Station,ObsTime,";
  text += with_pressure ? "StnPres (hPa)," : "";
  text += "Temperature,Td dew point,RH (%)\r\n";
  for (int h = 1; h <= 24; ++h) {
    if (std::find(skip.begin(), skip.end(), h) != skip.end()) continue;
    Cells c;
    c.temp = std::to_string(20 + h) + ".0";
    if (auto it = edit.find(h); it != edit.end()) c = it->second;
    text += "2021-03-02,\xE8\x87\xBA\xE5\x8D\x97\xE5\xB8\x82,467410," + std::to_string(h) + ",";
    text += with_pressure ? c.pres + "," : "";
    text += c.temp + "," + c.td + "," + c.rh + "\r\n";
  }
  return text;
}

TEST(cwa_reader_test, flag_cells_and_missing_hours_are_filled_and_counted) {
  test::ScratchDir dir;
  std::map<int, Cells> edit;
  edit[5] = {"1010.0", "X", "20.0", "70"};      // instrument fault: flagged
  edit[8] = {"1010.0", "28.0", "20.0", "..."};  // RH not observed, Td used: not flagged
  edit[10] = {"1010.0", "30.0", "-9999", "/"};  // no humidity at all: flagged
  edit[12] = {"-9991", "32.0", "20.0", "70"};   // pressure sentinel: flagged
  const auto path = dir.write("cwa.csv", cwa_day(edit, {15}));  // hour 15 absent: flagged
  const WeatherSeries s = read_cwa_csv(path);
  EXPECT_EQ(s.size(), 24u);
  EXPECT_EQ(s.flagged_hours(), 4u);
  EXPECT_EQ(s.source(), "CWA station 467410 (cwa.csv)");
  auto at_hour = [&](int h) { return s.at(at_time("2021-03-02T00:00:00+08:00") + h * 3600); };
  EXPECT_DOUBLE_EQ(at_hour(5).dry_bulb_c, 25.0);   // between 24.0 and 26.0
  EXPECT_DOUBLE_EQ(at_hour(15).dry_bulb_c, 35.0);  // between 34.0 and 36.0
  EXPECT_DOUBLE_EQ(at_hour(15).pressure_kpa, 101.0);
  EXPECT_DOUBLE_EQ(at_hour(12).pressure_kpa, 101.0);
  const WeatherSample h8 = at_hour(8);
  EXPECT_NEAR(h8.dew_point_c, 20.0, 1e-9);
  EXPECT_NEAR(h8.relative_humidity, relative_humidity_from_dew_point(28.0, 20.0), 1e-12);
  // Hour 10's dew point is interpolated between hours 9 and 11 (both from RH 70 %).
  const double dew9 = dew_point_c(29.0, 0.70), dew11 = dew_point_c(31.0, 0.70);
  EXPECT_NEAR(at_hour(10).dew_point_c, 0.5 * (dew9 + dew11), 1e-9);
  EXPECT_LT(at_hour(10).wet_bulb_c, 30.0);
}

TEST(cwa_reader_test, missing_pressure_column_means_standard_pressure) {
  test::ScratchDir dir;
  const WeatherSeries s = read_cwa_csv(dir.write("cwa.csv", cwa_day({}, {}, false)));
  EXPECT_EQ(s.flagged_hours(), 0u);
  for (const WeatherSample& w : s.samples()) EXPECT_DOUBLE_EQ(w.pressure_kpa, 101.325);
  // A column of nothing but markers is treated the same.
  std::map<int, Cells> edit;
  for (int h = 1; h <= 24; ++h) edit[h] = {"...", std::to_string(20 + h) + ".0", "20.0", "70"};
  const WeatherSeries t = read_cwa_csv(dir.write("cwa2.csv", cwa_day(edit)));
  EXPECT_EQ(t.flagged_hours(), 0u);
  EXPECT_DOUBLE_EQ(t.samples()[3].pressure_kpa, 101.325);
}

std::string error_of(const std::filesystem::path& path) {
  try {
    read_cwa_csv(path);
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(cwa_reader_test, errors_name_file_line_and_column) {
  test::ScratchDir dir;
  const auto no_temp = dir.write("a.csv", "Date,ObsTime,RH\n2021-01-01,1,70\n");
  EXPECT_EQ(error_of(no_temp), no_temp.string() + ":1: missing column 'Temperature'");

  const auto no_humidity = dir.write("b.csv", "Date,ObsTime,Temperature\n2021-01-01,1,20\n");
  EXPECT_EQ(error_of(no_humidity),
            no_humidity.string() + ":1: missing column 'RH' (or 'Td dew point')");

  const auto bad_date =
      dir.write("c.csv", "Date,ObsTime,Temperature,RH\n2021-01-01,1,20,70\n2021-13-01,2,20,70\n");
  EXPECT_EQ(error_of(bad_date),
            bad_date.string() + ":3: column Date: not a date YYYY-MM-DD ('2021-13-01')");

  const auto bad_hour =
      dir.write("d.csv", "Date,ObsTime,Temperature,RH\r\n2021-01-01,25,20,70\r\n");
  EXPECT_EQ(error_of(bad_hour),
            bad_hour.string() + ":2: column ObsTime: must be an hour 1-24 (got '25')");

  const auto zero_hour = dir.write("e.csv", "Date,ObsTime,Temperature,RH\n2021-01-01,0,20,70\n");
  EXPECT_EQ(error_of(zero_hour),
            zero_hour.string() + ":2: column ObsTime: must be an hour 1-24 (got '0')");

  const auto dup =
      dir.write("f.csv", "Date,ObsTime,Temperature,RH\n2021-01-01,1,20,70\n\n2021-01-01,1,20,70\n");
  EXPECT_EQ(error_of(dup), dup.string() +
                               ":4: column ObsTime: 2021-01-01 hour 1 is not after the previous "
                               "row (2021-01-01T01:00:00+08:00); rows must be in time order "
                               "without duplicates");

  const auto short_row = dir.write("g.csv", "Date,ObsTime,Temperature,RH\n2021-01-01,1,20\n");
  EXPECT_EQ(error_of(short_row),
            short_row.string() + ":2: expected 4 cells as in the header, got 3");

  std::map<int, Cells> edit;
  for (int h : {2, 4, 6}) edit[h] = {"1010.0", "X", "20.0", "70"};
  const auto too_many = dir.write("h.csv", cwa_day(edit));
  EXPECT_EQ(error_of(too_many), too_many.string() +
                                    ": column Temperature: 3 of 24 hours (12.5%) are missing or "
                                    "flagged; at most 10% may be");

  std::map<int, Cells> dry;
  for (int h = 1; h <= 24; ++h) dry[h] = {"1010.0", "25.0", "/", "/"};
  const auto no_valid = dir.write("i.csv", cwa_day(dry));
  EXPECT_EQ(error_of(no_valid), no_valid.string() +
                                    ": no valid rows (no hour has both a Temperature and an RH "
                                    "or Td dew point reading)");

  const auto gap = dir.write(
      "k.csv", "Date,ObsTime,Temperature,RH\n2021-01-01,1,20,70\n2021-01-03,1,20,70\n");
  EXPECT_EQ(error_of(gap), gap.string() +
                               ":3: column Date: 47 hours missing since the previous row "
                               "(2021-01-01T01:00:00+08:00); at most 10% may be");

  const auto empty = dir.write("j.csv", "Date,ObsTime,Temperature,RH\n");
  EXPECT_EQ(error_of(empty), empty.string() + ": no data rows after the header");

  EXPECT_EQ(error_of(dir.path() / "absent.csv"),
            (dir.path() / "absent.csv").string() + ": cannot read weather file");
}

TEST(cwa_reader_test, two_flagged_hours_in_a_day_are_within_the_limit) {
  test::ScratchDir dir;
  std::map<int, Cells> edit;
  for (int h : {2, 4}) edit[h] = {"1010.0", "X", "20.0", "70"};
  EXPECT_EQ(read_cwa_csv(dir.write("cwa.csv", cwa_day(edit))).flagged_hours(), 2u);
}

}  // namespace
}  // namespace aifsim::weather
