// SPDX-License-Identifier: Apache-2.0
// TrainingCluster: the pool and its GPU bookkeeping, job submission, the exact event loop
// inside each tick (arrivals, completions, checkpoint and restart edges) and the statistics.
// The rest of the class: training_job_dynamics.cpp, training_scheduler.cpp and
// training_placement.cpp.
#include "sim/workload/training_cluster.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <utility>

#include "sim/workload/training_common.h"

namespace aifsim::workload {

using training_detail::bad;
using training_detail::clean_speed;
using training_detail::eps_at;
using training_detail::kInf;
using training_detail::num;

namespace {

bool valid_activity(float a) { return a >= 0.0f && a <= 1.0f; }  // false for NaN

}  // namespace

// --- construction and submission --------------------------------------------------------------

TrainingCluster::TrainingCluster(std::vector<PoolRack> racks, SchedulerPolicy scheduler,
                                 PlacementPolicy placement, PhaseActivity activity)
    : racks_(std::move(racks)), scheduler_(scheduler), placement_(placement),
      activity_(activity) {
  if (!valid_activity(activity_.compute) || !valid_activity(activity_.comm) ||
      !valid_activity(activity_.checkpoint) || !valid_activity(activity_.restart) ||
      !valid_activity(activity_.stalled)) {
    bad("phase activities must lie in [0, 1]");
  }
  std::int32_t max_gpu = -1;
  for (const PoolRack& rack : racks_) {
    for (const std::int32_t g : rack.gpus) {
      if (g < 0) bad("negative GPU index " + std::to_string(g) + " in pool rack " +
                     std::to_string(rack.rack));
      max_gpu = std::max(max_gpu, g);
    }
  }
  gpu_span_ = max_gpu < 0 ? 0 : static_cast<std::size_t>(max_gpu) + 1;
  gpu_rack_.assign(gpu_span_, -1);
  gpu_free_.assign(gpu_span_, 0);
  gpu_activity_.assign(gpu_span_, 0.0);
  rack_free_.assign(racks_.size(), 0);
  for (std::size_t r = 0; r < racks_.size(); ++r) {
    for (const std::int32_t g : racks_[r].gpus) {
      const auto gi = static_cast<std::size_t>(g);
      if (gpu_rack_[gi] != -1) bad("GPU " + std::to_string(g) + " is in the pool twice");
      gpu_rack_[gi] = static_cast<std::int32_t>(r);
      gpu_free_[gi] = 1;
    }
    rack_free_[r] = static_cast<int>(racks_[r].gpus.size());
    pool_size_ += racks_[r].gpus.size();
  }
  free_gpus_ = pool_size_;
  scratch_racks_.reserve(racks_.size());
  scratch_take_.reserve(racks_.size());
}

std::size_t TrainingCluster::submit(TrainingJob job) {
  const std::string who = "job '" + job.name + "': ";
  if (job.gpus < 1 || static_cast<std::size_t>(job.gpus) > pool_size_) {
    bad(who + "gpus must be in 1.." + std::to_string(pool_size_) + " (got " +
        std::to_string(job.gpus) + ")");
  }
  if (!std::isfinite(job.arrival_s)) bad(who + "arrival_s must be finite");
  if (!std::isfinite(job.work_s) || job.work_s <= 0.0) {
    bad(who + "work_s must be > 0 (got " + num(job.work_s) + ")");
  }
  if (!std::isfinite(job.iteration_s) || job.iteration_s < 0.0) {
    bad(who + "iteration_s must be >= 0 (got " + num(job.iteration_s) + ")");
  }
  if (!(job.comm_fraction >= 0.0 && job.comm_fraction < 1.0)) {
    bad(who + "comm_fraction must be in [0, 1) (got " + num(job.comm_fraction) + ")");
  }
  if (!std::isfinite(job.checkpoint_interval_s) || job.checkpoint_interval_s < 0.0 ||
      !std::isfinite(job.checkpoint_write_s) || job.checkpoint_write_s < 0.0 ||
      !std::isfinite(job.restart_s) || job.restart_s < 0.0) {
    bad(who + "checkpoint_interval_s, checkpoint_write_s and restart_s must be >= 0");
  }
  if (job.checkpoint_interval_s > 0.0 && job.checkpoint_write_s >= job.checkpoint_interval_s) {
    bad(who + "checkpoint_write_s (" + num(job.checkpoint_write_s) +
        ") must be shorter than checkpoint_interval_s (" + num(job.checkpoint_interval_s) + ")");
  }
  const std::size_t index = jobs_.size();
  Job& j = jobs_.emplace_back();
  j.spec = std::move(job);
  // pending_ is sorted by (arrival_s, index) descending: the next arrival is at the back.
  const double arrival = j.spec.arrival_s;
  const auto pos = std::partition_point(pending_.begin(), pending_.end(), [&](std::size_t q) {
    const double a = jobs_[q].spec.arrival_s;
    return a > arrival || (a == arrival && q > index);
  });
  pending_.insert(pos, index);
  return index;
}

// --- the tick -------------------------------------------------------------------------------

void TrainingCluster::step(double t0_s, double dt_s, std::span<const float> gpu_speed,
                           std::span<const RackView> racks, std::span<float> gpu_activity_out) {
  if (!std::isfinite(t0_s)) bad("step: t0_s must be finite");
  if (!std::isfinite(dt_s) || dt_s <= 0.0) bad("step: dt_s must be > 0 (got " + num(dt_s) + ")");
  if (stepped_ && std::abs(t0_s - now_s_) > eps_at(now_s_)) {
    bad("step: t0_s (" + num(t0_s) + ") must continue the previous interval (ended at " +
        num(now_s_) + ")");
  }
  if (gpu_speed.size() < gpu_span_ || gpu_activity_out.size() < gpu_span_) {
    bad("step: gpu_speed and gpu_activity_out need " + std::to_string(gpu_span_) + " entries");
  }
  if (racks.size() != racks_.size()) {
    bad("step: expected " + std::to_string(racks_.size()) + " rack views (got " +
        std::to_string(racks.size()) + ")");
  }
  const double t_end = t0_s + dt_s;
  double t = t0_s;
  last_t0_s_ = t0_s;
  std::fill(gpu_activity_.begin(), gpu_activity_.end(), 0.0);
  for (const std::size_t j : running_) {
    Job& job = jobs_[j];
    double rate = kInf;
    for (const std::int32_t g : job.gpus) {
      rate = std::min(rate, clean_speed(gpu_speed[static_cast<std::size_t>(g)]));
    }
    job.rate = rate;
    job.snapshot = job.dyn;
    job.snapshot_s = t;
    job.tick_activity = 0.0;
  }

  admit(t);
  schedule(t, gpu_speed, racks);
  for (;;) {
    double t_next = t_end;
    if (!pending_.empty()) t_next = std::min(t_next, jobs_[pending_.back()].spec.arrival_s);
    for (const std::size_t j : running_) {
      const Job& job = jobs_[j];
      t_next = std::min(t_next, next_event_s(job.spec, job.dyn, job.rate, t));
    }
    if (t_next > t_end - eps_at(t_end)) t_next = t_end;
    t_next = std::max(t_next, t);
    const double seg = t_next - t;
    for (const std::size_t j : running_) {
      Job& job = jobs_[j];
      job.tick_activity += advance(job.spec, job.dyn, job.rate, seg, activity_);
      busy_gpu_s_ += static_cast<double>(job.gpus.size()) * seg;
    }
    t = t_next;
    for (std::size_t i = 0; i < running_.size();) {
      const std::size_t j = running_[i];
      Job& job = jobs_[j];
      if (process_events(job.spec, job.dyn, job.rate, t)) {
        complete(j, t);  // removes running_[i]
      } else {
        ++i;
      }
    }
    if (t >= t_end) break;
    admit(t);
    schedule(t, gpu_speed, racks);
  }

  for (const std::size_t j : running_) flush_activity(jobs_[j]);
  for (const PoolRack& rack : racks_) {
    for (const std::int32_t g : rack.gpus) {
      const auto gi = static_cast<std::size_t>(g);
      gpu_activity_out[gi] = static_cast<float>(gpu_activity_[gi] / dt_s);
    }
  }
  elapsed_s_ += dt_s;
  now_s_ = t_end;
  stepped_ = true;
}

void TrainingCluster::flush_activity(Job& job) {
  for (const std::int32_t g : job.gpus) {
    gpu_activity_[static_cast<std::size_t>(g)] += job.tick_activity;
  }
  job.tick_activity = 0.0;
}

void TrainingCluster::complete(std::size_t index, double t) {
  Job& job = jobs_[index];
  flush_activity(job);
  for (const std::int32_t g : job.gpus) {
    const auto gi = static_cast<std::size_t>(g);
    gpu_free_[gi] = 1;
    ++rack_free_[static_cast<std::size_t>(gpu_rack_[gi])];
  }
  free_gpus_ += job.gpus.size();
  job.status = Status::done;
  job.end_s = t;
  job.dyn.progress_s = job.spec.work_s;
  running_.erase(std::find(running_.begin(), running_.end(), index));
  ++completed_;
}

// --- statistics -----------------------------------------------------------------------------

double TrainingCluster::useful_gpu_s() const {
  double sum = 0.0;
  for (const Job& job : jobs_) {
    if (job.status == Status::running || job.status == Status::done) {
      sum += job.dyn.progress_s * static_cast<double>(job.spec.gpus);
    }
  }
  return sum;
}

double TrainingCluster::queue_wait_percentile_s(double p) const {
  if (std::isnan(p) || p < 0.0 || p > 100.0) {
    bad("queue_wait_percentile_s: p must be in [0, 100] (got " + num(p) + ")");
  }
  if (queue_waits_s_.empty()) return 0.0;
  std::vector<double> sorted = queue_waits_s_;
  std::sort(sorted.begin(), sorted.end());
  const double n = static_cast<double>(sorted.size());
  const double r = std::ceil(p * n / 100.0);
  std::size_t rank = 1;
  if (r >= n) {
    rank = sorted.size();
  } else if (r > 1.0) {
    rank = static_cast<std::size_t>(r);
  }
  return sorted[rank - 1];
}

std::vector<JobRecord> TrainingCluster::records() const {
  std::vector<JobRecord> out;
  out.reserve(jobs_.size());
  for (const Job& job : jobs_) {
    JobRecord rec;
    rec.name = job.spec.name;
    rec.gpus = job.spec.gpus;
    rec.priority = job.spec.priority;
    rec.arrival_s = job.spec.arrival_s;
    rec.start_s = job.start_s;
    rec.end_s = job.end_s;
    rec.work_s = job.spec.work_s;
    const bool started = job.status == Status::running || job.status == Status::done;
    rec.progress_s = started ? job.dyn.progress_s : 0.0;
    rec.failures = job.failures;
    rec.checkpoints = job.dyn.checkpoints;
    rec.lost_work_s = job.lost_work_s;
    rec.completed = job.status == Status::done;
    out.push_back(std::move(rec));
  }
  return out;
}

std::span<const std::int32_t> TrainingCluster::job_gpus(std::size_t job_index) const {
  if (job_index >= jobs_.size() || jobs_[job_index].status != Status::running) return {};
  return jobs_[job_index].gpus;
}

}  // namespace aifsim::workload
