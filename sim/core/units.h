// SPDX-License-Identifier: Apache-2.0
// Parsing and formatting of durations and calendar times given on the command line or in
// scenarios (`--duration 24h`, `--start 2026-07-15T00:00:00+08:00`), plus the civil-date
// arithmetic the weather and tariff models need. No date library: Hinnant's algorithms.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace aifsim {

// ---- Durations ---------------------------------------------------------------------------

/// Parses a duration and returns it in seconds.
///
/// Accepts a plain non-negative number of seconds ("3600", "0.1", "1e3") or a number
/// followed by a unit, optionally separated by whitespace: ms, s, m or min (minutes),
/// h, d ("100ms", "90 m", "1.5h", "7d"). Units are lower case. Leading and trailing
/// whitespace is ignored. Returns std::nullopt for an empty string, a negative or
/// non-finite value (also after scaling), a leading '+', an unknown unit or trailing text.
std::optional<double> parse_duration_s(std::string_view text);

/// Human-readable duration for messages, e.g. "100 ms", "1.5 s", "90 s", "2m 30s",
/// "1h 30m", "1d 2h", "7d". Below 120 s it shows seconds (or ms below 1 s) to 3
/// significant digits; above, whole seconds as the largest non-zero unit of d/h/m/s and
/// the next smaller one when that is non-zero, truncating the rest ("1d 0h 30m" -> "1d").
/// Negative values get a leading '-'.
std::string format_duration(double s);

// ---- Calendar time -----------------------------------------------------------------------

/// A start time parsed from ISO 8601.
struct StartTime {
  /// With an offset: seconds since 1970-01-01T00:00:00Z of the instant.
  /// Without: the wall-clock time read as if it were UTC ("local seconds"); subtract the
  /// site's UTC offset to get the instant (see resolve_unix_s).
  std::int64_t unix_s;
  /// The offset east of UTC (s) written in the text ("Z" = 0, "+08:00" = 28800), or
  /// std::nullopt when the text had none and the scenario's site time zone applies.
  std::optional<int> utc_offset_s;

  /// The instant (Unix s), using site_utc_offset_s only when the text had no offset.
  std::int64_t resolve_unix_s(int site_utc_offset_s) const {
    return utc_offset_s ? unix_s : unix_s - site_utc_offset_s;
  }
  /// The offset to show local times in: the written one, else the site's.
  int resolve_offset_s(int site_utc_offset_s) const {
    return utc_offset_s ? *utc_offset_s : site_utc_offset_s;
  }
};

/// Parses an ISO 8601 / RFC 3339 date-time:
///   YYYY-MM-DD
///   YYYY-MM-DD{T| }hh:mm[:ss][Z|±hh:mm|±hhmm|±hh]
/// e.g. "2026-07-15T00:00:00+08:00", "2026-07-15T00:00:00Z", "2026-07-15 00:00:00",
/// "2026-07-15T00:00", "2026-07-15". 't' and 'z' are accepted in lower case too.
/// Validates ranges: year 0000-9999, month 1-12, day within the month (leap years per the
/// Gregorian rule), hour 0-23, minute and second 0-59 (no leap second 60), offset up to
/// ±18:00. Fractional seconds and surrounding whitespace are rejected.
std::optional<StartTime> parse_iso8601(std::string_view text);

/// Formats an instant as "YYYY-MM-DDThh:mm:ss+hh:mm" in the given offset (s east of UTC),
/// using "Z" for offset 0. Parses back with parse_iso8601.
std::string format_iso8601(std::int64_t unix_s, int utc_offset_s);

/// Broken-down local time.
struct LocalTime {
  int year, month, day;           ///< month 1-12, day 1-31
  int hour, minute, second;       ///< 0-23, 0-59, 0-59
  int day_of_week;                ///< 0 = Sunday ... 6 = Saturday
  int day_of_year;                ///< 1 = January 1st ... 365 or 366
  double hour_of_day;             ///< hours since local midnight, [0, 24)
};

/// The local calendar time of Unix instant unix_s in a zone utc_offset_s east of UTC.
/// Valid for any instant whose year fits in int.
LocalTime local_time(std::int64_t unix_s, int utc_offset_s);

/// A proleptic Gregorian calendar date.
struct CivilDate {
  std::int64_t year;
  int month;  ///< 1-12
  int day;    ///< 1-31
};

/// True for Gregorian leap years (divisible by 4, except centuries not divisible by 400).
constexpr bool is_leap_year(std::int64_t y) {
  return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

/// Days in month m (1-12) of year y; 0 for an invalid month.
constexpr int days_in_month(std::int64_t y, int m) {
  constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) return 0;
  return m == 2 && is_leap_year(y) ? 29 : kDays[m - 1];
}

/// Days since 1970-01-01 of a civil date (Hinnant, "chrono-Compatible Low-Level Date
/// Algorithms", days_from_civil). Negative before 1970. month 1-12, day 1-31 (unchecked).
constexpr std::int64_t days_from_civil(std::int64_t y, int m, int d) {
  y -= m <= 2 ? 1 : 0;  // count years from March so the leap day is the last of the year
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;                                  // [0, 399]
  const std::int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;  // [0, 365]
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;           // [0, 146096]
  return era * 146097 + doe - 719468;
}

/// Civil date of a day count since 1970-01-01 (Hinnant's civil_from_days).
constexpr CivilDate civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;                                      // [0, 146096]
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);               // [0, 365]
  const std::int64_t mp = (5 * doy + 2) / 153;                                    // [0, 11]
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);                   // [1, 31]
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);                      // [1, 12]
  return CivilDate{yoe + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

/// Day of week of a day count since 1970-01-01: 0 = Sunday (1970-01-01 was a Thursday).
constexpr int weekday_from_days(std::int64_t z) {
  return static_cast<int>(z >= -4 ? (z + 4) % 7 : (z + 5) % 7 + 6);
}

}  // namespace aifsim
