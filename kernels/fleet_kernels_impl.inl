// SPDX-License-Identifier: Apache-2.0
// The one Thrust source of the fleet kernels, compiled twice: as aifsim::kernels::cpu (OpenMP)
// by fleet_kernels_cpu.cpp and as aifsim::kernels::cuda by fleet_kernels_cuda.cu.
//
// The including TU defines AIFSIM_KERNEL_NS (cpu or cuda) and AIFSIM_KERNEL_POLICY (the Thrust
// execution policy, e.g. thrust::omp::par) and includes that policy's header. Only algorithms
// and iterators present in both CCCL 3.0 and Debian's Thrust 1.17 are used, so the CPU build
// also works on a machine without the CUDA toolkit.

#if !defined(AIFSIM_KERNEL_NS) || !defined(AIFSIM_KERNEL_POLICY)
#error "define AIFSIM_KERNEL_NS and AIFSIM_KERNEL_POLICY before including fleet_kernels_impl.inl"
#endif

#include <thrust/for_each.h>
#include <thrust/functional.h>
#include <thrust/iterator/counting_iterator.h>
#include <thrust/iterator/discard_iterator.h>
#include <thrust/iterator/transform_iterator.h>
#include <thrust/iterator/zip_iterator.h>
#include <thrust/reduce.h>
#include <thrust/transform.h>
#include <thrust/tuple.h>
#include <thrust/version.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "kernels/counter_rng.h"
#include "kernels/fleet_kernels_backends.h"
#include "kernels/power_math.h"
#include "kernels/thermal_math.h"

namespace aifsim::kernels::AIFSIM_KERNEL_NS {

namespace detail {

// Raw temporary memory of this backend (host for cpu, device for cuda); defined by the TU that
// includes this file. raw_temporary_alloc throws std::bad_alloc on failure.
void* raw_temporary_alloc(std::size_t bytes);
void raw_temporary_free(void* ptr) noexcept;

// Thrust's reduce_by_key allocates four temporary arrays of the input's length on every call
// (and reduce a few partial sums); handing Thrust this cache instead keeps a tick free of
// allocation and page faults once the first tick has sized the blocks. One cache per calling
// thread, so concurrent callers never share a block; blocks are released at thread exit.
class TemporaryCache {
 public:
  using value_type = char;

  TemporaryCache() = default;
  TemporaryCache(const TemporaryCache&) = delete;
  TemporaryCache& operator=(const TemporaryCache&) = delete;
  ~TemporaryCache() {
    for (const Block& block : blocks_) raw_temporary_free(block.ptr);
  }

  char* allocate(std::ptrdiff_t signed_bytes) {
    const auto bytes = static_cast<std::size_t>(signed_bytes);
    // Best fit among free blocks: a tick asks for the same few sizes every time.
    Block* best = nullptr;
    for (Block& block : blocks_) {
      if (!block.in_use && block.bytes >= bytes && (best == nullptr || block.bytes < best->bytes)) {
        best = &block;
      }
    }
    if (best == nullptr) {
      // Every free block is too small for this request: drop them, so a fleet that grows does
      // not leave a trail of outgrown blocks behind.
      std::erase_if(blocks_, [](const Block& block) {
        if (block.in_use) return false;
        raw_temporary_free(block.ptr);
        return true;
      });
      blocks_.reserve(blocks_.size() + 1);  // so push_back cannot throw and leak the block
      blocks_.push_back(Block{static_cast<char*>(raw_temporary_alloc(bytes)), bytes, false});
      best = &blocks_.back();
    }
    best->in_use = true;
    return best->ptr;
  }

  void deallocate(char* ptr, std::size_t /*bytes*/) noexcept {
    for (Block& block : blocks_) {
      if (block.ptr == ptr) {
        block.in_use = false;
        return;
      }
    }
  }

 private:
  struct Block {
    char* ptr;
    std::size_t bytes;
    bool in_use;
  };
  std::vector<Block> blocks_;
};

// Element indices are 64-bit so a fleet past 2^31 elements cannot wrap.
using Index = std::int64_t;
using IndexIterator = thrust::counting_iterator<Index>;

inline TemporaryCache& temporary_cache() {
  thread_local TemporaryCache cache;
  return cache;
}

// The execution policy of every call: the backend's policy with the cached temporaries.
#define AIFSIM_KERNEL_EXEC AIFSIM_KERNEL_POLICY(detail::temporary_cache())

#if defined(AIFSIM_KERNEL_SERIAL_POLICY)
// Defined by the CPU TU: whether work of about `work_ns` (one thread) is better done on the
// calling thread than by forking a team.
bool run_serially(double work_ns);
#endif

// Single-thread cost of one element of each kernel (ns) on this project's 2-core x86 build
// machine: BM_GpuStep measured 9.4-11.5 ns per GPU-tick; the others are estimates from their
// per-element work (a few loads and adds). Only their order of magnitude matters: they place
// work either side of the grain.
constexpr double kGpuStepNs = 12.0;
constexpr double kThermalCountsNs = 1.5;
constexpr double kRackRollupNsPerGpu = 2.5;
constexpr double kRackStepNs = 30.0;
constexpr double kByKeyNs = 4.0;
constexpr double kSumNs = 0.3;
constexpr double kTypeDecayNs = 0.0;  // a handful of rack types: never worth a team

// Calls `f` with the policy this much work should run under. On the CPU, work below the
// minimum grain (run_serially) runs on the calling thread with the serial policy: forking and
// joining a team costs microseconds on an idle machine, and on a busy one every join waits
// for a descheduled worker's time slice, so a tick of many small parallel regions is what
// made two threads slower than one. The serial and parallel policies give the same bits: the
// kernels are per-element maps, integer sums and maxima.
template <class F>
decltype(auto) with_policy(Index elements, double ns_per_element, F&& f) {
#if defined(AIFSIM_KERNEL_SERIAL_POLICY)
  if (run_serially(static_cast<double>(elements) * ns_per_element)) {
    return f(AIFSIM_KERNEL_SERIAL_POLICY(temporary_cache()));
  }
#else
  (void)elements;
  (void)ns_per_element;
#endif
  return f(AIFSIM_KERNEL_EXEC);
}

// The functors hold raw pointers (device pointers in the CUDA build) rather than zipping every
// input: a zip of a dozen streams would not be faster and is much harder to read.
struct GpuStepOp {
  const std::int32_t* gpu_group;
  const std::int32_t* gpu_rack;
  const float* idle_w;
  const float* max_w;
  const float* limit_w;
  const float* group_utilization;
  const float* group_jitter;
  const std::uint64_t* group_epoch;
  const std::int32_t* rack_type;
  const ThermalParams* thermal;
  const float* rack_coolant_c;
  const std::int8_t* rack_tripped;
  const EfficiencyCurve* group_speed;
  const float* type_decay;  // per rack type: rc_decay of its GPUs over dt_s
  std::uint64_t seed;
  float dt_s;
  float* die_c;
  std::int8_t* thermal_state;
  float* die_max_c;
  std::int8_t* entered;
  float* activity_out;
  float* power_w_out;
  float* speed_out;
  float* power_frac_out;
  GpuSmoothing smoothing;
  float* smooth_below_s;
  float* smooth_extra_w;

  AIFSIM_HD void operator()(Index gpu) const {
    const std::int32_t group = gpu_group[gpu];
    const std::int32_t rack = gpu_rack[gpu];
    // One counter stream per GPU, indexed by its group's epoch: the draw does not depend on
    // which thread or backend computes it.
    // Groups without noise (workload replicas and jobs) skip the draw.
    const float jitter = group_jitter[group];
    const float noise =
        jitter != 0.0f
            ? static_cast<float>(2.0 * counter_uniform(seed, static_cast<std::uint64_t>(gpu), group_epoch[group]) - 1.0)
            : 0.0f;
    const bool rack_off = rack_tripped[rack] != 0;  // powered off by its rack's protection
    const float activity = rack_off ? 0.0f : clamp01(group_utilization[group] + jitter * noise);
    float demand_w = rack_off ? 0.0f : gpu_power_w(idle_w[gpu], max_w[gpu], limit_w[gpu], activity);
    const float limit = limit_w[gpu] < max_w[gpu] ? limit_w[gpu] : max_w[gpu];  // the draw never exceeds either
    if (smoothing.active()) {
      if (rack_off || thermal_state[gpu] == kThermalShutdown) {
        smooth_below_s[gpu] = 0.0f;
        smooth_extra_w[gpu] = 0.0f;
      } else {
        const float smoothed = smoothed_power_w(demand_w, limit, power_w_out[gpu], smooth_below_s[gpu], smoothing, dt_s);
        smooth_extra_w[gpu] = smoothed - demand_w;
        demand_w = smoothed;
      }
    }

    const ThermalParams& p = thermal[rack_type[rack]];
    const float coolant_c = rack_coolant_c[rack];
    const std::int8_t before = thermal_state[gpu];
    const std::int8_t state = next_thermal_state(before, die_c[gpu], p);
    const float power_w = thermal_power_w(state, demand_w, coolant_c, p);
    const float die = rc_step_decay_c(die_c[gpu], power_w, coolant_c, p.r_k_per_w, type_decay[rack_type[rack]]);

    thermal_state[gpu] = state;
    entered[gpu] = state > before ? state : std::int8_t{0};
    die_c[gpu] = die;
    die_max_c[gpu] = die > die_max_c[gpu] ? die : die_max_c[gpu];
    activity_out[gpu] = state == kThermalShutdown ? 0.0f : activity;
    power_w_out[gpu] = power_w;
    // The clock the GPU can run: what its limit and thermal state allow at full activity.
    const float cap_w = rack_off ? 0.0f : thermal_power_w(state, limit, coolant_c, p);
    const float frac = cap_w > 0.0f ? cap_w / max_w[gpu] : 0.0f;
    power_frac_out[gpu] = frac;
    speed_out[gpu] = cap_w > 0.0f ? efficiency_at(group_speed[group], frac) : 0.0f;
  }
};

// Per-GPU contribution to the fleet's thermal counts; ThermalCountsSum adds two of them.
struct ThermalCountsOp {
  const std::int8_t* state;
  const std::int8_t* entered;
  const float* die_c;
  AIFSIM_HD ThermalCounts operator()(Index gpu) const {
    ThermalCounts c;
    c.throttled = (state[gpu] == kThermalSlowdown || state[gpu] == kThermalHwSlowdown) ? 1 : 0;
    c.shut_down = state[gpu] == kThermalShutdown ? 1 : 0;
    c.entered = entered[gpu] != 0 ? 1 : 0;
    c.entered_shutdown = entered[gpu] == kThermalShutdown ? 1 : 0;
    c.die_max_c = die_c[gpu];
    return c;
  }
};

struct ThermalCountsSum {
  AIFSIM_HD ThermalCounts operator()(const ThermalCounts& a, const ThermalCounts& b) const {
    ThermalCounts c;
    c.throttled = a.throttled + b.throttled;
    c.shut_down = a.shut_down + b.shut_down;
    c.entered = a.entered + b.entered;
    c.entered_shutdown = a.entered_shutdown + b.entered_shutdown;
    c.die_max_c = a.die_max_c > b.die_max_c ? a.die_max_c : b.die_max_c;
    return c;
  }
};

struct MaxOp {
  AIFSIM_HD float operator()(float a, float b) const { return a > b ? a : b; }
};

struct ToFixedOp {
  double scale;
  AIFSIM_HD std::int64_t operator()(float value) const {
    return to_fixed(static_cast<double>(value), scale);
  }
};

// 1 where a new run of keys starts, else 0; summing it counts the runs.
struct RunHeadOp {
  const std::int32_t* keys;
  AIFSIM_HD std::int64_t operator()(Index i) const {
    return (i == 0 || keys[i] != keys[i - 1]) ? 1 : 0;
  }
};

struct RackRollupOp {
  const std::int32_t* first_gpu;
  const float* power_w;
  const float* activity;
  const float* speed;
  const float* die_c;
  std::int64_t* power_uw;
  std::int64_t* activity_micro;
  std::int64_t* speed_micro;
  float* die_max_c;

  AIFSIM_HD void operator()(Index rack) const {
    std::int64_t p = 0, a = 0, s = 0;
    float hottest = -1.0e30f;
    for (Index g = first_gpu[rack]; g < first_gpu[rack + 1]; ++g) {
      p += to_uw(static_cast<double>(power_w[g]));
      a += to_fixed(static_cast<double>(activity[g]), 1.0e6);
      s += to_fixed(static_cast<double>(speed[g]), 1.0e6);
      hottest = die_c[g] > hottest ? die_c[g] : hottest;
    }
    power_uw[rack] = p;
    activity_micro[rack] = a;
    speed_micro[rack] = s;
    die_max_c[rack] = hottest;
  }
};

struct RackStepOp {
  const std::int64_t* gpu_power_uw;
  const std::int32_t* rack_first_gpu;
  const std::int32_t* rack_type;
  const std::int64_t* rack_activity_micro;
  const RackTypeParams* types;
  const float* supply_c;
  const float* flow_kg_s;
  float dt_s;
  float* loop_c;
  float* coolant_c;
  float* return_c;
  std::int64_t* dc_power_uw;
  std::int64_t* input_power_uw;
  std::int64_t* liquid_heat_uw;
  std::int64_t* air_heat_uw;
  std::int8_t* tripped;

  AIFSIM_HD void operator()(Index rack) const {
    const RackTypeParams& type = types[rack_type[rack]];
    // Division (correctly rounded on both backends) rather than * 1e-6, which is inexact.
    const double gpu_w = static_cast<double>(gpu_power_uw[rack]) / 1.0e6;
    // A tripped rack is powered off: its GPUs already drew nothing this tick (gpu_step).
    const bool off = tripped[rack] != 0;
    const std::int32_t gpus = rack_first_gpu[rack + 1] - rack_first_gpu[rack];
    const float utilization =
        gpus > 0 ? static_cast<float>(static_cast<double>(rack_activity_micro[rack]) / (1.0e6 * gpus)) : 0.0f;
    const double dc_w = off ? gpu_w : rack_dc_power_w(type, gpu_w, utilization);
    const double input_w = off ? dc_w : rack_input_power_w(type, dc_w);
    const double liquid_w = static_cast<double>(type.liquid_fraction) * dc_w;
    dc_power_uw[rack] = to_uw(dc_w);
    input_power_uw[rack] = to_uw(input_w);
    air_heat_uw[rack] = to_uw(input_w - liquid_w);

    const double supply = supply_c[rack];
    if (type.liquid_fraction <= 0.0f) {  // air-cooled: the GPUs breathe the inlet air
      loop_c[rack] = static_cast<float>(supply);
      coolant_c[rack] = static_cast<float>(supply);
      return_c[rack] = static_cast<float>(supply);
      liquid_heat_uw[rack] = 0;
      return;
    }
    // Linear rise along the loop: the loop mean exchanges 2 m c_p (T - T_supply) with the CDU.
    const double conductance_w_per_k =
        2.0 * static_cast<double>(flow_kg_s[rack]) * static_cast<double>(type.coolant_cp_j_per_kg_k);
    const double before_c = loop_c[rack];
    const double c_j_per_k = static_cast<double>(type.loop_heat_capacity_j_per_k);
    const double mean = mixed_mass_step_c(before_c, liquid_w, conductance_w_per_k, supply, c_j_per_k,
                                          static_cast<double>(dt_s));
    // Heat handed to the CDU over the tick: what the loop received minus what it stored, so
    // energy is conserved exactly when a stopped pump lets the loop warm up. What it stored is
    // what its float state gained (not the double `mean`), or the rounding of the state would
    // leak up to C x ulp / 2 per tick (0.6 J at 3e5 J/K and 40 C) out of the energy balance.
    const auto stored_c = static_cast<float>(mean);
    liquid_heat_uw[rack] = to_uw(liquid_w - c_j_per_k * (static_cast<double>(stored_c) - before_c) /
                                                static_cast<double>(dt_s));
    loop_c[rack] = stored_c;
    coolant_c[rack] = stored_c;
    // With no flow there is no return stream; report the stagnant loop temperature.
    return_c[rack] = static_cast<float>(conductance_w_per_k > 0.0 ? 2.0 * mean - supply : mean);
    // Over-temperature protection, effective from the next tick: the rack powers off when its
    // loop reaches the trip temperature and restarts once flow has cooled it to the resume one.
    if (!off && stored_c >= type.loop_trip_c) tripped[rack] = 1;
    // Only the protection's own bit clears: a rack taken out of service (bit 1) stays off.
    if (off && stored_c < type.loop_resume_c && conductance_w_per_k > 0.0)
      tripped[rack] = static_cast<std::int8_t>(tripped[rack] & ~1);
  }
};

}  // namespace detail

namespace detail {
// The exponential of the die step depends only on the rack type and dt: computed once per
// type into backend memory rather than once per GPU.
struct TypeDecayOp {
  const ThermalParams* thermal;
  float dt_s;
  float* decay;
  AIFSIM_HD void operator()(Index type) const {
    decay[type] = rc_decay(thermal[type].r_k_per_w, thermal[type].c_j_per_k, dt_s);
  }
};
}  // namespace detail

void gpu_step(const GpuStepArgs& args) {
  const auto n = static_cast<detail::Index>(args.gpu_group.size());
  if (n == 0) return;
  const auto types = static_cast<detail::Index>(args.thermal.size());
  detail::TemporaryCache& cache = detail::temporary_cache();
  const auto bytes = static_cast<std::ptrdiff_t>(static_cast<std::size_t>(types) * sizeof(float));
  auto* decay = reinterpret_cast<float*>(cache.allocate(bytes));
  detail::with_policy(types, detail::kTypeDecayNs, [&](auto policy) {
    thrust::for_each(policy, detail::IndexIterator(0), detail::IndexIterator(types),
                     detail::TypeDecayOp{args.thermal.data(), args.dt_s, decay});
  });
  const detail::GpuStepOp op{args.gpu_group.data(),        args.gpu_rack.data(),
                             args.idle_w.data(),           args.max_w.data(),
                             args.limit_w.data(),          args.group_utilization.data(),
                             args.group_jitter.data(),     args.group_epoch.data(),
                             args.rack_type.data(),        args.thermal.data(),
                             args.rack_coolant_c.data(),   args.rack_tripped.data(),
                             args.group_speed.data(),      decay,
                             args.seed,                    args.dt_s,
                             args.die_c.data(),            args.thermal_state.data(),
                             args.die_max_c.data(),        args.entered_out.data(),
                             args.activity_out.data(),     args.power_w_out.data(),
                             args.speed_out.data(),        args.power_frac_out.data(),
                             args.smoothing,               args.smooth_below_s.data(),
                             args.smooth_extra_w_out.data()};
  detail::with_policy(n, detail::kGpuStepNs, [&](auto policy) {
    thrust::for_each(policy, detail::IndexIterator(0), detail::IndexIterator(n), op);
  });
  cache.deallocate(reinterpret_cast<char*>(decay), static_cast<std::size_t>(bytes));
}

ThermalCounts thermal_counts(std::span<const std::int8_t> state, std::span<const std::int8_t> entered,
                             std::span<const float> die_c) {
  const auto n = static_cast<detail::Index>(state.size());
  if (n == 0) return ThermalCounts{};
  const auto per_gpu = thrust::make_transform_iterator(
      detail::IndexIterator(0), detail::ThermalCountsOp{state.data(), entered.data(), die_c.data()});
  return detail::with_policy(n, detail::kThermalCountsNs, [&](auto policy) {
    return thrust::reduce(policy, per_gpu, per_gpu + n, ThermalCounts{}, detail::ThermalCountsSum{});
  });
}

void max_by_key(std::span<const std::int32_t> keys, std::span<const float> values,
                std::span<float> out) {
  if (keys.empty()) return;
  detail::with_policy(static_cast<detail::Index>(keys.size()), detail::kByKeyNs, [&](auto policy) {
    thrust::reduce_by_key(policy, keys.data(), keys.data() + keys.size(), values.data(),
                          thrust::make_discard_iterator(), out.data(), thrust::equal_to<std::int32_t>(),
                          detail::MaxOp{});
  });
}

void sum_by_key_fixed(std::span<const std::int32_t> keys, std::span<const float> values,
                      double scale, std::span<std::int64_t> out) {
  if (keys.empty()) return;
  // The keys output is discarded: callers know their keys (rack i, row j), and writing them
  // would need a buffer the size of `out` on every call.
  detail::with_policy(static_cast<detail::Index>(keys.size()), detail::kByKeyNs, [&](auto policy) {
    thrust::reduce_by_key(policy, keys.data(), keys.data() + keys.size(),
                          thrust::make_transform_iterator(values.data(), detail::ToFixedOp{scale}),
                          thrust::make_discard_iterator(), out.data(), thrust::equal_to<std::int32_t>(),
                          thrust::plus<std::int64_t>());
  });
}

void sum_by_key(std::span<const std::int32_t> keys, std::span<const std::int64_t> values,
                std::span<std::int64_t> out) {
  if (keys.empty()) return;
  detail::with_policy(static_cast<detail::Index>(keys.size()), detail::kByKeyNs, [&](auto policy) {
    thrust::reduce_by_key(policy, keys.data(), keys.data() + keys.size(), values.data(),
                          thrust::make_discard_iterator(), out.data(), thrust::equal_to<std::int32_t>(),
                          thrust::plus<std::int64_t>());
  });
}

std::int64_t sum_all(std::span<const std::int64_t> values) {
  if (values.empty()) return 0;
  return detail::with_policy(static_cast<detail::Index>(values.size()), detail::kSumNs, [&](auto policy) {
    return thrust::reduce(policy, values.data(), values.data() + values.size(), std::int64_t{0},
                          thrust::plus<std::int64_t>());
  });
}

void rack_rollup(const RackRollupArgs& args) {
  const auto racks = static_cast<detail::Index>(args.power_uw_out.size());
  if (racks == 0) return;
  const detail::RackRollupOp op{args.rack_first_gpu.data(), args.power_w.data(),   args.activity.data(),
                                args.speed.data(),          args.die_c.data(),     args.power_uw_out.data(),
                                args.activity_micro_out.data(), args.speed_micro_out.data(),
                                args.die_max_c_out.data()};
  // Its work is in the GPUs it sums, not in the racks.
  detail::with_policy(static_cast<detail::Index>(args.power_w.size()), detail::kRackRollupNsPerGpu, [&](auto policy) {
    thrust::for_each(policy, detail::IndexIterator(0), detail::IndexIterator(racks), op);
  });
}

void rack_step(const RackStepArgs& args) {
  const auto n = static_cast<detail::Index>(args.gpu_power_uw.size());
  if (n == 0) return;
  const detail::RackStepOp op{args.gpu_power_uw.data(),     args.rack_first_gpu.data(),
                              args.rack_type.data(),        args.rack_activity_micro.data(),
                              args.types.data(),            args.supply_c.data(),
                              args.flow_kg_s.data(),        args.dt_s,
                              args.loop_c.data(),           args.coolant_c_out.data(),
                              args.return_c_out.data(),     args.dc_power_uw_out.data(),
                              args.input_power_uw_out.data(), args.liquid_heat_uw_out.data(),
                              args.air_heat_uw_out.data(),  args.tripped.data()};
  detail::with_policy(n, detail::kRackStepNs, [&](auto policy) {
    thrust::for_each(policy, detail::IndexIterator(0), detail::IndexIterator(n), op);
  });
}

std::size_t count_key_runs(std::span<const std::int32_t> keys) {
  const auto n = static_cast<detail::Index>(keys.size());
  if (n == 0) return 0;
  const auto heads =
      thrust::make_transform_iterator(detail::IndexIterator(0), detail::RunHeadOp{keys.data()});
  const std::int64_t runs = detail::with_policy(n, detail::kSumNs, [&](auto policy) {
    return thrust::reduce(policy, heads, heads + n, std::int64_t{0}, thrust::plus<std::int64_t>());
  });
  return static_cast<std::size_t>(runs);
}

std::string thrust_version() {
  return "Thrust " + std::to_string(THRUST_MAJOR_VERSION) + "." +
         std::to_string(THRUST_MINOR_VERSION) + "." + std::to_string(THRUST_SUBMINOR_VERSION);
}

#undef AIFSIM_KERNEL_EXEC

}  // namespace aifsim::kernels::AIFSIM_KERNEL_NS
