// SPDX-License-Identifier: Apache-2.0
// Preparing a sweep, reporting its variants and writing its table (see sweep_steps.h).
#include "tools/aifsim/sweep_steps.h"

#include <cstdio>
#include <iostream>
#include <thread>

#include "sim/core/error.h"
#include "sim/core/units.h"
#include "sim/output/run_directory.h"
#include "sim/scenario/schema.h"
#include "sim/sweep/load_variants.h"

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

}  // namespace

std::optional<PreparedSweep> prepare_sweep(const SweepArgs& args) {
  PreparedSweep p;
  try {
    p.shard = parse_shard(args.shard);
    const sweep::SweepSpec spec = sweep::read_sweep_file(args.sweep_file);
    p.plan = sweep::expand_plan(spec);
    if (p.shard) {
      p.which = sweep::shard_variants(p.plan, p.shard->index, p.shard->count);
    } else {
      for (const auto& v : p.plan.variants) p.which.push_back(v.index);
    }
    p.scenarios = sweep::load_variants(spec, p.plan, p.which);
    std::string out = args.out_dir;
    if (out.empty()) {
      out = "runs/sweep-" + output::sanitize_scenario_name(p.plan.name);
      if (p.shard) out += "-shard" + std::to_string(p.shard->index) + "of" + std::to_string(p.shard->count);
    }
    p.options.out_dir = out;
    p.options.jobs = args.jobs > 0 ? args.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    p.options.resume = args.resume;
    sweep::check_out_dir(p.plan, p.which, p.scenarios, p.options);
    output::prepare_run_directory(p.options.out_dir);
  } catch (const InputError& e) {
    std::cerr << e.what() << "\n";
    return std::nullopt;
  } catch (const std::runtime_error& e) {  // the output directory cannot be created
    std::cerr << "aifsim sweep: --out: " << e.what() << "\n";
    return std::nullopt;
  }
  return p;
}

void print_sweep_start(const PreparedSweep& s, const std::string& how) {
  const std::string shard = s.shard ? " (shard " + std::to_string(s.shard->index) + "/" +
                                          std::to_string(s.shard->count) + " of " +
                                          std::to_string(s.plan.variants.size()) + ")"
                                    : "";
  std::fprintf(stderr, "aifsim %s: sweep %s: %zu variants%s of %s, %s -> %s\n", AIFSIM_VERSION, s.plan.name.c_str(),
               s.which.size(), shard.c_str(), s.plan.base.string().c_str(), how.c_str(),
               s.options.out_dir.string().c_str());
}

SweepReporter::SweepReporter(std::size_t variants, bool quiet) : line_(stderr), variants_(variants), quiet_(quiet) {}

void SweepReporter::progress(const sweep::SweepProgress& p) {
  if (!quiet_) line_.update_variants(p.variants_done, p.variants_total, p.sim_s_done, p.sim_s_total);
}

void SweepReporter::variant(const sweep::VariantReport& r, const std::string& where) {
  if (quiet_) return;
  ++finished_;
  line_.finish();
  const std::string how = r.reused ? "read back" : r.completed ? "done in " + format_duration(r.wall_s) : "STOPPED";
  std::fprintf(stderr, "[%zu/%zu] %s: %s%s\n", finished_, variants_,
               (std::filesystem::path("variants") / r.dir.filename()).string().c_str(), how.c_str(), where.c_str());
}

void SweepReporter::finish() { line_.finish(); }

void SweepReporter::attach(sweep::RunnerOptions& options) {
  if (quiet_) return;
  options.on_progress = [this](const sweep::SweepProgress& p) { progress(p); };
  options.on_variant = [this](const sweep::VariantReport& r) { variant(r); };
}

VariantFailure describe_failure(std::exception_ptr error, const std::string& who) {
  try {
    std::rethrow_exception(error);
  } catch (const InputError& e) {  // e.g. an unreadable trace of one variant
    return {e.what(), kInvalidInput};
  } catch (const output::RunDirectoryError& e) {
    return {e.what(), kInvalidInput};
  } catch (const std::exception& e) {
    return {who + ": internal error: " + e.what(), kInternal};
  } catch (...) {
    return {who + ": internal error", kInternal};
  }
}

int report_variant_failure(SweepReporter& reporter, const VariantFailure& failure) {
  reporter.finish();
  std::cerr << failure.message << "\n(finished variants are kept; --resume continues)\n";
  return failure.exit_code;
}

void print_resume_hint(const SweepArgs& args, const PreparedSweep& s, const std::string& program) {
  std::printf("stopped early: %s sweep %s --resume --out %s continues\n", program.c_str(), args.sweep_file.c_str(),
              s.options.out_dir.string().c_str());
}

int write_sweep_result(const SweepArgs& args, const PreparedSweep& s, std::vector<std::optional<sweep::SweepRow>> rows,
                       bool stopped, const std::string& program) {
  sweep::SweepTable table = sweep::make_table(s.plan, s.shard);
  std::size_t failed_checks = 0, done = 0;
  for (auto& r : rows) {
    if (!r) continue;
    done += r->summary.completed ? 1 : 0;
    failed_checks += r->summary.checks_passed ? 0 : 1;
    table.rows.push_back(std::move(*r));
  }
  sweep::write_sweep_table(s.options.out_dir, table);
  if (!args.quiet) {
    std::printf("sweep %s: %zu of %zu variants done%s -> %s\n", s.plan.name.c_str(), done, s.which.size(),
                failed_checks ? (", " + std::to_string(failed_checks) + " failed their checks").c_str() : "",
                (s.options.out_dir / "sweep.csv").string().c_str());
    if (stopped) print_resume_hint(args, s, program);
  }
  return stopped ? kInterrupted : kOk;
}

}  // namespace aifsim::cli
