// SPDX-License-Identifier: Apache-2.0
// CUDA build of the fleet kernels (fleet_kernels_impl.inl on thrust::cuda::par) plus the
// device memory, availability probe and device description that DeviceBuffer and backend.cpp use.
#include <cuda_runtime.h>
#include <thrust/system/cuda/execution_policy.h>

#include <cstddef>
#include <new>
#include <stdexcept>
#include <string>

#define AIFSIM_KERNEL_NS cuda
#define AIFSIM_KERNEL_POLICY thrust::cuda::par
#include "kernels/fleet_kernels_impl.inl"

namespace aifsim::kernels::cuda {

namespace {

void throw_on_error(cudaError_t error, const std::string& what) {
  if (error == cudaSuccess) return;
  (void)cudaGetLastError();  // reset the last-error slot so later calls do not report this
  throw std::runtime_error("CUDA " + what + " failed: " + cudaGetErrorName(error) + " (" +
                           cudaGetErrorString(error) + ")");
}

}  // namespace

namespace detail {

void* raw_temporary_alloc(std::size_t bytes) {
  void* ptr = nullptr;
  if (cudaMalloc(&ptr, bytes) != cudaSuccess) {
    (void)cudaGetLastError();
    throw std::bad_alloc();
  }
  return ptr;
}

// Also runs from thread-exit destructors, possibly after the runtime has shut down; an error
// then only means the memory is already gone.
void raw_temporary_free(void* ptr) noexcept { (void)cudaFree(ptr); }

}  // namespace detail

bool device_available(std::string& reason) {
  int count = 0;
  const cudaError_t error = cudaGetDeviceCount(&count);
  if (error != cudaSuccess) {
    // Without a driver this is cudaErrorInsufficientDriver (35), not cudaErrorNoDevice:
    // every error means "no GPU".
    (void)cudaGetLastError();
    reason = std::string(cudaGetErrorName(error)) + ": " + cudaGetErrorString(error);
    return false;
  }
  if (count <= 0) {
    reason = "no CUDA device found";
    return false;
  }
  return true;
}

std::string device_description() {
  int device = 0;
  throw_on_error(cudaGetDevice(&device), "cudaGetDevice");
  cudaDeviceProp prop{};
  throw_on_error(cudaGetDeviceProperties(&prop, device), "cudaGetDeviceProperties");
  const double memory_gib = static_cast<double>(prop.totalGlobalMem) / (1024.0 * 1024.0 * 1024.0);
  return std::string(prop.name) + ", sm_" + std::to_string(prop.major * 10 + prop.minor) + ", " +
         std::to_string(static_cast<int>(memory_gib + 0.5)) + " GiB, " + thrust_version();
}

void* device_alloc(std::size_t bytes) {
  void* ptr = nullptr;
  throw_on_error(cudaMalloc(&ptr, bytes), "cudaMalloc of " + std::to_string(bytes) + " bytes");
  const cudaError_t error = cudaMemset(ptr, 0, bytes);
  if (error != cudaSuccess) {
    (void)cudaFree(ptr);
    throw_on_error(error, "cudaMemset of " + std::to_string(bytes) + " bytes");
  }
  return ptr;
}

void device_free(void* ptr) noexcept {
  // Nothing useful can be done with a failure while releasing (e.g. at process teardown).
  if (ptr) (void)cudaFree(ptr);
}

void copy_to_device(void* dst, const void* src, std::size_t bytes) {
  throw_on_error(cudaMemcpy(dst, src, bytes, cudaMemcpyHostToDevice),
                 "copy of " + std::to_string(bytes) + " bytes to the device");
}

void copy_to_host(void* dst, const void* src, std::size_t bytes) {
  throw_on_error(cudaMemcpy(dst, src, bytes, cudaMemcpyDeviceToHost),
                 "copy of " + std::to_string(bytes) + " bytes to the host");
}

}  // namespace aifsim::kernels::cuda
