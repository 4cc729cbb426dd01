// SPDX-License-Identifier: Apache-2.0
// The fleet's per-tick electrical and thermal state in structs of arrays on the compute
// backend: per-GPU activity, power, die temperature and throttle state, per-rack power, heat
// and coolant loop, and the GPU -> rack -> row -> hall roll-ups, advanced by the kernels.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "kernels/backend.h"
#include "kernels/device_buffer.h"
#include "kernels/fleet_kernels.h"
#include "kernels/fleet_tick.h"
#include "sim/facility/topology.h"

namespace aifsim::facility {

/// Load groups: sets of GPUs that share one activity per tick (a rack group's profile, an
/// inference replica, a training GPU), with their noise and throughput-vs-power curve.
struct LoadGroups {
  std::vector<std::int32_t> gpu_group;          ///< per GPU
  std::vector<float> jitter;                    ///< per group: half-width of per-GPU noise
  std::vector<kernels::EfficiencyCurve> speed;  ///< per group: relative throughput vs power
};

/// What a fleet is built from (sim/run/build.cpp derives it from the scenario).
struct FleetParams {
  std::uint64_t seed = 1;                             ///< counter-based noise streams
  std::vector<float> idle_w, tdp_w, limit_w;          ///< per GPU; limit: its static power limit
  std::vector<kernels::RackTypeParams> rack_types;    ///< per rack type (RackInfo::type)
  std::vector<kernels::ThermalParams> thermal;        ///< per rack type: its GPUs' die model
  kernels::GpuSmoothing smoothing;
  LoadGroups groups;
};

/// What drives one tick of the fleet.
struct FleetInputs {
  std::span<const float> group_utilization;   ///< per load group, [0, 1]
  std::span<const std::uint64_t> group_epoch;  ///< per load group: noise counter
  std::span<const float> rack_supply_c;       ///< per rack: loop supply (air racks: inlet air)
  std::span<const float> rack_flow_kg_s;      ///< per rack: loop flow
  double dt_s = 1.0;
};

/// Facility totals of one tick (kernels::fleet_tick's).
using FleetTotals = kernels::FleetTotals;

class Fleet {
 public:
  /// Every GPU starts at its rack's supply temperature in `initial_supply_c` (per rack).
  Fleet(const Topology& topo, const FleetParams& params, kernels::Backend backend,
        std::span<const float> initial_supply_c);

  /// Advances every GPU and rack over one tick and rolls up.
  void step(const FleetInputs& in);

  /// Takes racks out of service (mask per rack: 1 = out) from the next step: powered off, no
  /// power and no heat, their coolant still flowing. Their protection state is kept.
  void set_out_of_service(std::span<const std::int8_t> out);

  /// GPU power limits (W, per GPU) from the next step on: the cap controller's actuator.
  void set_power_limits(std::span<const float> limit_w) { buf_.limit_w.upload(limit_w); }

  const FleetTotals& totals() const { return totals_; }
  // Per-rack results of the last step (host copies).
  std::span<const std::int64_t> rack_gpu_power_uw() const { return rack_gpu_uw_host_; }
  std::span<const std::int64_t> rack_input_power_uw() const { return rack_input_uw_host_; }
  std::span<const std::int64_t> rack_dc_power_uw() const { return rack_dc_uw_host_; }
  std::span<const std::int64_t> rack_activity_micro() const { return rack_activity_host_; }
  std::span<const std::int64_t> rack_liquid_heat_uw() const { return rack_liquid_uw_host_; }
  std::span<const float> rack_return_c() const { return rack_return_c_host_; }
  std::span<const float> rack_coolant_c() const { return rack_coolant_c_host_; }
  std::span<const float> rack_die_max_c() const { return rack_die_max_c_host_; }
  /// Per rack: bit 0 while its over-temperature protection has it powered off (from the next
  /// tick), bit 1 while it is out of service; off when either is set.
  std::span<const std::int8_t> rack_tripped() const { return tripped_host_; }
  std::span<const std::int64_t> row_input_power_uw() const { return row_input_uw_host_; }
  std::span<const std::int64_t> hall_input_power_uw() const { return hall_input_uw_host_; }

  /// Copies per-GPU state of the last step to host spans of size gpus().
  void read_gpu_power(std::span<float> out) const { buf_.power_w.download(out); }
  /// Power each GPU may draw at full activity under its limit and thermal state / its TDP.
  void read_power_frac(std::span<float> out) const { buf_.power_frac.download(out); }
  std::size_t groups() const { return buf_.group_utilization.size(); }
  void read_die_temp(std::span<float> out) const { buf_.die_c.download(out); }
  void read_die_max(std::span<float> out) const { buf_.die_max_c.download(out); }
  void read_thermal_state(std::span<std::int8_t> out) const { buf_.thermal_state.download(out); }
  void read_entered(std::span<std::int8_t> out) const { buf_.entered.download(out); }

  kernels::Backend backend() const { return backend_; }
  std::size_t gpus() const { return buf_.power_w.size(); }

 private:
  kernels::Backend backend_;
  kernels::FleetBuffers buf_;  // every array fleet_tick runs over
  std::vector<std::int8_t> tripped_host_;
  std::vector<std::int64_t> rack_gpu_uw_host_, rack_activity_host_, rack_input_uw_host_, rack_dc_uw_host_,
      rack_liquid_uw_host_;
  std::vector<float> rack_return_c_host_, rack_coolant_c_host_, rack_die_max_c_host_;
  std::vector<std::int64_t> row_input_uw_host_, hall_input_uw_host_;
  FleetTotals totals_;
};

}  // namespace aifsim::facility
