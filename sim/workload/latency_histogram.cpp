// SPDX-License-Identifier: Apache-2.0
// LatencyHistogram: exact frexp-based log-linear bucketing and nearest-rank percentiles.
#include "sim/workload/latency_histogram.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <stdexcept>
#include <string>

namespace aifsim::workload {

namespace {

std::string num(double v) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.17g", v);
  return buf;
}

}  // namespace

LatencyHistogram::LatencyHistogram(double lowest_s, double highest_s, int significant_digits)
    : lowest_s_(lowest_s), highest_s_(highest_s), significant_digits_(significant_digits) {
  if (!std::isfinite(lowest_s) || !(lowest_s > 0.0)) {
    throw std::invalid_argument("LatencyHistogram: lowest_s must be finite and > 0 (got " +
                                num(lowest_s) + ")");
  }
  if (!std::isfinite(highest_s) || !(highest_s >= 2.0 * lowest_s)) {
    throw std::invalid_argument("LatencyHistogram: highest_s must be finite and >= 2 * "
                                "lowest_s (got " + num(highest_s) + ")");
  }
  if (significant_digits < 1 || significant_digits > 5) {
    throw std::invalid_argument("LatencyHistogram: significant_digits must be in 1..5 (got " +
                                std::to_string(significant_digits) + ")");
  }
  // M = smallest power of two with 2 * M >= 10^digits, so half a sub-bucket is at most
  // 10^-digits of any value in its octave.
  std::uint64_t ten_pow = 1;
  for (int i = 0; i < significant_digits; ++i) ten_pow *= 10;
  sub_bucket_bits_ = 0;
  while ((std::uint64_t{2} << sub_bucket_bits_) < ten_pow) ++sub_bucket_bits_;
  sub_buckets_ = std::size_t{1} << sub_bucket_bits_;
  min_exponent_ = std::ilogb(lowest_s);
  const int max_exponent = std::ilogb(highest_s);
  const auto octaves = static_cast<std::size_t>(max_exponent - min_exponent_ + 1);
  counts_.assign(1 + octaves * sub_buckets_ + 1, 0);
}

std::size_t LatencyHistogram::index_of(double value_s) const {
  if (value_s < lowest_s_) return 0;
  if (value_s > highest_s_) return counts_.size() - 1;
  int exp = 0;
  const double mantissa = std::frexp(value_s, &exp);  // value = mantissa * 2^exp, [0.5, 1)
  const auto octave = static_cast<std::size_t>(exp - 1 - min_exponent_);
  // (2m - 1) is exact (Sterbenz) and scaling by a power of two is exact: an exact floor.
  const auto sub = static_cast<std::size_t>((2.0 * mantissa - 1.0) *
                                            static_cast<double>(sub_buckets_));
  return 1 + octave * sub_buckets_ + sub;
}

double LatencyHistogram::representative(std::size_t index) const {
  if (index == 0) return 0.5 * lowest_s_;
  if (index == counts_.size() - 1) return highest_s_;
  const std::size_t k = index - 1;
  const int exponent = min_exponent_ + static_cast<int>(k / sub_buckets_);
  const std::size_t sub = k % sub_buckets_;
  // Midpoint of [2^e (1 + sub / M), 2^e (1 + (sub + 1) / M)) = 2^(e - bits - 1) (2 (M + sub) + 1).
  return std::ldexp(static_cast<double>(2 * (sub_buckets_ + sub) + 1),
                    exponent - sub_bucket_bits_ - 1);
}

void LatencyHistogram::record(double value_s, std::uint64_t count) {
  if (std::isnan(value_s) || !std::isfinite(value_s) || value_s < 0.0) {
    throw std::invalid_argument("LatencyHistogram::record: value must be finite and >= 0 s "
                                "(got " + num(value_s) + ")");
  }
  if (count == 0) return;
  value_s += 0.0;  // -0.0 -> +0.0
  counts_[index_of(value_s)] += count;
  if (value_s > highest_s_) overflow_ += count;
  if (count_ == 0) {
    min_ = value_s;
    max_ = value_s;
  } else {
    min_ = std::min(min_, value_s);
    max_ = std::max(max_, value_s);
  }
  count_ += count;
  sum_ += value_s * static_cast<double>(count);
}

void LatencyHistogram::merge(const LatencyHistogram& other) {
  if (other.lowest_s_ != lowest_s_ || other.highest_s_ != highest_s_ ||
      other.significant_digits_ != significant_digits_) {
    throw std::invalid_argument("LatencyHistogram::merge: configurations differ (lowest " +
                                num(lowest_s_) + " vs " + num(other.lowest_s_) + ", highest " +
                                num(highest_s_) + " vs " + num(other.highest_s_) +
                                ", digits " + std::to_string(significant_digits_) + " vs " +
                                std::to_string(other.significant_digits_) + ")");
  }
  if (other.count_ == 0) return;
  for (std::size_t i = 0; i < counts_.size(); ++i) counts_[i] += other.counts_[i];
  if (count_ == 0) {
    min_ = other.min_;
    max_ = other.max_;
  } else {
    min_ = std::min(min_, other.min_);
    max_ = std::max(max_, other.max_);
  }
  count_ += other.count_;
  overflow_ += other.overflow_;
  sum_ += other.sum_;
}

void LatencyHistogram::reset() {
  std::fill(counts_.begin(), counts_.end(), std::uint64_t{0});
  count_ = 0;
  overflow_ = 0;
  min_ = 0.0;
  max_ = 0.0;
  sum_ = 0.0;
}

double LatencyHistogram::mean() const {
  return count_ == 0 ? 0.0 : sum_ / static_cast<double>(count_);
}

double LatencyHistogram::percentile(double p) const {
  if (std::isnan(p) || p < 0.0 || p > 100.0) {
    throw std::invalid_argument("LatencyHistogram::percentile: p must be in [0, 100] (got " +
                                num(p) + ")");
  }
  if (count_ == 0) return 0.0;
  const double n = static_cast<double>(count_);
  const double r = std::ceil(p * n / 100.0);
  std::uint64_t rank = 1;
  if (r >= n) {
    rank = count_;
  } else if (r > 1.0) {
    rank = static_cast<std::uint64_t>(r);
  }
  if (rank == 1) return min_;
  if (rank == count_) return max_;
  std::uint64_t seen = 0;
  for (std::size_t i = 0; i < counts_.size(); ++i) {
    seen += counts_[i];
    if (seen >= rank) return std::clamp(representative(i), min_, max_);
  }
  return max_;  // unreachable: the counters sum to count_
}

}  // namespace aifsim::workload
