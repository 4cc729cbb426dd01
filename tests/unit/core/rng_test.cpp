// SPDX-License-Identifier: Apache-2.0
// Tests for RandomStream: reproducibility, stream independence and distribution moments.
#include "sim/core/rng.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <set>
#include <stdexcept>
#include <vector>

namespace aifsim {
namespace {

constexpr int kDraws = 100'000;

struct Moments {
  double mean;
  double variance;
};

template <class Draw>
Moments moments(Draw draw) {
  double sum = 0.0;
  double sum_sq = 0.0;
  for (int i = 0; i < kDraws; ++i) {
    const double x = draw();
    sum += x;
    sum_sq += x * x;
  }
  const double mean = sum / kDraws;
  return {mean, sum_sq / kDraws - mean * mean};
}

std::vector<std::uint64_t> draw_bits(RandomStream rs, int n) {
  std::vector<std::uint64_t> out;
  for (int i = 0; i < n; ++i) out.push_back(rs.bits());
  return out;
}

TEST(rng_test, same_seed_entity_and_purpose_give_the_same_sequence) {
  const RandomStream a(42, 7, StreamPurpose::gpu_failure);
  const RandomStream b(42, 7, StreamPurpose::gpu_failure);
  EXPECT_EQ(draw_bits(a, 1000), draw_bits(b, 1000));
  // The enum and its raw value name the same stream.
  const RandomStream c(42, 7, static_cast<std::uint64_t>(StreamPurpose::gpu_failure));
  EXPECT_EQ(draw_bits(a, 10), draw_bits(c, 10));
}

TEST(rng_test, different_seeds_entities_and_purposes_differ) {
  const auto base = draw_bits(RandomStream(42, 7, StreamPurpose::gpu_failure), 100);
  EXPECT_NE(base, draw_bits(RandomStream(43, 7, StreamPurpose::gpu_failure), 100));
  EXPECT_NE(base, draw_bits(RandomStream(42, 8, StreamPurpose::gpu_failure), 100));
  EXPECT_NE(base, draw_bits(RandomStream(42, 7, StreamPurpose::repair), 100));
  // Not merely shifted copies of each other: no value of one appears in the other.
  const auto other = draw_bits(RandomStream(42, 8, StreamPurpose::gpu_failure), 100);
  const std::set<std::uint64_t> base_set(base.begin(), base.end());
  for (const std::uint64_t v : other) EXPECT_EQ(base_set.count(v), 0u);
}

TEST(rng_test, stream_ids_are_distinct_across_entities_and_purposes) {
  std::set<std::uint64_t> ids;
  for (std::uint64_t purpose = 1; purpose <= 9; ++purpose) {
    for (std::uint64_t entity = 0; entity < 10'000; ++entity) {
      ids.insert(stream_id(entity, purpose));
    }
  }
  EXPECT_EQ(ids.size(), 9u * 10'000u);
}

TEST(rng_test, draw_order_between_streams_does_not_matter) {
  // Interleaved draws (as events of two entities might interleave) give each stream the
  // same values as drawing them one stream after the other.
  RandomStream a1(5, 1, StreamPurpose::job_arrival);
  RandomStream b1(5, 2, StreamPurpose::job_arrival);
  std::vector<double> a_seq;
  std::vector<double> b_seq;
  for (int i = 0; i < 1000; ++i) a_seq.push_back(a1.uniform());
  for (int i = 0; i < 1000; ++i) b_seq.push_back(b1.uniform());

  RandomStream a2(5, 1, StreamPurpose::job_arrival);
  RandomStream b2(5, 2, StreamPurpose::job_arrival);
  std::vector<double> a_mixed;
  std::vector<double> b_mixed;
  for (int i = 0; i < 1000; ++i) {
    if (i % 3 == 0) b_mixed.push_back(b2.uniform());
    a_mixed.push_back(a2.uniform());
    if (i % 3 != 0) b_mixed.push_back(b2.uniform());
  }
  EXPECT_EQ(a_seq, a_mixed);
  EXPECT_EQ(b_seq, b_mixed);
}

TEST(rng_test, counter_advances_by_the_documented_draws) {
  RandomStream rs(1, 2, StreamPurpose::weather);
  EXPECT_EQ(rs.counter(), 0u);
  rs.uniform();
  EXPECT_EQ(rs.counter(), 1u);
  rs.exponential(3.0);
  EXPECT_EQ(rs.counter(), 2u);
  rs.normal();
  EXPECT_EQ(rs.counter(), 4u);
  rs.uniform_int(10);
  EXPECT_EQ(rs.counter(), 5u);

  // Replaying from a saved counter reproduces the draws.
  const std::uint64_t saved = rs.counter();
  const double x = rs.uniform();
  rs.set_counter(saved);
  EXPECT_EQ(rs.uniform(), x);
}

TEST(rng_test, uniform_moments_over_100k_draws) {
  RandomStream rs(2026, 0, StreamPurpose::utilization);
  double lo = 1.0;
  double hi = 0.0;
  const Moments m = moments([&] {
    const double u = rs.uniform();
    lo = std::min(lo, u);
    hi = std::max(hi, u);
    return u;
  });
  // Mean 1/2 (sd of the estimate 0.0009), variance 1/12 = 0.0833 (sd 0.00024): 5+ sigma.
  EXPECT_NEAR(m.mean, 0.5, 0.005);
  EXPECT_NEAR(m.variance, 1.0 / 12.0, 0.0015);
  EXPECT_GE(lo, 0.0);
  EXPECT_LT(hi, 1.0);
  EXPECT_LT(lo, 1e-3);  // the range is actually covered
  EXPECT_GT(hi, 1.0 - 1e-3);
}

TEST(rng_test, exponential_moments_over_100k_draws) {
  RandomStream rs(2026, 1, StreamPurpose::job_arrival);
  const double rate = 2.0;  // per second: mean 0.5 s, variance 0.25 s^2
  const Moments m = moments([&] {
    const double x = rs.exponential(rate);
    EXPECT_GE(x, 0.0);
    return x;
  });
  // sd of the mean estimate 0.0016; of the variance estimate ~0.0022.
  EXPECT_NEAR(m.mean, 0.5, 0.008);
  EXPECT_NEAR(m.variance, 0.25, 0.012);
}

TEST(rng_test, normal_moments_over_100k_draws) {
  RandomStream rs(2026, 2, StreamPurpose::weather);
  const Moments m = moments([&] { return rs.normal(); });
  // sd of the mean estimate 0.0032; of the variance estimate 0.0045.
  EXPECT_NEAR(m.mean, 0.0, 0.016);
  EXPECT_NEAR(m.variance, 1.0, 0.025);

  const Moments scaled = moments([&] { return rs.normal(20.0, 3.0); });
  EXPECT_NEAR(scaled.mean, 20.0, 0.05);
  EXPECT_NEAR(scaled.variance, 9.0, 0.25);
}

TEST(rng_test, uniform_int_is_in_range_and_unbiased) {
  RandomStream rs(3, 3, StreamPurpose::placement);
  std::vector<int> counts(6, 0);
  for (int i = 0; i < kDraws; ++i) {
    const std::uint64_t k = rs.uniform_int(6);
    ASSERT_LT(k, 6u);
    ++counts[k];
  }
  // Each bucket expects 16667 with sd 118: allow ~5 sd.
  for (const int c : counts) EXPECT_NEAR(c, kDraws / 6.0, 600.0);

  EXPECT_EQ(rs.uniform_int(1), 0u);
  EXPECT_THROW(rs.uniform_int(0), std::invalid_argument);

  // n just above 2^63 rejects about half the raw draws; results must stay below n.
  const std::uint64_t big = (std::uint64_t{1} << 63) + 1;
  const std::uint64_t before = rs.counter();
  for (int i = 0; i < 1000; ++i) ASSERT_LT(rs.uniform_int(big), big);
  EXPECT_GT(rs.counter() - before, 1200u);  // ~2000 draws expected
}

TEST(rng_test, adjacent_entities_are_uncorrelated) {
  RandomStream a(9, 100, StreamPurpose::gpu_failure);
  RandomStream b(9, 101, StreamPurpose::gpu_failure);
  double sab = 0.0;
  double sa = 0.0;
  double sb = 0.0;
  double saa = 0.0;
  double sbb = 0.0;
  for (int i = 0; i < kDraws; ++i) {
    const double x = a.uniform();
    const double y = b.uniform();
    sa += x;
    sb += y;
    sab += x * y;
    saa += x * x;
    sbb += y * y;
  }
  const double n = kDraws;
  const double cov = sab / n - (sa / n) * (sb / n);
  const double var_a = saa / n - (sa / n) * (sa / n);
  const double var_b = sbb / n - (sb / n) * (sb / n);
  const double r = cov / std::sqrt(var_a * var_b);
  EXPECT_LT(std::abs(r), 0.02);  // sd of r under independence is 1/sqrt(n) = 0.0032
}

TEST(rng_test, exponential_rejects_bad_rates) {
  RandomStream rs(1, 1, StreamPurpose::repair);
  EXPECT_THROW(rs.exponential(0.0), std::invalid_argument);
  EXPECT_THROW(rs.exponential(-1.0), std::invalid_argument);
  EXPECT_THROW(rs.exponential(std::nan("")), std::invalid_argument);
  EXPECT_THROW(rs.exponential(INFINITY), std::invalid_argument);
}

}  // namespace
}  // namespace aifsim
