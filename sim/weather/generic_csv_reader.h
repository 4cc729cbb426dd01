// SPDX-License-Identifier: Apache-2.0
// Reader for aifsim's own simple weather CSV format, and detection between it and CWA files.
#pragma once

#include <filesystem>

#include "sim/weather/weather_series.h"

namespace aifsim::weather {

/// Reads aifsim's weather CSV: UTF-8 (optional BOM, LF or CRLF), a header row naming the
/// columns (any order, ASCII case-insensitive, extra columns ignored), one reading per row:
///
///   time                   ISO 8601 instant, e.g. 2026-07-15T14:00:00+08:00; without an
///                          offset it is local time at default_utc_offset_s (s east of UTC;
///                          0 = read as UTC). Required in every row.
///   dry_bulb_c             dry bulb (deg C), required column
///   exactly one of         relative_humidity_pct (%, (0, 100]), dew_point_c (deg C) or
///                          wet_bulb_c (thermodynamic wet bulb, deg C)
///   pressure_kpa           station pressure (kPa), optional; 101.325 when absent or empty
///
/// Times must strictly increase; any spacing is allowed. An empty value cell marks a missing
/// reading, filled as in read_cwa_csv (dry bulb first, humidity as dew point) and counted in
/// flagged_hours(). A dew point or wet bulb up to 0.5 K above the dry bulb (rounding in the
/// source) is taken as saturated. The series' local offset (for year mapping) is the first
/// row's written offset, else default_utc_offset_s.
///
/// Throws InputError "PATH:LINE: column NAME: message" for a bad time, non-increasing times,
/// a value that is not a number or is out of range, a dew point/wet bulb above the dry bulb
/// or a wet bulb too low for it; "PATH:LINE: expected N cells ..." for a short or long row;
/// "PATH:1: missing column 'NAME'" for a missing column; "PATH: column NAME: ..." when more
/// than 10 % of a used column is empty; "PATH: no valid rows ..." when no row is complete.
WeatherSeries read_generic_weather_csv(const std::filesystem::path& path,
                                       int default_utc_offset_s = 0);

/// Reads either format, chosen by the header: a CWA station file (has ObsTime and
/// Temperature; read_cwa_csv, always UTC+8) or aifsim's format (has time and dry_bulb_c;
/// read_generic_weather_csv with default_utc_offset_s). Otherwise throws InputError
/// "PATH:1: unknown weather CSV format (expected ...)".
WeatherSeries read_weather_csv(const std::filesystem::path& path, int default_utc_offset_s = 0);

}  // namespace aifsim::weather
