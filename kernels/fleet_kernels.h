// SPDX-License-Identifier: Apache-2.0
// The per-tick fleet kernels: the fused per-GPU step and the GPU -> rack -> row -> hall ->
// facility roll-ups. Pure functions over spans that live on the given backend (see
// DeviceBuffer); no I/O, no hidden state. One Thrust source (fleet_kernels_impl.inl) is
// compiled for OpenMP and, when nvcc is found, for CUDA.
#pragma once

#include <cstdint>
#include <span>

#include "kernels/backend.h"
#include "kernels/power_math.h"
#include "kernels/thermal_math.h"

namespace aifsim::kernels {

/// Inputs, state and outputs of the fused per-GPU step; every per-GPU span has the same length.
struct GpuStepArgs {
  std::span<const std::int32_t> gpu_group;   ///< load group of each GPU
  std::span<const std::int32_t> gpu_rack;    ///< rack of each GPU
  std::span<const float> idle_w;             ///< per GPU
  std::span<const float> max_w;              ///< per GPU (type TDP)
  std::span<const float> limit_w;            ///< per GPU power limit
  std::span<const float> group_utilization;  ///< per group, this tick, in [0, 1]
  std::span<const float> group_jitter;       ///< per group: half-width of per-GPU uniform noise
  std::span<const std::uint64_t> group_epoch;  ///< per group: counter of the noise draw (advances every jitter period)
  std::span<const std::int32_t> rack_type;   ///< per rack: index into thermal
  std::span<const ThermalParams> thermal;    ///< per rack type: its GPUs' thermal parameters
  std::span<const float> rack_coolant_c;     ///< per rack: coolant (or inlet air) its GPUs see this tick
  std::span<const std::int8_t> rack_tripped; ///< per rack: 1 when its protection powered it off
  std::span<const EfficiencyCurve> group_speed;  ///< per group: relative throughput vs power / TDP
  std::uint64_t seed = 0;                    ///< scenario seed
  float dt_s = 1.0f;                         ///< tick length
  std::span<float> die_c;                    ///< state per GPU: die temperature
  std::span<std::int8_t> thermal_state;      ///< state per GPU: ThermalState
  std::span<float> die_max_c;                ///< state per GPU: highest die temperature so far
  std::span<std::int8_t> entered_out;        ///< per GPU: the state entered this tick if worse, else 0
  std::span<float> activity_out;             ///< per GPU activity after noise, in [0, 1]
  std::span<float> power_w_out;              ///< per GPU draw (W) this tick
  std::span<float> speed_out;                ///< per GPU relative throughput (clock state), 0..1
  std::span<float> power_frac_out;           ///< per GPU power allowed at full activity / max_w, 0 when off
  GpuSmoothing smoothing;                    ///< power floor and ramp limits (default: off)
  std::span<float> smooth_below_s;           ///< state per GPU when smoothing: time demand has stayed under the draw
  std::span<float> smooth_extra_w_out;       ///< per GPU when smoothing: smoothed draw - demand (W; > 0 is the floor's and ramps' cost)
};

/// One tick of every GPU, fused: activity = clamp(u[group] + jitter[group] (2U - 1)) with
/// U = counter_uniform(seed, gpu, group_epoch[group]); demand = gpu_power_w(idle, max, limit,
/// activity); state = next_thermal_state(state, die, params) from the die temperature at the
/// start of the tick; power = thermal_power_w(state, demand, coolant, params); the die then
/// integrates exactly over dt_s (rc_step_c) at that power and coolant temperature. GPUs of a
/// tripped rack, and GPUs in shutdown, report activity 0 and draw nothing. speed is the
/// relative throughput the GPU can deliver under its power limit and thermal state:
/// group_speed[group] at power_frac = (power allowed at full activity) / max_w, 0 when off;
/// power_frac itself is output too, so the workload layer can apply its own curves.
/// With smoothing active, the demand passes through smoothed_power_w (last tick's draw is the
/// power_w_out the span still holds; smooth_below_s its hold timer) before the thermal limits;
/// a GPU that is off restarts from 0.
void gpu_step(Backend backend, const GpuStepArgs& args);

/// Fleet-wide thermal counts of one tick (exact integer counts; the float max is exact too).
struct ThermalCounts {
  std::int64_t throttled = 0;         ///< GPUs in software or hardware slowdown
  std::int64_t shut_down = 0;         ///< GPUs in thermal shutdown
  std::int64_t entered = 0;           ///< GPUs that entered a worse state this tick
  std::int64_t entered_shutdown = 0;  ///< of which into shutdown
  float die_max_c = -1.0e30f;         ///< hottest die
};

ThermalCounts thermal_counts(Backend backend, std::span<const std::int8_t> thermal_state,
                             std::span<const std::int8_t> entered, std::span<const float> die_c);

/// Segmented maximum: out[k] = max over the k-th run of equal keys (keys non-decreasing).
void max_by_key(Backend backend, std::span<const std::int32_t> keys, std::span<const float> values,
                std::span<float> out);

/// Inputs and outputs of the GPU -> rack roll-up; rack r owns the GPUs
/// [rack_first_gpu[r], rack_first_gpu[r + 1]).
struct RackRollupArgs {
  std::span<const std::int32_t> rack_first_gpu;  ///< racks + 1 offsets, non-decreasing, from 0
  std::span<const float> power_w;                ///< per GPU
  std::span<const float> activity;               ///< per GPU
  std::span<const float> speed;                  ///< per GPU
  std::span<const float> die_c;                  ///< per GPU
  std::span<std::int64_t> power_uw_out;          ///< per rack: sum of to_uw(power)
  std::span<std::int64_t> activity_micro_out;    ///< per rack: sum of to_fixed(activity, 1e6)
  std::span<std::int64_t> speed_micro_out;       ///< per rack: sum of to_fixed(speed, 1e6)
  std::span<float> die_max_c_out;                ///< per rack: hottest die
};

/// One pass over each rack's GPUs for every per-rack quantity (a segmented reduction by
/// offsets; each rack sums its own GPUs in order, so the integer sums are the same on any
/// thread count and backend).
void rack_rollup(Backend backend, const RackRollupArgs& args);

/// Segmented fixed-point sum: out[k] = sum over the k-th run of equal keys of
/// llround(values[i] * scale). keys are non-decreasing; out.size() is the number of runs.
void sum_by_key_fixed(Backend backend, std::span<const std::int32_t> keys,
                      std::span<const float> values, double scale, std::span<std::int64_t> out);

/// Segmented exact sum of integers: out[k] = sum over the k-th run of equal keys.
void sum_by_key(Backend backend, std::span<const std::int32_t> keys,
                std::span<const std::int64_t> values, std::span<std::int64_t> out);

/// Exact sum of all values.
std::int64_t sum_all(Backend backend, std::span<const std::int64_t> values);

/// Inputs, state and outputs of the per-rack power and coolant-loop step; per-rack spans have
/// the same length.
struct RackStepArgs {
  std::span<const std::int64_t> gpu_power_uw;  ///< per rack, from rack_rollup
  std::span<const std::int32_t> rack_first_gpu;  ///< racks + 1 offsets (as in RackRollupArgs)
  std::span<const std::int32_t> rack_type;     ///< per rack index into types
  std::span<const std::int64_t> rack_activity_micro;  ///< per rack, from rack_rollup: CPUs follow the GPUs' mean activity
  std::span<const RackTypeParams> types;       ///< per rack type
  std::span<const float> supply_c;             ///< per rack: coolant supply (air racks: inlet air)
  std::span<const float> flow_kg_s;            ///< per rack: coolant flow (0 when its CDU stopped)
  float dt_s = 1.0f;                           ///< tick length
  std::span<float> loop_c;                     ///< state per rack: mean coolant temperature of the loop
  std::span<float> coolant_c_out;              ///< per rack: coolant the GPUs see next tick
  std::span<float> return_c_out;               ///< per rack: coolant return temperature
  std::span<std::int64_t> dc_power_uw_out;     ///< per rack IT DC power
  std::span<std::int64_t> input_power_uw_out;  ///< per rack AC input power (IT power at the rack)
  std::span<std::int64_t> liquid_heat_uw_out;  ///< per rack heat the loop handed to its CDU (mean over the tick)
  std::span<std::int64_t> air_heat_uw_out;     ///< per rack heat into the room air
  std::span<std::int8_t> tripped;              ///< state per rack: bit 0 while powered off by protection, bit 1 while out of service (any set: off)
};

/// dc = rack_dc_power_w(...), input = rack_input_power_w(...); the loop receives
/// liquid_fraction x dc, the room air the rest of input (PSU losses stay in the air); the
/// heat handed to the CDU is what the loop received minus what it stored; the loop mean temperature
/// integrates exactly: C dT/dt = Q_liquid - 2 m c_p (T - T_supply) (a linear temperature rise
/// along the loop, so return = 2 T - T_supply), and the GPUs see the loop mean next tick.
/// Racks with no liquid share keep their GPUs at the supply (inlet air) temperature.
/// Protection: a rack whose loop reaches loop_trip_c is powered off from the next tick (no
/// power, no heat) until flow has cooled its loop below loop_resume_c.
void rack_step(Backend backend, const RackStepArgs& args);

}  // namespace aifsim::kernels
