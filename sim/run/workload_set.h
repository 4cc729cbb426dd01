// SPDX-License-Identifier: Apache-2.0
// The run's request- and job-level work: the inference services and the training cluster
// placed on the facility's GPUs. Each tick it reads the power every GPU may draw (from the
// fleet's last step) to set replica and job speeds, simulates the tick's requests and jobs,
// and hands the fleet the activity of every workload load group.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "kernels/power_math.h"
#include "sim/facility/fleet.h"
#include "sim/facility/topology.h"
#include "sim/scenario/placement.h"
#include "sim/scenario/spec.h"
#include "sim/workload/inference_service.h"
#include "sim/workload/training_cluster.h"

namespace aifsim::run {

/// What the inference services did over one tick: tokens as they are processed (not per
/// completed request), and the requests that got their first token or completed with a TPOT,
/// with those latencies summed.
struct TickServing {
  double input = 0;
  double output = 0;
  double first_tokens = 0;
  double ttft_sum_s = 0;
  double tpot_requests = 0;
  double tpot_sum_s = 0;
};

class WorkloadSet {
 public:
  /// Puts the workloads where `plan` places them and reads their traces (paths as resolved
  /// by the loader); `rack_groups` are the rack groups' own load groups. Throws InputError for
  /// an unreadable or malformed trace.
  WorkloadSet(const scenario::ScenarioSpec& spec, const facility::Topology& topo, const scenario::Placement& plan,
              facility::LoadGroups rack_groups);

  /// Load groups for the fleet: the rack groups' profile groups first (same indices as
  /// spec.racks), then one per replica, then one per training GPU.
  const facility::LoadGroups& load_groups() const { return groups_; }

  /// Simulates [t0_s, t0_s + dt_s): local_hour is the site clock mid-tick; gpu_power_frac
  /// the per-GPU power fractions of the last fleet step (empty on the first tick: full
  /// power); rack_coolant_c and rack_headroom_w what placement policies see. Writes the
  /// activity of every workload group into group_util.
  void step(double t0_s, double dt_s, double local_hour, std::span<const float> gpu_power_frac,
            std::span<const float> rack_coolant_c, std::span<const double> rack_headroom_w,
            std::span<float> group_util);

  /// Sets the cap priority and static power limit of every GPU a service or the training pool
  /// holds (limit_w and priority are per GPU, pre-filled from the rack groups).
  void apply_static_limits(const scenario::ScenarioSpec& spec, std::vector<float>& limit_w,
                           std::vector<int>& priority) const;

  /// Multiplies service i's arrival rate from the next tick (a front end's knob; replays
  /// keep their trace's times).
  void set_rate_multiplier(std::size_t service, double x) { rate_multiplier_.at(service) = x; }
  double rate_multiplier(std::size_t service) const { return rate_multiplier_.at(service); }

  /// What holds GPU g: a service's name, "training" for the pool, or "" (its group's profile).
  std::string owner_of(std::int32_t gpu) const;

  /// Holds deferrable training jobs back (tariff-aware shifting) while `hold`.
  void set_hold_deferrable(bool hold) {
    if (training_) training_->set_hold_deferrable(hold);
  }
  /// Adds one tick of GPU draw (per GPU, W) to each service's GPU energy.
  void account_gpu_energy(std::span<const float> gpu_power_w, double dt_s);
  /// GPU energy of service i's replicas so far (J), and of all GPUs.
  double service_gpu_energy_j(std::size_t i) const { return service_gpu_j_[i]; }
  double total_gpu_energy_j() const { return total_gpu_j_; }

  const TickServing& last_tick_serving() const { return last_tick_; }
  std::int64_t requests_in_system() const;
  std::size_t jobs_running() const { return training_ ? training_->jobs_running() : 0; }

  const std::vector<std::unique_ptr<workload::InferenceService>>& services() const { return services_; }
  const workload::TrainingCluster* training() const { return training_.get(); }
  /// Generated or replayed jobs wider than the whole training pool, left out.
  std::size_t jobs_rejected() const { return jobs_rejected_; }
  /// Every service's counts merged.
  workload::ServiceStats total_stats() const;

 private:
  struct ServiceGpus {
    std::vector<std::int32_t> first_gpu;  // per replica: global index of its first GPU
    int replica_gpus = 0;
    int first_group = 0;                  // load group of replica 0
    kernels::EfficiencyCurve prefill_curve, decode_curve;
    std::vector<std::pair<std::int32_t, std::int32_t>> gpu_ranges;  // [begin, end) of its GPUs, merged
  };

  facility::LoadGroups groups_;
  int slots_;  // threads replicas may run on (each service keeps counters per thread)
  std::vector<scenario::ArrivalSpec> arrival_specs_;
  std::vector<std::unique_ptr<workload::InferenceService>> services_;
  std::vector<ServiceGpus> service_gpus_;
  std::unique_ptr<workload::TrainingCluster> training_;
  std::vector<std::int32_t> pool_gpus_;         // global GPU of each training group
  std::vector<std::int16_t> gpu_owner_;         // per GPU: service index, kTraining or kNoOwner
  int training_first_group_ = 0;
  std::size_t jobs_rejected_ = 0;
  kernels::EfficiencyCurve training_curve_;
  std::vector<float> gpu_speed_, gpu_activity_;  // training: per global GPU
  std::vector<workload::RackView> rack_views_;
  std::vector<std::pair<int, int>> replica_list_;
  std::vector<double> demand_scale_;     // per service: replicas / base_replicas (scale_with)
  std::vector<double> rate_multiplier_;  // per service: SetArrivalMultiplier
  TickServing last_tick_;
  workload::ReplicaSums served_so_far_;
  std::vector<double> service_gpu_j_;
  double total_gpu_j_ = 0;
};

}  // namespace aifsim::run
