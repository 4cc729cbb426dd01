// SPDX-License-Identifier: Apache-2.0
// Fleet state set-up and the per-tick kernel sequence.
#include "sim/facility/fleet.h"

#include "kernels/fleet_kernels.h"
#include "sim/power/facility_chain.h"

namespace aifsim::facility {
namespace {

template <class T>
kernels::DeviceBuffer<T> to_device(kernels::Backend b, const std::vector<T>& host) {
  kernels::DeviceBuffer<T> buf(b, host.size());
  buf.upload(host);
  return buf;
}

}  // namespace

Fleet::Fleet(const Topology& topo, const scenario::ScenarioSpec& spec, kernels::Backend backend)
    : backend_(backend), seed_(spec.seed) {
  const std::size_t n = static_cast<std::size_t>(topo.gpus);
  std::vector<float> idle(n), max(n), limit(n);
  for (const auto& rack : topo.racks) {
    const auto& rtype = spec.rack_types.entries[static_cast<std::size_t>(rack.type)].second;
    const auto* gtype = spec.gpu_types.find(rtype.gpu_type);
    const auto& group = spec.racks.entries[static_cast<std::size_t>(rack.group)].second;
    const double lim = group.gpu_power_limit_w.value_or(gtype->tdp_w);
    for (int i = 0; i < rack.gpus; ++i) {
      const auto g = static_cast<std::size_t>(rack.first_gpu + i);
      idle[g] = static_cast<float>(gtype->idle_w);
      max[g] = static_cast<float>(gtype->tdp_w);
      limit[g] = static_cast<float>(lim);
    }
  }
  gpu_group_ = to_device(backend, topo.gpu_group);
  gpu_rack_ = to_device(backend, topo.gpu_rack);
  idle_w_ = to_device(backend, idle);
  max_w_ = to_device(backend, max);
  limit_w_ = to_device(backend, limit);
  activity_ = kernels::DeviceBuffer<float>(backend, n);
  power_w_ = kernels::DeviceBuffer<float>(backend, n);

  std::vector<float> jitter;
  for (const auto& [name, group] : spec.racks) jitter.push_back(static_cast<float>(group.load.jitter));
  group_jitter_ = to_device(backend, jitter);
  group_util_ = kernels::DeviceBuffer<float>(backend, jitter.size());
  group_epoch_ = kernels::DeviceBuffer<std::uint64_t>(backend, jitter.size());

  std::vector<std::int32_t> rack_group, rack_type;
  for (const auto& r : topo.racks) {
    rack_group.push_back(r.group);
    rack_type.push_back(r.type);
  }
  rack_group_ = to_device(backend, rack_group);
  rack_type_ = to_device(backend, rack_type);
  rack_row_ = to_device(backend, topo.rack_row);
  row_hall_ = to_device(backend, topo.row_hall);

  std::vector<kernels::RackTypeParams> types;
  for (const auto& [name, t] : spec.rack_types) {
    kernels::RackTypeParams p;
    p.cpu_idle_w = static_cast<float>(t.cpus * t.cpu_idle_w);
    p.cpu_max_w = static_cast<float>(t.cpus * t.cpu_max_w);
    p.static_w = static_cast<float>(t.other_power_w);
    p.psu_capacity_w = static_cast<float>(t.psu.count * t.psu.rating_w);
    p.psu = power::to_curve(t.psu.efficiency_curve);
    types.push_back(p);
  }
  rack_types_ = to_device(backend, types);

  const std::size_t racks = topo.racks.size();
  rack_gpu_uw_ = kernels::DeviceBuffer<std::int64_t>(backend, racks);
  rack_activity_ = kernels::DeviceBuffer<std::int64_t>(backend, racks);
  rack_dc_uw_ = kernels::DeviceBuffer<std::int64_t>(backend, racks);
  rack_input_uw_ = kernels::DeviceBuffer<std::int64_t>(backend, racks);
  row_input_uw_ = kernels::DeviceBuffer<std::int64_t>(backend, static_cast<std::size_t>(topo.rows));
  hall_input_uw_ = kernels::DeviceBuffer<std::int64_t>(backend, static_cast<std::size_t>(topo.halls));
  rack_gpu_uw_host_.resize(racks);
  rack_activity_host_.resize(racks);
  rack_input_uw_host_.resize(racks);
  row_input_uw_host_.resize(static_cast<std::size_t>(topo.rows));
  hall_input_uw_host_.resize(static_cast<std::size_t>(topo.halls));
}

void Fleet::step(std::span<const float> group_utilization, std::span<const std::uint64_t> group_epoch) {
  group_util_.upload(group_utilization);
  group_epoch_.upload(group_epoch);

  kernels::GpuPowerStepArgs g;
  g.gpu_group = gpu_group_.span();
  g.idle_w = idle_w_.span();
  g.max_w = max_w_.span();
  g.limit_w = limit_w_.span();
  g.group_utilization = group_util_.span();
  g.group_jitter = group_jitter_.span();
  g.group_epoch = group_epoch_.span();
  g.seed = seed_;
  g.activity_out = activity_.span();
  g.power_w_out = power_w_.span();
  kernels::gpu_power_step(backend_, g);

  kernels::sum_by_key_fixed(backend_, gpu_rack_.span(), power_w_.span(), 1e6, rack_gpu_uw_.span());
  kernels::sum_by_key_fixed(backend_, gpu_rack_.span(), activity_.span(), 1e6, rack_activity_.span());

  kernels::RackPowerStepArgs r;
  r.gpu_power_uw = rack_gpu_uw_.span();
  r.rack_group = rack_group_.span();
  r.rack_type = rack_type_.span();
  r.group_utilization = group_util_.span();
  r.types = rack_types_.span();
  r.dc_power_uw_out = rack_dc_uw_.span();
  r.input_power_uw_out = rack_input_uw_.span();
  kernels::rack_power_step(backend_, r);

  kernels::sum_by_key(backend_, rack_row_.span(), rack_input_uw_.span(), row_input_uw_.span());
  kernels::sum_by_key(backend_, row_hall_.span(), row_input_uw_.span(), hall_input_uw_.span());

  totals_.gpu_power_uw = kernels::sum_all(backend_, rack_gpu_uw_.span());
  totals_.dc_power_uw = kernels::sum_all(backend_, rack_dc_uw_.span());
  totals_.input_power_uw = kernels::sum_all(backend_, hall_input_uw_.span());
  totals_.activity_micro = kernels::sum_all(backend_, rack_activity_.span());

  rack_gpu_uw_.download(rack_gpu_uw_host_);
  rack_activity_.download(rack_activity_host_);
  rack_input_uw_.download(rack_input_uw_host_);
  row_input_uw_.download(row_input_uw_host_);
  hall_input_uw_.download(hall_input_uw_host_);
}

}  // namespace aifsim::facility
