// SPDX-License-Identifier: Apache-2.0
// Tests for workload::LatencyHistogram: percentile accuracy against exact order statistics,
// exact min/max/mean, merge, overflow, tiny values, fixed memory and rejected inputs.
#include "sim/workload/latency_histogram.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <stdexcept>
#include <vector>

namespace aifsim::workload {
namespace {

// The nearest-rank percentile of `sorted`: the element of rank max(1, ceil(p / 100 * n)).
double exact_percentile(const std::vector<double>& sorted, double p) {
  const double n = static_cast<double>(sorted.size());
  double r = std::ceil(p * n / 100.0);
  r = std::clamp(r, 1.0, n);
  return sorted[static_cast<std::size_t>(r) - 1];
}

double relative_error(double got, double want) { return std::abs(got - want) / want; }

TEST(latency_histogram_test, uniform_values_percentiles_within_a_tenth_of_a_percent) {
  LatencyHistogram h;
  std::vector<double> values;
  for (int i = 1; i <= 100000; ++i) values.push_back(i * 1e-3);  // 1 ms .. 100 s
  for (double v : values) h.record(v);
  ASSERT_EQ(h.count(), 100000u);
  for (double p : {50.0, 90.0, 99.0, 99.9}) {
    const double want = exact_percentile(values, p);
    EXPECT_LE(relative_error(h.percentile(p), want), 1e-3) << "p=" << p << " want=" << want;
  }
  // The nearest rank itself: p50 of 1..100000 ms is 50 s, p99.9 is 99.9 s.
  EXPECT_NEAR(h.percentile(50.0), 50.0, 50.0 * 1e-3);
  EXPECT_NEAR(h.percentile(99.9), 99.9, 99.9 * 1e-3);
}

TEST(latency_histogram_test, exponential_samples_match_sorted_vector_percentiles) {
  std::mt19937_64 rng(20260423);
  std::exponential_distribution<double> ttft(1.0 / 0.05);  // mean 50 ms
  LatencyHistogram h;
  std::vector<double> values;
  for (int i = 0; i < 200000; ++i) {
    const double v = ttft(rng);
    values.push_back(v);
    h.record(v);
  }
  std::sort(values.begin(), values.end());
  for (double p : {1.0, 10.0, 25.0, 50.0, 75.0, 90.0, 99.0, 99.9, 99.99}) {
    const double want = exact_percentile(values, p);
    EXPECT_LE(relative_error(h.percentile(p), want), 1e-3) << "p=" << p << " want=" << want;
  }
  EXPECT_EQ(h.percentile(0.0), values.front());
  EXPECT_EQ(h.percentile(100.0), values.back());
}

TEST(latency_histogram_test, relative_error_bound_follows_significant_digits) {
  for (int digits = 1; digits <= 4; ++digits) {
    LatencyHistogram h(1e-6, 1e5, digits);
    std::vector<double> values;
    // Log-spaced values over 10 decades, so every octave and many sub-buckets are hit.
    for (int i = 0; i < 20001; ++i) values.push_back(1e-5 * std::pow(10.0, i * 5e-4));
    for (double v : values) h.record(v);
    const double bound = std::pow(10.0, -digits);
    double worst = 0.0;
    for (int k = 1; k < 1000; ++k) {
      const double p = k * 0.1;
      worst = std::max(worst, relative_error(h.percentile(p), exact_percentile(values, p)));
    }
    EXPECT_LE(worst, bound) << "digits=" << digits;
    // The bound is not wildly loose: the histogram really does quantize.
    EXPECT_GT(worst, bound / 20.0) << "digits=" << digits;
  }
}

TEST(latency_histogram_test, min_max_and_mean_are_exact) {
  LatencyHistogram h;
  const std::vector<double> values = {0.123456789, 3.5, 1.0009765625e-3, 7.25, 0.0421};
  double sum = 0.0;
  for (double v : values) {
    h.record(v);
    sum += v;
  }
  h.record(2.0, 3);
  sum += 2.0 * 3.0;
  EXPECT_EQ(h.count(), 8u);
  EXPECT_EQ(h.min(), 1.0009765625e-3);
  EXPECT_EQ(h.max(), 7.25);
  EXPECT_EQ(h.sum(), sum);
  EXPECT_EQ(h.mean(), sum / 8.0);
}

TEST(latency_histogram_test, empty_histogram_reports_zeros) {
  const LatencyHistogram h;
  EXPECT_EQ(h.count(), 0u);
  EXPECT_EQ(h.min(), 0.0);
  EXPECT_EQ(h.max(), 0.0);
  EXPECT_EQ(h.mean(), 0.0);
  EXPECT_EQ(h.percentile(50.0), 0.0);
}

TEST(latency_histogram_test, merge_equals_recording_everything_into_one) {
  std::mt19937_64 rng(7);
  std::lognormal_distribution<double> e2e(0.0, 1.5);
  LatencyHistogram a;
  LatencyHistogram b;
  LatencyHistogram all;
  for (int i = 0; i < 50000; ++i) {
    const double v = e2e(rng);
    (i % 3 == 0 ? a : b).record(v);
    all.record(v);
  }
  a.record(2e5, 2);  // overflow in one part only
  all.record(2e5, 2);
  LatencyHistogram merged;
  merged.merge(a);
  merged.merge(b);
  EXPECT_EQ(merged.count(), all.count());
  EXPECT_EQ(merged.overflow(), 2u);
  EXPECT_EQ(merged.min(), all.min());
  EXPECT_EQ(merged.max(), all.max());
  EXPECT_NEAR(merged.mean(), all.mean(), 1e-12 * all.mean());
  for (int k = 0; k <= 1000; ++k) {
    const double p = k * 0.1;
    EXPECT_EQ(merged.percentile(p), all.percentile(p)) << "p=" << p;
  }
  // Merging an empty histogram changes nothing.
  const double p99 = merged.percentile(99.0);
  merged.merge(LatencyHistogram());
  EXPECT_EQ(merged.count(), all.count());
  EXPECT_EQ(merged.percentile(99.0), p99);
}

TEST(latency_histogram_test, merge_rejects_a_different_configuration) {
  LatencyHistogram h;
  EXPECT_THROW(h.merge(LatencyHistogram(1e-5, 1e5, 3)), std::invalid_argument);
  EXPECT_THROW(h.merge(LatencyHistogram(1e-6, 1e4, 3)), std::invalid_argument);
  EXPECT_THROW(h.merge(LatencyHistogram(1e-6, 1e5, 2)), std::invalid_argument);
  EXPECT_NO_THROW(h.merge(LatencyHistogram(1e-6, 1e5, 3)));
}

TEST(latency_histogram_test, values_above_highest_are_clamped_and_counted) {
  LatencyHistogram h(1e-6, 100.0, 3);
  h.record(1.0, 10);
  h.record(100.0);  // exactly the highest trackable value: not an overflow
  EXPECT_EQ(h.overflow(), 0u);
  h.record(1e6, 9);
  h.record(5e3);
  EXPECT_EQ(h.count(), 21u);
  EXPECT_EQ(h.overflow(), 10u);
  EXPECT_EQ(h.max(), 1e6);                  // max stays exact
  EXPECT_EQ(h.percentile(95.0), 100.0);     // rank 20: the overflow bucket reports highest
  EXPECT_EQ(h.percentile(100.0), 1e6);      // rank 21: max
  EXPECT_LE(relative_error(h.percentile(40.0), 1.0), 1e-3);  // rank 9
  EXPECT_LE(relative_error(h.percentile(52.0), 100.0), 1e-3);  // rank 11: the 100 s sample
  EXPECT_EQ(h.mean(), (10.0 + 100.0 + 9e6 + 5e3) / 21.0);
}

TEST(latency_histogram_test, values_below_lowest_are_kept_with_absolute_error) {
  LatencyHistogram h;  // lowest 1e-6 s
  h.record(0.0);
  h.record(-0.0);
  h.record(1e-9, 3);
  h.record(1.0);
  EXPECT_EQ(h.count(), 6u);
  EXPECT_EQ(h.overflow(), 0u);
  EXPECT_EQ(h.min(), 0.0);
  EXPECT_FALSE(std::signbit(h.min()));
  const double p50 = h.percentile(50.0);  // rank 3: a 1e-9 s sample
  EXPECT_LT(p50, h.lowest_s());
  EXPECT_LE(std::abs(p50 - 1e-9), h.lowest_s());
  EXPECT_EQ(h.percentile(100.0), 1.0);
  // The lowest discernible value itself already has the relative precision.
  LatencyHistogram at_lowest;
  at_lowest.record(1e-6, 5);
  at_lowest.record(1.5e-6, 5);
  EXPECT_LE(relative_error(at_lowest.percentile(40.0), 1e-6), 1e-3);
  EXPECT_LE(relative_error(at_lowest.percentile(60.0), 1.5e-6), 1e-3);
}

// The bucket of a value, by its definition: octave 2^e = 2^ilogb(v), sub-bucket
// floor((v / 2^e - 1) M), reported as the sub-bucket's midpoint.
double bucket_midpoint(double v, int significant_digits) {
  std::uint64_t ten_pow = 1;
  for (int i = 0; i < significant_digits; ++i) ten_pow *= 10;
  double m = 1;
  while (2 * m < static_cast<double>(ten_pow)) m *= 2;
  const int e = std::ilogb(v);
  const double sub = std::floor((std::ldexp(v, -e) - 1.0) * m);
  return std::ldexp(1.0 + (sub + 0.5) / m, e);
}

TEST(latency_histogram_test, every_value_lands_in_the_bucket_its_octave_and_fraction_define) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> log10_s(-5.5, 4.5);
  for (const int digits : {1, 2, 3, 4}) {
    std::vector<double> values;
    for (int i = 0; i < 2000; ++i) values.push_back(std::pow(10.0, log10_s(rng)));
    // Sub-bucket edges and the doubles just below them, where an index is easiest to get wrong.
    for (int e = -16; e <= 14; ++e)
      for (const double f : {1.0, 1.0625, 1.5, 1.75, 1.9990234375}) {
        values.push_back(std::ldexp(f, e));
        values.push_back(std::nextafter(std::ldexp(f, e), 0.0));
      }
    for (const double v : values) {
      LatencyHistogram h(1e-6, 1e5, digits);
      h.record(1.5e-6);  // the minimum and the maximum keep the median off both
      h.record(v);
      h.record(9e4);
      if (v <= 1.5e-6 || v >= 9e4) continue;
      ASSERT_EQ(h.percentile(50), bucket_midpoint(v, digits)) << v << " at " << digits << " digits";
    }
  }
}

TEST(latency_histogram_test, memory_is_fixed_at_construction) {
  LatencyHistogram h;
  EXPECT_EQ(h.bucket_count(), 18946u);  // 1 + 37 octaves * 512 + 1, as documented
  const std::size_t bytes = h.memory_bytes();
  EXPECT_LT(bytes, 200u * 1024u);
  for (std::uint32_t i = 0; i < 10000000u; ++i) {
    h.record(static_cast<double>(i % 100000u + 1u) * 1e-4);
  }
  EXPECT_EQ(h.count(), 10000000u);
  EXPECT_EQ(h.bucket_count(), 18946u);
  EXPECT_EQ(h.memory_bytes(), bytes);
  h.reset();
  EXPECT_EQ(h.count(), 0u);
  EXPECT_EQ(h.memory_bytes(), bytes);
  h.record(0.25);
  EXPECT_EQ(h.percentile(50.0), 0.25);
}

TEST(latency_histogram_test, reset_forgets_every_sample) {
  LatencyHistogram h;
  h.record(3.0, 4);
  h.record(1e9);
  h.reset();
  EXPECT_EQ(h.count(), 0u);
  EXPECT_EQ(h.overflow(), 0u);
  EXPECT_EQ(h.sum(), 0.0);
  h.record(0.5);
  h.record(0.7);
  h.record(0.9);
  EXPECT_EQ(h.min(), 0.5);
  EXPECT_EQ(h.max(), 0.9);
  EXPECT_LE(relative_error(h.percentile(50.0), 0.7), 1e-3);
}

TEST(latency_histogram_test, bad_inputs_throw) {
  LatencyHistogram h;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  EXPECT_THROW(h.record(nan), std::invalid_argument);
  EXPECT_THROW(h.record(-1.0), std::invalid_argument);
  EXPECT_THROW(h.record(-1e-300), std::invalid_argument);
  EXPECT_THROW(h.record(inf), std::invalid_argument);
  EXPECT_THROW(h.record(-inf), std::invalid_argument);
  EXPECT_EQ(h.count(), 0u);
  h.record(1.0);
  EXPECT_THROW(static_cast<void>(h.percentile(-0.1)), std::invalid_argument);
  EXPECT_THROW(static_cast<void>(h.percentile(100.1)), std::invalid_argument);
  EXPECT_THROW(static_cast<void>(h.percentile(nan)), std::invalid_argument);
  EXPECT_THROW(LatencyHistogram(0.0, 1.0, 3), std::invalid_argument);
  EXPECT_THROW(LatencyHistogram(-1e-6, 1.0, 3), std::invalid_argument);
  EXPECT_THROW(LatencyHistogram(nan, 1.0, 3), std::invalid_argument);
  EXPECT_THROW(LatencyHistogram(1e-6, 1.5e-6, 3), std::invalid_argument);
  EXPECT_THROW(LatencyHistogram(1e-6, inf, 3), std::invalid_argument);
  EXPECT_THROW(LatencyHistogram(1e-6, 1.0, 0), std::invalid_argument);
  EXPECT_THROW(LatencyHistogram(1e-6, 1.0, 6), std::invalid_argument);
}

}  // namespace
}  // namespace aifsim::workload
