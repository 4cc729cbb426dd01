// SPDX-License-Identifier: Apache-2.0
// Reads CWA (CODiS) hourly station CSV files into a WeatherSeries.
#include "sim/weather/cwa_reader.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/core/error.h"
#include "sim/core/units.h"
#include "sim/weather/psychrometrics.h"

namespace aifsim::weather {
namespace {

constexpr std::int64_t kHourS = 3600;

// CODiS writes negative codes (-99 ... -9999) for missing, faulty or not-observed readings;
// no weather quantity read here can legitimately reach -99.
constexpr double kSentinelMax = -99.0;

struct Range {
  double lo, hi;
  bool lo_open;
};

// A valid number within range, else nullopt (flagged): marker text, sentinel or implausible.
std::optional<double> reading(const std::string& cell, Range range) {
  const std::optional<double> v = detail::parse_number(cell);
  if (!v || *v <= kSentinelMax) return std::nullopt;
  if ((range.lo_open ? *v <= range.lo : *v < range.lo) || *v > range.hi) return std::nullopt;
  return v;
}

struct Hour {
  std::int64_t unix_s;
  std::optional<double> dry_bulb_c, rh_frac, dew_point_c, pressure_kpa;
};

using detail::fail;

void check_flagged_share(const std::filesystem::path& path, const std::string& column,
                         std::size_t flagged, std::size_t hours) {
  detail::check_missing_share(path, column, flagged, hours, "hours", "missing or flagged");
}

}  // namespace

WeatherSeries read_cwa_csv(const std::filesystem::path& path) {
  const std::vector<detail::CsvLine> lines = detail::read_csv_lines(path);
  if (lines.empty()) throw InputError(path.string() + ":1: empty file (expected a CWA header)");
  const detail::CsvLine& header_line = lines.front();
  const std::vector<std::string>& header = header_line.cells;

  auto required = [&](std::string_view key, const char* name) {
    const std::optional<std::size_t> col = detail::find_column(header, key);
    if (!col) fail(path, header_line.line_no, std::string("missing column '") + name + "'");
    return *col;
  };
  const std::size_t date_col = required("date", "Date");
  const std::size_t obs_col = required("obstime", "ObsTime");
  const std::size_t temp_col = required("temperature", "Temperature");
  const std::optional<std::size_t> rh_col = detail::find_column(header, "rh");
  const std::optional<std::size_t> td_col = detail::find_column(header, "td dew point");
  if (!rh_col && !td_col) {
    fail(path, header_line.line_no, "missing column 'RH' (or 'Td dew point')");
  }
  const std::optional<std::size_t> pres_col = detail::find_column(header, "stnpres");
  const std::optional<std::size_t> station_col = detail::find_column(header, "station");

  std::vector<Hour> hours;
  hours.reserve(lines.size());
  std::string station;
  for (std::size_t li = 1; li < lines.size(); ++li) {
    const detail::CsvLine& line = lines[li];
    const std::vector<std::string>& cells = line.cells;
    detail::check_cell_count(path, line, header.size());
    const std::string& date_text = cells[date_col];
    const std::optional<StartTime> date = parse_iso8601(date_text);
    if (date_text.size() != 10 || !date || date->utc_offset_s) {
      fail(path, line.line_no,
           "column " + header[date_col] + ": not a date YYYY-MM-DD ('" + date_text + "')");
    }
    const std::optional<double> obs = detail::parse_number(cells[obs_col]);
    if (!obs || *obs < 1.0 || *obs > 24.0 || *obs != std::floor(*obs)) {
      fail(path, line.line_no,
           "column " + header[obs_col] + ": must be an hour 1-24 (got '" + cells[obs_col] + "')");
    }
    // date->unix_s is local midnight read as UTC; the hour-ending reading sits at its end.
    const std::int64_t unix_s =
        date->unix_s + static_cast<std::int64_t>(*obs) * kHourS - kCwaUtcOffsetS;
    if (!hours.empty()) {
      const std::int64_t prev_s = hours.back().unix_s;
      if (unix_s <= prev_s) {
        fail(path, line.line_no,
             "column " + header[obs_col] + ": " + date_text + " hour " + cells[obs_col] +
                 " is not after the previous row (" + format_iso8601(prev_s, kCwaUtcOffsetS) +
                 "); rows must be in time order without duplicates");
      }
      // Hours absent from the file are missing readings like flagged ones. A gap longer than
      // the whole file could never pass the 10 % rule; stop before allocating it.
      const std::int64_t gap_hours = (unix_s - prev_s) / kHourS - 1;
      if (gap_hours > static_cast<std::int64_t>(lines.size())) {
        fail(path, line.line_no,
             "column " + header[date_col] + ": " + std::to_string(gap_hours) +
                 " hours missing since the previous row (" +
                 format_iso8601(prev_s, kCwaUtcOffsetS) + "); at most 10% may be");
      }
      for (std::int64_t t = prev_s + kHourS; t < unix_s; t += kHourS) {
        hours.push_back(Hour{t, {}, {}, {}, {}});
      }
    }
    if (station.empty() && station_col) station = cells[*station_col];

    Hour h{unix_s, reading(cells[temp_col], {-50.0, 60.0, false}), {}, {}, {}};
    if (rh_col) {
      if (auto rh = reading(cells[*rh_col], {0.0, 100.0, true})) h.rh_frac = *rh / 100.0;
    }
    if (td_col) h.dew_point_c = reading(cells[*td_col], {-60.0, 50.0, false});
    if (pres_col) {
      if (auto p = reading(cells[*pres_col], {500.0, 1100.0, false})) h.pressure_kpa = *p / 10.0;
    }
    hours.push_back(h);
  }
  if (hours.empty()) throw InputError(path.string() + ": no data rows after the header");

  const std::size_t n = hours.size();
  std::size_t bad_temp = 0, bad_humidity = 0, bad_pressure = 0, valid_rows = 0;
  for (const Hour& h : hours) {
    const bool humid = h.rh_frac || h.dew_point_c;
    bad_temp += h.dry_bulb_c ? 0 : 1;
    bad_humidity += humid ? 0 : 1;
    bad_pressure += h.pressure_kpa ? 0 : 1;
    valid_rows += h.dry_bulb_c && humid ? 1 : 0;
  }
  if (valid_rows == 0) {
    throw InputError(path.string() +
                     ": no valid rows (no hour has both a Temperature and an "
                     "RH or Td dew point reading)");
  }
  const std::string temp_name = header[temp_col];
  const std::string humidity_name = rh_col ? header[*rh_col] : header[*td_col];
  check_flagged_share(path, temp_name, bad_temp, n);
  check_flagged_share(path, humidity_name, bad_humidity, n);
  // A station without a barometer (or a file without the column) gets standard pressure;
  // the wet bulb moves by only ~0.1 K per 2 kPa, less than other uncertainties here.
  const bool use_pressure = bad_pressure < n;
  if (use_pressure) check_flagged_share(path, header[*pres_col], bad_pressure, n);

  auto [times, temp_c, pressure_kpa] = detail::fill_dry_bulb_and_pressure(hours, use_pressure);
  // Humidity is filled as dew point, which varies little over a day, rather than RH, which
  // swings inversely with the dry bulb.
  std::vector<std::optional<double>> dew(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (hours[i].rh_frac) {
      dew[i] = dew_point_c(temp_c[i], *hours[i].rh_frac);
    } else if (hours[i].dew_point_c) {
      dew[i] = std::min(*hours[i].dew_point_c, temp_c[i]);
    }
  }
  const std::vector<double> dew_c = fill_missing(times, dew);

  std::vector<WeatherSample> samples(n);
  std::size_t flagged = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const Hour& h = hours[i];
    const double t_c = temp_c[i];
    const double dp_c = std::min(dew_c[i], t_c);
    WeatherSample& s = samples[i];
    s.dry_bulb_c = t_c;
    s.pressure_kpa = pressure_kpa[i];
    if (h.rh_frac) {
      s.relative_humidity = *h.rh_frac;
      s.dew_point_c = dp_c;
      s.wet_bulb_c = wet_bulb_c(t_c, *h.rh_frac, s.pressure_kpa);
    } else {
      s.relative_humidity = relative_humidity_from_dew_point(t_c, dp_c);
      s.dew_point_c = dp_c;
      s.wet_bulb_c = wet_bulb_from_dew_point_c(t_c, dp_c, s.pressure_kpa);
    }
    const bool filled =
        !h.dry_bulb_c || !(h.rh_frac || h.dew_point_c) || (use_pressure && !h.pressure_kpa);
    flagged += filled ? 1 : 0;
  }

  const std::string file = path.filename().string();
  std::string source = station.empty() ? "CWA station file (" + file + ")"
                                       : "CWA station " + station + " (" + file + ")";
  return WeatherSeries(std::move(times), std::move(samples), kCwaUtcOffsetS, flagged,
                       std::move(source));
}

}  // namespace aifsim::weather
