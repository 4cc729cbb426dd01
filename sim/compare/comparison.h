// SPDX-License-Identifier: Apache-2.0
// The comparison of runs as plain data: what `aifsim compare` prints in any format.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "sim/compare/run_summary.h"
#include "sim/compare/scenario_diff.h"

namespace aifsim::compare {

/// A compared run; runs[0] is the baseline.
struct RunInfo {
  std::string label;     ///< "A", "B", ...
  std::string dir;       ///< the run directory as given
  std::string scenario;  ///< the scenario's name
  bool completed = true;
};

/// One summary key across the runs. All vectors have one entry per run; nullopt where the run
/// lacks the key (or, for deltas, where either value is missing, and for the baseline itself).
struct MetricRow {
  std::string key;
  std::vector<std::optional<double>> values;
  std::vector<std::optional<double>> delta;  ///< value - baseline value, in the key's unit
  /// (value - baseline) / |baseline| x 100; nullopt also when the baseline is 0.
  std::vector<std::optional<double>> relative_delta_pct;
};

/// One check (by name) across the runs: passed or failed, nullopt where the run has no such check.
struct CheckRow {
  std::string name;
  std::vector<std::optional<bool>> passed;
};

struct Comparison {
  std::vector<RunInfo> runs;
  std::vector<MetricRow> metrics;  ///< summary_keys.h order, then other keys as first seen
  std::vector<FieldDiff> fields;   ///< the resolved-scenario fields that differ
  std::vector<CheckRow> checks;    ///< in the order first seen
  std::vector<std::string> notes;  ///< what the reader should know (a run stopped early, ...)
};

/// Compares the runs against runs[0]. Keys no run has are left out. Throws
/// std::invalid_argument for fewer than two runs.
Comparison compare_runs(std::span<const RunSummary> runs);

}  // namespace aifsim::compare
