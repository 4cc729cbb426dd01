// SPDX-License-Identifier: Apache-2.0
// One finished run as `aifsim compare` sees it: the numbers and checks of its summary.json and
// its resolved scenario, read back from the run directory.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sim/scenario/doc.h"

namespace aifsim::compare {

/// One entry of summary.json's `checks` array.
struct CheckOutcome {
  std::string name;
  bool passed = false;
  double value = 0.0;  ///< the measured value of the check's metric (its unit is the key's)
};

/// What a check limits: summary.json's `metric`, `bound` and `limit` of one entry of `checks`.
struct CheckLimit {
  std::string name;
  std::string metric;  ///< the summary key it limits
  std::string bound;   ///< "max" or "min"
  double limit = 0.0;
};

/// What a run directory says about its run.
struct RunSummary {
  std::filesystem::path dir;
  std::string scenario;    ///< summary.json `scenario` (the scenario's name)
  bool completed = true;   ///< false: the run was stopped before its end (Ctrl-C)
  std::string start;       ///< summary.json `start`: ISO 8601 with the site's offset
  /// Every numeric value of summary.json in file order: the top-level summary keys (units in
  /// their names, see metrics/summary_keys.h), then each service's as `services.<name>.<key>`.
  /// A key whose value is null (non-finite when written) is left out.
  std::vector<std::pair<std::string, double>> metrics;
  std::vector<CheckOutcome> checks;
  std::vector<CheckLimit> check_limits;  ///< the checks' limits, where summary.json gives them
  /// scenario.resolved.yaml as a document; empty when the directory has none.
  std::optional<scenario::DocNode> resolved;
};

/// Reads `<dir>/summary.json` and `<dir>/scenario.resolved.yaml`. Throws InputError with one
/// line naming the path: a missing directory, a missing summary.json, malformed JSON
/// ("<dir>/summary.json:LINE:COL: ..."), a summary that is not an object, or a resolved
/// scenario that does not parse (located by the YAML reader). Called by `aifsim compare`.
RunSummary load_run_summary(const std::filesystem::path& dir);

}  // namespace aifsim::compare
