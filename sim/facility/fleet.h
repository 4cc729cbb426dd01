// SPDX-License-Identifier: Apache-2.0
// The fleet's per-tick electrical state in structs of arrays on the compute backend: per-GPU
// activity and power, and the GPU -> rack -> row -> hall roll-ups, advanced by the kernels.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "kernels/backend.h"
#include "kernels/device_buffer.h"
#include "kernels/power_math.h"
#include "sim/facility/topology.h"
#include "sim/scenario/spec.h"

namespace aifsim::facility {

/// Facility totals of one tick, in exact integer micro-watts (activity in micro-units).
struct FleetTotals {
  std::int64_t gpu_power_uw = 0;
  std::int64_t dc_power_uw = 0;     ///< rack DC power: GPUs + CPUs + other
  std::int64_t input_power_uw = 0;  ///< rack AC input = IT power
  std::int64_t activity_micro = 0;  ///< sum of GPU activity x 1e6
};

class Fleet {
 public:
  Fleet(const Topology& topo, const scenario::ScenarioSpec& spec, kernels::Backend backend);

  /// Advances every GPU to this tick's group utilizations and rolls up. `group_epoch` is the
  /// noise counter of each group (changes every jitter period).
  void step(std::span<const float> group_utilization, std::span<const std::uint64_t> group_epoch);

  const FleetTotals& totals() const { return totals_; }
  /// Per-rack results of the last step (host copies).
  std::span<const std::int64_t> rack_gpu_power_uw() const { return rack_gpu_uw_host_; }
  std::span<const std::int64_t> rack_input_power_uw() const { return rack_input_uw_host_; }
  std::span<const std::int64_t> rack_activity_micro() const { return rack_activity_host_; }
  std::span<const std::int64_t> row_input_power_uw() const { return row_input_uw_host_; }
  std::span<const std::int64_t> hall_input_power_uw() const { return hall_input_uw_host_; }

  /// Copies per-GPU power (W) of the last step to `out` (size = GPUs).
  void read_gpu_power(std::span<float> out) const { power_w_.download(out); }

  kernels::Backend backend() const { return backend_; }
  std::size_t gpus() const { return power_w_.size(); }

 private:
  kernels::Backend backend_;
  std::uint64_t seed_;
  // per GPU
  kernels::DeviceBuffer<std::int32_t> gpu_group_, gpu_rack_;
  kernels::DeviceBuffer<float> idle_w_, max_w_, limit_w_, activity_, power_w_;
  // per group
  kernels::DeviceBuffer<float> group_util_, group_jitter_;
  kernels::DeviceBuffer<std::uint64_t> group_epoch_;
  // per rack / row / hall
  kernels::DeviceBuffer<std::int32_t> rack_group_, rack_type_, rack_row_, row_hall_;
  kernels::DeviceBuffer<kernels::RackTypeParams> rack_types_;
  kernels::DeviceBuffer<std::int64_t> rack_gpu_uw_, rack_activity_, rack_dc_uw_, rack_input_uw_;
  kernels::DeviceBuffer<std::int64_t> row_input_uw_, hall_input_uw_;
  std::vector<std::int64_t> rack_gpu_uw_host_, rack_activity_host_, rack_input_uw_host_;
  std::vector<std::int64_t> row_input_uw_host_, hall_input_uw_host_;
  FleetTotals totals_;
};

}  // namespace aifsim::facility
