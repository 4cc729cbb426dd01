// SPDX-License-Identifier: Apache-2.0
// Building the services and the training cluster from the scenario, and their per-tick step.
#include "sim/run/workload_set.h"

#include <algorithm>
#include <cmath>

#include <omp.h>

#include "sim/core/error.h"
#include "sim/core/rng.h"
#include "sim/workload/job_trace.h"
#include "sim/run/build.h"
#include "sim/workload/serving_profile.h"

namespace aifsim::run {
namespace {

constexpr std::int16_t kNoOwner = -1, kTraining = -2;  // gpu_owner_ beside service indices

// Global GPU index of a placement coordinate: the rack ordinal counts the group's racks in
// topology order.
std::vector<std::vector<int>> group_racks(const facility::Topology& topo, std::size_t groups) {
  std::vector<std::vector<int>> out(groups);
  for (std::size_t r = 0; r < topo.racks.size(); ++r)
    out[static_cast<std::size_t>(topo.racks[r].group)].push_back(static_cast<int>(r));
  return out;
}

workload::SchedulerPolicy scheduler_policy(scenario::SchedulerKind k) {
  switch (k) {
    case scenario::SchedulerKind::fifo: return workload::SchedulerPolicy::fifo;
    case scenario::SchedulerKind::backfill: return workload::SchedulerPolicy::backfill;
    case scenario::SchedulerKind::priority: return workload::SchedulerPolicy::priority;
  }
  return workload::SchedulerPolicy::fifo;
}

workload::PlacementPolicy placement_policy(scenario::PlacementKind k) {
  switch (k) {
    case scenario::PlacementKind::pack: return workload::PlacementPolicy::pack;
    case scenario::PlacementKind::spread: return workload::PlacementPolicy::spread;
    case scenario::PlacementKind::thermal: return workload::PlacementPolicy::thermal;
    case scenario::PlacementKind::power: return workload::PlacementPolicy::power;
  }
  return workload::PlacementPolicy::pack;
}

// Jobs of the training spec: listed, generated and replayed, with the spec's phase settings.
// Generated or replayed jobs wider than the whole pool could never start: they are left out
// and counted in `rejected` rather than blocking the queue forever.
std::vector<workload::TrainingJob> training_jobs(const scenario::ScenarioSpec& spec, std::size_t pool_gpus,
                                                 std::size_t& rejected) {
  const scenario::TrainingSpec& t = spec.workloads.training;
  const auto base = [&t] {
    workload::TrainingJob j;
    j.iteration_s = t.iteration_s;
    j.comm_fraction = t.comm_fraction;
    j.checkpoint_interval_s = t.checkpoint_interval.s;
    j.checkpoint_write_s = t.checkpoint_interval.s > 0 ? std::min(t.checkpoint_write_s, 0.5 * t.checkpoint_interval.s) : 0.0;
    j.restart_s = t.restart_s;
    return j;
  };
  std::vector<workload::TrainingJob> jobs;
  for (std::size_t i = 0; i < t.jobs.size(); ++i) {
    const auto& js = t.jobs[i];
    workload::TrainingJob j = base();
    j.name = js.name.empty() ? "job-" + std::to_string(i) : js.name;
    j.arrival_s = js.at.s;
    j.gpus = js.gpus;
    j.work_s = js.work.s;
    j.priority = js.priority;
    j.deferrable = js.deferrable;
    jobs.push_back(j);
  }
  if (t.generator.jobs_per_h > 0 && !t.generator.gpus.empty()) {
    RandomStream arrivals(spec.seed, 0, StreamPurpose::job_arrival);
    RandomStream sizes(spec.seed, 0, StreamPurpose::job_size);
    RandomStream durations(spec.seed, 0, StreamPurpose::job_duration);
    int n = 0;
    for (double at = arrivals.exponential(t.generator.jobs_per_h / 3600.0); at < spec.time.duration.s;
         at += arrivals.exponential(t.generator.jobs_per_h / 3600.0)) {
      workload::TrainingJob j = base();
      j.name = "gen-" + std::to_string(n++);
      j.arrival_s = at;
      j.gpus = t.generator.gpus[sizes.uniform_int(t.generator.gpus.size())];
      j.work_s = std::max(1.0, durations.exponential(1.0 / t.generator.mean_work.s));
      j.deferrable = t.deferrable;
      jobs.push_back(j);
    }
  }
  if (!t.trace.empty()) {
    const std::string format = t.trace_format == "alibaba" ? "alibaba_pod" : t.trace_format;
    const workload::JobTrace trace = workload::read_job_trace(t.trace, format);
    for (const auto& tj : trace.jobs) {
      const double at = tj.arrival_s * t.trace_time_scale;
      if (at >= spec.time.duration.s) break;  // sorted by arrival
      workload::TrainingJob j = base();
      j.name = tj.name;
      j.arrival_s = at;
      j.gpus = tj.gpus;
      j.work_s = tj.duration_s;
      j.priority = tj.priority;
      j.deferrable = t.deferrable;
      jobs.push_back(j);
    }
  }
  rejected = std::erase_if(jobs, [pool_gpus](const workload::TrainingJob& j) {
    return j.gpus < 1 || static_cast<std::size_t>(j.gpus) > pool_gpus;
  });
  return jobs;
}

}  // namespace

WorkloadSet::WorkloadSet(const scenario::ScenarioSpec& spec, const facility::Topology& topo,
                         const scenario::Placement& plan, facility::LoadGroups rack_groups)
    : groups_(std::move(rack_groups)),
      slots_(omp_get_max_threads()),
      gpu_owner_(static_cast<std::size_t>(topo.gpus), kNoOwner) {
  const auto racks_of = group_racks(topo, spec.racks.size());
  const auto global = [&](const scenario::GroupGpu& g) {
    const auto& rack = topo.racks[static_cast<std::size_t>(
        racks_of[static_cast<std::size_t>(g.group)][static_cast<std::size_t>(g.rack)])];
    return static_cast<std::int32_t>(rack.first_gpu + g.gpu);
  };

  std::size_t index = 0;
  for (const auto& [name, s] : spec.workloads.inference) {
    const scenario::ServicePlacement& sp = plan.services[index];
    const auto& group = spec.racks.entries[static_cast<std::size_t>(sp.group)].second;
    const auto& gpu_type = spec.rack_types.find(group.type)->gpu_type;
    const auto* profile = spec.models.find(s.model)->profiles.find(gpu_type);
    const workload::ReplicaParams params = workload::replica_params(*profile, s, sp.replica_gpus);

    ServiceGpus sg;
    sg.replica_gpus = sp.replica_gpus;
    sg.first_group = static_cast<int>(groups_.jitter.size());
    sg.prefill_curve = workload_class_curve(spec, s.prefill_class);
    sg.decode_curve = workload_class_curve(spec, s.decode_class);
    for (const auto& first : sp.replica_first) {
      const std::int32_t g0 = global(first);
      sg.first_gpu.push_back(g0);
      const auto group_id = static_cast<std::int32_t>(groups_.jitter.size());
      for (int k = 0; k < sp.replica_gpus; ++k) {
        groups_.gpu_group[static_cast<std::size_t>(g0 + k)] = group_id;
        gpu_owner_[static_cast<std::size_t>(g0 + k)] = static_cast<std::int16_t>(index);
      }
      groups_.jitter.push_back(0.0f);
      groups_.speed.push_back(sg.decode_curve);
      if (!sg.gpu_ranges.empty() && sg.gpu_ranges.back().second == g0)
        sg.gpu_ranges.back().second = g0 + sp.replica_gpus;
      else
        sg.gpu_ranges.emplace_back(g0, g0 + sp.replica_gpus);
    }

    // Demand written per replica follows the service's size: rates scale by replicas /
    // base_replicas, and a replayed trace runs that much faster.
    const double demand = s.arrivals.scale_with == scenario::DemandScaling::replicas && s.arrivals.base_replicas > 0
                              ? static_cast<double>(sp.replica_first.size()) / s.arrivals.base_replicas
                              : 1.0;
    scenario::ArrivalSpec a = s.arrivals;
    const bool replay = !a.trace.empty();  // a trace file means replay, whatever the process
    if (replay && demand > 0) a.time_scale /= demand;
    std::shared_ptr<const workload::TokenSizeSampler> sizes;
    if (!replay && !s.sizes.trace.empty())
      sizes = std::make_shared<workload::TokenSizeSampler>(workload::read_request_trace(s.sizes.trace, s.sizes.format));
    const auto replayed = [&] {
      try {
        return workload::ArrivalStream(a, workload::read_request_trace(a.trace, a.format));
      } catch (const std::invalid_argument& e) {  // read fine, but cannot be replayed as asked
        throw InputError(a.trace + ": cannot replay this trace: " + e.what());
      }
    };
    workload::ArrivalStream stream =
        replay ? replayed() : workload::ArrivalStream(a, workload::SizeSampler(s.sizes, sizes), spec.seed, index);
    services_.push_back(std::make_unique<workload::InferenceService>(
        name, params, static_cast<int>(sg.first_gpu.size()), s.router, std::move(stream), slots_));
    for (std::size_t r = 0; r < sg.first_gpu.size(); ++r) replica_list_.push_back({static_cast<int>(index), static_cast<int>(r)});
    service_gpus_.push_back(std::move(sg));
    arrival_specs_.push_back(a);
    demand_scale_.push_back(replay ? 1.0 : demand);
    ++index;
  }
  service_gpu_j_.assign(services_.size(), 0.0);
  rate_multiplier_.assign(services_.size(), 1.0);

  if (!plan.training_pool.empty()) {
    const scenario::TrainingSpec& t = spec.workloads.training;
    training_curve_ = workload_class_curve(spec, t.workload_class);
    training_first_group_ = static_cast<int>(groups_.jitter.size());
    std::vector<workload::PoolRack> pool;
    for (const auto& g : plan.training_pool) {
      const std::int32_t gpu = global(g);
      const int rack = topo.gpu_rack[static_cast<std::size_t>(gpu)];
      if (pool.empty() || pool.back().rack != rack) pool.push_back({rack, {}});
      pool.back().gpus.push_back(gpu);
      pool_gpus_.push_back(gpu);
      gpu_owner_[static_cast<std::size_t>(gpu)] = kTraining;
      groups_.gpu_group[static_cast<std::size_t>(gpu)] = static_cast<std::int32_t>(groups_.jitter.size());
      groups_.jitter.push_back(0.0f);
      groups_.speed.push_back(training_curve_);
    }
    rack_views_.resize(pool.size());
    training_ = std::make_unique<workload::TrainingCluster>(std::move(pool), scheduler_policy(t.scheduler),
                                                            placement_policy(t.placement));
    for (auto& j : training_jobs(spec, pool_gpus_.size(), jobs_rejected_)) training_->submit(std::move(j));
    gpu_speed_.assign(static_cast<std::size_t>(topo.gpus), 0.0f);
    gpu_activity_.assign(static_cast<std::size_t>(topo.gpus), 0.0f);
  }
}

void WorkloadSet::step(double t0_s, double dt_s, double local_hour, std::span<const float> gpu_power_frac,
                       std::span<const float> rack_coolant_c, std::span<const double> rack_headroom_w,
                       std::span<float> group_util) {
  const auto frac = [&](std::int32_t g) {
    return gpu_power_frac.empty() ? 1.0f : gpu_power_frac[static_cast<std::size_t>(g)];
  };
  const auto speed = [](const kernels::EfficiencyCurve& c, float f) {
    return f > 0.0f ? static_cast<double>(kernels::efficiency_at(c, f)) : 0.0;
  };
  const auto services = static_cast<std::int64_t>(services_.size());
  // Services draw and route their arrivals independently, one per thread.
#pragma omp parallel for schedule(dynamic, 1) if (services > 1)
  for (std::int64_t si = 0; si < services; ++si) {
    const auto i = static_cast<std::size_t>(si);
    const ServiceGpus& sg = service_gpus_[i];
    for (std::size_t r = 0; r < sg.first_gpu.size(); ++r) {
      float f = 1.0f;  // a tensor-parallel replica runs at the pace of its slowest GPU
      for (int k = 0; k < sg.replica_gpus; ++k) f = std::min(f, frac(sg.first_gpu[r] + k));
      services_[i]->set_speed(static_cast<int>(r), speed(sg.prefill_curve, f), speed(sg.decode_curve, f));
    }
    services_[i]->route_tick(t0_s, t0_s + dt_s,
                             demand_scale_[i] * rate_multiplier_[i] * workload::arrival_rate_per_s(arrival_specs_[i], t0_s, local_hour));
  }
  // Once routed, replicas are independent for the rest of the tick: they run in parallel.
  const auto n = static_cast<std::int64_t>(replica_list_.size());
  // The team the session chose for this tick, never more than the counter slots.
  const int team = std::min(slots_, omp_get_max_threads());
#pragma omp parallel for schedule(dynamic, 16) if (n > 16 && team > 1) num_threads(team)
  for (std::int64_t k = 0; k < n; ++k) {
    const auto [service, replica] = replica_list_[static_cast<std::size_t>(k)];
    services_[static_cast<std::size_t>(service)]->run_replica(replica, t0_s, t0_s + dt_s, omp_get_thread_num());
  }
  workload::ReplicaSums served;
  for (std::size_t i = 0; i < services_.size(); ++i) {
    served.add(services_[i]->sums());
    const ServiceGpus& sg = service_gpus_[i];
    for (int r = 0; r < services_[i]->replicas(); ++r)
      group_util[static_cast<std::size_t>(sg.first_group + r)] = services_[i]->activity(r);
  }
  const workload::ReplicaSums& was = served_so_far_;
  last_tick_ = {served.prefill_tokens - was.prefill_tokens, served.decode_tokens - was.decode_tokens,
                served.first_tokens - was.first_tokens,     served.ttft_sum_s - was.ttft_sum_s,
                served.tpot_requests - was.tpot_requests,   served.tpot_sum_s - was.tpot_sum_s};
  served_so_far_ = served;

  if (training_) {
    for (std::int32_t g : pool_gpus_) gpu_speed_[static_cast<std::size_t>(g)] = static_cast<float>(speed(training_curve_, frac(g)));
    const auto& pool = training_->pool_racks();
    for (std::size_t k = 0; k < pool.size(); ++k) {
      const auto r = static_cast<std::size_t>(pool[k].rack);
      rack_views_[k].coolant_c = rack_coolant_c.empty() ? 0.0f : rack_coolant_c[r];
      rack_views_[k].power_headroom_w = rack_headroom_w.empty() ? 0.0 : rack_headroom_w[r];
    }
    training_->step(t0_s, dt_s, gpu_speed_, rack_views_, gpu_activity_);
    for (std::size_t j = 0; j < pool_gpus_.size(); ++j)
      group_util[static_cast<std::size_t>(training_first_group_) + j] = gpu_activity_[static_cast<std::size_t>(pool_gpus_[j])];
  }
}

void WorkloadSet::account_gpu_energy(std::span<const float> gpu_power_w, double dt_s) {
  double all = 0;
  for (float w : gpu_power_w) all += static_cast<double>(w);
  total_gpu_j_ += all * dt_s;
  for (std::size_t i = 0; i < service_gpus_.size(); ++i) {
    double w = 0;
    for (const auto& [begin, end] : service_gpus_[i].gpu_ranges)
      for (std::int32_t g = begin; g < end; ++g) w += static_cast<double>(gpu_power_w[static_cast<std::size_t>(g)]);
    service_gpu_j_[i] += w * dt_s;
  }
}

void WorkloadSet::apply_static_limits(const scenario::ScenarioSpec& spec, std::vector<float>& limit_w,
                                      std::vector<int>& priority) const {
  std::size_t i = 0;
  for (const auto& [name, s] : spec.workloads.inference) {
    for (const auto& [begin, end] : service_gpus_[i].gpu_ranges)
      for (std::int32_t g = begin; g < end; ++g) {
        priority[static_cast<std::size_t>(g)] = s.cap_priority;
        if (s.gpu_power_limit_w) limit_w[static_cast<std::size_t>(g)] = static_cast<float>(*s.gpu_power_limit_w);
      }
    ++i;
  }
  const auto& t = spec.workloads.training;
  for (std::int32_t g : pool_gpus_) {
    priority[static_cast<std::size_t>(g)] = t.cap_priority;
    if (t.gpu_power_limit_w) limit_w[static_cast<std::size_t>(g)] = static_cast<float>(*t.gpu_power_limit_w);
  }
}

std::string WorkloadSet::owner_of(std::int32_t gpu) const {
  const std::int16_t o = gpu_owner_[static_cast<std::size_t>(gpu)];
  if (o == kTraining) return "training";
  return o == kNoOwner ? std::string() : services_[static_cast<std::size_t>(o)]->name();
}

std::int64_t WorkloadSet::requests_in_system() const {
  std::int64_t n = 0;
  for (const auto& s : services_) n += s->in_system();
  return n;
}

workload::ServiceStats WorkloadSet::total_stats() const {
  workload::ServiceStats total;
  for (const auto& s : services_) total.merge(s->stats());
  return total;
}

}  // namespace aifsim::run
