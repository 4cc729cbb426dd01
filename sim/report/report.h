// SPDX-License-Identifier: Apache-2.0
// `aifsim report`'s front door: a run directory (with an optional baseline run) or a sweep
// directory in, one self-contained HTML page out, written atomically. Reading, building and
// writing are separate steps so that bad input leaves nothing behind.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace aifsim::report {

struct Report {
  std::string html;
  /// What the page holds in one line, e.g. "12 charts, floor map of 104 racks at
  /// 2026-07-15T00:11:51+08:00, baseline runs/expansion".
  std::string outline;
};

/// Reads `dir` (a run directory, or a sweep directory: one holding sweep.json) and builds its
/// report; `baseline` (a run directory) is overlaid on a run's report. Throws InputError with
/// one line naming the file: "DIR: no such directory", "DIR: not a run directory or a sweep
/// directory (no summary.json or sweep.json)", a missing or malformed summary.json /
/// timeseries.csv / events.csv / racks_at_peak.csv / racks.csv / sweep.json, a baseline that
/// is a sweep or has other timeseries columns, a baseline for a sweep.
Report build_report(const std::filesystem::path& dir, const std::optional<std::filesystem::path>& baseline);

/// The default output path: DIR/report.html.
std::filesystem::path default_report_path(const std::filesystem::path& dir);

/// Writes the page to `path` atomically (a reader sees the old file or the whole new one).
/// Throws std::runtime_error naming the path when it cannot be written.
void write_report(const std::filesystem::path& path, const Report& report);

}  // namespace aifsim::report
