// SPDX-License-Identifier: Apache-2.0
// The training scheduler: arrivals into the queue in policy order, the hold on deferrable
// jobs, starting jobs in order (FIFO, priority) or by EASY backfill around the head's
// reservation, and the GPU bookkeeping of a start.
#include "sim/workload/training_cluster.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>

#include "sim/workload/training_common.h"

namespace aifsim::workload {

using training_detail::clean_speed;
using training_detail::eps_at;
using training_detail::kInf;

bool TrainingCluster::before_in_queue(std::size_t a, std::size_t b) const {
  const TrainingJob& ja = jobs_[a].spec;
  const TrainingJob& jb = jobs_[b].spec;
  if (scheduler_ == SchedulerPolicy::priority && ja.priority != jb.priority) {
    return ja.priority > jb.priority;
  }
  if (ja.arrival_s != jb.arrival_s) return ja.arrival_s < jb.arrival_s;
  return a < b;
}

void TrainingCluster::admit(double t) {
  const double limit = t + eps_at(t);
  while (!pending_.empty() && jobs_[pending_.back()].spec.arrival_s <= limit) {
    const std::size_t j = pending_.back();
    pending_.pop_back();
    jobs_[j].status = Status::queued;
    const auto pos = std::partition_point(queue_.begin(), queue_.end(),
                                          [&](std::size_t q) { return before_in_queue(q, j); });
    queue_.insert(pos, j);
  }
}

void TrainingCluster::set_hold_deferrable(bool hold) {
  hold_deferrable_ = hold;
  if (hold || parked_.empty()) return;
  for (const std::size_t j : parked_) {
    const auto pos = std::partition_point(queue_.begin(), queue_.end(),
                                          [&](std::size_t q) { return before_in_queue(q, j); });
    queue_.insert(pos, j);
  }
  parked_.clear();
}

void TrainingCluster::schedule(double t, std::span<const float> gpu_speed,
                               std::span<const RackView> racks) {
  if (hold_deferrable_) {
    for (std::size_t i = 0; i < queue_.size();) {
      if (jobs_[queue_[i]].spec.deferrable) {
        parked_.push_back(queue_[i]);  // rejoins in policy order on release
        queue_.erase(queue_.begin() + static_cast<std::ptrdiff_t>(i));
      } else {
        ++i;
      }
    }
  }
  const auto gpus_of = [&](std::size_t j) { return static_cast<std::size_t>(jobs_[j].spec.gpus); };
  while (!queue_.empty() && gpus_of(queue_.front()) <= free_gpus_) {
    const std::size_t j = queue_.front();
    queue_.erase(queue_.begin());
    start_job(j, t, gpu_speed, racks);
  }
  if (scheduler_ != SchedulerPolicy::backfill || queue_.size() < 2 || free_gpus_ == 0) return;

  // EASY: the head's reservation ("shadow" time) is the earliest estimated time enough GPUs
  // are free; `extra` GPUs are free then beyond what the head needs.
  const std::size_t need = gpus_of(queue_.front());
  scratch_ends_.clear();
  for (const std::size_t j : running_) {
    const Job& job = jobs_[j];
    scratch_ends_.emplace_back(estimated_end_s(job.spec, job.dyn, t),
                               static_cast<int>(job.gpus.size()));
  }
  std::sort(scratch_ends_.begin(), scratch_ends_.end());
  std::size_t available = free_gpus_;
  double shadow = kInf;
  std::size_t k = 0;
  for (; k < scratch_ends_.size() && available < need; ++k) {
    available += static_cast<std::size_t>(scratch_ends_[k].second);
    shadow = scratch_ends_[k].first;
  }
  for (; k < scratch_ends_.size() && scratch_ends_[k].first <= shadow; ++k) {
    available += static_cast<std::size_t>(scratch_ends_[k].second);  // ending together
  }
  std::size_t extra = available >= need ? available - need : 0;
  const double shadow_limit = shadow + eps_at(shadow);

  for (std::size_t i = 1; i < queue_.size() && free_gpus_ > 0;) {
    const std::size_t j = queue_[i];
    const std::size_t g = gpus_of(j);
    if (g <= free_gpus_) {
      Dynamics fresh;
      if (jobs_[j].spec.checkpoint_interval_s > 0.0) {
        fresh.next_checkpoint_s = t + jobs_[j].spec.checkpoint_interval_s;
      }
      const bool ends_before = estimated_end_s(jobs_[j].spec, fresh, t) <= shadow_limit;
      if (ends_before || g <= extra) {
        if (!ends_before) extra -= g;
        queue_.erase(queue_.begin() + static_cast<std::ptrdiff_t>(i));
        start_job(j, t, gpu_speed, racks);
        continue;
      }
    }
    ++i;
  }
}

void TrainingCluster::start_job(std::size_t index, double t, std::span<const float> gpu_speed,
                                std::span<const RackView> racks) {
  Job& job = jobs_[index];
  place(job.spec.gpus, racks, job.gpus);
  double rate = kInf;
  for (const std::int32_t g : job.gpus) {
    const auto gi = static_cast<std::size_t>(g);
    gpu_free_[gi] = 0;
    --rack_free_[static_cast<std::size_t>(gpu_rack_[gi])];
    rate = std::min(rate, clean_speed(gpu_speed[gi]));
  }
  free_gpus_ -= job.gpus.size();
  job.status = Status::running;
  job.start_s = t;
  job.rate = rate;
  job.dyn = Dynamics{};
  if (job.spec.checkpoint_interval_s > 0.0) {
    job.dyn.next_checkpoint_s = t + job.spec.checkpoint_interval_s;
  }
  job.snapshot = job.dyn;
  job.snapshot_s = t;
  job.tick_activity = 0.0;
  running_.push_back(index);
  queue_waits_s_.push_back(t - job.spec.arrival_s);
}

}  // namespace aifsim::workload
