// SPDX-License-Identifier: Apache-2.0
// Backend selection at run time: what was compiled in, whether a CUDA device answers, and
// the names and descriptions printed by the tools.
#include "kernels/backend.h"

#include <cstdlib>
#include <stdexcept>
#include <string>
#include <string_view>

#include "kernels/fleet_kernels_backends.h"

namespace aifsim::kernels {

namespace {

constexpr bool kCudaBuilt = AIFSIM_ENABLE_CUDA != 0;

bool force_cpu_requested() {
  const char* value = std::getenv("AIFSIM_FORCE_CPU");
  return value != nullptr && std::string_view(value) != "" && std::string_view(value) != "0";
}

struct CudaProbe {
  bool available = false;
  std::string reason;
};

// Probed once: creating a CUDA context is slow and the answer cannot change within a process.
const CudaProbe& cuda_probe() {
  static const CudaProbe probe = [] {
    CudaProbe p;
    if constexpr (kCudaBuilt) {
      p.available = cuda::device_available(p.reason);
    } else {
      p.reason = "aifsim was built without CUDA kernels";
    }
    return p;
  }();
  return probe;
}

}  // namespace

namespace detail {
void throw_cuda_not_built() { throw std::runtime_error("aifsim was built without CUDA kernels"); }
}  // namespace detail

bool cuda_compiled() { return kCudaBuilt; }

bool cuda_available() {
  if (!kCudaBuilt || force_cpu_requested()) return false;
  return cuda_probe().available;
}

Backend select_backend(BackendChoice choice) {
  switch (choice) {
    case BackendChoice::automatic:
      return cuda_available() ? Backend::cuda : Backend::cpu;
    case BackendChoice::cpu:
      return Backend::cpu;
    case BackendChoice::cuda:
      if (!kCudaBuilt) detail::throw_cuda_not_built();
      if (force_cpu_requested()) {
        throw std::runtime_error("CUDA backend requested but AIFSIM_FORCE_CPU is set");
      }
      if (!cuda_probe().available) {
        throw std::runtime_error("CUDA backend requested but no CUDA device is usable (" +
                                 cuda_probe().reason + ")");
      }
      return Backend::cuda;
  }
  throw std::invalid_argument("select_backend: unknown BackendChoice value");
}

BackendChoice parse_backend_choice(std::string_view text) {
  if (text == "auto") return BackendChoice::automatic;
  if (text == "cpu") return BackendChoice::cpu;
  if (text == "cuda") return BackendChoice::cuda;
  throw std::invalid_argument("unknown backend '" + std::string(text) +
                              "': expected auto, cpu or cuda");
}

const char* backend_name(Backend backend) {
  switch (backend) {
    case Backend::cpu:
      return "cpu";
    case Backend::cuda:
      return "cuda";
  }
  return "unknown";
}

std::string backend_description(Backend backend) {
  switch (backend) {
    case Backend::cpu: {
      const int threads = cpu::max_threads();
      return "cpu (" + cpu::thrust_version() + " OpenMP backend, up to " + std::to_string(threads) +
             (threads == 1 ? " thread)" : " threads)");
    }
    case Backend::cuda:
      if constexpr (kCudaBuilt) {
        if (force_cpu_requested()) return "cuda (disabled by AIFSIM_FORCE_CPU)";
        if (!cuda_probe().available) return "cuda (unavailable: " + cuda_probe().reason + ")";
        return "cuda (" + cuda::device_description() + ")";
      } else {
        return "cuda (not built: aifsim was built without CUDA kernels)";
      }
  }
  return "unknown backend";
}

}  // namespace aifsim::kernels
