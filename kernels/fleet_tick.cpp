// SPDX-License-Identifier: Apache-2.0
// The fleet's per-tick kernel sequence over the dispatching kernels of fleet_kernels.h, so it
// is plain C++ and runs on either backend; and the owning buffers the tests and benchmark use.
#include "kernels/fleet_tick.h"

#include <stdexcept>
#include <string>

namespace aifsim::kernels {

namespace {

RackRollupArgs rack_rollup_args(const FleetView& f) {
  RackRollupArgs a;
  a.rack_first_gpu = f.rack_first_gpu;
  a.power_w = f.power_w;
  a.activity = f.activity;
  a.speed = f.speed;
  a.die_c = f.die_c;
  a.power_uw_out = f.rack_gpu_power_uw;
  a.activity_micro_out = f.rack_activity_micro;
  a.speed_micro_out = f.rack_speed_micro;
  a.die_max_c_out = f.rack_die_max_c;
  return a;
}

RackStepArgs rack_step_args(const FleetView& f, float dt_s) {
  RackStepArgs a;
  a.gpu_power_uw = f.rack_gpu_power_uw;
  a.rack_first_gpu = f.rack_first_gpu;
  a.rack_type = f.rack_type;
  a.rack_activity_micro = f.rack_activity_micro;
  a.types = f.rack_types;
  a.supply_c = f.rack_supply_c;
  a.flow_kg_s = f.rack_flow_kg_s;
  a.dt_s = dt_s;
  a.loop_c = f.rack_loop_c;
  a.coolant_c_out = f.rack_coolant_c;
  a.return_c_out = f.rack_return_c;
  a.dc_power_uw_out = f.rack_dc_power_uw;
  a.input_power_uw_out = f.rack_input_power_uw;
  a.liquid_heat_uw_out = f.rack_liquid_heat_uw;
  a.air_heat_uw_out = f.rack_air_heat_uw;
  a.tripped = f.rack_tripped;
  return a;
}

// Sequential and in GPU order: a parallel float-to-double reduction would give different bits
// on different thread counts and backends.
double smoothing_extra_w(Backend backend, const FleetView& f) {
  if (f.smooth_extra_w_host.size() != f.smooth_extra_w.size()) {
    throw std::invalid_argument("fleet_tick: smooth_extra_w_host has " +
                                std::to_string(f.smooth_extra_w_host.size()) +
                                " elements but smooth_extra_w has " +
                                std::to_string(f.smooth_extra_w.size()));
  }
  if (!f.smooth_extra_w.empty()) {  // an empty span's data() may be null, which memcpy must not see
    detail::backend_copy_to_host(backend, f.smooth_extra_w_host.data(), f.smooth_extra_w.data(),
                                 f.smooth_extra_w.size_bytes());
  }
  double extra_w = 0;
  for (const float w : f.smooth_extra_w_host) extra_w += static_cast<double>(w);
  return extra_w;
}

}  // namespace

GpuStepArgs gpu_step_args(const FleetView& f, float dt_s) {
  GpuStepArgs a;
  a.gpu_group = f.gpu_group;
  a.gpu_rack = f.gpu_rack;
  a.idle_w = f.idle_w;
  a.max_w = f.max_w;
  a.limit_w = f.limit_w;
  a.group_utilization = f.group_utilization;
  a.group_jitter = f.group_jitter;
  a.group_epoch = f.group_epoch;
  a.rack_type = f.rack_type;
  a.thermal = f.thermal;
  a.rack_coolant_c = f.rack_coolant_c;
  a.rack_tripped = f.rack_tripped;
  a.group_speed = f.group_speed;
  a.seed = f.seed;
  a.dt_s = dt_s;
  a.die_c = f.die_c;
  a.thermal_state = f.thermal_state;
  a.die_max_c = f.die_max_c;
  a.entered_out = f.entered;
  a.activity_out = f.activity;
  a.power_w_out = f.power_w;
  a.speed_out = f.speed;
  a.power_frac_out = f.power_frac;
  a.smoothing = f.smoothing;
  a.smooth_below_s = f.smooth_below_s;
  a.smooth_extra_w_out = f.smooth_extra_w;
  return a;
}

FleetTotals fleet_tick(Backend backend, const FleetView& f, float dt_s) {
  FleetTotals t;
  gpu_step(backend, gpu_step_args(f, dt_s));
  rack_rollup(backend, rack_rollup_args(f));
  t.thermal = thermal_counts(backend, f.thermal_state, f.entered, f.die_c);
  rack_step(backend, rack_step_args(f, dt_s));

  sum_by_key(backend, f.rack_row, f.rack_input_power_uw, f.row_input_power_uw);
  sum_by_key(backend, f.row_hall, f.row_input_power_uw, f.hall_input_power_uw);

  t.gpu_power_uw = sum_all(backend, f.rack_gpu_power_uw);
  t.dc_power_uw = sum_all(backend, f.rack_dc_power_uw);
  t.input_power_uw = sum_all(backend, f.hall_input_power_uw);
  t.liquid_heat_uw = sum_all(backend, f.rack_liquid_heat_uw);
  t.air_heat_uw = sum_all(backend, f.rack_air_heat_uw);
  t.activity_micro = sum_all(backend, f.rack_activity_micro);
  t.speed_micro = sum_all(backend, f.rack_speed_micro);
  if (f.smoothing.active()) t.smoothing_extra_w = smoothing_extra_w(backend, f);
  return t;
}

std::size_t FleetLayout::halls() const {
  std::size_t runs = 0;
  for (std::size_t w = 0; w < row_hall.size(); ++w) runs += w == 0 || row_hall[w] != row_hall[w - 1];
  return runs;
}

namespace {

// rack_rollup and rack_step take each rack's GPUs as a contiguous range.
std::vector<std::int32_t> first_gpu_offsets(const FleetLayout& layout) {
  const std::size_t racks = layout.racks();
  std::vector<std::int32_t> first(racks + 1, 0);
  for (std::size_t g = 0; g < layout.gpu_rack.size(); ++g) {
    const std::int32_t rack = layout.gpu_rack[g];
    if (rack < 0 || static_cast<std::size_t>(rack) >= racks || (g > 0 && rack < layout.gpu_rack[g - 1])) {
      throw std::invalid_argument("FleetBuffers: gpu_rack[" + std::to_string(g) + "] = " +
                                  std::to_string(rack) + " is not a rack in non-decreasing order");
    }
    ++first[static_cast<std::size_t>(rack) + 1];
  }
  for (std::size_t r = 0; r < racks; ++r) first[r + 1] += first[r];
  return first;
}

}  // namespace

// The smoothing buffers are allocated even when layout.smoothing is off, so a caller may turn
// it on later; they cost 12 bytes per GPU.
FleetBuffers::FleetBuffers(Backend b, const FleetLayout& l)
    : gpu_group(to_backend(b, l.gpu_group)),
      gpu_rack(to_backend(b, l.gpu_rack)),
      idle_w(to_backend(b, l.idle_w)),
      max_w(to_backend(b, l.max_w)),
      limit_w(to_backend(b, l.limit_w)),
      group_jitter(to_backend(b, l.group_jitter)),
      group_speed(to_backend(b, l.group_speed)),
      rack_types(to_backend(b, l.rack_types)),
      thermal(to_backend(b, l.thermal)),
      rack_type(to_backend(b, l.rack_type)),
      rack_first_gpu(to_backend(b, first_gpu_offsets(l))),
      rack_row(to_backend(b, l.rack_row)),
      row_hall(to_backend(b, l.row_hall)),
      seed(l.seed),
      smoothing(l.smoothing),
      group_utilization(b, l.groups()),
      group_epoch(b, l.groups()),
      rack_supply_c(b, l.racks()),
      rack_flow_kg_s(b, l.racks()),
      die_c(b, l.gpus()),
      thermal_state(b, l.gpus()),
      die_max_c(b, l.gpus()),
      power_w(to_backend(b, l.idle_w)),
      smooth_below_s(b, l.gpus()),
      rack_loop_c(b, l.racks()),
      rack_coolant_c(b, l.racks()),
      rack_tripped(b, l.racks()),
      entered(b, l.gpus()),
      activity(b, l.gpus()),
      speed(b, l.gpus()),
      power_frac(b, l.gpus()),
      smooth_extra_w(b, l.gpus()),
      smooth_extra_w_host(l.gpus()),
      rack_gpu_power_uw(b, l.racks()),
      rack_activity_micro(b, l.racks()),
      rack_speed_micro(b, l.racks()),
      rack_die_max_c(b, l.racks()),
      rack_return_c(b, l.racks()),
      rack_dc_power_uw(b, l.racks()),
      rack_input_power_uw(b, l.racks()),
      rack_liquid_heat_uw(b, l.racks()),
      rack_air_heat_uw(b, l.racks()),
      row_input_power_uw(b, l.rows()),
      hall_input_power_uw(b, l.halls()) {}

FleetView FleetBuffers::view() {
  FleetView v;
  v.gpu_group = gpu_group.span();
  v.gpu_rack = gpu_rack.span();
  v.idle_w = idle_w.span();
  v.max_w = max_w.span();
  v.limit_w = limit_w.span();
  v.group_jitter = group_jitter.span();
  v.group_speed = group_speed.span();
  v.rack_types = rack_types.span();
  v.thermal = thermal.span();
  v.rack_type = rack_type.span();
  v.rack_first_gpu = rack_first_gpu.span();
  v.rack_row = rack_row.span();
  v.row_hall = row_hall.span();
  v.seed = seed;
  v.smoothing = smoothing;
  v.group_utilization = group_utilization.span();
  v.group_epoch = group_epoch.span();
  v.rack_supply_c = rack_supply_c.span();
  v.rack_flow_kg_s = rack_flow_kg_s.span();
  v.die_c = die_c.span();
  v.thermal_state = thermal_state.span();
  v.die_max_c = die_max_c.span();
  v.power_w = power_w.span();
  v.smooth_below_s = smooth_below_s.span();
  v.rack_loop_c = rack_loop_c.span();
  v.rack_coolant_c = rack_coolant_c.span();
  v.rack_tripped = rack_tripped.span();
  v.entered = entered.span();
  v.activity = activity.span();
  v.speed = speed.span();
  v.power_frac = power_frac.span();
  v.smooth_extra_w = smooth_extra_w.span();
  v.smooth_extra_w_host = smooth_extra_w_host;
  v.rack_gpu_power_uw = rack_gpu_power_uw.span();
  v.rack_activity_micro = rack_activity_micro.span();
  v.rack_speed_micro = rack_speed_micro.span();
  v.rack_die_max_c = rack_die_max_c.span();
  v.rack_return_c = rack_return_c.span();
  v.rack_dc_power_uw = rack_dc_power_uw.span();
  v.rack_input_power_uw = rack_input_power_uw.span();
  v.rack_liquid_heat_uw = rack_liquid_heat_uw.span();
  v.rack_air_heat_uw = rack_air_heat_uw.span();
  v.row_input_power_uw = row_input_power_uw.span();
  v.hall_input_power_uw = hall_input_power_uw.span();
  return v;
}

}  // namespace aifsim::kernels
