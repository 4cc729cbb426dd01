// SPDX-License-Identifier: Apache-2.0
// A bounded-memory log-linear (HDR-style) histogram of latencies for percentile reporting.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace aifsim::workload {

/// Histogram of non-negative durations in seconds (TTFT, TPOT, end-to-end latency) that
/// reports percentiles of millions of samples from a fixed amount of memory.
///
/// Layout: one underflow bucket for [0, lowest), then one octave [2^e, 2^(e+1)) for every e
/// from ilogb(lowest) to ilogb(highest), each split into M equal linear sub-buckets, where M
/// is the smallest power of two with 1 / (2 M) <= 10^-digits; then one overflow bucket for
/// values above `highest`. A percentile reports the midpoint of its bucket clamped to
/// [min(), max()], so for any value >= lowest its relative error is at most 1 / (2 M)
/// (<= 0.1 % for 3 digits); values below `lowest` are reported with absolute error < lowest.
/// With the defaults (1e-6 s .. 1e5 s, 3 digits): M = 512, 37 octaves, 1 + 37 * 512 + 1 =
/// 18946 counters of 8 bytes (~148 KiB), all allocated by the constructor; recording never
/// allocates. Bucketing uses std::frexp and is exact, so results are deterministic.
class LatencyHistogram {
 public:
  /// `lowest_s`: lowest discernible value, seconds, finite and > 0. `highest_s`: highest
  /// trackable value, seconds, finite and >= 2 * lowest_s; larger values are counted in the
  /// overflow bucket (and in overflow()). `significant_digits`: decimal digits of relative
  /// precision, 1..5. Throws std::invalid_argument on a bad configuration.
  explicit LatencyHistogram(double lowest_s = 1e-6, double highest_s = 1e5,
                            int significant_digits = 3);

  /// Adds `count` samples of `value_s` seconds. Throws std::invalid_argument for NaN,
  /// infinite or negative values. A count of 0 changes nothing.
  void record(double value_s, std::uint64_t count = 1);

  /// Adds every sample of `other`. Throws std::invalid_argument unless `other` has the same
  /// lowest, highest and significant digits.
  void merge(const LatencyHistogram& other);

  /// Forgets all samples; keeps the configuration and the memory.
  void reset();

  /// Number of samples recorded.
  std::uint64_t count() const { return count_; }
  /// Number of samples above highest_s() (clamped into the overflow bucket).
  std::uint64_t overflow() const { return overflow_; }
  /// Smallest sample, seconds, exact; 0 when empty.
  double min() const { return count_ == 0 ? 0.0 : min_; }
  /// Largest sample, seconds, exact (also for overflowing samples); 0 when empty.
  double max() const { return count_ == 0 ? 0.0 : max_; }
  /// Mean of the samples, seconds, from a running sum of value * count; 0 when empty.
  double mean() const;
  /// Sum of all samples, seconds.
  double sum() const { return sum_; }

  /// The nearest-rank percentile `p` (0..100) in seconds: the sample of rank
  /// max(1, ceil(p / 100 * count())). Rank 1 and rank count() return min() and max()
  /// exactly; other ranks return their bucket's midpoint clamped to [min(), max()] (the
  /// overflow bucket reports highest_s() clamped the same way). 0 when empty. Throws
  /// std::invalid_argument for p outside [0, 100] or NaN.
  double percentile(double p) const;

  /// Lowest discernible value, seconds.
  double lowest_s() const { return lowest_s_; }
  /// Highest trackable value, seconds.
  double highest_s() const { return highest_s_; }
  /// Significant decimal digits of relative precision.
  int significant_digits() const { return significant_digits_; }
  /// Number of counters (fixed at construction).
  std::size_t bucket_count() const { return counts_.size(); }
  /// Bytes held by this histogram: the object plus its counter array (fixed at construction).
  std::size_t memory_bytes() const {
    return sizeof(*this) + counts_.capacity() * sizeof(std::uint64_t);
  }

 private:
  std::size_t index_of(double value_s) const;
  double representative(std::size_t index) const;

  double lowest_s_;
  double highest_s_;
  int significant_digits_;
  int min_exponent_ = 0;      ///< ilogb(lowest_s_): exponent of the first octave.
  int sub_bucket_bits_ = 0;   ///< log2(M).
  std::size_t sub_buckets_ = 0;  ///< M: linear sub-buckets per octave.
  std::vector<std::uint64_t> counts_;  ///< [underflow, octaves * M, overflow].
  std::uint64_t count_ = 0;
  std::uint64_t overflow_ = 0;
  double min_ = 0.0;
  double max_ = 0.0;
  double sum_ = 0.0;
};

}  // namespace aifsim::workload
