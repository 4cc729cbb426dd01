// SPDX-License-Identifier: Apache-2.0
// TrainingCluster: an exact event loop inside each tick (arrivals, completions, checkpoint and
// restart edges), EASY backfill, rack-aware placement and the work-clock phase integral.
#include "sim/workload/training_cluster.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>

namespace aifsim::workload {

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

/// Events closer than this to a time are taken as simultaneous with it, s: absorbs the
/// rounding of times computed along different paths (t + remaining / rate, sums of intervals).
double eps_at(double t) { return 1e-9 + 1e-12 * std::abs(t); }

std::string num(double v) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.17g", v);
  return buf;
}

[[noreturn]] void bad(const std::string& what) {
  throw std::invalid_argument("TrainingCluster: " + what);
}

bool valid_activity(float a) { return a >= 0.0f && a <= 1.0f; }  // false for NaN

/// Speed of one GPU as a progress rate: negative, NaN and infinite count as 0 (stalled).
double clean_speed(float s) {
  const double v = static_cast<double>(s);
  return (std::isfinite(v) && v > 0.0) ? v : 0.0;
}

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

void TrainingCluster::place(int count, std::span<const RackView> racks,
                            std::vector<std::int32_t>& out) {
  const std::size_t n = racks_.size();
  scratch_take_.assign(n, 0);
  const auto avail = [&](std::size_t r) { return rack_free_[r] - scratch_take_[r]; };
  int remaining = count;

  if (placement_ == PlacementPolicy::pack) {
    // Best fit: the fullest rack that fits what is left; when none does, empty the rack with
    // the most free GPUs (fewest racks overall) and look again.
    while (remaining > 0) {
      std::size_t fit = n;
      std::size_t biggest = n;
      for (std::size_t r = 0; r < n; ++r) {
        const int a = avail(r);
        if (a <= 0) continue;
        if (a >= remaining && (fit == n || a < avail(fit))) fit = r;
        if (biggest == n || a > avail(biggest)) biggest = r;
      }
      if (fit != n) {
        scratch_take_[fit] += remaining;
        remaining = 0;
      } else {
        const int a = avail(biggest);
        scratch_take_[biggest] += a;
        remaining -= a;
      }
    }
  } else {
    scratch_racks_.clear();
    for (std::size_t r = 0; r < n; ++r) {
      if (rack_free_[r] > 0) scratch_racks_.push_back(r);
    }
    // Rack order of the policy, ties (and NaN views, ranked last) by rack order.
    const auto key = [&](std::size_t r) -> double {
      switch (placement_) {
        case PlacementPolicy::spread:
          return -static_cast<double>(rack_free_[r]);
        case PlacementPolicy::thermal: {
          const double c = static_cast<double>(racks[r].coolant_c);
          return std::isnan(c) ? kInf : c;
        }
        case PlacementPolicy::power: {
          const double h = racks[r].power_headroom_w;
          return std::isnan(h) ? kInf : -h;
        }
        case PlacementPolicy::pack:
          break;
      }
      return 0.0;
    };
    std::sort(scratch_racks_.begin(), scratch_racks_.end(), [&](std::size_t a, std::size_t b) {
      const double ka = key(a);
      const double kb = key(b);
      return ka != kb ? ka < kb : a < b;
    });
    if (placement_ == PlacementPolicy::spread) {
      while (remaining > 0) {
        for (const std::size_t r : scratch_racks_) {
          if (remaining == 0) break;
          if (avail(r) > 0) {
            ++scratch_take_[r];
            --remaining;
          }
        }
      }
    } else {
      for (const std::size_t r : scratch_racks_) {
        const int take = std::min(remaining, avail(r));
        scratch_take_[r] += take;
        remaining -= take;
        if (remaining == 0) break;
      }
    }
  }

  // The lowest free GPUs (in the rack's listed order) of each chosen rack, racks in pool order.
  out.clear();
  out.reserve(static_cast<std::size_t>(count));
  for (std::size_t r = 0; r < n; ++r) {
    int take = scratch_take_[r];
    for (const std::int32_t g : racks_[r].gpus) {
      if (take == 0) break;
      if (gpu_free_[static_cast<std::size_t>(g)] != 0) {
        out.push_back(g);
        --take;
      }
    }
  }
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
