// SPDX-License-Identifier: Apache-2.0
// The sweep's worker threads: each takes the next variant, runs it single-threaded into its
// own run directory and reads its summary.json back as the variant's row.
#include "sim/sweep/runner.h"

#include <omp.h>

#include <chrono>
#include <exception>
#include <fstream>
#include <mutex>
#include <sstream>
#include <thread>

#include "sim/core/error.h"
#include "sim/output/run_directory.h"
#include "sim/run/run.h"

namespace aifsim::sweep {
namespace {

std::string read_text(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// A finished variant: summary.json says it ran to its end (a stopped one runs again).
std::optional<VariantSummary> finished(const std::filesystem::path& dir) {
  auto s = read_variant_summary(dir);
  if (s && !s->completed) s.reset();
  return s;
}

// Progress bookkeeping shared by the workers; every member is guarded by `mutex`.
struct Tally {
  std::mutex mutex;
  SweepProgress progress;
  std::vector<double> running_s;  // per worker: simulated seconds of its current variant
  double finished_s = 0;

  void report(const RunnerOptions& o) {
    progress.sim_s_done = finished_s;
    for (double s : running_s) progress.sim_s_done += s;
    if (o.on_progress) o.on_progress(progress);
  }
};

}  // namespace

std::filesystem::path variant_dir(const SweepPlan& plan, const RunnerOptions& options, std::size_t index) {
  return options.out_dir / "variants" / variant_dir_name(plan, plan.variants.at(index));
}

std::optional<SweepRow> finished_row(const SweepPlan& plan, std::size_t index, const RunnerOptions& options) {
  auto s = finished(variant_dir(plan, options, index));
  if (!s) return std::nullopt;
  return make_row(plan, plan.variants.at(index), std::move(*s));
}

SweepRow run_variant(const SweepPlan& plan, std::size_t index, const scenario::LoadedScenario& scenario,
                     const RunnerOptions& options, const std::function<void(double done_s)>& progress) {
  // One single-threaded run per variant: N variants at once use N cores, and the results do
  // not depend on thread counts (the kernels' reductions are exact and order-free).
  omp_set_num_threads(1);
  const auto dir = variant_dir(plan, options, index);
  output::prepare_run_directory(dir);
  run::RunOptions ro;
  ro.backend = options.backend;
  ro.out_dir = dir;
  ro.stop_requested = options.stop_requested;
  if (progress) ro.progress = [&](double done_s, double) { progress(done_s); };
  (void)run::run_scenario(scenario, ro);
  auto summary = read_variant_summary(dir);
  if (!summary) throw std::runtime_error(dir.string() + ": the run wrote no summary.json");
  return make_row(plan, plan.variants.at(index), std::move(*summary));
}

void check_out_dir(const SweepPlan& plan, std::span<const std::size_t> which,
                   std::span<const scenario::LoadedScenario> scenarios, const RunnerOptions& options) {
  const auto variants = options.out_dir / "variants";
  if (!options.resume) {
    std::error_code ec;
    const bool has_variants = std::filesystem::is_directory(variants, ec) && !std::filesystem::is_empty(variants, ec);
    if (std::filesystem::exists(options.out_dir / "sweep.json") || has_variants)
      throw InputError(options.out_dir.string() +
                       ": holds a sweep already; --resume continues it, or choose another --out");
    return;
  }
  for (std::size_t k = 0; k < which.size(); ++k) {
    const auto dir = variant_dir(plan, options, which[k]);
    if (!finished(dir)) continue;
    if (read_text(dir / "scenario.resolved.yaml") != scenario::resolved_yaml(scenarios[k].spec))
      throw InputError(dir.string() + ": ran another scenario than variant " + std::to_string(which[k]) +
                       " of this sweep (the sweep file or its base changed since); choose another --out");
  }
}

std::vector<std::optional<SweepRow>> run_variants(const SweepPlan& plan, std::span<const std::size_t> which,
                                                  std::span<const scenario::LoadedScenario> scenarios,
                                                  const RunnerOptions& options) {
  std::vector<std::optional<SweepRow>> rows(which.size());
  Tally tally;
  tally.progress.variants_total = which.size();
  std::vector<std::size_t> queue;  // positions in `which` still to run
  for (std::size_t k = 0; k < which.size(); ++k) {
    if (options.resume) {
      if (auto row = finished_row(plan, which[k], options)) {
        // Read back, not counted in the simulated seconds: the ETA is for the work left.
        rows[k] = std::move(row);
        ++tally.progress.variants_done;
        if (options.on_variant)
          options.on_variant(VariantReport{which[k], variant_dir(plan, options, which[k]), true, true, 0});
        continue;
      }
    }
    tally.progress.sim_s_total += scenarios[k].spec.time.duration.s;
    queue.push_back(k);
  }

  const auto stopping = [&] { return options.stop_requested && options.stop_requested->load(); };
  std::atomic<std::size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr first_error;
  const std::size_t workers = std::min<std::size_t>(queue.size(), static_cast<std::size_t>(std::max(options.jobs, 1)));
  tally.running_s.assign(workers, 0.0);

  const auto work = [&](std::size_t worker) {
    while (!stopping() && !failed.load()) {
      const std::size_t q = next.fetch_add(1);
      if (q >= queue.size()) break;
      const std::size_t k = queue[q];
      const auto t0 = std::chrono::steady_clock::now();
      try {
        rows[k] = run_variant(plan, which[k], scenarios[k], options, [&, worker](double done_s) {
          const std::lock_guard lock(tally.mutex);
          tally.running_s[worker] = done_s;
          tally.report(options);
        });
        const bool completed = rows[k]->summary.completed;
        const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        const std::lock_guard lock(tally.mutex);
        tally.running_s[worker] = 0;
        if (completed) {
          tally.finished_s += scenarios[k].spec.time.duration.s;
          ++tally.progress.variants_done;
        }
        if (options.on_variant)
          options.on_variant(VariantReport{which[k], variant_dir(plan, options, which[k]), false, completed, wall_s});
        tally.report(options);
      } catch (...) {
        const std::lock_guard lock(tally.mutex);
        if (!failed.exchange(true)) first_error = std::current_exception();
      }
    }
  };

  std::vector<std::thread> threads;
  for (std::size_t w = 0; w < workers; ++w) threads.emplace_back(work, w);
  for (auto& t : threads) t.join();
  if (first_error) std::rethrow_exception(first_error);
  return rows;
}

}  // namespace aifsim::sweep
