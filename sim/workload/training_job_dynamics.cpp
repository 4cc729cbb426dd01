// SPDX-License-Identifier: Apache-2.0
// One training job's dynamics: progress and phase activity on the work clock, checkpoint and
// restart edges, completion, the full-speed end estimate backfill reserves with, and failures.
#include "sim/workload/training_cluster.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <string>

#include "sim/workload/training_common.h"

namespace aifsim::workload {

using training_detail::bad;
using training_detail::eps_at;
using training_detail::kInf;
using training_detail::num;

namespace {

/// Activity integral over the work clock from 0 to p (activity x work-s), p within a few
/// iterations of 0 (the caller shifts by whole iterations to keep precision).
double work_integral(const TrainingJob& spec, const PhaseActivity& act, double p) {
  const double compute = static_cast<double>(act.compute);
  if (spec.iteration_s <= 0.0) return compute * p;
  const double comm = static_cast<double>(act.comm);
  const double period = spec.iteration_s;
  const double compute_len = (1.0 - spec.comm_fraction) * period;
  const double n = std::floor(p / period);
  const double r = std::clamp(p - n * period, 0.0, period);
  const double per_iteration = compute_len * compute + (period - compute_len) * comm;
  return n * per_iteration + compute * std::min(r, compute_len) +
         comm * std::max(0.0, r - compute_len);
}

}  // namespace

// --- one job's dynamics (pure; shared by step and the fail_job replay) -------------------------

double TrainingCluster::next_event_s(const TrainingJob& spec, const Dynamics& dyn, double rate,
                                     double t) {
  if (dyn.mode != Mode::run) return dyn.mode_end_s;
  const double completion = rate > 0.0 ? t + (spec.work_s - dyn.progress_s) / rate : kInf;
  return std::min(completion, dyn.next_checkpoint_s);
}

double TrainingCluster::advance(const TrainingJob& spec, Dynamics& dyn, double rate,
                                double dt_s, const PhaseActivity& act) {
  if (dt_s <= 0.0) return 0.0;
  switch (dyn.mode) {
    case Mode::checkpoint:
      return static_cast<double>(act.checkpoint) * dt_s;
    case Mode::restart:
      return static_cast<double>(act.restart) * dt_s;
    case Mode::run:
      break;
  }
  if (rate <= 0.0) return static_cast<double>(act.stalled) * dt_s;
  const double p0 = dyn.progress_s;
  const double p1 = std::min(p0 + rate * dt_s, spec.work_s);
  dyn.progress_s = p1;
  // With a constant rate, wall time = work time / rate: integrate the phase square wave over
  // the work clock, relative to the start of p0's iteration to keep precision late in a job.
  const double base =
      spec.iteration_s > 0.0 ? std::floor(p0 / spec.iteration_s) * spec.iteration_s : 0.0;
  return (work_integral(spec, act, p1 - base) - work_integral(spec, act, p0 - base)) / rate;
}

bool TrainingCluster::process_events(const TrainingJob& spec, Dynamics& dyn, double rate,
                                     double t) {
  const double eps = eps_at(t);
  for (;;) {
    if (next_event_s(spec, dyn, rate, t) > t + eps) return false;
    switch (dyn.mode) {
      case Mode::run: {
        const bool done = rate > 0.0 && (spec.work_s - dyn.progress_s) / rate <= eps;
        if (done) {  // completion wins over a checkpoint due at the same time
          dyn.progress_s = spec.work_s;
          return true;
        }
        // A checkpoint is due: save the progress at the start of the write.
        const double due = dyn.next_checkpoint_s;
        dyn.saved_progress_s = dyn.progress_s;
        ++dyn.checkpoints;
        dyn.next_checkpoint_s = due + spec.checkpoint_interval_s;
        if (spec.checkpoint_write_s > 0.0) {
          dyn.mode = Mode::checkpoint;
          dyn.mode_end_s = due + spec.checkpoint_write_s;
        }
        break;
      }
      case Mode::checkpoint:
        dyn.mode = Mode::run;
        break;
      case Mode::restart:
        dyn.mode = Mode::run;
        dyn.next_checkpoint_s =
            spec.checkpoint_interval_s > 0.0 ? dyn.mode_end_s + spec.checkpoint_interval_s : kInf;
        break;
    }
  }
}

double TrainingCluster::replay(const TrainingJob& spec, Dynamics& dyn, double rate,
                               double t_from, double t_to, const PhaseActivity& act) {
  double t = t_from;
  while (t < t_to) {
    double t_next = std::min(next_event_s(spec, dyn, rate, t), t_to);
    if (t_next > t_to - eps_at(t_to)) t_next = t_to;
    (void)advance(spec, dyn, rate, t_next - t, act);
    t = t_next;
    if (process_events(spec, dyn, rate, t)) return t;
  }
  return -1.0;
}

double TrainingCluster::estimated_end_s(const TrainingJob& spec, const Dynamics& dyn,
                                        double t) {
  // At full speed, no failures: the rest of the current write/restart, the remaining work and
  // the checkpoint writes that start before the work is done (exact under speed 1).
  double resume = t;
  double next_ckpt = dyn.next_checkpoint_s;
  if (dyn.mode != Mode::run) resume = std::max(t, dyn.mode_end_s);
  if (dyn.mode == Mode::restart) {
    next_ckpt = spec.checkpoint_interval_s > 0.0 ? resume + spec.checkpoint_interval_s : kInf;
  }
  const double remaining = std::max(0.0, spec.work_s - dyn.progress_s);
  next_ckpt = std::max(next_ckpt, resume);
  if (!(spec.checkpoint_interval_s > 0.0) || resume + remaining <= next_ckpt) {
    return resume + remaining;
  }
  const double after_first = remaining - (next_ckpt - resume);
  const double per_cycle = spec.checkpoint_interval_s - spec.checkpoint_write_s;
  const double more = std::max(0.0, std::ceil(after_first / per_cycle) - 1.0);
  return next_ckpt + spec.checkpoint_write_s * (1.0 + more) + after_first;
}

// --- failures -------------------------------------------------------------------------------

bool TrainingCluster::fail_job(std::size_t job_index, double at_s) {
  if (job_index >= jobs_.size()) {
    throw std::out_of_range("TrainingCluster::fail_job: no job " + std::to_string(job_index));
  }
  Job& job = jobs_[job_index];
  if (job.status != Status::running) return false;
  const double eps = eps_at(now_s_);
  if (!std::isfinite(at_s) || at_s < last_t0_s_ - eps || at_s > now_s_ + eps) {
    bad("fail_job: at_s (" + num(at_s) + ") must lie in the last stepped interval [" +
        num(last_t0_s_) + ", " + num(now_s_) + "]");
  }
  if (at_s < job.start_s - eps) return false;  // it started later in the interval
  if (at_s < job.snapshot_s - eps) {
    bad("fail_job: failures of job '" + job.spec.name + "' must come in time order");
  }
  const double at = std::clamp(at_s, job.snapshot_s, now_s_);

  // The job's state at the failure, replayed from the last snapshot at the interval's speeds.
  Dynamics dyn = job.snapshot;
  if (replay(job.spec, dyn, job.rate, job.snapshot_s, at, activity_) >= 0.0) return false;
  job.lost_work_s += dyn.progress_s - dyn.saved_progress_s;
  dyn.progress_s = dyn.saved_progress_s;
  ++job.failures;
  if (job.spec.restart_s > 0.0) {
    dyn.mode = Mode::restart;
    dyn.mode_end_s = at + job.spec.restart_s;
    dyn.next_checkpoint_s = kInf;  // set when the restart ends
  } else {
    dyn.mode = Mode::run;
    dyn.next_checkpoint_s =
        job.spec.checkpoint_interval_s > 0.0 ? at + job.spec.checkpoint_interval_s : kInf;
  }
  job.snapshot = dyn;
  job.snapshot_s = at;

  // On to the end of the interval. Being behind its unfailed self, the job rarely completes
  // there (only by skipping a checkpoint write); if it does, its GPUs serve the next step.
  const double done_at = replay(job.spec, dyn, job.rate, at, now_s_, activity_);
  job.dyn = dyn;
  if (done_at >= 0.0) {
    busy_gpu_s_ -= static_cast<double>(job.gpus.size()) * (now_s_ - done_at);
    job.tick_activity = 0.0;
    complete(job_index, done_at);
  }
  return true;
}

}  // namespace aifsim::workload
