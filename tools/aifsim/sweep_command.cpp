// SPDX-License-Identifier: Apache-2.0
// aifsim sweep: runs a sweep file's variants in parallel (or one shard of them) and writes
// sweep.csv / sweep.json; `--merge` joins shards. The work is sim/sweep's; this prints.
#include <cstdio>
#include <iostream>

#include "sim/core/error.h"
#include "sim/output/run_directory.h"
#include "sim/sweep/merge.h"
#include "tools/aifsim/commands.h"
#include "tools/aifsim/stop_signal.h"
#include "tools/aifsim/sweep_steps.h"

namespace aifsim::cli {
namespace {

int merge_command(const SweepArgs& args) {
  std::vector<sweep::SweepTable> shards;
  std::vector<std::filesystem::path> dirs;
  sweep::SweepTable merged;
  try {
    for (const auto& d : args.merge) {
      dirs.emplace_back(d);
      shards.push_back(sweep::read_sweep_json(dirs.back() / "sweep.json"));
    }
    merged = sweep::merge_tables(shards, dirs);
  } catch (const InputError& e) {
    std::cerr << e.what() << "\n";
    return kInvalidInput;
  }
  const std::filesystem::path out =
      args.out_dir.empty() ? "runs/sweep-" + output::sanitize_scenario_name(merged.name) : args.out_dir;
  output::prepare_run_directory(out);
  for (const auto& d : dirs) sweep::link_variant_dirs(d, out);
  sweep::write_sweep_table(out, merged);
  if (!args.quiet)
    std::printf("merged %zu shards of sweep %s: %zu variants -> %s\n", shards.size(), merged.name.c_str(),
                merged.rows.size(), (out / "sweep.csv").string().c_str());
  return kOk;
}

}  // namespace

int sweep_command(const SweepArgs& args) {
  if (!args.merge.empty()) {
    if (!args.sweep_file.empty() || !args.shard.empty() || args.resume) {
      std::cerr << "aifsim sweep --merge: takes shard directories only (no sweep file, --shard or --resume)\n";
      return kInvalidInput;
    }
    return merge_command(args);
  }
  if (args.sweep_file.empty()) {
    std::cerr << "aifsim sweep: a sweep file is required (or --merge DIR...); see aifsim sweep --help\n";
    return kInvalidInput;
  }

  std::optional<PreparedSweep> prepared = prepare_sweep(args);
  if (!prepared) return kInvalidInput;
  PreparedSweep& s = *prepared;
  if (!args.quiet) print_sweep_start(s, std::to_string(s.options.jobs) + " at a time");

  SweepReporter reporter(s.which.size(), args.quiet);
  reporter.attach(s.options);
  std::vector<std::optional<sweep::SweepRow>> rows;
  bool stopped = false;
  {
    const StopSignals stop;
    s.options.stop_requested = stop.flag();
    try {
      rows = sweep::run_variants(s.plan, s.which, s.scenarios, s.options);
    } catch (...) {
      return report_variant_failure(reporter, describe_failure(std::current_exception(), "aifsim"));
    }
    stopped = stop.requested();
  }
  reporter.finish();
  return write_sweep_result(args, s, std::move(rows), stopped, "aifsim");
}

}  // namespace aifsim::cli
