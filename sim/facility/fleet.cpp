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
  const auto dt_s = static_cast<float>(in.dt_s);

  kernels::GpuStepArgs g;
  g.gpu_group = gpu_group_.span();
  g.gpu_rack = gpu_rack_.span();
  g.idle_w = idle_w_.span();
  g.max_w = max_w_.span();
  g.limit_w = limit_w_.span();
  g.group_utilization = group_util_.span();
  g.group_jitter = group_jitter_.span();
  g.group_epoch = group_epoch_.span();
  g.rack_type = rack_type_.span();
  g.thermal = thermal_.span();
  g.rack_coolant_c = coolant_c_.span();
  g.rack_tripped = tripped_.span();
  g.group_speed = group_speed_.span();
  g.speed_out = speed_.span();
  g.power_frac_out = power_frac_.span();
  g.smoothing = smoothing_;
  g.smooth_below_s = smooth_below_s_.span();
  g.smooth_extra_w_out = smooth_extra_w_.span();
  g.seed = seed_;
  g.dt_s = dt_s;
  g.die_c = die_c_.span();
  g.thermal_state = state_.span();
  g.die_max_c = die_max_c_.span();
  g.entered_out = entered_.span();
  g.activity_out = activity_.span();
  g.power_w_out = power_w_.span();
  kernels::gpu_step(backend_, g);

  kernels::RackRollupArgs roll;
  roll.rack_first_gpu = rack_first_gpu_.span();
  roll.power_w = power_w_.span();
  roll.activity = activity_.span();
  roll.speed = speed_.span();
  roll.die_c = die_c_.span();
  roll.power_uw_out = rack_gpu_uw_.span();
  roll.activity_micro_out = rack_activity_.span();
  roll.speed_micro_out = rack_speed_.span();
  roll.die_max_c_out = rack_die_max_c_.span();
  kernels::rack_rollup(backend_, roll);
  totals_.thermal = kernels::thermal_counts(backend_, state_.span(), entered_.span(), die_c_.span());

  kernels::RackStepArgs r;
  r.gpu_power_uw = rack_gpu_uw_.span();
  r.rack_first_gpu = rack_first_gpu_.span();
  r.rack_type = rack_type_.span();
  r.rack_activity_micro = rack_activity_.span();
  r.types = rack_types_.span();
  r.supply_c = supply_c_.span();
  r.flow_kg_s = flow_kg_s_.span();
  r.dt_s = dt_s;
  r.loop_c = loop_c_.span();
  r.coolant_c_out = coolant_c_.span();
  r.return_c_out = return_c_.span();
  r.dc_power_uw_out = rack_dc_uw_.span();
  r.input_power_uw_out = rack_input_uw_.span();
  r.liquid_heat_uw_out = rack_liquid_uw_.span();
  r.air_heat_uw_out = rack_air_uw_.span();
  r.tripped = tripped_.span();
  kernels::rack_step(backend_, r);

  kernels::sum_by_key(backend_, rack_row_.span(), rack_input_uw_.span(), row_input_uw_.span());
  kernels::sum_by_key(backend_, row_hall_.span(), row_input_uw_.span(), hall_input_uw_.span());

  totals_.gpu_power_uw = kernels::sum_all(backend_, rack_gpu_uw_.span());
  totals_.dc_power_uw = kernels::sum_all(backend_, rack_dc_uw_.span());
  totals_.input_power_uw = kernels::sum_all(backend_, hall_input_uw_.span());
  totals_.liquid_heat_uw = kernels::sum_all(backend_, rack_liquid_uw_.span());
  totals_.air_heat_uw = kernels::sum_all(backend_, rack_air_uw_.span());
  totals_.activity_micro = kernels::sum_all(backend_, rack_activity_.span());
  totals_.speed_micro = kernels::sum_all(backend_, rack_speed_.span());

  if (smoothing_.active()) {
    smooth_extra_w_.download(smooth_extra_host_);
    double extra = 0;  // in GPU order, so the sum does not depend on the thread count
    for (float w : smooth_extra_host_) extra += static_cast<double>(w);
    totals_.smoothing_extra_w = extra;
  }
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
