// SPDX-License-Identifier: Apache-2.0
// Duration and ISO 8601 parsing/formatting for flags and scenarios; see units.h.
#include "sim/core/units.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <system_error>

namespace aifsim {

namespace {

constexpr std::int64_t kSecondsPerDay = 86'400;

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly n decimal digits at s[pos], advancing pos. Fixed widths, as ISO 8601 asks.
bool read_digits(std::string_view s, std::size_t& pos, int n, int& out) {
  if (pos + static_cast<std::size_t>(n) > s.size()) return false;
  int v = 0;
  for (int i = 0; i < n; ++i) {
    const char c = s[pos + static_cast<std::size_t>(i)];
    if (!is_digit(c)) return false;
    v = v * 10 + (c - '0');
  }
  pos += static_cast<std::size_t>(n);
  out = v;
  return true;
}

bool read_char(std::string_view s, std::size_t& pos, char c) {
  if (pos >= s.size() || s[pos] != c) return false;
  ++pos;
  return true;
}

// Parses the zone designator at s[pos..]: Z, ±hh:mm, ±hhmm or ±hh. Must consume the rest.
std::optional<int> parse_offset_s(std::string_view s, std::size_t pos) {
  if (pos >= s.size()) return std::nullopt;
  if (s[pos] == 'Z' || s[pos] == 'z') {
    return pos + 1 == s.size() ? std::optional<int>(0) : std::nullopt;
  }
  if (s[pos] != '+' && s[pos] != '-') return std::nullopt;
  const int sign = s[pos] == '-' ? -1 : 1;
  ++pos;
  int hh = 0;
  int mm = 0;
  if (!read_digits(s, pos, 2, hh)) return std::nullopt;
  if (pos < s.size()) {
    read_char(s, pos, ':');  // optional separator (basic format "+0800")
    if (!read_digits(s, pos, 2, mm)) return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  if (mm > 59 || hh * 60 + mm > 18 * 60) return std::nullopt;
  return sign * (hh * 3600 + mm * 60);
}

}  // namespace

// ---- Durations ---------------------------------------------------------------------------

std::optional<double> parse_duration_s(std::string_view text) {
  text = trim(text);
  // from_chars would take "-5" and "inf"; requiring a digit or '.' first rejects signs,
  // "inf" and "nan" in one place.
  if (text.empty() || !(is_digit(text.front()) || text.front() == '.')) return std::nullopt;
  double value = 0.0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{}) return std::nullopt;  // no number, or out of double's range
  const std::string_view unit =
      trim(text.substr(static_cast<std::size_t>(end - text.data())));

  double scale_s = 0.0;
  if (unit.empty() || unit == "s") {
    scale_s = 1.0;
  } else if (unit == "ms") {
    scale_s = 1.0e-3;
  } else if (unit == "m" || unit == "min") {
    scale_s = 60.0;
  } else if (unit == "h") {
    scale_s = 3600.0;
  } else if (unit == "d") {
    scale_s = 86400.0;
  } else {
    return std::nullopt;
  }
  const double s = value * scale_s;
  if (!std::isfinite(s) || s < 0.0) return std::nullopt;
  return s;
}

std::string format_duration(double s) {
  if (std::isnan(s)) return "nan s";
  if (s < 0.0) {
    // Appending rather than "-" + str: GCC 12 -O3 raises a false -Wrestrict on the latter.
    std::string out = "-";
    out += format_duration(-s);
    return out;
  }
  if (std::isinf(s)) return "inf s";

  char buf[64];
  if (s < 1.0 && s > 0.0) {
    std::snprintf(buf, sizeof buf, "%.3g ms", s * 1.0e3);
    return buf;
  }
  if (s < 120.0) {
    std::snprintf(buf, sizeof buf, "%.3g s", s);
    return buf;
  }
  // Largest two non-zero units; beyond ~2.9e11 years llround would overflow, so clamp.
  const double clamped_s = std::min(s, 9.0e18);
  std::int64_t rest = std::llround(clamped_s);
  struct Unit {
    std::int64_t size_s;
    const char* suffix;
  };
  constexpr Unit kUnits[] = {{kSecondsPerDay, "d"}, {3600, "h"}, {60, "m"}, {1, "s"}};
  std::string out;
  int shown = 0;
  for (const Unit& u : kUnits) {
    const std::int64_t n = rest / u.size_s;
    rest -= n * u.size_s;
    if (shown == 0 && n == 0) continue;
    // The second unit is shown only if non-zero ("7d", not "7d 0h"), and then we stop.
    if (n != 0) {
      if (!out.empty()) out += ' ';
      out += std::to_string(n) + u.suffix;
    }
    if (++shown == 2) break;
  }
  return out;
}

// ---- Calendar time -----------------------------------------------------------------------

std::optional<StartTime> parse_iso8601(std::string_view text) {
  const std::string_view s = text;
  std::size_t pos = 0;
  int year = 0;
  int month = 0;
  int day = 0;
  if (!read_digits(s, pos, 4, year) || !read_char(s, pos, '-') ||
      !read_digits(s, pos, 2, month) || !read_char(s, pos, '-') || !read_digits(s, pos, 2, day)) {
    return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) {
    return std::nullopt;
  }

  int hour = 0;
  int minute = 0;
  int second = 0;
  std::optional<int> offset_s;
  if (pos < s.size()) {
    const char sep = s[pos++];
    if (sep != 'T' && sep != 't' && sep != ' ') return std::nullopt;
    if (!read_digits(s, pos, 2, hour) || !read_char(s, pos, ':') ||
        !read_digits(s, pos, 2, minute)) {
      return std::nullopt;
    }
    if (pos < s.size() && s[pos] == ':') {
      ++pos;
      if (!read_digits(s, pos, 2, second)) return std::nullopt;
    }
    if (hour > 23 || minute > 59 || second > 59) return std::nullopt;
    if (pos < s.size()) {
      offset_s = parse_offset_s(s, pos);
      if (!offset_s) return std::nullopt;
    }
  }

  const std::int64_t local_s =
      days_from_civil(year, month, day) * kSecondsPerDay + hour * 3600 + minute * 60 + second;
  return StartTime{offset_s ? local_s - *offset_s : local_s, offset_s};
}

LocalTime local_time(std::int64_t unix_s, int utc_offset_s) {
  const std::int64_t local_s = unix_s + utc_offset_s;
  // Floor division, so instants before 1970 land on the right day.
  std::int64_t days = local_s / kSecondsPerDay;
  std::int64_t sod = local_s % kSecondsPerDay;
  if (sod < 0) {
    sod += kSecondsPerDay;
    --days;
  }
  const CivilDate date = civil_from_days(days);
  LocalTime lt{};
  lt.year = static_cast<int>(date.year);
  lt.month = date.month;
  lt.day = date.day;
  lt.hour = static_cast<int>(sod / 3600);
  lt.minute = static_cast<int>(sod % 3600 / 60);
  lt.second = static_cast<int>(sod % 60);
  lt.day_of_week = weekday_from_days(days);
  lt.day_of_year = static_cast<int>(days - days_from_civil(date.year, 1, 1)) + 1;
  lt.hour_of_day = static_cast<double>(sod) / 3600.0;
  return lt;
}

std::string format_iso8601(std::int64_t unix_s, int utc_offset_s) {
  const LocalTime lt = local_time(unix_s, utc_offset_s);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", lt.year, lt.month, lt.day,
                lt.hour, lt.minute, lt.second);
  std::string out = buf;
  if (utc_offset_s == 0) return out + "Z";
  const int abs_s = utc_offset_s < 0 ? -utc_offset_s : utc_offset_s;
  // Offsets are whole minutes in practice; seconds, if any, are dropped from the text.
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", utc_offset_s < 0 ? '-' : '+', abs_s / 3600,
                abs_s / 60 % 60);
  return out + buf;
}

}  // namespace aifsim
