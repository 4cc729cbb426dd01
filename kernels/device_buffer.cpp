// SPDX-License-Identifier: Apache-2.0
// DeviceBuffer's memory primitives: aligned, zero-filled host memory for cpu, device memory
// for cuda.
#include "kernels/device_buffer.h"

#include <cstdlib>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <string>

#include "kernels/fleet_kernels_backends.h"

namespace aifsim::kernels {

namespace {

constexpr bool kCudaBuilt = AIFSIM_ENABLE_CUDA != 0;

// A cache line: a kernel's chunk of an array never shares a line with another buffer, and
// vector loads of the first elements are aligned.
constexpr std::size_t kHostAlignment = 64;

}  // namespace

namespace detail {

std::size_t checked_bytes(std::size_t count, std::size_t element_bytes) {
  if (element_bytes != 0 && count > std::numeric_limits<std::size_t>::max() / element_bytes) {
    throw std::length_error("DeviceBuffer: " + std::to_string(count) + " elements of " +
                            std::to_string(element_bytes) + " bytes overflow size_t");
  }
  return count * element_bytes;
}

void* backend_alloc(Backend backend, std::size_t bytes) {
  switch (backend) {
    case Backend::cpu: {
      if (bytes > std::numeric_limits<std::size_t>::max() - kHostAlignment) {
        throw std::runtime_error("host allocation of " + std::to_string(bytes) +
                                 " bytes is too large");
      }
      // aligned_alloc wants a multiple of the alignment; 0 bytes still gets one line so the
      // pointer is unique and freeable.
      const std::size_t rounded =
          bytes == 0 ? kHostAlignment
                     : (bytes + kHostAlignment - 1) / kHostAlignment * kHostAlignment;
      void* ptr = std::aligned_alloc(kHostAlignment, rounded);
      if (ptr == nullptr) {
        throw std::runtime_error("host allocation of " + std::to_string(bytes) + " bytes failed");
      }
      std::memset(ptr, 0, rounded);
      return ptr;
    }
    case Backend::cuda:
      if constexpr (kCudaBuilt) {
        return cuda::device_alloc(bytes);
      } else {
        throw_cuda_not_built();
      }
  }
  throw std::invalid_argument("backend_alloc: unknown Backend value");
}

void backend_free(Backend backend, void* ptr) noexcept {
  if (ptr == nullptr) return;
  switch (backend) {
    case Backend::cpu:
      std::free(ptr);
      return;
    case Backend::cuda:
      // Only reachable when backend_alloc(cuda) succeeded, i.e. CUDA was built.
      if constexpr (kCudaBuilt) cuda::device_free(ptr);
      return;
  }
}

void backend_copy_to_device(Backend backend, void* dst, const void* src, std::size_t bytes) {
  switch (backend) {
    case Backend::cpu:
      std::memcpy(dst, src, bytes);
      return;
    case Backend::cuda:
      if constexpr (kCudaBuilt) {
        cuda::copy_to_device(dst, src, bytes);
        return;
      } else {
        throw_cuda_not_built();
      }
  }
  throw std::invalid_argument("backend_copy_to_device: unknown Backend value");
}

void backend_copy_to_host(Backend backend, void* dst, const void* src, std::size_t bytes) {
  switch (backend) {
    case Backend::cpu:
      std::memcpy(dst, src, bytes);
      return;
    case Backend::cuda:
      if constexpr (kCudaBuilt) {
        cuda::copy_to_host(dst, src, bytes);
        return;
      } else {
        throw_cuda_not_built();
      }
  }
  throw std::invalid_argument("backend_copy_to_host: unknown Backend value");
}

}  // namespace detail

void throw_size_mismatch(std::size_t expected, std::size_t got) {
  throw std::invalid_argument("DeviceBuffer: host span has " + std::to_string(got) +
                              " elements but the buffer holds " + std::to_string(expected));
}

}  // namespace aifsim::kernels
