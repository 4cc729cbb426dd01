// SPDX-License-Identifier: Apache-2.0
// Fleet state set-up and the per-tick kernel sequence.
#include "sim/facility/fleet.h"

#include <stdexcept>

namespace aifsim::facility {
namespace {

template <class T>
kernels::DeviceBuffer<T> to_device(kernels::Backend b, std::span<const T> host) {
  kernels::DeviceBuffer<T> buf(b, host.size());
  buf.upload(host);
  return buf;
}

template <class T>
kernels::DeviceBuffer<T> to_device(kernels::Backend b, const std::vector<T>& host) {
  return to_device(b, std::span<const T>(host));
}

}  // namespace

Fleet::Fleet(const Topology& topo, const FleetParams& params, kernels::Backend backend,
             std::span<const float> initial_supply_c)
    : backend_(backend), seed_(params.seed) {
  const std::size_t n = static_cast<std::size_t>(topo.gpus);
  const LoadGroups& groups = params.groups;
  if (params.idle_w.size() != n || params.tdp_w.size() != n || params.limit_w.size() != n ||
      params.rack_types.size() != params.thermal.size())
    throw std::invalid_argument("Fleet: parameters do not match the topology");
  std::vector<float> die(n);
  for (std::size_t r = 0; r < topo.racks.size(); ++r)
    for (int i = 0; i < topo.racks[r].gpus; ++i)
      die[static_cast<std::size_t>(topo.racks[r].first_gpu + i)] = initial_supply_c[r];
  if (groups.gpu_group.size() != n || groups.jitter.size() != groups.speed.size())
    throw std::invalid_argument("Fleet: load groups do not match the topology");
  gpu_group_ = to_device(backend, groups.gpu_group);
  gpu_rack_ = to_device(backend, topo.gpu_rack);
  idle_w_ = to_device(backend, params.idle_w);
  max_w_ = to_device(backend, params.tdp_w);
  limit_w_ = to_device(backend, params.limit_w);
  smoothing_ = params.smoothing;
  if (smoothing_.active()) {
    smooth_below_s_ = kernels::DeviceBuffer<float>(backend, n);
    smooth_extra_w_ = kernels::DeviceBuffer<float>(backend, n);
    smooth_extra_host_.resize(n);
  }
  die_c_ = to_device(backend, die);
  die_max_c_ = to_device(backend, die);
  activity_ = kernels::DeviceBuffer<float>(backend, n);
  power_w_ = to_device(backend, params.idle_w);  // before the first step every GPU idles (smoothing starts here)
  state_ = kernels::DeviceBuffer<std::int8_t>(backend, n);
  entered_ = kernels::DeviceBuffer<std::int8_t>(backend, n);

  group_jitter_ = to_device(backend, groups.jitter);
  group_speed_ = to_device(backend, groups.speed);
  speed_ = kernels::DeviceBuffer<float>(backend, n);
  power_frac_ = kernels::DeviceBuffer<float>(backend, n);
  group_util_ = kernels::DeviceBuffer<float>(backend, groups.jitter.size());
  group_epoch_ = kernels::DeviceBuffer<std::uint64_t>(backend, groups.jitter.size());

  std::vector<std::int32_t> rack_type;
  for (const auto& r : topo.racks) rack_type.push_back(r.type);
  std::vector<std::int32_t> first_gpu;
  for (const auto& r : topo.racks) first_gpu.push_back(r.first_gpu);
  first_gpu.push_back(topo.gpus);
  rack_first_gpu_ = to_device(backend, first_gpu);
  rack_type_ = to_device(backend, rack_type);
  rack_row_ = to_device(backend, topo.rack_row);
  row_hall_ = to_device(backend, topo.row_hall);

  rack_types_ = to_device(backend, params.rack_types);
  thermal_ = to_device(backend, params.thermal);

  const std::size_t racks = topo.racks.size();
  supply_c_ = to_device(backend, initial_supply_c);
  loop_c_ = to_device(backend, initial_supply_c);
  coolant_c_ = to_device(backend, initial_supply_c);
  flow_kg_s_ = kernels::DeviceBuffer<float>(backend, racks);
  return_c_ = kernels::DeviceBuffer<float>(backend, racks);
  rack_die_max_c_ = kernels::DeviceBuffer<float>(backend, racks);
  tripped_ = kernels::DeviceBuffer<std::int8_t>(backend, racks);
  tripped_host_.resize(racks);
  rack_gpu_uw_ = kernels::DeviceBuffer<std::int64_t>(backend, racks);
  rack_activity_ = kernels::DeviceBuffer<std::int64_t>(backend, racks);
  rack_speed_ = kernels::DeviceBuffer<std::int64_t>(backend, racks);
  rack_dc_uw_ = kernels::DeviceBuffer<std::int64_t>(backend, racks);
  rack_input_uw_ = kernels::DeviceBuffer<std::int64_t>(backend, racks);
  rack_liquid_uw_ = kernels::DeviceBuffer<std::int64_t>(backend, racks);
  rack_air_uw_ = kernels::DeviceBuffer<std::int64_t>(backend, racks);
  row_input_uw_ = kernels::DeviceBuffer<std::int64_t>(backend, static_cast<std::size_t>(topo.rows));
  hall_input_uw_ = kernels::DeviceBuffer<std::int64_t>(backend, static_cast<std::size_t>(topo.halls));
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
  tripped_.download(tripped_host_);
  for (std::size_t r = 0; r < tripped_host_.size() && r < out.size(); ++r)
    tripped_host_[r] = static_cast<std::int8_t>((tripped_host_[r] & 1) | (out[r] ? 2 : 0));
  tripped_.upload(tripped_host_);
}

void Fleet::step(const FleetInputs& in) {
  group_util_.upload(in.group_utilization);
  group_epoch_.upload(in.group_epoch);
  supply_c_.upload(in.rack_supply_c);
  flow_kg_s_.upload(in.rack_flow_kg_s);

  kernels::FleetView v;
  v.gpu_group = gpu_group_.span();
  v.gpu_rack = gpu_rack_.span();
  v.idle_w = idle_w_.span();
  v.max_w = max_w_.span();
  v.limit_w = limit_w_.span();
  v.group_jitter = group_jitter_.span();
  v.group_speed = group_speed_.span();
  v.rack_types = rack_types_.span();
  v.thermal = thermal_.span();
  v.rack_type = rack_type_.span();
  v.rack_first_gpu = rack_first_gpu_.span();
  v.rack_row = rack_row_.span();
  v.row_hall = row_hall_.span();
  v.seed = seed_;
  v.smoothing = smoothing_;
  v.group_utilization = group_util_.span();
  v.group_epoch = group_epoch_.span();
  v.rack_supply_c = supply_c_.span();
  v.rack_flow_kg_s = flow_kg_s_.span();
  v.die_c = die_c_.span();
  v.thermal_state = state_.span();
  v.die_max_c = die_max_c_.span();
  v.power_w = power_w_.span();
  v.smooth_below_s = smooth_below_s_.span();
  v.rack_loop_c = loop_c_.span();
  v.rack_coolant_c = coolant_c_.span();
  v.rack_tripped = tripped_.span();
  v.entered = entered_.span();
  v.activity = activity_.span();
  v.speed = speed_.span();
  v.power_frac = power_frac_.span();
  v.smooth_extra_w = smooth_extra_w_.span();
  v.smooth_extra_w_host = smooth_extra_host_;
  v.rack_gpu_power_uw = rack_gpu_uw_.span();
  v.rack_activity_micro = rack_activity_.span();
  v.rack_speed_micro = rack_speed_.span();
  v.rack_die_max_c = rack_die_max_c_.span();
  v.rack_return_c = return_c_.span();
  v.rack_dc_power_uw = rack_dc_uw_.span();
  v.rack_input_power_uw = rack_input_uw_.span();
  v.rack_liquid_heat_uw = rack_liquid_uw_.span();
  v.rack_air_heat_uw = rack_air_uw_.span();
  v.row_input_power_uw = row_input_uw_.span();
  v.hall_input_power_uw = hall_input_uw_.span();
  totals_ = kernels::fleet_tick(backend_, v, static_cast<float>(in.dt_s));

  rack_gpu_uw_.download(rack_gpu_uw_host_);
  rack_activity_.download(rack_activity_host_);
  rack_input_uw_.download(rack_input_uw_host_);
  rack_dc_uw_.download(rack_dc_uw_host_);
  rack_liquid_uw_.download(rack_liquid_uw_host_);
  return_c_.download(rack_return_c_host_);
  coolant_c_.download(rack_coolant_c_host_);
  rack_die_max_c_.download(rack_die_max_c_host_);
  tripped_.download(tripped_host_);
  row_input_uw_.download(row_input_uw_host_);
  hall_input_uw_.download(hall_input_uw_host_);
}

}  // namespace aifsim::facility
