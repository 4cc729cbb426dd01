// SPDX-License-Identifier: Apache-2.0
// The steps of running a sweep file that `aifsim sweep` (threads) and `aifsim-mpi sweep`
// (MPI ranks) share: preparing it, reporting variants as they finish, and writing the table.
// Only how the variants are spread differs between the two, so their tables are the same.
#pragma once

#include <cstddef>
#include <exception>
#include <optional>
#include <string>
#include <vector>

#include "sim/scenario/load.h"
#include "sim/sweep/plan.h"
#include "sim/sweep/runner.h"
#include "sim/sweep/table.h"
#include "tools/aifsim/commands.h"
#include "tools/aifsim/progress.h"

namespace aifsim::cli {

struct PreparedSweep {
  sweep::SweepPlan plan;
  std::vector<std::size_t> which;                   ///< the variants to run: a shard's, or all
  std::vector<scenario::LoadedScenario> scenarios;  ///< in the order of `which`
  std::optional<sweep::Shard> shard;
  sweep::RunnerOptions options;  ///< out_dir, jobs and resume from the flags
};

/// Reads the sweep file of `args`, plans it, loads every variant of the shard (or all),
/// checks --out against them and creates it. On bad input prints the one-line error and
/// returns nullopt (exit kInvalidInput); nothing is written then.
std::optional<PreparedSweep> prepare_sweep(const SweepArgs& args);

/// The opening line on stderr, e.g. "aifsim 0.1.0: sweep cap-sweep: 4 variants of
/// base.yaml, 2 at a time -> runs/x"; `how` says how the variants are spread.
void print_sweep_start(const PreparedSweep& sweep, const std::string& how);

/// Progress on stderr: a progress line on a terminal and one line per finished variant
/// ("[3/8] variants/0002-target_mw-14: done in 3.1 s"); nothing when quiet.
class SweepReporter {
 public:
  SweepReporter(std::size_t variants, bool quiet);
  void progress(const sweep::SweepProgress& p);
  /// `where` follows the outcome, e.g. " on rank 3".
  void variant(const sweep::VariantReport& r, const std::string& where = "");
  /// Clears the progress line before other output.
  void finish();
  /// Points the runner's callbacks at this reporter.
  void attach(sweep::RunnerOptions& options);

 private:
  ProgressLine line_;
  std::size_t variants_, finished_ = 0;
  bool quiet_;
};

/// Why a variant failed, as the sweep reports it.
struct VariantFailure {
  std::string message;
  int exit_code = kInternal;
};

/// A variant's exception: bad input (an InputError, an unusable run directory) is its own
/// message and exit 2; anything else is "WHO: internal error: ..." and exit 1.
VariantFailure describe_failure(std::exception_ptr error, const std::string& who);

/// Prints the failure and that finished variants are kept; returns its exit code.
int report_variant_failure(SweepReporter& reporter, const VariantFailure& failure);

/// Tabulates `rows` (in the order of sweep.which; nullopt: never ran), writes sweep.csv and
/// sweep.json into --out, prints the closing line and, when `stopped`, how `program`
/// continues. Returns kOk, or kInterrupted when stopped.
int write_sweep_result(const SweepArgs& args, const PreparedSweep& sweep,
                       std::vector<std::optional<sweep::SweepRow>> rows, bool stopped, const std::string& program);

/// "stopped early: PROGRAM sweep FILE --resume --out OUT continues" on stdout.
void print_resume_hint(const SweepArgs& args, const PreparedSweep& sweep, const std::string& program);

}  // namespace aifsim::cli
