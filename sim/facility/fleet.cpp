// SPDX-License-Identifier: Apache-2.0
// Fleet set-up from its parameters and the per-tick step: inputs up, kernels::fleet_tick, results down.
#include "sim/facility/fleet.h"

#include <stdexcept>

namespace aifsim::facility {
namespace {

kernels::FleetLayout layout_of(const Topology& topo, const FleetParams& params) {
  const std::size_t n = static_cast<std::size_t>(topo.gpus);
  const LoadGroups& groups = params.groups;
  if (params.idle_w.size() != n || params.tdp_w.size() != n || params.limit_w.size() != n ||
      params.rack_types.size() != params.thermal.size())
    throw std::invalid_argument("Fleet: parameters do not match the topology");
  if (groups.gpu_group.size() != n || groups.jitter.size() != groups.speed.size())
    throw std::invalid_argument("Fleet: load groups do not match the topology");
  kernels::FleetLayout l;
  l.gpu_group = groups.gpu_group;
  l.gpu_rack = topo.gpu_rack;
  l.idle_w = params.idle_w;
  l.max_w = params.tdp_w;
  l.limit_w = params.limit_w;
  l.group_jitter = groups.jitter;
  l.group_speed = groups.speed;
  l.rack_types = params.rack_types;
  l.thermal = params.thermal;
  for (const auto& r : topo.racks) l.rack_type.push_back(r.type);
  l.rack_row = topo.rack_row;
  l.row_hall = topo.row_hall;
  l.seed = params.seed;
  l.smoothing = params.smoothing;
  return l;
}

}  // namespace

Fleet::Fleet(const Topology& topo, const FleetParams& params, kernels::Backend backend,
             std::span<const float> initial_supply_c)
    : backend_(backend), buf_(backend, layout_of(topo, params)) {
  // Every GPU and loop starts at its rack's supply temperature; power starts at idle.
  std::vector<float> die(static_cast<std::size_t>(topo.gpus));
  for (std::size_t r = 0; r < topo.racks.size(); ++r)
    for (int i = 0; i < topo.racks[r].gpus; ++i)
      die[static_cast<std::size_t>(topo.racks[r].first_gpu + i)] = initial_supply_c[r];
  buf_.die_c.upload(die);
  buf_.die_max_c.upload(die);
  buf_.rack_supply_c.upload(initial_supply_c);
  buf_.rack_loop_c.upload(initial_supply_c);
  buf_.rack_coolant_c.upload(initial_supply_c);
  const std::size_t racks = topo.racks.size();
  tripped_host_.resize(racks);
  rack_gpu_uw_host_.resize(racks);
  rack_activity_host_.resize(racks);
  rack_input_uw_host_.resize(racks);
  rack_dc_uw_host_.resize(racks);
  rack_liquid_uw_host_.resize(racks);
  rack_return_c_host_.resize(racks);
  rack_coolant_c_host_.resize(racks);
  rack_die_max_c_host_.resize(racks);
  row_input_uw_host_.resize(static_cast<std::size_t>(topo.rows));
  hall_input_uw_host_.resize(static_cast<std::size_t>(topo.halls));
}

void Fleet::set_out_of_service(std::span<const std::int8_t> out) {
  buf_.rack_tripped.download(tripped_host_);
  for (std::size_t r = 0; r < tripped_host_.size() && r < out.size(); ++r)
    tripped_host_[r] = static_cast<std::int8_t>((tripped_host_[r] & 1) | (out[r] ? 2 : 0));
  buf_.rack_tripped.upload(tripped_host_);
}

void Fleet::step(const FleetInputs& in) {
  buf_.group_utilization.upload(in.group_utilization);
  buf_.group_epoch.upload(in.group_epoch);
  buf_.rack_supply_c.upload(in.rack_supply_c);
  buf_.rack_flow_kg_s.upload(in.rack_flow_kg_s);
  totals_ = kernels::fleet_tick(backend_, buf_.view(), static_cast<float>(in.dt_s));

  buf_.rack_gpu_power_uw.download(rack_gpu_uw_host_);
  buf_.rack_activity_micro.download(rack_activity_host_);
  buf_.rack_input_power_uw.download(rack_input_uw_host_);
  buf_.rack_dc_power_uw.download(rack_dc_uw_host_);
  buf_.rack_liquid_heat_uw.download(rack_liquid_uw_host_);
  buf_.rack_return_c.download(rack_return_c_host_);
  buf_.rack_coolant_c.download(rack_coolant_c_host_);
  buf_.rack_die_max_c.download(rack_die_max_c_host_);
  buf_.rack_tripped.download(tripped_host_);
  buf_.row_input_power_uw.download(row_input_uw_host_);
  buf_.hall_input_power_uw.download(hall_input_uw_host_);
}

}  // namespace aifsim::facility
