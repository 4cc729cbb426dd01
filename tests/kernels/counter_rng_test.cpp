// SPDX-License-Identifier: Apache-2.0
// The counter-based generator behind the per-GPU jitter: range, uniformity, independence.
#include <gtest/gtest.h>

#include <cstdint>
#include <set>

#include "kernels/counter_rng.h"

namespace aifsim::kernels {
namespace {

TEST(counter_rng_test, uniform_is_in_unit_interval_with_mean_one_half) {
  double sum = 0.0;
  double lo = 1.0, hi = 0.0;
  constexpr int kDraws = 100000;
  for (int i = 0; i < kDraws; ++i) {
    const double u = counter_uniform(1, 2, static_cast<std::uint64_t>(i));
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum += u;
    lo = u < lo ? u : lo;
    hi = u > hi ? u : hi;
  }
  EXPECT_NEAR(sum / kDraws, 0.5, 0.005);  // standard error 9e-4
  EXPECT_LT(lo, 1e-3);
  EXPECT_GT(hi, 1.0 - 1e-3);
}

TEST(counter_rng_test, uniform_deciles_are_balanced) {
  int bins[10] = {};
  constexpr int kDraws = 100000;
  for (int i = 0; i < kDraws; ++i) {
    ++bins[static_cast<int>(counter_uniform(9, static_cast<std::uint64_t>(i), 0) * 10.0)];
  }
  // Expected 10000 per bin, standard deviation ~95.
  for (const int b : bins) EXPECT_NEAR(b, kDraws / 10, 500);
}

TEST(counter_rng_test, is_a_pure_function_of_its_inputs) {
  EXPECT_EQ(counter_bits(7, 8, 9), counter_bits(7, 8, 9));
  EXPECT_NE(counter_bits(7, 8, 9), counter_bits(8, 8, 9));
  EXPECT_NE(counter_bits(7, 8, 9), counter_bits(7, 9, 9));
  EXPECT_NE(counter_bits(7, 8, 9), counter_bits(7, 8, 10));
  // Swapping stream and counter must not give the same draw.
  EXPECT_NE(counter_bits(7, 8, 9), counter_bits(7, 9, 8));
}

TEST(counter_rng_test, neighbouring_streams_do_not_collide) {
  std::set<std::uint64_t> seen;
  for (std::uint64_t stream = 0; stream < 1000; ++stream) {
    for (std::uint64_t counter = 0; counter < 50; ++counter) {
      seen.insert(counter_bits(42, stream, counter));
    }
  }
  EXPECT_EQ(seen.size(), 50000u);
}

TEST(counter_rng_test, mix64_known_value) {
  // SplitMix64's first output for state 0 (reference implementation by Vigna).
  EXPECT_EQ(mix64(0), 0xe220a8397b1dcdafULL);
}

}  // namespace
}  // namespace aifsim::kernels
