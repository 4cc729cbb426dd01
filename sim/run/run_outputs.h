// SPDX-License-Identifier: Apache-2.0
// The files a finished session adds to its run directory beside the recorder's CSVs:
// jobs.csv, scenario.resolved.yaml, checks.xml and summary.json, each written atomically.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "kernels/backend.h"
#include "sim/run/result.h"
#include "sim/run/summary.h"
#include "sim/scenario/load.h"

namespace aifsim::workload {
class TrainingCluster;
}

namespace aifsim::run {

struct RunOutputs {
  const scenario::LoadedScenario& scenario;
  kernels::Backend backend;
  const std::filesystem::path& out_dir;
  std::string weather_source;
  const workload::TrainingCluster* training;  ///< null without training: no jobs.csv
};

/// Writes the files and appends their final names to result.files.
void write_run_outputs(const RunOutputs& o, RunResult& result, const std::vector<ServiceSummary>& services);

}  // namespace aifsim::run
