// SPDX-License-Identifier: Apache-2.0
// aifsim subcommands: run, validate, schema, docs (sweep: sweep_command.cpp).
#include "tools/aifsim/commands.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <optional>

#include "kernels/backend.h"
#include "sim/core/error.h"
#include "sim/core/threads.h"
#include "sim/core/units.h"
#include "sim/metrics/summary_keys.h"
#include "sim/output/atomic_file.h"
#include "sim/output/run_directory.h"
#include "sim/run/reference_doc.h"
#include "sim/run/run.h"
#include "sim/scenario/load.h"
#include "sim/scenario/schema.h"
#include "sim/scenario/spec_schema.h"
#include "sim/scenario/placement.h"
#include "sim/run/summary_markdown.h"
#include "tools/aifsim/progress.h"
#include "tools/aifsim/stop_signal.h"

namespace aifsim::cli {
namespace {

std::vector<scenario::Override> collect_overrides(const std::vector<std::string>& sets) {
  std::vector<scenario::Override> out;
  for (const auto& s : sets) out.push_back(scenario::parse_override(s));
  return out;
}

void print_summary(const scenario::LoadedScenario& sc, const run::RunResult& r,
                   const std::filesystem::path& dir) {
  std::printf("\n%s: %s%s\n", sc.spec.name.c_str(), r.completed ? "completed" : "STOPPED EARLY at ",
              r.completed ? "" : format_duration(r.simulated_s).c_str());
  for (const auto& [key, value] : r.metrics) {
    std::string meaning;
    for (const auto& k : metrics::summary_metric_keys())
      if (k.key == key) meaning = std::string(k.meaning);
    std::printf("  %-26s %14.6g  %s\n", key.c_str(), value, meaning.c_str());
  }
  if (!r.checks.empty()) {
    std::printf("checks:\n");
    for (const auto& c : r.checks)
      std::printf("  %-4s %s (value %.6g)\n", c.passed ? "ok" : "FAIL", c.name.c_str(), c.value);
  }
  std::printf("run directory: %s\n", dir.string().c_str());
}

std::string threads_label(int threads) {
  if (threads > 0) return std::to_string(threads);
  const int available = available_threads();
  return available == 1 ? "1 (one CPU available)" : "auto (1 or " + std::to_string(available) + ", chosen tick by tick)";
}

void print_thread_use(const run::ThreadUse& use) {
  if (!use.governed || use.ticks == 0) return;
  std::printf("threads: %d on %.0f %% of the ticks, 1 on the rest\n", use.max_threads,
              100.0 * static_cast<double>(use.ticks_at_max) / static_cast<double>(use.ticks));
}

}  // namespace

int run_command(const RunArgs& args) {
  std::vector<scenario::Override> overrides;
  scenario::LoadedScenario sc;
  kernels::Backend backend = kernels::Backend::cpu;
  try {
    overrides = collect_overrides(args.sets);
    if (!args.duration.empty()) overrides.push_back({"time.duration", args.duration});
    if (!args.start.empty()) overrides.push_back({"time.start", args.start});
    if (!args.seed.empty()) overrides.push_back({"seed", args.seed});
    if (!args.max_memory.empty()) overrides.push_back({"time.max_memory_gib", args.max_memory});
    if (!args.weather.empty())
      overrides.push_back({"site.weather.file", std::filesystem::absolute(args.weather).lexically_normal().string()});
    sc = scenario::load_scenario(args.scenario, overrides);
    backend = kernels::select_backend(kernels::parse_backend_choice(args.backend));
  } catch (const InputError& e) {
    std::cerr << e.what() << "\n";
    return kInvalidInput;
  } catch (const std::runtime_error& e) {  // backend unavailable
    std::cerr << "aifsim: --backend " << args.backend << ": " << e.what() << "\n";
    return kInvalidInput;
  }

  const std::filesystem::path dir =
      args.out_dir.empty() ? output::default_run_directory(sc.spec.name, std::chrono::system_clock::now())
                           : std::filesystem::path(args.out_dir);

  const int threads = args.threads == "auto" ? 0 : std::stoi(args.threads);
  if (!args.quiet)
    std::fprintf(stderr, "aifsim %s: %s, %s from %s, dt %s, backend %s, threads %s\n", AIFSIM_VERSION,
                 sc.spec.name.c_str(), format_duration(sc.spec.time.duration.s).c_str(),
                 format_iso8601(sc.start_unix_s, sc.utc_offset_s).c_str(),
                 format_duration(sc.spec.time.dt_s).c_str(), kernels::backend_description(backend).c_str(),
                 threads_label(threads).c_str());

  if (!args.summary_md.empty()) {
    // Found out now, not after a day of simulation.
    const std::filesystem::path parent = std::filesystem::absolute(args.summary_md).parent_path();
    if (!std::filesystem::is_directory(parent) || ::access(parent.c_str(), W_OK) != 0) {
      std::cerr << "aifsim: --summary-md: cannot write '" << args.summary_md << "': its directory '"
                << parent.string() << "' does not exist or is not writable\n";
      return kInvalidInput;
    }
  }

  ProgressLine progress(stderr);
  run::RunOptions opt;
  opt.backend = backend;
  opt.threads = threads;
  opt.out_dir = dir;
  if (!args.quiet) opt.progress = [&](double done, double total) { progress.update(done, total); };
  // Opening reads every trace and weather file before the run directory is made, so bad
  // input exits 2 and leaves nothing behind.
  const StopSignals stop;
  opt.stop_requested = stop.flag();
  std::optional<run::Session> session;
  try {
    session.emplace(run::Session::open(sc, opt));
  } catch (const InputError& e) {
    std::cerr << e.what() << "\n";
    return kInvalidInput;
  } catch (const output::RunDirectoryError& e) {
    std::cerr << "aifsim: --out: " << e.what() << "\n";
    return kInvalidInput;
  }
  session->run();
  const run::RunResult result = session->finish();
  progress.finish();

  if (!args.quiet) {
    print_summary(sc, result, dir);
    print_thread_use(session->thread_use());
  }
  if (!args.summary_md.empty()) {
    try {
      output::write_file_atomic(args.summary_md, run::summary_markdown(sc.spec.name, result));
    } catch (const std::runtime_error& e) {  // the run directory is complete; only this file is missing
      std::cerr << "aifsim: --summary-md: " << e.what() << "\n";
      return kInvalidInput;
    }
  }
  for (const auto& c : result.checks)
    if (!c.passed)
      std::cerr << "aifsim: check failed: " << c.name << " (value " << c.value << ")\n";
  if (stop.requested()) return kInterrupted;  // files written, "completed": false
  if (!result.checks_passed) return kCheckFailed;
  return kOk;
}

int validate_command(const std::vector<std::string>& files, const std::vector<std::string>& sets) {
  int rc = kOk;
  std::vector<scenario::Override> overrides;
  try {
    overrides = collect_overrides(sets);
  } catch (const InputError& e) {
    std::cerr << e.what() << "\n";
    return kInvalidInput;
  }
  for (const auto& f : files) {
    try {
      const auto sc = scenario::load_scenario(f, overrides);
      long long racks = 0, gpus = 0;
      for (const auto& [name, g] : sc.spec.racks) {
        racks += g.count;
        gpus += static_cast<long long>(g.count) * sc.spec.rack_types.find(g.type)->gpus;
      }
      std::string work;
      if (!sc.spec.workloads.inference.empty() || !sc.spec.workloads.training.racks.empty()) {
        std::vector<scenario::PlacementError> unused;  // validation has already reported these
        const scenario::Placement plan = scenario::plan_placement(sc.spec, unused);
        std::size_t replicas = 0;
        for (const auto& s : plan.services) replicas += s.replica_first.size();
        if (!plan.services.empty())
          work += ", " + std::to_string(plan.services.size()) + " inference services, " + std::to_string(replicas) +
                  " replicas";
        if (!plan.training_pool.empty()) work += ", training pool of " + std::to_string(plan.training_pool.size()) + " GPUs";
      }
      std::printf("ok: %s (%s: %lld racks, %lld GPUs%s)\n", f.c_str(), sc.spec.name.c_str(), racks, gpus, work.c_str());
    } catch (const InputError& e) {
      std::cerr << e.what() << "\n";
      rc = kInvalidInput;
    }
  }
  return rc;
}

int schema_command() {
  std::cout << scenario::json_schema(scenario::scenario_schema_info(), "aifsim scenario");
  return kOk;
}

int docs_command(const std::string& out_file) {
  const std::string md = run::reference_markdown();
  if (out_file.empty()) {
    std::cout << md;
  } else {
    output::write_file_atomic(out_file, md);
  }
  return kOk;
}

}  // namespace aifsim::cli
