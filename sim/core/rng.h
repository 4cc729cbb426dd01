// SPDX-License-Identifier: Apache-2.0
// Per-entity random streams for the sim layer: one counter-based stream per (entity,
// purpose), so a draw never depends on how other entities' draws or events interleave.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <numbers>
#include <stdexcept>

#include "kernels/counter_rng.h"

namespace aifsim {

/// What a stream is used for. The numeric values feed the stream id, so they are part of
/// the output's reproducibility: never renumber, only append. Other subsystems may also
/// pass their own uint64 constants to RandomStream (keep them >= 1000 to avoid these).
enum class StreamPurpose : std::uint64_t {
  job_arrival = 1,     ///< inter-arrival times
  job_size = 2,        ///< GPUs requested
  job_duration = 3,    ///< run time
  gpu_failure = 4,     ///< time to failure
  repair = 5,          ///< time to repair
  utilization = 6,     ///< utilisation noise
  weather = 7,         ///< synthetic weather noise
  placement = 8,       ///< tie-breaking in placement
  fault_injection = 9, ///< scheduled/random faults
};

/// Mixes an entity id and a purpose into a stream id for kernels::counter_bits. For a
/// fixed purpose it is a bijection of entity (xor with a constant, then a bijective mixer),
/// so two entities of the same purpose never share a stream.
inline std::uint64_t stream_id(std::uint64_t entity, std::uint64_t purpose) {
  return kernels::mix64(entity ^ kernels::mix64(purpose ^ 0x6a09e667f3bcc909ULL));
}

/// A stream of random numbers for one (seed, entity, purpose).
///
/// Draw k (k = 0, 1, 2, ...) is the pure function kernels::counter_bits(seed, stream, k),
/// and each method consumes a documented number of draws, so the sequence of one stream
/// is the same whatever other streams do and in whatever order events run. Copying a
/// stream forks it: both copies continue from the same counter.
///
/// Not thread-safe; give each thread or entity its own stream.
class RandomStream {
 public:
  /// seed: the scenario seed; entity: e.g. a GPU or job index; purpose: what it is for.
  RandomStream(std::uint64_t seed, std::uint64_t entity, std::uint64_t purpose)
      : seed_(seed), stream_(stream_id(entity, purpose)) {}
  RandomStream(std::uint64_t seed, std::uint64_t entity, StreamPurpose purpose)
      : RandomStream(seed, entity, static_cast<std::uint64_t>(purpose)) {}

  /// 64 random bits. Consumes 1 draw.
  std::uint64_t bits() { return kernels::counter_bits(seed_, stream_, counter_++); }

  /// Uniform in [0, 1) with 53 random bits. Consumes 1 draw.
  double uniform() { return static_cast<double>(bits() >> 11) * 0x1.0p-53; }

  /// Uniform in [lo, hi). Consumes 1 draw.
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }

  /// Exponential with the given rate (events per unit, > 0, finite); mean 1/rate in the
  /// inverse unit (rate in 1/s gives seconds). Throws std::invalid_argument otherwise.
  /// Consumes 1 draw.
  double exponential(double rate) {
    if (!(rate > 0.0) || !std::isfinite(rate)) {
      throw std::invalid_argument("RandomStream::exponential: rate must be > 0 and finite");
    }
    // -log(1 - u) with u in [0, 1): the argument stays in (0, 1], so the result is finite.
    return -std::log1p(-uniform()) / rate;
  }

  /// Standard normal (mean 0, variance 1) by Box-Muller. Consumes exactly 2 draws; the
  /// second Box-Muller value is discarded so the stream keeps no hidden state.
  double normal() {
    const double u1 = 1.0 - uniform();  // (0, 1]: log(u1) is finite
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
  }

  /// Normal with the given mean and standard deviation (same unit). Consumes 2 draws.
  double normal(double mean, double stddev) { return mean + stddev * normal(); }

  /// Uniform integer in [0, n), n > 0 (std::invalid_argument otherwise), without modulo
  /// bias: draws below 2^64 mod n are rejected (OpenBSD arc4random_uniform), so it
  /// consumes 1 draw, rarely more (probability < n / 2^64 per extra draw).
  std::uint64_t uniform_int(std::uint64_t n) {
    if (n == 0) throw std::invalid_argument("RandomStream::uniform_int: n must be > 0");
    const std::uint64_t threshold = (0 - n) % n;  // 2^64 mod n, in unsigned arithmetic
    for (;;) {
      const std::uint64_t r = bits();
      if (r >= threshold) return r % n;
    }
  }

  /// True with probability p (clamped to [0, 1]). Consumes 1 draw.
  bool bernoulli(double p) { return uniform() < p; }

  /// Draws consumed so far (the counter of the next draw).
  std::uint64_t counter() const { return counter_; }
  /// Jumps to draw k, e.g. to replay a stream from a checkpoint.
  void set_counter(std::uint64_t k) { counter_ = k; }
  /// The mixed stream id passed to kernels::counter_bits.
  std::uint64_t stream() const { return stream_; }
  std::uint64_t seed() const { return seed_; }

 private:
  std::uint64_t seed_;
  std::uint64_t stream_;
  std::uint64_t counter_ = 0;
};

}  // namespace aifsim
