// SPDX-License-Identifier: Apache-2.0
// aifsim sweep: runs a sweep file's variants in parallel (or one shard of them) and writes
// sweep.csv / sweep.json; `--merge` joins shards. The work is sim/sweep's; this prints.
#include <cstdio>
#include <iostream>
#include <thread>

#include "sim/core/error.h"
#include "sim/core/units.h"
#include "sim/output/run_directory.h"
#include "sim/sweep/load_variants.h"
#include "sim/sweep/merge.h"
#include "sim/sweep/runner.h"
#include "sim/scenario/schema.h"
#include "tools/aifsim/commands.h"
#include "tools/aifsim/progress.h"
#include "tools/aifsim/stop_signal.h"

namespace aifsim::cli {
namespace {

std::optional<sweep::Shard> parse_shard(const std::string& text) {
  if (text.empty()) return std::nullopt;
  const auto slash = text.find('/');
  const auto i = slash == std::string::npos ? std::nullopt : scenario::parse_integer(text.substr(0, slash));
  const auto n = slash == std::string::npos ? std::nullopt : scenario::parse_integer(text.substr(slash + 1));
  if (!i || !n || *n < 1 || *i < 0 || *i >= *n)
    throw InputError("--shard: expected I/N with 0 <= I < N, e.g. 0/4 (got '" + text + "')");
  return sweep::Shard{static_cast<int>(*i), static_cast<int>(*n)};
}

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

  sweep::SweepPlan plan;
  std::vector<std::size_t> which;
  std::vector<scenario::LoadedScenario> scenarios;
  std::optional<sweep::Shard> shard;
  sweep::RunnerOptions opt;
  try {
    shard = parse_shard(args.shard);
    const sweep::SweepSpec spec = sweep::read_sweep_file(args.sweep_file);
    plan = sweep::expand_plan(spec);
    if (shard) {
      which = sweep::shard_variants(plan, shard->index, shard->count);
    } else {
      for (const auto& v : plan.variants) which.push_back(v.index);
    }
    scenarios = sweep::load_variants(spec, plan, which);
    std::string out = args.out_dir;
    if (out.empty()) {
      out = "runs/sweep-" + output::sanitize_scenario_name(plan.name);
      if (shard) out += "-shard" + std::to_string(shard->index) + "of" + std::to_string(shard->count);
    }
    opt.out_dir = out;
    opt.jobs = args.jobs > 0 ? args.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    opt.resume = args.resume;
    sweep::check_out_dir(plan, which, scenarios, opt);
    output::prepare_run_directory(opt.out_dir);
  } catch (const InputError& e) {
    std::cerr << e.what() << "\n";
    return kInvalidInput;
  } catch (const std::runtime_error& e) {  // the output directory cannot be created
    std::cerr << "aifsim sweep: --out: " << e.what() << "\n";
    return kInvalidInput;
  }

  if (!args.quiet)
    std::fprintf(stderr, "aifsim %s: sweep %s: %zu variants%s of %s, %d at a time -> %s\n", AIFSIM_VERSION,
                 plan.name.c_str(), which.size(),
                 shard ? (" (shard " + std::to_string(shard->index) + "/" + std::to_string(shard->count) + " of " +
                          std::to_string(plan.variants.size()) + ")").c_str()
                       : "",
                 plan.base.string().c_str(), opt.jobs, opt.out_dir.string().c_str());

  ProgressLine progress(stderr);
  std::size_t finished = 0;
  if (!args.quiet) {
    opt.on_progress = [&](const sweep::SweepProgress& p) {
      progress.update_variants(p.variants_done, p.variants_total, p.sim_s_done, p.sim_s_total);
    };
    opt.on_variant = [&](const sweep::VariantReport& r) {
      ++finished;
      progress.finish();
      const std::string how = r.reused ? "read back" : r.completed ? "done in " + format_duration(r.wall_s) : "STOPPED";
      std::fprintf(stderr, "[%zu/%zu] %s: %s\n", finished, which.size(),
                   (std::filesystem::path("variants") / r.dir.filename()).string().c_str(), how.c_str());
    };
  }

  std::vector<std::optional<sweep::SweepRow>> rows;
  bool stopped = false;
  {
    const StopSignals stop;
    opt.stop_requested = stop.flag();
    try {
      rows = sweep::run_variants(plan, which, scenarios, opt);
    } catch (const InputError& e) {  // e.g. an unreadable trace of one variant
      progress.finish();
      std::cerr << e.what() << "\n(finished variants are kept; --resume continues)\n";
      return kInvalidInput;
    }
    stopped = stop.requested();
  }
  progress.finish();

  sweep::SweepTable table = sweep::make_table(plan, shard);
  std::size_t failed_checks = 0, done = 0;
  for (auto& r : rows) {
    if (!r) continue;
    done += r->summary.completed ? 1 : 0;
    failed_checks += r->summary.checks_passed ? 0 : 1;
    table.rows.push_back(std::move(*r));
  }
  sweep::write_sweep_table(opt.out_dir, table);
  if (!args.quiet) {
    std::printf("sweep %s: %zu of %zu variants done%s -> %s\n", plan.name.c_str(), done, which.size(),
                failed_checks ? (", " + std::to_string(failed_checks) + " failed their checks").c_str() : "",
                (opt.out_dir / "sweep.csv").string().c_str());
    if (stopped) std::printf("stopped early: aifsim sweep %s --resume --out %s continues\n", args.sweep_file.c_str(),
                             opt.out_dir.string().c_str());
  }
  return stopped ? kInterrupted : kOk;
}

}  // namespace aifsim::cli
