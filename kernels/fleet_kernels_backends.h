// SPDX-License-Identifier: Apache-2.0
// Private: the per-backend kernel entry points that dispatch.cpp, backend.cpp and
// device_buffer.cpp call. cpu:: is always built (Thrust OpenMP); cuda:: only when
// AIFSIM_ENABLE_CUDA. No Thrust or CUDA types, so plain C++ TUs can include it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "kernels/fleet_kernels.h"

namespace aifsim::kernels {

namespace detail {
/// Thrown wherever Backend::cuda is used in a binary built without nvcc.
[[noreturn]] void throw_cuda_not_built();
}  // namespace detail

// cpu:: and cuda:: declare the same kernels; fleet_kernels_impl.inl defines them once for
// both. dispatch.cpp has already validated the arguments.
namespace cpu {
#include "kernels/fleet_kernels_decl.inc"
/// OpenMP threads the Thrust OpenMP backend will use.
int max_threads();
}  // namespace cpu

namespace cuda {
#include "kernels/fleet_kernels_decl.inc"

/// True when a CUDA device answers; otherwise `reason` says why (driver missing, no device).
bool device_available(std::string& reason);
/// "NVIDIA H100 80GB HBM3, sm_90" for the current device.
std::string device_description();
void* device_alloc(std::size_t bytes);
void device_free(void* ptr) noexcept;
void copy_to_device(void* dst, const void* src, std::size_t bytes);
void copy_to_host(void* dst, const void* src, std::size_t bytes);
}  // namespace cuda

}  // namespace aifsim::kernels
