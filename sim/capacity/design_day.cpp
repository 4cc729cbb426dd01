// SPDX-License-Identifier: Apache-2.0
// Finding and formatting design days.
#include "sim/capacity/design_day.h"

#include <cstdio>
#include <map>
#include <tuple>

#include "sim/core/error.h"
#include "sim/core/units.h"

namespace aifsim::capacity {
namespace {

std::optional<int> two_digits(std::string_view s) {
  if (s.size() != 2 || s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9') return std::nullopt;
  return (s[0] - '0') * 10 + (s[1] - '0');
}

// "HH:MM" to seconds after midnight; 24:00 only when `end`.
std::optional<int> clock_s(std::string_view s, bool end) {
  if (s.size() != 5 || s[2] != ':') return std::nullopt;
  const auto h = two_digits(s.substr(0, 2));
  const auto m = two_digits(s.substr(3, 2));
  if (!h || !m || *m > 59) return std::nullopt;
  if (*h > 24 || (*h == 24 && (!end || *m != 0))) return std::nullopt;
  return *h * 3600 + *m * 60;
}

}  // namespace

std::string DesignDay::date() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

DesignDay parse_design_day(std::string_view text) {
  const std::string where = "--design-day '" + std::string(text) + "': ";
  const auto t = parse_iso8601(text);
  if (!t || text.size() != 10) throw InputError(where + "expected a date YYYY-MM-DD or 'hottest'");
  const auto lt = local_time(t->unix_s, 0);
  DesignDay d;
  d.year = lt.year;
  d.month = lt.month;
  d.day = lt.day;
  d.basis = "given";
  return d;
}

DayWindow parse_window(std::string_view text) {
  const std::string where = "--window '" + std::string(text) + "': ";
  const std::size_t dash = text.find('-');
  if (dash == std::string_view::npos) throw InputError(where + "expected HH:MM-HH:MM, e.g. 12:00-18:00");
  const auto from = clock_s(text.substr(0, dash), false);
  const auto to = clock_s(text.substr(dash + 1), true);
  if (!from || !to) throw InputError(where + "expected HH:MM-HH:MM with hours 00-24, e.g. 12:00-18:00");
  if (*to <= *from) throw InputError(where + "the window must end after it starts (it stays within one day)");
  return DayWindow{*from, *to};
}

DesignDay hottest_day(const weather::WeatherSeries& weather, scenario::HeatRejection rejection, int year) {
  const bool wet = rejection == scenario::HeatRejection::cooling_tower;
  const int offset = weather.utc_offset_s();
  const bool whole_year = weather.covers_whole_year();
  // Days a run can start at midnight and end at the next one (within the series' clamp).
  const std::int64_t first_ok = weather.first_unix_s() - weather::WeatherSeries::kClampS;
  const std::int64_t last_ok = weather.last_unix_s() + weather::WeatherSeries::kClampS;

  struct Peak {
    double c;
    int hour;
  };
  std::map<std::tuple<int, int, int>, Peak> peaks;
  const auto& times = weather.times_unix_s();
  const auto& samples = weather.samples();
  for (std::size_t i = 0; i < times.size(); ++i) {
    const LocalTime lt = local_time(times[i], offset);
    if (whole_year && lt.year != weather.year()) continue;
    if (!whole_year) {
      const std::int64_t midnight = times[i] - (lt.hour * 3600 + lt.minute * 60 + lt.second);
      if (midnight < first_ok || midnight + 86400 > last_ok) continue;
    }
    const double c = wet ? samples[i].wet_bulb_c : samples[i].dry_bulb_c;
    const auto key = std::make_tuple(lt.year, lt.month, lt.day);
    auto it = peaks.find(key);
    if (it == peaks.end() || c > it->second.c) peaks[key] = Peak{c, lt.hour};
  }
  if (peaks.empty())
    throw InputError(weather.source() + ": the weather covers no whole day to take the hottest of; give --design-day YYYY-MM-DD");
  auto best = peaks.begin();
  for (auto it = peaks.begin(); it != peaks.end(); ++it)
    if (it->second.c > best->second.c) best = it;  // strict: the earliest day wins a tie

  DesignDay d;
  std::tie(d.year, d.month, d.day) = best->first;
  if (whole_year) {
    // Runs read a whole-year series in their own calendar year (weather_series.h).
    d.year = year;
    if (d.month == 2 && d.day == 29 && !is_leap_year(year)) d.day = 28;
  }
  d.peak_c = best->second.c;
  char buf[160];
  std::snprintf(buf, sizeof buf, "hottest day of %s (peak %s %.1f C at %02d:00)", weather.source().c_str(),
                wet ? "wet bulb" : "dry bulb", best->second.c, best->second.hour);
  d.basis = buf;
  return d;
}

std::string window_start(const DesignDay& day, const DayWindow& window, int utc_offset_s) {
  const std::int64_t local_midnight = days_from_civil(day.year, day.month, day.day) * 86400;
  return format_iso8601(local_midnight - utc_offset_s + window.from_s, utc_offset_s);
}

}  // namespace aifsim::capacity
