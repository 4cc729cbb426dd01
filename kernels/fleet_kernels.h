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

namespace aifsim::kernels {

/// Inputs and outputs of the per-GPU power step; every per-GPU span has the same length.
struct GpuPowerStepArgs {
  std::span<const std::int32_t> gpu_group;   ///< load group of each GPU
  std::span<const float> idle_w;             ///< per GPU
  std::span<const float> max_w;              ///< per GPU (type TDP)
  std::span<const float> limit_w;            ///< per GPU power limit
  std::span<const float> group_utilization;  ///< per group, this tick, in [0, 1]
  std::span<const float> group_jitter;       ///< per group: half-width of per-GPU uniform noise
  std::span<const std::uint64_t> group_epoch;  ///< per group: counter of the noise draw (advances every jitter period)
  std::uint64_t seed = 0;                    ///< scenario seed
  std::span<float> activity_out;             ///< per GPU activity after noise, in [0, 1]
  std::span<float> power_w_out;              ///< per GPU draw (W)
};

/// activity = clamp(u[group] + jitter[group] * (2 U - 1)), U = counter_uniform(seed, gpu, group_epoch[group]);
/// power = gpu_power_w(idle, max, limit, activity).
void gpu_power_step(Backend backend, const GpuPowerStepArgs& args);

/// Segmented fixed-point sum: out[k] = sum over the k-th run of equal keys of
/// llround(values[i] * scale). keys are non-decreasing; out.size() is the number of runs.
void sum_by_key_fixed(Backend backend, std::span<const std::int32_t> keys,
                      std::span<const float> values, double scale, std::span<std::int64_t> out);

/// Segmented exact sum of integers: out[k] = sum over the k-th run of equal keys.
void sum_by_key(Backend backend, std::span<const std::int32_t> keys,
                std::span<const std::int64_t> values, std::span<std::int64_t> out);

/// Exact sum of all values.
std::int64_t sum_all(Backend backend, std::span<const std::int64_t> values);

/// Inputs and outputs of the per-rack power step; per-rack spans have the same length.
struct RackPowerStepArgs {
  std::span<const std::int64_t> gpu_power_uw;  ///< per rack, from sum_by_key_fixed
  std::span<const std::int32_t> rack_group;    ///< per rack load group
  std::span<const std::int32_t> rack_type;     ///< per rack index into types
  std::span<const float> group_utilization;    ///< per group, this tick
  std::span<const RackTypeParams> types;       ///< per rack type
  std::span<std::int64_t> dc_power_uw_out;     ///< per rack IT DC power
  std::span<std::int64_t> input_power_uw_out;  ///< per rack AC input power (IT power at the rack)
};

/// dc = rack_dc_power_w(...), input = rack_input_power_w(...), both to micro-watts.
void rack_power_step(Backend backend, const RackPowerStepArgs& args);

}  // namespace aifsim::kernels
