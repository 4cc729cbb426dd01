// SPDX-License-Identifier: Apache-2.0
// Reading a run directory's files for its report; every problem is one located line.
#include "sim/report/run_data.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "sim/core/error.h"
#include "sim/core/units.h"
#include "sim/output/join.h"
#include "sim/report/csv_table.h"

namespace aifsim::report {
namespace {

using output::detail::join;

[[noreturn]] void fail(const std::filesystem::path& path, std::string_view what) {
  throw InputError(join({path.string(), ": ", what}));
}

// The columns a file must have, by name; their indices in the header.
std::vector<std::size_t> require_columns(const std::filesystem::path& path, const CsvRecord& header,
                                         std::initializer_list<std::string_view> names) {
  std::vector<std::size_t> at;
  for (const std::string_view name : names) {
    const auto c = find_column(header, name);
    if (!c) fail(path, join({"no ", name, " column"}));
    at.push_back(*c);
  }
  return at;
}

Timeseries read_timeseries(const std::filesystem::path& path) {
  Timeseries ts;
  std::size_t time_col = 0;
  std::vector<std::size_t> value_cols;
  bool header = true;
  read_csv(path, [&](const CsvRecord& r) {
    if (header) {
      header = false;
      time_col = require_columns(path, r, {"time_s"}).front();
      for (std::size_t c = 0; c < r.cells.size(); ++c) {
        if (c == time_col || r.cells[c] == "time_local") continue;
        ts.columns.push_back(r.cells[c]);
        value_cols.push_back(c);
      }
      ts.values.resize(ts.columns.size());
      return;
    }
    const double t = number_cell(path, r, time_col, "time_s");
    if (!std::isfinite(t)) fail(path, join({std::to_string(r.line), ": time_s: empty"}));
    if (!ts.time_s.empty() && t < ts.time_s.back())
      fail(path, join({std::to_string(r.line), ": time_s: goes back in time"}));
    ts.time_s.push_back(t);
    for (std::size_t k = 0; k < value_cols.size(); ++k)
      ts.values[k].push_back(number_cell(path, r, value_cols[k], ts.columns[k]));
  });
  if (ts.time_s.empty()) fail(path, "no rows");
  return ts;
}

std::vector<EventRecord> read_events(const std::filesystem::path& path) {
  std::vector<EventRecord> events;
  std::vector<std::size_t> at;
  bool header = true;
  read_csv(path, [&](const CsvRecord& r) {
    if (header) {
      header = false;
      at = require_columns(path, r, {"time_s", "time_local", "kind", "rack", "detail"});
      return;
    }
    EventRecord e;
    e.time_s = number_cell(path, r, at[0], "time_s");
    e.time_local = r.cells[at[1]];
    e.kind = r.cells[at[2]];
    e.rack = r.cells[at[3]];
    e.detail = r.cells[at[4]];
    events.push_back(std::move(e));
  });
  return events;
}

int whole_cell(const std::filesystem::path& path, const CsvRecord& r, std::size_t column, std::string_view name) {
  const double v = number_cell(path, r, column, name);
  if (!(v >= 1 && v == std::floor(v) && v < 1e6))
    fail(path, join({std::to_string(r.line), ": ", name, ": expected a whole number >= 1"}));
  return static_cast<int>(v);
}

PeakRacks read_peak_racks(const std::filesystem::path& path) {
  PeakRacks peak;
  std::vector<std::size_t> at;
  bool header = true;
  read_csv(path, [&](const CsvRecord& r) {
    if (header) {
      header = false;
      at = require_columns(path, r,
                           {"time_s", "time_local", "rack", "hall", "row", "group", "it_power_kw", "gpu_power_kw",
                            "gpu_utilization", "coolant_supply_c", "coolant_return_c", "gpu_die_temp_max_c"});
      return;
    }
    peak.time_s = number_cell(path, r, at[0], "time_s");
    peak.time_local = r.cells[at[1]];
    RackAtPeak rack;
    rack.name = r.cells[at[2]];
    rack.hall = whole_cell(path, r, at[3], "hall");
    rack.row = whole_cell(path, r, at[4], "row");
    rack.group = r.cells[at[5]];
    rack.it_power_kw = number_cell(path, r, at[6], "it_power_kw");
    rack.gpu_power_kw = number_cell(path, r, at[7], "gpu_power_kw");
    rack.gpu_utilization = number_cell(path, r, at[8], "gpu_utilization");
    rack.coolant_supply_c = number_cell(path, r, at[9], "coolant_supply_c");
    rack.coolant_return_c = number_cell(path, r, at[10], "coolant_return_c");
    rack.gpu_die_temp_max_c = number_cell(path, r, at[11], "gpu_die_temp_max_c");
    peak.racks.push_back(std::move(rack));
  });
  if (peak.racks.empty()) fail(path, "no rows");
  return peak;
}

RackReturnSeries read_rack_return(const std::filesystem::path& path) {
  std::map<double, double> hottest;  // interval start -> hottest return
  std::vector<std::size_t> at;
  bool header = true;
  read_csv(path, [&](const CsvRecord& r) {
    if (header) {
      header = false;
      at = require_columns(path, r, {"time_s", "coolant_return_c"});
      return;
    }
    const double t = number_cell(path, r, at[0], "time_s");
    const double c = number_cell(path, r, at[1], "coolant_return_c");
    auto [it, fresh] = hottest.try_emplace(t, c);
    if (!fresh) it->second = std::max(it->second, c);
  });
  RackReturnSeries s;
  for (const auto& [t, c] : hottest) {
    s.time_s.push_back(t);
    s.max_c.push_back(c);
  }
  return s;
}

}  // namespace

const std::vector<double>* Timeseries::find(std::string_view column) const {
  const auto it = std::find(columns.begin(), columns.end(), column);
  return it == columns.end() ? nullptr : &values[static_cast<std::size_t>(it - columns.begin())];
}

bool is_sweep_directory(const std::filesystem::path& dir) {
  std::error_code ec;
  return std::filesystem::is_regular_file(dir / "sweep.json", ec);
}

RunData load_run_data(const std::filesystem::path& dir) {
  RunData run;
  run.dir = dir;
  run.summary = compare::load_run_summary(dir);
  if (const auto start = parse_iso8601(run.summary.start)) {
    run.start_unix_s = start->unix_s;
    run.utc_offset_s = start->utc_offset_s.value_or(0);
  }
  run.timeseries = read_timeseries(dir / "timeseries.csv");
  std::error_code ec;
  if (std::filesystem::exists(dir / "events.csv", ec)) run.events = read_events(dir / "events.csv");
  if (std::filesystem::exists(dir / "racks_at_peak.csv", ec))
    run.peak_racks = read_peak_racks(dir / "racks_at_peak.csv");
  if (std::filesystem::exists(dir / "racks.csv", ec)) run.rack_return = read_rack_return(dir / "racks.csv");
  return run;
}

}  // namespace aifsim::report
