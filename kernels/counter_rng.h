// SPDX-License-Identifier: Apache-2.0
// Counter-based random numbers: a draw is a pure function of (seed, stream, counter), so
// results never depend on thread count, event interleaving or backend. Used inside kernels
// (one stream per GPU) and by sim/ for per-entity streams.
#pragma once

#include <cstdint>

#include "kernels/hd.h"

namespace aifsim::kernels {

/// SplitMix64 finaliser (Steele, Lea, Flood 2014): a bijective 64-bit mixer.
AIFSIM_HD inline std::uint64_t mix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

/// 64 random bits for (seed, stream, counter). Streams are independent by construction:
/// each input is folded through the mixer before the next is added.
AIFSIM_HD inline std::uint64_t counter_bits(std::uint64_t seed, std::uint64_t stream,
                                            std::uint64_t counter) {
  return mix64(mix64(mix64(seed) ^ stream) ^ counter);
}

/// Uniform double in [0, 1) with 53 random bits.
AIFSIM_HD inline double counter_uniform(std::uint64_t seed, std::uint64_t stream,
                                        std::uint64_t counter) {
  return static_cast<double>(counter_bits(seed, stream, counter) >> 11) * 0x1.0p-53;
}

}  // namespace aifsim::kernels
