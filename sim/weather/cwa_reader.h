// SPDX-License-Identifier: Apache-2.0
// Reader for Taiwan Central Weather Administration (CWA, CODiS) hourly station CSV files, the
// real outdoor-air record behind the southern-Taiwan sites.
#pragma once

#include <filesystem>

#include "sim/weather/weather_series.h"

namespace aifsim::weather {

/// CWA stations report in Taiwan time, UTC+8 (s).
inline constexpr int kCwaUtcOffsetS = 8 * 3600;

/// Reads a CWA hourly station CSV (the CODiS `HistoryDataQuery` layout of
/// /work/shared/data/cwa_tainan_hourly_2021): UTF-8 with or without BOM, LF or CRLF, one
/// header row, one row per hour.
///
/// Columns are found by header name, ASCII case-insensitively, ignoring a trailing unit in
/// parentheses ("StnPres" or "StnPres (hPa)"): Date (YYYY-MM-DD, local UTC+8), ObsTime (1-24,
/// the hour ending then; 24 is midnight at the end of Date), Temperature (dry bulb, deg C),
/// RH (%) and/or "Td dew point" (deg C), optionally StnPres (station pressure, hPa) and
/// Station. Other columns (City in Chinese, wind, rain ...) are ignored.
///
/// Timing: CWA's hourly temperature and humidity are the readings taken at the top of the
/// hour, so the row for ObsTime h is placed at the END of its hour, Date 00:00 + h hours
/// UTC+8 (ObsTime 14 -> 14:00+08:00, ObsTime 24 -> 00:00 of the next day).
///
/// Values: dry bulb from Temperature; humidity from RH, or from Td dew point where RH is
/// missing/flagged; pressure from StnPres, or 101.325 kPa throughout when that column is absent
/// or has no valid cell. A cell is missing/flagged when it is not a plain number (CWA markers
/// such as `X` instrument fault, `...` not observed, `/` unknown, `T`, `&`, `V`), is a negative
/// sentinel code <= -99 (-99, -999, -9991 ... -9999), or is outside a physical range
/// (Temperature -50..60 C, Td -60..50 C, RH (0, 100] %, StnPres 500..1100 hPa). Hours absent
/// from the file are missing too. Missing values are filled per WeatherSeries' fill_missing
/// (dew point is what is filled for humidity, after the dry bulb) and counted in
/// flagged_hours().
///
/// Throws InputError "PATH:LINE: column NAME: message" for an unparseable Date, an ObsTime
/// that is not 1-24, rows out of time order or duplicated, or a row with a different number of
/// cells than the header; "PATH:1: missing column 'Temperature'" for a missing required
/// column; "PATH: column NAME: ..." when more than 10 % of the hours of a used column are
/// missing or flagged; "PATH: no valid rows ..." when no hour has both dry bulb and humidity.
WeatherSeries read_cwa_csv(const std::filesystem::path& path);

}  // namespace aifsim::weather
