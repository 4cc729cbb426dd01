// SPDX-License-Identifier: Apache-2.0
// Runs a loaded scenario end to end and writes its run directory: summary.json,
// timeseries.csv, racks.csv, scenario.resolved.yaml and checks.xml (when checks exist).
// Front ends (CLI, GUI) call this; it never prints.
#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "kernels/backend.h"
#include "sim/output/junit_xml.h"
#include "sim/scenario/load.h"

namespace aifsim::des {
class Engine;
}
namespace aifsim::facility {
struct Topology;
class Fleet;
}
namespace aifsim::metrics {
class Recorder;
}
namespace aifsim::cooling {
class CoolingSystem;
}

namespace aifsim::run {

class FacilityModel;
class WorkloadSet;
class PowerManagement;

/// The live objects of a run, handed to RunOptions::on_tick between ticks on the run's own
/// thread: a front end reads them to build its view and may turn knobs or inject faults.
struct LiveRun {
  const scenario::ScenarioSpec& spec;
  const facility::Topology& topo;
  facility::Fleet& fleet;
  cooling::CoolingSystem& cooling;
  const metrics::Recorder& recorder;
  FacilityModel& facility;
  WorkloadSet* workloads;  ///< null without workloads
  PowerManagement& power;
  des::Engine& engine;
  double now_s = 0;        ///< simulated seconds done
};

struct RunOptions {
  kernels::Backend backend = kernels::Backend::cpu;
  std::filesystem::path out_dir;
  /// Called every few hundred ticks with simulated seconds done and in total.
  std::function<void(double done_s, double total_s)> progress;
  /// When set and it becomes true (e.g. on SIGINT), the run stops after the current tick and
  /// still writes everything computed so far (summary "completed": false).
  const std::atomic<bool>* stop_requested = nullptr;
  /// When set, called after every `on_tick_every` ticks with the live run (the GUI's hook).
  std::function<void(LiveRun&)> on_tick;
  std::uint64_t on_tick_every = 1;
};

struct RunResult {
  bool completed = false;
  double simulated_s = 0;
  std::vector<std::pair<std::string, double>> metrics;  ///< summary keys, in order
  std::vector<output::CheckResult> checks;
  bool checks_passed = true;
  std::vector<std::filesystem::path> files;             ///< written, final names
};

/// Runs the scenario; throws std::runtime_error on I/O failure (no final-named file is
/// left half-written).
RunResult run_scenario(const scenario::LoadedScenario& scenario, const RunOptions& options);

/// The checks of a spec evaluated against metric values (exposed for tests).
std::vector<output::CheckResult> evaluate_checks(
    const scenario::ScenarioSpec& spec, const std::vector<std::pair<std::string, double>>& metrics);

}  // namespace aifsim::run
