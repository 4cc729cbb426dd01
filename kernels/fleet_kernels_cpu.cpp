// SPDX-License-Identifier: Apache-2.0
// CPU build of the fleet kernels: fleet_kernels_impl.inl on Thrust's OpenMP backend.
#include <omp.h>
#include <thrust/system/omp/execution_policy.h>

#include <cstdlib>
#include <new>

#define AIFSIM_KERNEL_NS cpu
#define AIFSIM_KERNEL_POLICY thrust::omp::par
#include "kernels/fleet_kernels_impl.inl"

namespace aifsim::kernels::cpu {

namespace detail {

void* raw_temporary_alloc(std::size_t bytes) {
  void* ptr = std::malloc(bytes);
  if (ptr == nullptr) throw std::bad_alloc();
  return ptr;
}

void raw_temporary_free(void* ptr) noexcept { std::free(ptr); }

}  // namespace detail

int max_threads() { return omp_get_max_threads(); }

}  // namespace aifsim::kernels::cpu
