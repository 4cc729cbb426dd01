// SPDX-License-Identifier: Apache-2.0
// Reads aifsim's simple weather CSV format, and picks the reader for a weather file.
#include "sim/weather/generic_csv_reader.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/core/error.h"
#include "sim/core/units.h"
#include "sim/weather/cwa_reader.h"
#include "sim/weather/psychrometrics.h"

namespace aifsim::weather {
namespace {

// Sources round dew point and wet bulb independently of the dry bulb; a small excess is
// saturation, a large one a broken column.
constexpr double kSaturationSlackK = 0.5;

enum class Humidity { relative_pct, dew_point, wet_bulb };

struct Row {
  std::size_t line_no;
  std::int64_t unix_s;
  std::optional<double> dry_bulb_c, humidity, pressure_kpa;
};

using detail::fail;

// Shortest round-trip text of a number ("100", "21.3").
std::string number_text(double v) {
  char buf[32];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : std::to_string(v);
}

void check_empty_share(const std::filesystem::path& path, const std::string& column,
                       std::size_t empty, std::size_t rows) {
  detail::check_missing_share(path, column, empty, rows, "rows", "empty");
}

// An empty cell is a missing reading; anything else must be a number in [lo, hi] (lo
// excluded when lo_open).
std::optional<double> value_cell(const std::filesystem::path& path, std::size_t line_no,
                                 const std::string& column, const std::string& cell, double lo,
                                 double hi, bool lo_open) {
  if (cell.empty()) return std::nullopt;
  const std::optional<double> v = detail::parse_number(cell);
  if (!v) fail(path, line_no, "column " + column + ": not a number ('" + cell + "')");
  if ((lo_open ? *v <= lo : *v < lo) || *v > hi) {
    fail(path, line_no,
         "column " + column + ": must be within " + (lo_open ? "(" : "[") + number_text(lo) + ", " +
             number_text(hi) + "] (got " + cell + ")");
  }
  return v;
}

}  // namespace

WeatherSeries read_generic_weather_csv(const std::filesystem::path& path,
                                       int default_utc_offset_s) {
  const std::vector<detail::CsvLine> lines = detail::read_csv_lines(path);
  if (lines.empty()) throw InputError(path.string() + ":1: empty file (expected a header row)");
  const std::size_t header_line_no = lines.front().line_no;
  const std::vector<std::string>& header = lines.front().cells;

  auto required = [&](std::string_view name) {
    const std::optional<std::size_t> col = detail::find_column(header, name);
    if (!col) fail(path, header_line_no, "missing column '" + std::string(name) + "'");
    return *col;
  };
  const std::size_t time_col = required("time");
  const std::size_t temp_col = required("dry_bulb_c");

  struct Candidate {
    const char* name;
    Humidity kind;
  };
  constexpr Candidate kHumidityColumns[] = {{"relative_humidity_pct", Humidity::relative_pct},
                                            {"dew_point_c", Humidity::dew_point},
                                            {"wet_bulb_c", Humidity::wet_bulb}};
  std::optional<std::size_t> hum_col;
  Humidity kind = Humidity::relative_pct;
  std::string hum_name;
  for (const Candidate& c : kHumidityColumns) {
    if (const auto col = detail::find_column(header, c.name)) {
      if (hum_col) {
        fail(path, header_line_no,
             "give one humidity column, not both '" + hum_name + "' and '" + c.name + "'");
      }
      hum_col = col;
      kind = c.kind;
      hum_name = c.name;
    }
  }
  if (!hum_col) {
    fail(path, header_line_no,
         "missing humidity column: one of 'relative_humidity_pct', 'dew_point_c', 'wet_bulb_c'");
  }
  const std::optional<std::size_t> pres_col = detail::find_column(header, "pressure_kpa");

  std::vector<Row> rows;
  rows.reserve(lines.size());
  std::optional<int> series_offset_s;
  std::string prev_time_text;
  for (std::size_t li = 1; li < lines.size(); ++li) {
    const detail::CsvLine& line = lines[li];
    const std::vector<std::string>& cells = line.cells;
    detail::check_cell_count(path, line, header.size());
    const std::string& time_text = cells[time_col];
    const std::optional<StartTime> time = parse_iso8601(time_text);
    if (!time) {
      fail(
          path, line.line_no,
          "column time: not an ISO 8601 time like 2026-07-15T14:00:00+08:00 ('" + time_text + "')");
    }
    if (!series_offset_s) series_offset_s = time->resolve_offset_s(default_utc_offset_s);
    const std::int64_t unix_s = time->resolve_unix_s(default_utc_offset_s);
    if (!rows.empty() && unix_s <= rows.back().unix_s) {
      fail(path, line.line_no,
           "column time: '" + time_text + "' is not after the previous row's '" + prev_time_text +
               "' (times must strictly increase)");
    }
    prev_time_text = time_text;

    Row row{line.line_no, unix_s, {}, {}, {}};
    row.dry_bulb_c =
        value_cell(path, line.line_no, "dry_bulb_c", cells[temp_col], -90.0, 70.0, false);
    if (kind == Humidity::relative_pct) {
      row.humidity = value_cell(path, line.line_no, hum_name, cells[*hum_col], 0.0, 100.0, true);
    } else {
      row.humidity = value_cell(path, line.line_no, hum_name, cells[*hum_col], -90.0, 70.0, false);
    }
    if (kind != Humidity::relative_pct && row.humidity && row.dry_bulb_c &&
        *row.humidity > *row.dry_bulb_c + kSaturationSlackK) {
      fail(path, line.line_no,
           "column " + hum_name + ": " + cells[*hum_col] + " is above dry_bulb_c " +
               cells[temp_col]);
    }
    if (pres_col) {
      row.pressure_kpa =
          value_cell(path, line.line_no, "pressure_kpa", cells[*pres_col], 30.0, 110.0, false);
    }
    rows.push_back(row);
  }
  if (rows.empty()) throw InputError(path.string() + ": no data rows after the header");

  const std::size_t n = rows.size();
  std::size_t empty_temp = 0, empty_hum = 0, empty_pres = 0, valid_rows = 0;
  for (const Row& r : rows) {
    empty_temp += r.dry_bulb_c ? 0 : 1;
    empty_hum += r.humidity ? 0 : 1;
    empty_pres += r.pressure_kpa ? 0 : 1;
    valid_rows += r.dry_bulb_c && r.humidity ? 1 : 0;
  }
  if (valid_rows == 0) {
    throw InputError(path.string() + ": no valid rows (none has both dry_bulb_c and " + hum_name +
                     ")");
  }
  check_empty_share(path, "dry_bulb_c", empty_temp, n);
  check_empty_share(path, hum_name, empty_hum, n);
  const bool use_pressure = empty_pres < n;
  if (use_pressure) check_empty_share(path, "pressure_kpa", empty_pres, n);

  auto [times, temp_c, pressure_kpa] = detail::fill_dry_bulb_and_pressure(rows, use_pressure);

  // Humidity is filled as dew point (see read_cwa_csv); the given column is kept exact where
  // present.
  std::vector<std::optional<double>> dew(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (!rows[i].humidity) continue;
    const double t_c = temp_c[i];
    const double h = *rows[i].humidity;
    switch (kind) {
      case Humidity::relative_pct:
        dew[i] = dew_point_c(t_c, h / 100.0);
        break;
      case Humidity::dew_point:
        dew[i] = std::min(h, t_c);
        break;
      case Humidity::wet_bulb: {
        const double wb_c = std::min(h, t_c);
        if (wb_c == t_c) {
          dew[i] = t_c;
        } else if (humidity_ratio_from_wet_bulb(t_c, wb_c, pressure_kpa[i]) <= 0.0) {
          fail(path, rows[i].line_no,
               "column wet_bulb_c: " + number_text(h) + " is too low for dry_bulb_c " +
                   number_text(t_c) + " (no humidity left)");
        } else {
          dew[i] = dew_point_from_wet_bulb_c(t_c, wb_c, pressure_kpa[i]);
        }
        break;
      }
    }
  }
  const std::vector<double> dew_c = fill_missing(times, dew);

  std::vector<WeatherSample> samples(n);
  std::size_t flagged = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const Row& r = rows[i];
    const double t_c = temp_c[i];
    const double dp_c = std::min(dew_c[i], t_c);
    WeatherSample& s = samples[i];
    s.dry_bulb_c = t_c;
    s.pressure_kpa = pressure_kpa[i];
    s.dew_point_c = dp_c;
    if (r.humidity && kind == Humidity::relative_pct) {
      s.relative_humidity = *r.humidity / 100.0;
      s.wet_bulb_c = wet_bulb_c(t_c, s.relative_humidity, s.pressure_kpa);
    } else if (r.humidity && kind == Humidity::wet_bulb) {
      s.relative_humidity = relative_humidity_from_dew_point(t_c, dp_c);
      s.wet_bulb_c = std::min(*r.humidity, t_c);
    } else {
      s.relative_humidity = relative_humidity_from_dew_point(t_c, dp_c);
      s.wet_bulb_c = wet_bulb_from_dew_point_c(t_c, dp_c, s.pressure_kpa);
    }
    const bool filled = !r.dry_bulb_c || !r.humidity || (use_pressure && !r.pressure_kpa);
    flagged += filled ? 1 : 0;
  }
  return WeatherSeries(std::move(times), std::move(samples), *series_offset_s, flagged,
                       "weather file " + path.filename().string());
}

WeatherSeries read_weather_csv(const std::filesystem::path& path, int default_utc_offset_s) {
  const std::vector<detail::CsvLine> lines = detail::read_csv_lines(path);
  if (!lines.empty()) {
    const std::vector<std::string>& header = lines.front().cells;
    if (detail::find_column(header, "obstime") && detail::find_column(header, "temperature")) {
      return read_cwa_csv(path);
    }
    if (detail::find_column(header, "time") && detail::find_column(header, "dry_bulb_c")) {
      return read_generic_weather_csv(path, default_utc_offset_s);
    }
  }
  fail(path, lines.empty() ? 1 : lines.front().line_no,
       "unknown weather CSV format (expected a CWA station file with Date, ObsTime and "
       "Temperature columns, or aifsim's format with time, dry_bulb_c and a humidity column)");
}

}  // namespace aifsim::weather
