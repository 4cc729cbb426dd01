// SPDX-License-Identifier: Apache-2.0
// The fleet's per-tick kernel sequence, written once: the simulation (facility::Fleet::step),
// the kernel tests and the benchmark all run this function, so none of them can drift from
// what the others measure. Plus the arrays it runs over, as spans (FleetView) and, for callers
// that do not keep their own, as owning buffers built from a host layout (FleetBuffers).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "kernels/backend.h"
#include "kernels/device_buffer.h"
#include "kernels/fleet_kernels.h"
#include "kernels/power_math.h"
#include "kernels/thermal_math.h"

namespace aifsim::kernels {

/// Every array of one tick, on the backend it runs on (see DeviceBuffer), except
/// smooth_extra_w_host. GPUs are contiguous per rack: gpu_rack is non-decreasing, and rack r
/// owns GPUs [rack_first_gpu[r], rack_first_gpu[r + 1]). Sizes are checked by each kernel.
struct FleetView {
  // Layout: fixed when the fleet is built.
  std::span<const std::int32_t> gpu_group;       ///< per GPU: its load group
  std::span<const std::int32_t> gpu_rack;        ///< per GPU: its rack
  std::span<const float> idle_w;                 ///< per GPU
  std::span<const float> max_w;                  ///< per GPU (type TDP)
  std::span<const float> limit_w;                ///< per GPU power limit (the cap controller may change it)
  std::span<const float> group_jitter;           ///< per group: half-width of per-GPU noise
  std::span<const EfficiencyCurve> group_speed;  ///< per group: relative throughput vs power / TDP
  std::span<const RackTypeParams> rack_types;    ///< per rack type
  std::span<const ThermalParams> thermal;        ///< per rack type: its GPUs' thermal parameters
  std::span<const std::int32_t> rack_type;       ///< per rack: index into rack_types and thermal
  std::span<const std::int32_t> rack_first_gpu;  ///< racks + 1 offsets
  std::span<const std::int32_t> rack_row;        ///< per rack: its row (non-decreasing)
  std::span<const std::int32_t> row_hall;        ///< per row: its hall (non-decreasing)
  std::uint64_t seed = 0;                        ///< scenario seed of the per-GPU noise
  GpuSmoothing smoothing;                        ///< default: off

  // Inputs of this tick.
  std::span<const float> group_utilization;   ///< per group, [0, 1]
  std::span<const std::uint64_t> group_epoch;  ///< per group: noise counter
  std::span<const float> rack_supply_c;       ///< per rack: loop supply (air racks: inlet air)
  std::span<const float> rack_flow_kg_s;      ///< per rack: loop flow

  // State carried from tick to tick, updated in place.
  std::span<float> die_c;                ///< per GPU
  std::span<std::int8_t> thermal_state;  ///< per GPU: ThermalState
  std::span<float> die_max_c;            ///< per GPU: hottest so far
  std::span<float> power_w;              ///< per GPU draw: last tick's on entry (smoothing ramps from it), this tick's on return
  std::span<float> smooth_below_s;       ///< per GPU, only with smoothing: hold timer
  std::span<float> rack_loop_c;          ///< per rack: loop mean temperature
  std::span<float> rack_coolant_c;       ///< per rack: coolant the GPUs see (written for the next tick)
  std::span<std::int8_t> rack_tripped;   ///< per rack: bit 0 protection, bit 1 out of service

  // Outputs of this tick.
  std::span<std::int8_t> entered;           ///< per GPU: the state entered this tick if worse, else 0
  std::span<float> activity;                ///< per GPU
  std::span<float> speed;                   ///< per GPU relative throughput
  std::span<float> power_frac;              ///< per GPU power allowed at full activity / max_w
  std::span<float> smooth_extra_w;          ///< per GPU, only with smoothing: smoothed draw - demand
  std::span<float> smooth_extra_w_host;     ///< host memory, only with smoothing: where smooth_extra_w is read back to be summed
  std::span<std::int64_t> rack_gpu_power_uw;
  std::span<std::int64_t> rack_activity_micro;
  std::span<std::int64_t> rack_speed_micro;
  std::span<float> rack_die_max_c;
  std::span<float> rack_return_c;
  std::span<std::int64_t> rack_dc_power_uw;
  std::span<std::int64_t> rack_input_power_uw;
  std::span<std::int64_t> rack_liquid_heat_uw;
  std::span<std::int64_t> rack_air_heat_uw;
  std::span<std::int64_t> row_input_power_uw;
  std::span<std::int64_t> hall_input_power_uw;
};

/// Facility totals of one tick: powers and heats in exact integer micro-watts.
struct FleetTotals {
  std::int64_t gpu_power_uw = 0;
  std::int64_t dc_power_uw = 0;     ///< rack DC power: GPUs + CPUs + other
  std::int64_t input_power_uw = 0;  ///< rack AC input = IT power
  std::int64_t liquid_heat_uw = 0;  ///< into the rack loops
  std::int64_t air_heat_uw = 0;     ///< into the room air
  std::int64_t activity_micro = 0;  ///< sum of GPU activity x 1e6
  std::int64_t speed_micro = 0;     ///< sum of GPU relative throughput x 1e6
  ThermalCounts thermal;
  double smoothing_extra_w = 0;     ///< what smoothing (floor, ramps) added over the GPUs' demand
};

/// One tick of the fleet, in this order: gpu_step; rack_rollup (GPU -> rack power, activity,
/// speed, hottest die); thermal_counts; rack_step (rack power, loops, protection); rack -> row
/// -> hall sum_by_key; the facility sums; with smoothing, the per-GPU extra summed on the host
/// in GPU order (a double sum whose order would otherwise depend on the thread count).
/// No I/O and no state but `fleet`'s arrays; throws what the kernels throw on mismatched sizes.
FleetTotals fleet_tick(Backend backend, const FleetView& fleet, float dt_s);

/// The gpu_step arguments fleet_tick uses (the benchmark times the GPU step alone with them).
GpuStepArgs gpu_step_args(const FleetView& fleet, float dt_s);

/// A fleet's layout in host memory (the Layout part of FleetView); racks, rows and halls are
/// counted from rack_type, row_hall and the runs of row_hall.
struct FleetLayout {
  std::vector<std::int32_t> gpu_group;
  std::vector<std::int32_t> gpu_rack;  ///< non-decreasing, every value below racks()
  std::vector<float> idle_w;
  std::vector<float> max_w;
  std::vector<float> limit_w;
  std::vector<float> group_jitter;
  std::vector<EfficiencyCurve> group_speed;
  std::vector<RackTypeParams> rack_types;
  std::vector<ThermalParams> thermal;
  std::vector<std::int32_t> rack_type;
  std::vector<std::int32_t> rack_row;
  std::vector<std::int32_t> row_hall;
  std::uint64_t seed = 0;
  GpuSmoothing smoothing;

  std::size_t gpus() const { return gpu_group.size(); }
  std::size_t groups() const { return group_jitter.size(); }
  std::size_t racks() const { return rack_type.size(); }
  std::size_t rows() const { return row_hall.size(); }
  std::size_t halls() const;
};

/// Owning storage of every FleetView array on one backend. The layout is uploaded from a
/// FleetLayout; inputs, state and outputs start at zero, except power_w, which starts at idle_w
/// (smoothing then ramps from the idle draw). Callers upload their state and inputs into the
/// public buffers, then run fleet_tick(backend(), view(), dt_s).
struct FleetBuffers {
  /// Throws std::invalid_argument when gpu_rack is not non-decreasing or names a rack past
  /// rack_type (the kernels cannot check it per tick).
  FleetBuffers(Backend backend, const FleetLayout& layout);

  Backend backend() const { return idle_w.backend(); }
  /// Spans of every buffer; they stay valid as long as this object.
  FleetView view();

  DeviceBuffer<std::int32_t> gpu_group, gpu_rack;
  DeviceBuffer<float> idle_w, max_w, limit_w, group_jitter;
  DeviceBuffer<EfficiencyCurve> group_speed;
  DeviceBuffer<RackTypeParams> rack_types;
  DeviceBuffer<ThermalParams> thermal;
  DeviceBuffer<std::int32_t> rack_type, rack_first_gpu, rack_row, row_hall;
  std::uint64_t seed;
  GpuSmoothing smoothing;

  DeviceBuffer<float> group_utilization;
  DeviceBuffer<std::uint64_t> group_epoch;
  DeviceBuffer<float> rack_supply_c, rack_flow_kg_s;

  DeviceBuffer<float> die_c;
  DeviceBuffer<std::int8_t> thermal_state;
  DeviceBuffer<float> die_max_c, power_w, smooth_below_s, rack_loop_c, rack_coolant_c;
  DeviceBuffer<std::int8_t> rack_tripped;

  DeviceBuffer<std::int8_t> entered;
  DeviceBuffer<float> activity, speed, power_frac, smooth_extra_w;
  std::vector<float> smooth_extra_w_host;
  DeviceBuffer<std::int64_t> rack_gpu_power_uw, rack_activity_micro, rack_speed_micro;
  DeviceBuffer<float> rack_die_max_c, rack_return_c;
  DeviceBuffer<std::int64_t> rack_dc_power_uw, rack_input_power_uw, rack_liquid_heat_uw,
      rack_air_heat_uw, row_input_power_uw, hall_input_power_uw;
};

}  // namespace aifsim::kernels
