// SPDX-License-Identifier: Apache-2.0
// Built-in synthetic hourly climates for the reference sites, so a scenario can run without a
// weather file: monthly means from REFERENCE.md section 6 plus a diurnal swing.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/weather/weather_series.h"

namespace aifsim::weather {

/// Pressure used by the built-in climates (kPa): both stations are near sea level.
inline constexpr double kBuiltinPressureKpa = 101.0;

/// An hourly series for every hour of local calendar year `year` (UTC+8, Jan 1 00:00 to
/// Dec 31 23:00, 8,760 or 8,784 points) for a built-in climate, or std::nullopt when `name`
/// (ASCII case-insensitive) is not one of builtin_climate_names().
///
/// Construction (REFERENCE.md section 6):
/// - Daily-mean dry bulb and dew point: the site's monthly means (section 6.1 for "tainan",
///   Tainan 467410, 2020-2024; section 6.2 for "kaohsiung", Kaohsiung 467440, 2020-2021)
///   placed at mid-month and joined by a periodic C1 cubic (Catmull-Rom) through the
///   mid-months of the neighbouring years.
/// - Diurnal swing: minimum at 05:00 and maximum at 14:00 local, a half cosine rising over the
///   9 h between them and another falling over the other 15 h; its hourly mean is exactly 0,
///   so each day keeps the smooth daily mean. The amplitude is half of Kaohsiung's mean daily
///   max minus mean daily min for the month (section 6.2), interpolated the same way, for
///   both sites: the Tainan sheet (section 6.1) gives no daily range, and the two stations are
///   40 km apart on the same coastal plain.
/// - Dew point is held at the day's value (evaluated at local noon) for all 24 hours, capped
///   at the dry bulb, so RH and wet bulb follow psychrometrically as the dry bulb swings.
/// - Pressure kBuiltinPressureKpa throughout. No weather noise: every day is an average day.
/// flagged_hours() is 0; source() is "built-in climate: NAME".
std::optional<WeatherSeries> builtin_climate(std::string_view name, int year);

/// Names accepted by builtin_climate, lower case: "kaohsiung", "tainan".
std::vector<std::string> builtin_climate_names();

}  // namespace aifsim::weather
