// SPDX-License-Identifier: Apache-2.0
// A worker rank: asks rank 0 for a variant, runs it into its directory under the shared
// --out, sends back its summary.json's text, and asks again.
#include <chrono>

#include "sim/core/error.h"
#include "sim/sweep/load_variants.h"
#include "sim/sweep/runner.h"
#include "tools/aifsim-mpi/messages.h"
#include "tools/aifsim-mpi/mpi_sweep.h"
#include "tools/aifsim/sweep_steps.h"

namespace aifsim::mpi {
namespace {

Report error_report(std::int64_t variant, int exit_code, std::string text) {
  Report r;
  r.kind = Report::Kind::error;
  r.variant = variant;
  r.exit_code = exit_code;
  r.text = std::move(text);
  return r;
}

Report run_assigned(int rank, const sweep::SweepPlan& plan, const Assignment& a, const sweep::RunnerOptions& options) {
  const auto t0 = std::chrono::steady_clock::now();
  try {
    const auto i = static_cast<std::size_t>(a.variant);
    const std::string here = i < plan.variants.size() ? sweep::variant_dir_name(plan, plan.variants[i]) : "none";
    if (here != a.dir_name)
      throw InputError("rank " + std::to_string(rank) + " reads another sweep than rank 0: its variant " +
                       std::to_string(a.variant) + " is '" + here + "', rank 0's '" + a.dir_name +
                       "' (is the sweep file the same on every node?)");
    const scenario::LoadedScenario sc = sweep::load_variant(plan, plan.variants[i]);
    (void)sweep::run_variant(plan, i, sc, options, {});
    Report r;
    r.kind = Report::Kind::result;
    r.variant = a.variant;
    r.text = sweep::read_summary_text(sweep::variant_dir(plan, options, i)).value();
    r.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return r;
  } catch (...) {
    const auto f = cli::describe_failure(std::current_exception(), "aifsim-mpi: rank " + std::to_string(rank));
    return error_report(a.variant, f.exit_code, f.message);
  }
}

}  // namespace

int work_on_sweep(const MpiLink& link, const cli::SweepArgs& args, const std::atomic<bool>* stop) {
  const GoAhead go = decode_go_ahead(link.receive(0, kGoAheadTag).bytes);
  if (go.exit_code != 0) return 0;  // rank 0 has said why

  sweep::SweepPlan plan;
  Report report;  // the first one: ready, or why this rank cannot take part
  try {
    plan = sweep::expand_plan(sweep::read_sweep_file(args.sweep_file));
  } catch (const InputError& e) {
    report = error_report(-1, 2, "rank " + std::to_string(link.rank()) + ": " + e.what());
  }
  sweep::RunnerOptions options;
  options.out_dir = go.out_dir;
  options.stop_requested = stop;

  for (;;) {
    report.stopping = stop->load();
    link.send(0, kReportTag, encode(report));
    const Assignment a = decode_assignment(link.receive(0, kAssignTag).bytes);
    if (a.variant < 0) break;
    report = run_assigned(link.rank(), plan, a, options);
  }
  // Wait for rank 0 to finish before leaving: MPI_Finalize would spin a core meanwhile.
  (void)link.receive(0, kFinishTag);
  return 0;
}

}  // namespace aifsim::mpi
