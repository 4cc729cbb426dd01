// SPDX-License-Identifier: Apache-2.0
// What a finished run hands back to its front end: its summary values, its checks and the
// files of its run directory. Plain data: no simulation types.
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "sim/output/junit_xml.h"

namespace aifsim::run {

/// Summary keys (sim/metrics/summary_keys.h) with their values, in key order.
using Metrics = std::vector<std::pair<std::string, double>>;

/// The value of `key` in `m`; throws std::out_of_range for a key it does not hold.
double metric_value(const Metrics& m, std::string_view key);

struct RunResult {
  bool completed = false;
  double simulated_s = 0;
  Metrics metrics;  ///< summary keys, in order
  std::vector<output::CheckResult> checks;
  bool checks_passed = true;
  std::vector<std::filesystem::path> files;  ///< written, final names
};

}  // namespace aifsim::run
