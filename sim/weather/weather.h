// SPDX-License-Identifier: Apache-2.0
// One include for the weather module, and the single call a scenario loader needs: a built-in
// climate name or a weather file to a WeatherSeries.
#pragma once

#include <filesystem>
#include <optional>
#include <string_view>
#include <utility>

#include "sim/weather/climate_normals.h"
#include "sim/weather/cwa_reader.h"
#include "sim/weather/generic_csv_reader.h"
#include "sim/weather/psychrometrics.h"
#include "sim/weather/weather_series.h"

namespace aifsim::weather {

/// The weather a scenario names: a built-in climate (builtin_climate_names(), generated for
/// local calendar year `year`) when climate_or_path is one of those names, else the CSV file
/// at that path (read_weather_csv, naive times at default_utc_offset_s s east of UTC). The
/// caller resolves relative paths. Throws InputError for a bad or missing file.
inline WeatherSeries load_weather(std::string_view climate_or_path, int year,
                                  int default_utc_offset_s) {
  if (std::optional<WeatherSeries> builtin = builtin_climate(climate_or_path, year)) {
    return std::move(*builtin);
  }
  return read_weather_csv(std::filesystem::path(climate_or_path), default_utc_offset_s);
}

}  // namespace aifsim::weather
