// SPDX-License-Identifier: Apache-2.0
// An outdoor-air time series (dry bulb, humidity, pressure) that the cooling plant samples at
// any simulated instant, plus the gap filling and CSV plumbing the weather readers share.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/weather/psychrometrics.h"

namespace aifsim::weather {

/// Outdoor air at one instant.
struct WeatherSample {
  double dry_bulb_c;         ///< dry-bulb temperature (deg C)
  double wet_bulb_c;         ///< thermodynamic wet bulb (deg C), <= dry_bulb_c
  double relative_humidity;  ///< fraction (0, 1]
  double dew_point_c;        ///< dew point (deg C), <= dry_bulb_c
  double pressure_kpa;       ///< station (not sea-level) pressure (kPa)
};

/// Point weather readings at strictly increasing instants, sampled with linear interpolation.
///
/// Time span and year mapping: requests within one hour of the ends (kClampS) are clamped to
/// the end readings, so an hour-ending file starting at 01:00 still serves 00:00. A request
/// further outside the span throws std::out_of_range, unless the series covers a whole local
/// calendar year Y (its first point is at or before Jan 1 00:00 + 1 h of Y and its last at or
/// after Jan 1 00:00 - 1 h of Y+1, i.e. at least ~8,759 h): then the request is mapped to the
/// same local month, day, hour, minute and second in year Y (Feb 29 -> Feb 28 when Y is not
/// a leap year), so a 2026 run can use a 2021 weather file. When several whole years are
/// covered, Y is the first. Local time uses utc_offset_s (fixed, no daylight saving).
class WeatherSeries {
 public:
  /// How far past either end a request is clamped instead of mapped or rejected (s).
  static constexpr std::int64_t kClampS = 3600;

  /// unix_s: instants of the readings (s since 1970-01-01T00:00:00Z), strictly increasing,
  /// same length as samples and not empty (std::invalid_argument otherwise).
  /// utc_offset_s: the site's offset east of UTC (s), for the year mapping.
  /// flagged_hours: readings that were missing or flagged in the source and filled in.
  /// source: a short description for messages and run metadata.
  WeatherSeries(std::vector<std::int64_t> unix_s, std::vector<WeatherSample> samples,
                int utc_offset_s, std::size_t flagged_hours, std::string source);

  /// Weather at instant unix_s: every field (wet bulb included, not recomputed) linearly
  /// interpolated between the neighbouring readings; see the class comment for ends and
  /// year mapping. Throws std::out_of_range when the instant cannot be served.
  WeatherSample at(std::int64_t unix_s) const;

  /// Number of readings.
  std::size_t size() const { return unix_s_.size(); }
  /// Instants of the readings (s since the Unix epoch).
  const std::vector<std::int64_t>& times_unix_s() const { return unix_s_; }
  /// The readings, parallel to times_unix_s().
  const std::vector<WeatherSample>& samples() const { return samples_; }
  std::int64_t first_unix_s() const { return unix_s_.front(); }
  std::int64_t last_unix_s() const { return unix_s_.back(); }
  /// Offset east of UTC (s) of the local time used for the year mapping.
  int utc_offset_s() const { return utc_offset_s_; }

  /// Readings that were missing or flagged in the source and filled from their neighbours.
  std::size_t flagged_hours() const { return flagged_hours_; }
  /// Where the series came from, e.g. "CWA station 467410 (x.csv)", "built-in climate: tainan".
  std::string source() const { return source_; }
  /// The whole local calendar year requests are mapped into, else the local year of the
  /// first reading.
  int year() const { return year_; }
  /// True when the series covers a whole local calendar year (see the class comment).
  bool covers_whole_year() const { return whole_year_; }

 private:
  WeatherSample interpolate(std::int64_t unix_s) const;

  std::vector<std::int64_t> unix_s_;
  std::vector<WeatherSample> samples_;
  int utc_offset_s_;
  std::size_t flagged_hours_;
  std::string source_;
  int year_;
  bool whole_year_;
};

/// Fills each missing value by linear interpolation in time between the nearest present
/// values before and after it, copying the nearest present value at either end. unix_s and
/// values are parallel. Throws std::invalid_argument if the sizes differ or nothing is present.
std::vector<double> fill_missing(const std::vector<std::int64_t>& unix_s,
                                 const std::vector<std::optional<double>>& values);

/// Largest share of a used column that may be missing or flagged before a file is rejected.
inline constexpr double kMaxFlaggedFraction = 0.10;

namespace detail {

/// One non-blank line of a CSV file, split into cells with surrounding blanks trimmed.
struct CsvLine {
  std::size_t line_no;  ///< 1-based line number in the file
  std::vector<std::string> cells;
};

/// Reads a UTF-8 CSV file (optional BOM, LF or CRLF line ends, RFC 4180 double quotes within
/// a line) into its non-blank lines. Throws InputError "PATH: cannot read weather file" or
/// "PATH:LINE: unterminated quoted cell".
std::vector<CsvLine> read_csv_lines(const std::filesystem::path& path);

/// The whole cell as a finite decimal number, else std::nullopt.
std::optional<double> parse_number(std::string_view cell);

/// A header cell reduced for matching: trimmed, ASCII lower case, and any trailing
/// parenthesised unit dropped ("StnPres (hPa)" -> "stnpres", "RH (%)" -> "rh").
std::string header_key(std::string_view cell);

/// Index of the first header cell whose header_key equals key, if any.
std::optional<std::size_t> find_column(const std::vector<std::string>& header,
                                       std::string_view key);

/// Throws InputError "PATH:LINE: message".
[[noreturn]] void fail(const std::filesystem::path& path, std::size_t line_no,
                       const std::string& message);

/// Throws InputError "PATH:LINE: expected N cells as in the header, got M" unless line has
/// header_cells cells.
void check_cell_count(const std::filesystem::path& path, const CsvLine& line,
                      std::size_t header_cells);

/// Throws InputError "PATH: column COLUMN: MISSING of TOTAL UNIT (PERCENT) are STATE; at most
/// 10% may be" when more than kMaxFlaggedFraction of a column's total readings are missing.
/// unit names the readings ("hours", "rows"), state how they are missing ("empty").
void check_missing_share(const std::filesystem::path& path, const std::string& column,
                         std::size_t missing, std::size_t total, std::string_view unit,
                         std::string_view state);

/// The instants of a reader's rows, with their dry bulb and station pressure gaps filled by
/// fill_missing.
struct FilledReadings {
  std::vector<std::int64_t> unix_s;
  std::vector<double> dry_bulb_c;
  std::vector<double> pressure_kpa;  ///< kStandardPressureKpa throughout unless use_pressure
};

/// Row: a reader's parsed row with unix_s and the std::optional<double> dry_bulb_c and
/// pressure_kpa; at least one dry bulb (and, when use_pressure, one pressure) is present.
template <typename Row>
FilledReadings fill_dry_bulb_and_pressure(const std::vector<Row>& rows, bool use_pressure) {
  const std::size_t n = rows.size();
  std::vector<std::int64_t> times(n);
  std::vector<std::optional<double>> temp(n), pressure(n);
  for (std::size_t i = 0; i < n; ++i) {
    times[i] = rows[i].unix_s;
    temp[i] = rows[i].dry_bulb_c;
    pressure[i] = rows[i].pressure_kpa;
  }
  std::vector<double> temp_c = fill_missing(times, temp);
  std::vector<double> pressure_kpa =
      use_pressure ? fill_missing(times, pressure) : std::vector<double>(n, kStandardPressureKpa);
  return FilledReadings{std::move(times), std::move(temp_c), std::move(pressure_kpa)};
}

}  // namespace detail
}  // namespace aifsim::weather
