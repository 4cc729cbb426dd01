// SPDX-License-Identifier: Apache-2.0
// max_by_key (the hottest die of each rack) against a host loop: runs, negatives, empty input,
// reuse of Thrust's temporaries and the size checks that keep reduce_by_key inside `out`.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <span>
#include <stdexcept>
#include <vector>

#include "kernels/fleet_kernels.h"
#include "tests/kernels/kernel_test_fleet.h"

namespace aifsim::kernels {
namespace {

std::vector<float> random_temperatures(std::size_t n, std::mt19937_64& rng) {
  std::uniform_real_distribution<float> die_c(-40.0f, 120.0f);
  std::vector<float> values(n);
  for (float& v : values) v = die_c(rng);
  return values;
}

TEST(max_by_key_test, matches_host_loop) {
  std::mt19937_64 rng(31);
  const std::vector<std::int32_t> keys = test::random_keys(60000, 80, rng);
  const std::vector<float> values = random_temperatures(keys.size(), rng);
  std::vector<float> out(test::runs_of(keys), -1.0f);
  max_by_key(Backend::cpu, keys, values, out);
  EXPECT_TRUE(test::same_bits(out, test::reference_max_by_key(keys, values)));
}

TEST(max_by_key_test, takes_the_max_of_each_run_not_of_each_distinct_key) {
  const std::vector<std::int32_t> keys = {0, 0, 0, 1, 1, 0, 4};
  const std::vector<float> values = {3.0f, 9.5f, -1.0f, -7.0f, -2.0f, 8.0f, 0.0f};
  std::vector<float> out(4, 99.0f);
  max_by_key(Backend::cpu, keys, values, out);
  // Runs {3, 9.5, -1}, {-7, -2}, {8}, {0}.
  EXPECT_EQ(out, (std::vector<float>{9.5f, -2.0f, 8.0f, 0.0f}));
}

TEST(max_by_key_test, max_sits_anywhere_in_the_run) {
  // A run of 5 with its max first, in the middle, last.
  for (std::size_t at = 0; at < 5; ++at) {
    const std::vector<std::int32_t> keys(5, 3);
    std::vector<float> values(5, 40.0f);
    values[at] = 41.0f;
    std::vector<float> out(1, 0.0f);
    max_by_key(Backend::cpu, keys, values, out);
    EXPECT_EQ(out[0], 41.0f) << "max at " << at;
  }
}

TEST(max_by_key_test, repeated_calls_with_changing_sizes) {
  std::mt19937_64 rng(8);
  for (const std::size_t n : {10u, 100000u, 7u, 50000u, 100001u, 1u}) {
    const std::vector<std::int32_t> keys = test::random_keys(n, 72, rng);
    const std::vector<float> values = random_temperatures(n, rng);
    std::vector<float> out(test::runs_of(keys));
    max_by_key(Backend::cpu, keys, values, out);
    ASSERT_TRUE(test::same_bits(out, test::reference_max_by_key(keys, values))) << "n = " << n;
  }
}

TEST(max_by_key_test, empty_input_is_a_no_op) {
  const std::vector<std::int32_t> keys;
  const std::vector<float> values;
  std::vector<float> out;
  EXPECT_NO_THROW(max_by_key(Backend::cpu, keys, values, out));
  std::vector<float> one(1);
  EXPECT_THROW(max_by_key(Backend::cpu, keys, values, one), std::invalid_argument);
}

TEST(max_by_key_test, size_mismatches_throw) {
  const std::vector<std::int32_t> keys = {0, 0, 1, 2, 2};
  const std::vector<float> values(5, 1.0f);
  const std::vector<float> short_values(4, 1.0f);
  std::vector<float> short_out(2), right_out(3), long_out(4);
  EXPECT_THROW(max_by_key(Backend::cpu, keys, values, short_out), std::invalid_argument);
  EXPECT_THROW(max_by_key(Backend::cpu, keys, values, long_out), std::invalid_argument);
  EXPECT_THROW(max_by_key(Backend::cpu, keys, short_values, right_out), std::invalid_argument);
  EXPECT_NO_THROW(max_by_key(Backend::cpu, keys, values, right_out));
  try {
    max_by_key(Backend::cpu, keys, values, short_out);
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "max_by_key: keys form 3 runs but out has 2 elements");
  }
}

TEST(max_by_key_test, short_out_is_rejected_before_any_write) {
  const std::vector<std::int32_t> keys = {0, 1, 2, 3};
  const std::vector<float> values = {1.0f, 2.0f, 3.0f, 4.0f};
  std::vector<float> storage = {-7.0f, -7.0f, -7.0f, -7.0f};
  EXPECT_THROW(max_by_key(Backend::cpu, keys, values, std::span(storage).first(2)),
               std::invalid_argument);
  EXPECT_EQ(storage, (std::vector<float>{-7.0f, -7.0f, -7.0f, -7.0f}));
}

}  // namespace
}  // namespace aifsim::kernels
