// SPDX-License-Identifier: Apache-2.0
// Running a sweep's variants: each a normal single-threaded run into
// OUT/variants/NNNN-name/, several at once on worker threads. A variant is finished when its
// summary.json exists (written last, atomically), so a killed sweep keeps every finished one
// and a resumed sweep reads them back instead of running them again.
#pragma once

#include <atomic>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "kernels/backend.h"
#include "sim/scenario/load.h"
#include "sim/sweep/table.h"

namespace aifsim::sweep {

/// Where a sweep stands; handed to RunnerOptions::on_progress.
struct SweepProgress {
  std::size_t variants_done = 0;   ///< finished or read back
  std::size_t variants_total = 0;  ///< of this run (a shard's, not the plan's)
  double sim_s_done = 0;           ///< simulated seconds done over the variants run (not read back)
  double sim_s_total = 0;
};

/// One variant finished (or was read back); handed to RunnerOptions::on_variant.
struct VariantReport {
  std::size_t index = 0;
  std::filesystem::path dir;
  bool reused = false;     ///< read back by --resume
  bool completed = false;  ///< false: stopped early by a stop request
  double wall_s = 0;       ///< wall-clock seconds of its run (0 when reused)
};

struct RunnerOptions {
  std::filesystem::path out_dir;  ///< the sweep's directory; variants go to out_dir/variants/
  int jobs = 1;                   ///< variants at once, each on one OpenMP thread
  bool resume = false;            ///< read back finished variants instead of running them
  kernels::Backend backend = kernels::Backend::cpu;
  /// When it becomes true: no new variant starts and the running ones stop after their
  /// current tick (writing their run directories with "completed": false).
  const std::atomic<bool>* stop_requested = nullptr;
  /// Called from worker threads, one call at a time.
  std::function<void(const SweepProgress&)> on_progress;
  std::function<void(const VariantReport&)> on_variant;
};

/// Checks that the variants' directories can be used before anything runs: without resume,
/// OUT must not hold a sweep already; with it, a finished variant's scenario.resolved.yaml
/// must equal the one it would run now. Throws InputError naming the directory.
void check_out_dir(const SweepPlan& plan, std::span<const std::size_t> which,
                   std::span<const scenario::LoadedScenario> scenarios, const RunnerOptions& options);

/// OUT/variants/NNNN-name/: where variant `index` of the plan runs.
std::filesystem::path variant_dir(const SweepPlan& plan, const RunnerOptions& options, std::size_t index);

/// The row of variant `index` when its directory holds a run that reached its end (what
/// --resume reads back instead of running it); nullopt otherwise. Throws InputError for an
/// unreadable summary.json.
std::optional<SweepRow> finished_row(const SweepPlan& plan, std::size_t index, const RunnerOptions& options);

/// Runs variant `index` (its scenario from load_variants / load_variant) into its directory
/// on the calling thread, single-threaded, and returns its row: "completed" false when
/// options.stop_requested ended it early. `progress` gets the simulated seconds done.
/// Throws what the run throws (InputError for bad input met during the run).
SweepRow run_variant(const SweepPlan& plan, std::size_t index, const scenario::LoadedScenario& scenario,
                     const RunnerOptions& options, const std::function<void(double done_s)>& progress);

/// Runs the variants `which` (their scenarios, from load_variants, in the same order) and
/// returns their rows in that order; nullopt for a variant that never started (a stop
/// request, or a failure of another). Rethrows the first exception of a variant after the
/// running ones have ended.
std::vector<std::optional<SweepRow>> run_variants(const SweepPlan& plan, std::span<const std::size_t> which,
                                                  std::span<const scenario::LoadedScenario> scenarios,
                                                  const RunnerOptions& options);

}  // namespace aifsim::sweep
