// SPDX-License-Identifier: Apache-2.0
// Which compute backend runs the kernels: the Thrust OpenMP build (always present) or the
// CUDA build (present when nvcc was found at configure time and a device exists at run time).
#pragma once

#include <string>
#include <string_view>

namespace aifsim::kernels {

enum class Backend { cpu, cuda };

/// What the user asked for (`--backend auto|cpu|cuda`).
enum class BackendChoice { automatic, cpu, cuda };

/// True when this binary contains the CUDA kernels (built with nvcc).
bool cuda_compiled();

/// True when the CUDA kernels are compiled in and a CUDA device answers. Any CUDA error
/// (no driver, no device) counts as "no GPU". AIFSIM_FORCE_CPU=1 in the environment makes
/// this false, so a GPU machine can run the CPU path.
bool cuda_available();

/// Resolves a choice to a backend: automatic picks CUDA when available, else CPU.
/// Throws std::runtime_error with a one-line reason when CUDA is asked for but unavailable.
Backend select_backend(BackendChoice choice);

/// Parses "auto", "cpu" or "cuda"; throws std::invalid_argument otherwise.
BackendChoice parse_backend_choice(std::string_view text);

/// "cpu" or "cuda".
const char* backend_name(Backend backend);

/// A human-readable line, e.g. "cpu (Thrust 3.0.1 OpenMP backend, up to 2 threads)" or
/// "cuda (NVIDIA H100, sm_90)". The CPU's threads are the calling thread's OpenMP maximum.
std::string backend_description(Backend backend);

}  // namespace aifsim::kernels
