// SPDX-License-Identifier: Apache-2.0
// The public fleet kernels: validate argument sizes on the host, then run the cpu:: or cuda::
// build. Validation lives here so both backends reject the same inputs with the same message.
#include <cstddef>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>

#include "kernels/fleet_kernels.h"
#include "kernels/fleet_kernels_backends.h"

namespace aifsim::kernels {

namespace {

constexpr bool kCudaBuilt = AIFSIM_ENABLE_CUDA != 0;

void require_length(const char* kernel, const char* name, std::size_t got, const char* reference,
                    std::size_t expected) {
  if (got != expected) {
    throw std::invalid_argument(std::string(kernel) + ": " + name + " has " +
                                std::to_string(got) + " elements but " + reference + " has " +
                                std::to_string(expected));
  }
}

void require_non_empty(const char* kernel, const char* name, std::size_t got,
                       std::size_t elements) {
  if (elements > 0 && got == 0) {
    throw std::invalid_argument(std::string(kernel) + ": " + name + " is empty but " +
                                std::to_string(elements) + " elements index into it");
  }
}

// The reduce_by_key kernels write one sum per run of keys; a short `out` would be overrun.
void require_runs(Backend backend, const char* kernel, std::span<const std::int32_t> keys,
                  std::size_t out_size) {
  std::size_t runs = 0;
  if (backend == Backend::cuda) {
    if constexpr (kCudaBuilt) {
      runs = cuda::count_key_runs(keys);
    } else {
      detail::throw_cuda_not_built();
    }
  } else {
    runs = cpu::count_key_runs(keys);
  }
  if (runs != out_size) {
    throw std::invalid_argument(std::string(kernel) + ": keys form " + std::to_string(runs) +
                                " runs but out has " + std::to_string(out_size) + " elements");
  }
}

void require_known(Backend backend) {
  if (backend != Backend::cpu && backend != Backend::cuda) {
    throw std::invalid_argument("unknown Backend value " +
                                std::to_string(static_cast<int>(backend)));
  }
  if (backend == Backend::cuda && !kCudaBuilt) detail::throw_cuda_not_built();
}

}  // namespace

void gpu_step(Backend backend, const GpuStepArgs& args) {
  require_known(backend);
  constexpr const char* kKernel = "gpu_step";
  const std::size_t gpus = args.gpu_group.size();
  require_length(kKernel, "gpu_rack", args.gpu_rack.size(), "gpu_group", gpus);
  require_length(kKernel, "idle_w", args.idle_w.size(), "gpu_group", gpus);
  require_length(kKernel, "max_w", args.max_w.size(), "gpu_group", gpus);
  require_length(kKernel, "limit_w", args.limit_w.size(), "gpu_group", gpus);
  require_length(kKernel, "die_c", args.die_c.size(), "gpu_group", gpus);
  require_length(kKernel, "thermal_state", args.thermal_state.size(), "gpu_group", gpus);
  require_length(kKernel, "die_max_c", args.die_max_c.size(), "gpu_group", gpus);
  require_length(kKernel, "entered_out", args.entered_out.size(), "gpu_group", gpus);
  require_length(kKernel, "activity_out", args.activity_out.size(), "gpu_group", gpus);
  require_length(kKernel, "power_w_out", args.power_w_out.size(), "gpu_group", gpus);
  require_length(kKernel, "speed_out", args.speed_out.size(), "gpu_group", gpus);
  require_length(kKernel, "power_frac_out", args.power_frac_out.size(), "gpu_group", gpus);
  if (args.smoothing.active()) {
    require_length(kKernel, "smooth_below_s", args.smooth_below_s.size(), "gpu_group", gpus);
    require_length(kKernel, "smooth_extra_w_out", args.smooth_extra_w_out.size(), "gpu_group", gpus);
  }
  require_length(kKernel, "group_speed", args.group_speed.size(), "group_utilization",
                 args.group_utilization.size());
  require_length(kKernel, "group_jitter", args.group_jitter.size(), "group_utilization",
                 args.group_utilization.size());
  require_length(kKernel, "group_epoch", args.group_epoch.size(), "group_utilization",
                 args.group_utilization.size());
  require_length(kKernel, "rack_coolant_c", args.rack_coolant_c.size(), "rack_type",
                 args.rack_type.size());
  require_length(kKernel, "rack_tripped", args.rack_tripped.size(), "rack_type", args.rack_type.size());
  require_non_empty(kKernel, "group_utilization", args.group_utilization.size(), gpus);
  require_non_empty(kKernel, "rack_type", args.rack_type.size(), gpus);
  require_non_empty(kKernel, "thermal", args.thermal.size(), gpus);
  if (!(args.dt_s > 0.0f)) throw std::invalid_argument("gpu_step: dt_s must be > 0");
  if (gpus == 0) return;
  if constexpr (kCudaBuilt) {
    if (backend == Backend::cuda) return cuda::gpu_step(args);
  }
  cpu::gpu_step(args);
}

ThermalCounts thermal_counts(Backend backend, std::span<const std::int8_t> thermal_state,
                             std::span<const std::int8_t> entered, std::span<const float> die_c) {
  require_known(backend);
  require_length("thermal_counts", "entered", entered.size(), "thermal_state", thermal_state.size());
  require_length("thermal_counts", "die_c", die_c.size(), "thermal_state", thermal_state.size());
  if (thermal_state.empty()) return ThermalCounts{};
  if constexpr (kCudaBuilt) {
    if (backend == Backend::cuda) return cuda::thermal_counts(thermal_state, entered, die_c);
  }
  return cpu::thermal_counts(thermal_state, entered, die_c);
}

void max_by_key(Backend backend, std::span<const std::int32_t> keys, std::span<const float> values,
                std::span<float> out) {
  require_known(backend);
  constexpr const char* kKernel = "max_by_key";
  require_length(kKernel, "values", values.size(), "keys", keys.size());
  require_runs(backend, kKernel, keys, out.size());
  if (keys.empty()) return;
  if constexpr (kCudaBuilt) {
    if (backend == Backend::cuda) return cuda::max_by_key(keys, values, out);
  }
  cpu::max_by_key(keys, values, out);
}

void sum_by_key_fixed(Backend backend, std::span<const std::int32_t> keys,
                      std::span<const float> values, double scale, std::span<std::int64_t> out) {
  require_known(backend);
  constexpr const char* kKernel = "sum_by_key_fixed";
  require_length(kKernel, "values", values.size(), "keys", keys.size());
  require_runs(backend, kKernel, keys, out.size());
  if (keys.empty()) return;
  if constexpr (kCudaBuilt) {
    if (backend == Backend::cuda) return cuda::sum_by_key_fixed(keys, values, scale, out);
  }
  cpu::sum_by_key_fixed(keys, values, scale, out);
}

void sum_by_key(Backend backend, std::span<const std::int32_t> keys,
                std::span<const std::int64_t> values, std::span<std::int64_t> out) {
  require_known(backend);
  constexpr const char* kKernel = "sum_by_key";
  require_length(kKernel, "values", values.size(), "keys", keys.size());
  require_runs(backend, kKernel, keys, out.size());
  if (keys.empty()) return;
  if constexpr (kCudaBuilt) {
    if (backend == Backend::cuda) return cuda::sum_by_key(keys, values, out);
  }
  cpu::sum_by_key(keys, values, out);
}

std::int64_t sum_all(Backend backend, std::span<const std::int64_t> values) {
  require_known(backend);
  if (values.empty()) return 0;
  if constexpr (kCudaBuilt) {
    if (backend == Backend::cuda) return cuda::sum_all(values);
  }
  return cpu::sum_all(values);
}

void rack_rollup(Backend backend, const RackRollupArgs& args) {
  require_known(backend);
  constexpr const char* kKernel = "rack_rollup";
  const std::size_t racks = args.power_uw_out.size();
  require_length(kKernel, "rack_first_gpu", args.rack_first_gpu.size(), "power_uw_out + 1", racks + 1);
  require_length(kKernel, "activity_micro_out", args.activity_micro_out.size(), "power_uw_out", racks);
  require_length(kKernel, "speed_micro_out", args.speed_micro_out.size(), "power_uw_out", racks);
  require_length(kKernel, "die_max_c_out", args.die_max_c_out.size(), "power_uw_out", racks);
  const std::size_t gpus = args.power_w.size();
  require_length(kKernel, "activity", args.activity.size(), "power_w", gpus);
  require_length(kKernel, "speed", args.speed.size(), "power_w", gpus);
  require_length(kKernel, "die_c", args.die_c.size(), "power_w", gpus);
  // The offsets live on the backend; the host copy the caller built them from is not here, so
  // only their count is checked (the fleet builds them once from the topology).
  if (racks == 0) return;
  if constexpr (kCudaBuilt) {
    if (backend == Backend::cuda) return cuda::rack_rollup(args);
  }
  cpu::rack_rollup(args);
}

void rack_step(Backend backend, const RackStepArgs& args) {
  require_known(backend);
  constexpr const char* kKernel = "rack_step";
  const std::size_t racks = args.gpu_power_uw.size();
  const auto rack_span = [&](const char* name, std::size_t size) {
    require_length(kKernel, name, size, "gpu_power_uw", racks);
  };
  require_length(kKernel, "rack_first_gpu", args.rack_first_gpu.size(), "gpu_power_uw + 1", racks + 1);
  rack_span("rack_activity_micro", args.rack_activity_micro.size());
  rack_span("rack_type", args.rack_type.size());
  rack_span("supply_c", args.supply_c.size());
  rack_span("flow_kg_s", args.flow_kg_s.size());
  rack_span("loop_c", args.loop_c.size());
  rack_span("coolant_c_out", args.coolant_c_out.size());
  rack_span("return_c_out", args.return_c_out.size());
  rack_span("dc_power_uw_out", args.dc_power_uw_out.size());
  rack_span("input_power_uw_out", args.input_power_uw_out.size());
  rack_span("liquid_heat_uw_out", args.liquid_heat_uw_out.size());
  rack_span("air_heat_uw_out", args.air_heat_uw_out.size());
  rack_span("tripped", args.tripped.size());
  require_non_empty(kKernel, "types", args.types.size(), racks);
  if (!(args.dt_s > 0.0f)) throw std::invalid_argument("rack_step: dt_s must be > 0");
  if (racks == 0) return;
  if constexpr (kCudaBuilt) {
    if (backend == Backend::cuda) return cuda::rack_step(args);
  }
  cpu::rack_step(args);
}

}  // namespace aifsim::kernels
