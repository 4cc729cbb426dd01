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

inline TemporaryCache& temporary_cache() {
  thread_local TemporaryCache cache;
  return cache;
}

// The execution policy of every call: the backend's policy with the cached temporaries.
#define AIFSIM_KERNEL_EXEC AIFSIM_KERNEL_POLICY(detail::temporary_cache())

// Element indices are 64-bit so a fleet past 2^31 elements cannot wrap.
using Index = std::int64_t;
using IndexIterator = thrust::counting_iterator<Index>;

// The functors hold raw pointers (device pointers in the CUDA build) rather than zipping every
// input: a zip of seven streams would not be faster and is much harder to read.
struct GpuPowerOp {
  const std::int32_t* gpu_group;
  const float* idle_w;
  const float* max_w;
  const float* limit_w;
  const float* group_utilization;
  const float* group_jitter;
  const std::uint64_t* group_epoch;
  std::uint64_t seed;

  AIFSIM_HD thrust::tuple<float, float> operator()(Index gpu) const {
    const std::int32_t group = gpu_group[gpu];
    // One counter stream per GPU, indexed by its group's epoch: the draw does not depend on
    // which thread or backend computes it.
    const double draw = counter_uniform(seed, static_cast<std::uint64_t>(gpu), group_epoch[group]);
    const float noise = static_cast<float>(2.0 * draw - 1.0);
    const float activity = clamp01(group_utilization[group] + group_jitter[group] * noise);
    return thrust::make_tuple(activity,
                              gpu_power_w(idle_w[gpu], max_w[gpu], limit_w[gpu], activity));
  }
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

struct RackPowerOp {
  const std::int64_t* gpu_power_uw;
  const std::int32_t* rack_group;
  const std::int32_t* rack_type;
  const float* group_utilization;
  const RackTypeParams* types;

  AIFSIM_HD thrust::tuple<std::int64_t, std::int64_t> operator()(Index rack) const {
    const RackTypeParams& type = types[rack_type[rack]];
    // Division (correctly rounded on both backends) rather than * 1e-6, which is inexact.
    const double gpu_w = static_cast<double>(gpu_power_uw[rack]) / 1.0e6;
    const double dc_w = rack_dc_power_w(type, gpu_w, group_utilization[rack_group[rack]]);
    const double input_w = rack_input_power_w(type, dc_w);
    return thrust::make_tuple(to_uw(dc_w), to_uw(input_w));
  }
};

}  // namespace detail

void gpu_power_step(const GpuPowerStepArgs& args) {
  const auto n = static_cast<detail::Index>(args.gpu_group.size());
  if (n == 0) return;
  const detail::GpuPowerOp op{args.gpu_group.data(),         args.idle_w.data(),
                              args.max_w.data(),             args.limit_w.data(),
                              args.group_utilization.data(), args.group_jitter.data(),
                              args.group_epoch.data(),       args.seed};
  thrust::transform(AIFSIM_KERNEL_EXEC, detail::IndexIterator(0), detail::IndexIterator(n),
                    thrust::make_zip_iterator(thrust::make_tuple(args.activity_out.data(),
                                                                 args.power_w_out.data())),
                    op);
}

void sum_by_key_fixed(std::span<const std::int32_t> keys, std::span<const float> values,
                      double scale, std::span<std::int64_t> out) {
  if (keys.empty()) return;
  // The keys output is discarded: callers know their keys (rack i, row j), and writing them
  // would need a buffer the size of `out` on every call.
  thrust::reduce_by_key(AIFSIM_KERNEL_EXEC, keys.data(), keys.data() + keys.size(),
                        thrust::make_transform_iterator(values.data(), detail::ToFixedOp{scale}),
                        thrust::make_discard_iterator(), out.data(),
                        thrust::equal_to<std::int32_t>(), thrust::plus<std::int64_t>());
}

void sum_by_key(std::span<const std::int32_t> keys, std::span<const std::int64_t> values,
                std::span<std::int64_t> out) {
  if (keys.empty()) return;
  thrust::reduce_by_key(AIFSIM_KERNEL_EXEC, keys.data(), keys.data() + keys.size(),
                        values.data(), thrust::make_discard_iterator(), out.data(),
                        thrust::equal_to<std::int32_t>(), thrust::plus<std::int64_t>());
}

std::int64_t sum_all(std::span<const std::int64_t> values) {
  if (values.empty()) return 0;
  return thrust::reduce(AIFSIM_KERNEL_EXEC, values.data(), values.data() + values.size(),
                        std::int64_t{0}, thrust::plus<std::int64_t>());
}

void rack_power_step(const RackPowerStepArgs& args) {
  const auto n = static_cast<detail::Index>(args.gpu_power_uw.size());
  if (n == 0) return;
  const detail::RackPowerOp op{args.gpu_power_uw.data(), args.rack_group.data(),
                               args.rack_type.data(), args.group_utilization.data(),
                               args.types.data()};
  thrust::transform(AIFSIM_KERNEL_EXEC, detail::IndexIterator(0), detail::IndexIterator(n),
                    thrust::make_zip_iterator(thrust::make_tuple(args.dc_power_uw_out.data(),
                                                                 args.input_power_uw_out.data())),
                    op);
}

std::size_t count_key_runs(std::span<const std::int32_t> keys) {
  const auto n = static_cast<detail::Index>(keys.size());
  if (n == 0) return 0;
  const auto heads =
      thrust::make_transform_iterator(detail::IndexIterator(0), detail::RunHeadOp{keys.data()});
  const std::int64_t runs = thrust::reduce(AIFSIM_KERNEL_EXEC, heads, heads + n,
                                           std::int64_t{0}, thrust::plus<std::int64_t>());
  return static_cast<std::size_t>(runs);
}

std::string thrust_version() {
  return "Thrust " + std::to_string(THRUST_MAJOR_VERSION) + "." +
         std::to_string(THRUST_MINOR_VERSION) + "." + std::to_string(THRUST_SUBMINOR_VERSION);
}

#undef AIFSIM_KERNEL_EXEC

}  // namespace aifsim::kernels::AIFSIM_KERNEL_NS
