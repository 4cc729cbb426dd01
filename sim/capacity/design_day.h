// SPDX-License-Identifier: Apache-2.0
// Design days: the local dates a capacity search runs each value on, given as a date or
// found in the site's weather as the hottest day (by the daily peak of the temperature its
// heat rejection sees: wet bulb for cooling towers, dry bulb for dry coolers), and the
// time.start / time.duration that put a run on one (the whole day, or a window of it).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sim/scenario/spec.h"
#include "sim/weather/weather_series.h"

namespace aifsim::capacity {

struct DesignDay {
  int year = 0, month = 0, day = 0;
  /// Why this day: "given", or e.g. "hottest day of built-in climate: tainan (peak wet bulb
  /// 27.3 C at 14:00)".
  std::string basis;
  std::optional<double> peak_c;  ///< the peak temperature it was chosen by
  std::string date() const;      ///< "2026-07-29"
};

/// Part of a day: [from_s, to_s) seconds after local midnight; the whole day by default.
struct DayWindow {
  int from_s = 0;
  int to_s = 86400;
  bool whole_day() const { return from_s == 0 && to_s == 86400; }
};

/// "YYYY-MM-DD" as a design day. Throws InputError "--design-day 'TEXT': ...".
DesignDay parse_design_day(std::string_view text);

/// "HH:MM-HH:MM" (24:00 allowed as the end). Throws InputError "--window 'TEXT': ...".
DayWindow parse_window(std::string_view text);

/// The hottest local day of `weather` by the daily peak of wet bulb (cooling towers) or dry
/// bulb (dry coolers); the earliest on a tie. A series covering a whole year is read as the
/// calendar of `year` (as runs map it); otherwise only days it covers from midnight to
/// midnight count. Throws InputError when the series covers no whole day.
DesignDay hottest_day(const weather::WeatherSeries& weather, scenario::HeatRejection rejection, int year);

/// time.start of a run of `window` on `day`, in the site's offset: "2026-07-29T14:00:00+08:00".
std::string window_start(const DesignDay& day, const DayWindow& window, int utc_offset_s);

}  // namespace aifsim::capacity
