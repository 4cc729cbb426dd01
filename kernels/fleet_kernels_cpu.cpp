// SPDX-License-Identifier: Apache-2.0
// CPU build of the fleet kernels: fleet_kernels_impl.inl on Thrust's OpenMP backend, with
// Thrust's serial (cpp) backend for work below the minimum grain.
#include <omp.h>
#include <thrust/system/cpp/execution_policy.h>
#include <thrust/system/omp/execution_policy.h>

#include <cstdlib>
#include <new>

#define AIFSIM_KERNEL_NS cpu
#define AIFSIM_KERNEL_POLICY thrust::omp::par
#define AIFSIM_KERNEL_SERIAL_POLICY thrust::cpp::par
#include "kernels/fleet_kernels_impl.inl"

namespace aifsim::kernels::cpu {

namespace detail {

void* raw_temporary_alloc(std::size_t bytes) {
  void* ptr = std::malloc(bytes);
  if (ptr == nullptr) throw std::bad_alloc();
  return ptr;
}

void raw_temporary_free(void* ptr) noexcept { std::free(ptr); }

// A parallel region pays off when its work, split over the team, saves more than the fork and
// join cost. On an idle 2-core machine that cost is 1-5 us (libgomp waking or spinning
// workers); 50 us of work keeps it under a few percent, and keeps the number of regions per
// tick small, which is what matters when another process holds a core.
constexpr double kMinParallelWorkNs = 50'000.0;

bool run_serially(double work_ns) {
  return work_ns < kMinParallelWorkNs || omp_get_max_threads() == 1;
}

}  // namespace detail

int max_threads() { return omp_get_max_threads(); }

}  // namespace aifsim::kernels::cpu
