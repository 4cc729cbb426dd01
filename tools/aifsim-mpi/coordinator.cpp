// SPDX-License-Identifier: Apache-2.0
// Rank 0 of an MPI sweep: the main thread answers the workers (the only thread that calls
// MPI), a second thread runs variants here too, both taking from one queue in plan order.
#include <chrono>
#include <cstdio>
#include <deque>
#include <optional>
#include <mutex>
#include <thread>

#include "tools/aifsim-mpi/messages.h"
#include "tools/aifsim-mpi/mpi_sweep.h"
#include "tools/aifsim/sweep_steps.h"

namespace aifsim::mpi {
namespace {

using cli::PreparedSweep;

// What rank 0's two threads share; every member but `stop` is guarded by `mutex`.
class Board {
 public:
  Board(const PreparedSweep& sweep, bool quiet) : sweep_(sweep), reporter_(sweep.which.size(), quiet) {
    rows_.resize(sweep.plan.variants.size());
    progress_.variants_total = sweep.which.size();
    for (const std::size_t i : sweep.which) {
      if (sweep.options.resume) {
        if (auto row = sweep::finished_row(sweep.plan, i, sweep.options)) {
          rows_[i] = std::move(row);
          ++progress_.variants_done;
          reporter_.variant(sweep::VariantReport{i, dir(i), true, true, 0});
          continue;
        }
      }
      progress_.sim_s_total += duration_s(i);
      queue_.push_back(i);
    }
  }

  /// Set by a signal here or a stopping worker: no variant starts, running ones stop.
  std::atomic<bool> stop{false};

  bool has_work() {
    const std::lock_guard lock(mutex_);
    return !queue_.empty();
  }

  /// The next variant to run, unless the sweep is stopping or has failed.
  std::optional<std::size_t> next() {
    const std::lock_guard lock(mutex_);
    if (stop.load() || failure_ || queue_.empty()) return std::nullopt;
    const std::size_t i = queue_.front();
    queue_.pop_front();
    return i;
  }

  void finished(sweep::SweepRow row, double wall_s, int rank) {
    const std::lock_guard lock(mutex_);
    const std::size_t i = row.variant;
    const bool completed = row.summary.completed;
    rows_[i] = std::move(row);
    if (completed) {
      ++progress_.variants_done;
      finished_s_ += duration_s(i);
    } else {
      stop.store(true);  // a variant stopped early: the sweep cannot complete now
    }
    if (rank == 0) local_running_s_ = 0;
    reporter_.variant(sweep::VariantReport{i, dir(i), false, completed, wall_s}, " on rank " + std::to_string(rank));
    report_progress();
  }

  void failed(cli::VariantFailure failure) {
    const std::lock_guard lock(mutex_);
    if (!failure_) failure_ = std::move(failure);
  }

  void local_progress(double done_s) {
    const std::lock_guard lock(mutex_);
    local_running_s_ = done_s;
    report_progress();
  }

  const sweep::SweepPlan& plan() const { return sweep_.plan; }
  std::optional<cli::VariantFailure> failure() const { return failure_; }
  cli::SweepReporter& reporter() { return reporter_; }
  /// The rows in the order of sweep.which, as write_sweep_result takes them.
  std::vector<std::optional<sweep::SweepRow>> take_rows() {
    std::vector<std::optional<sweep::SweepRow>> out;
    for (const std::size_t i : sweep_.which) out.push_back(std::move(rows_[i]));
    return out;
  }
  std::size_t done() const { return progress_.variants_done; }

 private:
  double duration_s(std::size_t i) const { return sweep_.scenarios[i].spec.time.duration.s; }
  std::filesystem::path dir(std::size_t i) const { return sweep::variant_dir(sweep_.plan, sweep_.options, i); }
  void report_progress() {
    progress_.sim_s_done = finished_s_ + local_running_s_;
    reporter_.progress(progress_);
  }

  const PreparedSweep& sweep_;
  std::mutex mutex_;
  cli::SweepReporter reporter_;
  std::vector<std::optional<sweep::SweepRow>> rows_;  // by variant index
  std::deque<std::size_t> queue_;                     // variants still to run, in plan order
  std::optional<cli::VariantFailure> failure_;        // the first error
  sweep::SweepProgress progress_;
  double finished_s_ = 0, local_running_s_ = 0;
};

// Rank 0's own share: variants from the same queue, while the main thread serves the workers.
void run_here(Board& board, const PreparedSweep& sweep) {
  sweep::RunnerOptions options = sweep.options;
  options.stop_requested = &board.stop;
  while (const auto i = board.next()) {
    const auto t0 = std::chrono::steady_clock::now();
    try {
      sweep::SweepRow row = sweep::run_variant(sweep.plan, *i, sweep.scenarios[*i], options,
                                               [&](double done_s) { board.local_progress(done_s); });
      board.finished(std::move(row), std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), 0);
    } catch (...) {
      board.failed(cli::describe_failure(std::current_exception(), "aifsim-mpi: rank 0"));
    }
  }
}

// One worker's report: its row or error goes on the board; returns what to answer.
Assignment answer(Board& board, int rank, const std::vector<char>& bytes) {
  try {
    const Report r = decode_report(bytes);
    if (r.stopping) board.stop.store(true);
    if (r.kind == Report::Kind::error) {
      board.failed({r.text, r.exit_code});
      return {};
    }
    if (r.kind == Report::Kind::result) {
      const auto i = static_cast<std::size_t>(r.variant);
      const sweep::Variant& v = board.plan().variants.at(i);
      const std::string where = "rank " + std::to_string(rank) + ": variants/" +
                                sweep::variant_dir_name(board.plan(), v) + "/summary.json";
      board.finished(sweep::make_row(board.plan(), v, sweep::parse_variant_summary(r.text, where)), r.wall_s, rank);
    }
  } catch (...) {  // a row rank 0 cannot read
    board.failed(cli::describe_failure(std::current_exception(), "aifsim-mpi: from rank " + std::to_string(rank)));
    return {};
  }
  const auto i = board.next();
  if (!i) return {};
  return Assignment{static_cast<std::int64_t>(*i), sweep::variant_dir_name(board.plan(), board.plan().variants[*i])};
}

}  // namespace

int coordinate_sweep(const MpiLink& link, const cli::SweepArgs& args, const std::atomic<bool>* stop) {
  std::optional<PreparedSweep> prepared = cli::prepare_sweep(args);
  const GoAhead go{prepared ? 0 : cli::kInvalidInput, prepared ? prepared->options.out_dir.string() : ""};
  for (int w = 1; w < link.size(); ++w) link.send(w, kGoAheadTag, encode(go));
  if (!prepared) return cli::kInvalidInput;
  const PreparedSweep& sweep = *prepared;
  if (!args.quiet)
    cli::print_sweep_start(sweep, std::to_string(link.size()) + " MPI rank" + (link.size() == 1 ? "" : "s") +
                                      ", a variant at a time on each");

  Board board(sweep, args.quiet);
  std::thread here;
  std::atomic<bool> here_done{!board.has_work()};
  if (!here_done.load()) here = std::thread([&] {
    run_here(board, sweep);
    here_done.store(true);
  });
  int waiting_workers = link.size() - 1;  // workers that have not been told "no more work"
  Backoff backoff;
  while (waiting_workers > 0 || !here_done.load()) {
    if (stop->load()) board.stop.store(true);
    if (auto in = link.try_receive(kReportTag)) {
      const Assignment a = answer(board, in->source, in->bytes);
      link.send(in->source, kAssignTag, encode(a));
      if (a.variant < 0) --waiting_workers;
      backoff.reset();
      continue;  // drain every waiting report before pausing
    }
    backoff.pause();
  }
  if (here.joinable()) here.join();

  int code = cli::kOk;
  if (const auto f = board.failure()) {
    code = cli::report_variant_failure(board.reporter(), *f);
  } else {
    board.reporter().finish();
    if (board.done() < sweep.which.size()) {
      // No table for a stopped sweep: rank 0 cannot tell Ctrl-C from a dead worker, and mpirun
      // gives the ranks a second before it kills them, so a table could be cut off anyway.
      if (!args.quiet) {
        std::printf("sweep %s: stopped with %zu of %zu variants done, kept in %s (no table until all are done)\n",
                    sweep.plan.name.c_str(), board.done(), sweep.which.size(),
                    (sweep.options.out_dir / "variants").string().c_str());
        cli::print_resume_hint(args, sweep, "aifsim-mpi");
      }
      code = cli::kInterrupted;
    } else {
      code = cli::write_sweep_result(args, sweep, board.take_rows(), false, "aifsim-mpi");
    }
  }
  for (int w = 1; w < link.size(); ++w) link.send(w, kFinishTag, {});
  return code;
}

}  // namespace aifsim::mpi
