// SPDX-License-Identifier: Apache-2.0
// AIFSIM_HD marks per-element math that both the CUDA and the CPU (OpenMP) kernels call.
#pragma once

#if defined(__CUDACC__)
#define AIFSIM_HD __host__ __device__
#else
// Plain C++ build (Thrust's OpenMP backend): the same functions are ordinary inline code.
#define AIFSIM_HD
#endif
