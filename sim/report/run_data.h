// SPDX-License-Identifier: Apache-2.0
// A finished run directory read back for its report: summary.json (through compare's
// reader), timeseries.csv as numeric columns, events.csv, every rack at the peak
// (racks_at_peak.csv) and the hottest rack coolant return over time (racks.csv).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/compare/run_summary.h"

namespace aifsim::report {

/// timeseries.csv: one entry per interval row in every vector, NaN for an empty cell.
struct Timeseries {
  std::vector<double> time_s;           ///< interval starts, s since the run's start
  std::vector<std::string> columns;     ///< the value columns after time_s and time_local
  std::vector<std::vector<double>> values;  ///< one vector per column

  /// The column's values; null when the file has no such column.
  const std::vector<double>* find(std::string_view column) const;
};

/// One row of events.csv.
struct EventRecord {
  double time_s = 0;
  std::string time_local, kind, rack, detail;
};

/// One row of racks_at_peak.csv.
struct RackAtPeak {
  std::string name, group;
  int hall = 1, row = 1;  ///< 1-based, as written
  double it_power_kw = 0, gpu_power_kw = 0, gpu_utilization = 0;
  double coolant_supply_c = 0, coolant_return_c = 0, gpu_die_temp_max_c = 0;
};

/// Every rack at the first tick of the run's peak facility power.
struct PeakRacks {
  double time_s = 0;
  std::string time_local;
  std::vector<RackAtPeak> racks;  ///< in topology order: halls, rows, then position in the row
};

/// The hottest rack coolant return of each racks.csv interval.
struct RackReturnSeries {
  std::vector<double> time_s, max_c;
};

struct RunData {
  std::filesystem::path dir;
  compare::RunSummary summary;
  std::optional<std::int64_t> start_unix_s;  ///< from summary.json `start`
  int utc_offset_s = 0;                       ///< the site's, from `start`
  Timeseries timeseries;
  std::optional<std::vector<EventRecord>> events;  ///< nullopt: no events.csv
  std::optional<PeakRacks> peak_racks;             ///< nullopt: no racks_at_peak.csv
  std::optional<RackReturnSeries> rack_return;     ///< nullopt: no racks.csv
};

/// True when `dir` holds a sweep's table (sweep.json) rather than one run.
bool is_sweep_directory(const std::filesystem::path& dir);

/// Reads `dir`. summary.json and timeseries.csv must be there and well formed; events.csv,
/// racks_at_peak.csv and racks.csv are read when present (a malformed one is still an
/// error). Throws InputError with one line naming the file (and line): "DIR: no such run
/// directory", "DIR/summary.json: missing (...)", "DIR/timeseries.csv: missing",
/// "DIR/timeseries.csv:LINE: pue: not a number ('x')", "DIR/timeseries.csv: no time_s
/// column", "DIR/timeseries.csv: no rows", ...
RunData load_run_data(const std::filesystem::path& dir);

}  // namespace aifsim::report
