// SPDX-License-Identifier: Apache-2.0
// The roll-up kernels (sum_by_key_fixed, sum_by_key, sum_all) against host loops: exact sums,
// rounding, empty inputs and the size checks that keep reduce_by_key inside `out`.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <random>
#include <stdexcept>
#include <thread>
#include <vector>

#include "kernels/fleet_kernels.h"
#include "kernels/power_math.h"
#include "tests/kernels/kernel_test_fleet.h"

namespace aifsim::kernels {
namespace {

using test::random_keys;
using test::runs_of;

TEST(sum_by_key_test, fixed_matches_host_loop) {
  std::mt19937_64 rng(2024);
  const std::vector<std::int32_t> keys = random_keys(50000, 80, rng);
  std::uniform_real_distribution<float> watts(0.0f, 1200.0f);
  std::vector<float> values(keys.size());
  for (float& v : values) v = watts(rng);
  std::vector<std::int64_t> out(runs_of(keys), -1);
  sum_by_key_fixed(Backend::cpu, keys, values, 1.0e6, out);
  EXPECT_EQ(out, test::reference_sum_fixed(keys, values, 1.0e6));
}

TEST(sum_by_key_test, fixed_rounds_half_away_from_zero) {
  const std::vector<std::int32_t> keys = {0, 1, 2, 3, 4, 5};
  const std::vector<float> values = {0.5f, 1.5f, 2.5f, -0.5f, -1.5f, 0.49f};
  std::vector<std::int64_t> out(6);
  sum_by_key_fixed(Backend::cpu, keys, values, 1.0, out);
  EXPECT_EQ(out, (std::vector<std::int64_t>{1, 2, 3, -1, -2, 0}));
}

TEST(sum_by_key_test, fixed_rounds_each_element_before_summing) {
  // 0.4 + 0.4 + 0.4 rounds to 1 as a float sum but each element rounds to 0.
  const std::vector<std::int32_t> keys = {7, 7, 7};
  const std::vector<float> values = {0.4f, 0.4f, 0.4f};
  std::vector<std::int64_t> out(1, -1);
  sum_by_key_fixed(Backend::cpu, keys, values, 1.0, out);
  EXPECT_EQ(out[0], 0);
}

TEST(sum_by_key_test, to_uw_is_fixed_point_at_one_million) {
  for (const double w : {0.0, 1.0, 699.999999, -3.25, 1.0e5 + 0.0000005}) {
    EXPECT_EQ(to_uw(w), to_fixed(w, 1.0e6)) << w;
    EXPECT_EQ(to_uw(w), std::llround(w * 1.0e6)) << w;
  }
}

TEST(sum_by_key_test, integer_sums_match_host_loop) {
  std::mt19937_64 rng(77);
  const std::vector<std::int32_t> keys = random_keys(30000, 200, rng);
  std::uniform_int_distribution<std::int64_t> uw(-1'000'000'000'000, 1'000'000'000'000'000);
  std::vector<std::int64_t> values(keys.size());
  for (std::int64_t& v : values) v = uw(rng);
  std::vector<std::int64_t> out(runs_of(keys), -1);
  sum_by_key(Backend::cpu, keys, values, out);
  EXPECT_EQ(out, test::reference_sum_int(keys, values));
}

TEST(sum_by_key_test, integer_sums_are_exact_where_doubles_are_not) {
  // 2^53 + 1 + 1: a double accumulator returns 2^53.
  constexpr std::int64_t kTwo53 = std::int64_t{1} << 53;
  const std::vector<std::int32_t> keys = {0, 0, 0};
  const std::vector<std::int64_t> values = {kTwo53, 1, 1};
  std::vector<std::int64_t> out(1);
  sum_by_key(Backend::cpu, keys, values, out);
  EXPECT_EQ(out[0], kTwo53 + 2);
  EXPECT_EQ(sum_all(Backend::cpu, values), kTwo53 + 2);
}

TEST(sum_by_key_test, sums_runs_not_distinct_keys) {
  const std::vector<std::int32_t> keys = {0, 0, 1, 1, 0};
  const std::vector<std::int64_t> values = {1, 2, 3, 4, 5};
  std::vector<std::int64_t> out(3);
  sum_by_key(Backend::cpu, keys, values, out);
  EXPECT_EQ(out, (std::vector<std::int64_t>{3, 7, 5}));
}

TEST(sum_by_key_test, sum_all_matches_host_loop) {
  std::mt19937_64 rng(5);
  std::uniform_int_distribution<std::int64_t> uw(-5'000'000'000, 200'000'000'000);
  std::vector<std::int64_t> values(123457);
  std::int64_t want = 0;
  for (std::int64_t& v : values) {
    v = uw(rng);
    want += v;
  }
  EXPECT_EQ(sum_all(Backend::cpu, values), want);
}

TEST(sum_by_key_test, empty_inputs) {
  const std::vector<std::int32_t> keys;
  const std::vector<float> fvalues;
  const std::vector<std::int64_t> ivalues;
  std::vector<std::int64_t> out;
  EXPECT_NO_THROW(sum_by_key_fixed(Backend::cpu, keys, fvalues, 1.0e6, out));
  EXPECT_NO_THROW(sum_by_key(Backend::cpu, keys, ivalues, out));
  EXPECT_EQ(sum_all(Backend::cpu, ivalues), 0);
  // No keys means no runs: a non-empty `out` is a caller error, not silently left untouched.
  std::vector<std::int64_t> one(1);
  EXPECT_THROW(sum_by_key(Backend::cpu, keys, ivalues, one), std::invalid_argument);
}

TEST(sum_by_key_test, size_mismatches_throw) {
  const std::vector<std::int32_t> keys = {0, 0, 1, 2, 2};
  const std::vector<float> fvalues(5, 1.0f);
  const std::vector<std::int64_t> ivalues(5, 1);
  std::vector<std::int64_t> short_out(2), right_out(3), long_out(4);
  const std::vector<float> short_f(4, 1.0f);
  const std::vector<std::int64_t> long_i(6, 1);
  EXPECT_THROW(sum_by_key_fixed(Backend::cpu, keys, fvalues, 1.0, short_out),
               std::invalid_argument);
  EXPECT_THROW(sum_by_key_fixed(Backend::cpu, keys, fvalues, 1.0, long_out),
               std::invalid_argument);
  EXPECT_THROW(sum_by_key_fixed(Backend::cpu, keys, short_f, 1.0, right_out),
               std::invalid_argument);
  EXPECT_THROW(sum_by_key(Backend::cpu, keys, ivalues, short_out), std::invalid_argument);
  EXPECT_THROW(sum_by_key(Backend::cpu, keys, long_i, right_out), std::invalid_argument);
  EXPECT_NO_THROW(sum_by_key(Backend::cpu, keys, ivalues, right_out));
  EXPECT_EQ(right_out, (std::vector<std::int64_t>{2, 1, 2}));
}

TEST(sum_by_key_test, short_out_is_rejected_before_any_write) {
  const std::vector<std::int32_t> keys = {0, 1, 2, 3};
  const std::vector<std::int64_t> values = {1, 2, 3, 4};
  std::vector<std::int64_t> storage = {-7, -7, -7, -7};
  // Only the first two elements are handed over; the other two must stay untouched.
  EXPECT_THROW(sum_by_key(Backend::cpu, keys, values, std::span(storage).first(2)),
               std::invalid_argument);
  EXPECT_EQ(storage, (std::vector<std::int64_t>{-7, -7, -7, -7}));
}

// The kernels reuse Thrust's temporaries between calls: sizes that grow and shrink must still
// give exact sums.
TEST(sum_by_key_test, repeated_calls_with_changing_sizes) {
  std::mt19937_64 rng(99);
  for (const std::size_t n : {10u, 100000u, 7u, 50000u, 100001u, 1u, 100000u}) {
    const std::vector<std::int32_t> keys = random_keys(n, 72, rng);
    std::vector<float> values(n);
    std::uniform_real_distribution<float> watts(0.0f, 1000.0f);
    for (float& v : values) v = watts(rng);
    std::vector<std::int64_t> out(runs_of(keys));
    sum_by_key_fixed(Backend::cpu, keys, values, 1.0e6, out);
    ASSERT_EQ(out, test::reference_sum_fixed(keys, values, 1.0e6)) << "n = " << n;
  }
}

// Each calling thread has its own temporaries, so concurrent callers cannot corrupt each other.
TEST(sum_by_key_test, concurrent_callers_get_exact_sums) {
  constexpr int kThreads = 3;
  std::vector<int> failures(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([t, &failures] {
      std::mt19937_64 rng(static_cast<std::uint64_t>(1000 + t));
      const std::size_t n = 20000 + 5000 * static_cast<std::size_t>(t);
      const std::vector<std::int32_t> keys = random_keys(n, 72, rng);
      std::vector<std::int64_t> values(keys.size());
      std::uniform_int_distribution<std::int64_t> uw(0, 1'000'000'000);
      for (std::int64_t& v : values) v = uw(rng);
      const std::vector<std::int64_t> want = test::reference_sum_int(keys, values);
      std::vector<std::int64_t> out(want.size());
      for (int round = 0; round < 20; ++round) {
        sum_by_key(Backend::cpu, keys, values, out);
        if (out != want) ++failures[static_cast<std::size_t>(t)];
      }
    });
  }
  for (std::thread& th : threads) th.join();
  EXPECT_EQ(failures, std::vector<int>(kThreads, 0));
}

}  // namespace
}  // namespace aifsim::kernels

namespace aifsim::kernels {
namespace {

TEST(rack_rollup_test, matches_the_segmented_reductions_and_a_plain_loop) {
  // Racks of 3, 0, 5 and 1 GPUs (an empty rack sums to 0 and reports no die).
  const std::vector<std::int32_t> first{0, 3, 3, 8, 9};
  const std::vector<std::int32_t> keys{0, 0, 0, 2, 2, 2, 2, 2, 3};
  const std::vector<float> power{700.25f, 0.5f, 1.0e-7f, 1400.0f, 3.3f, 99.999f, 0.0f, 12.5f, 640.0f};
  const std::vector<float> activity{0.1f, 0.2f, 0.3f, 1.0f, 0.0f, 0.5f, 0.25f, 0.125f, 0.9f};
  const std::vector<float> speed{1.0f, 0.5f, 0.25f, 0.7f, 0.7f, 0.7f, 0.7f, 0.7f, 0.0f};
  const std::vector<float> die{40.0f, 45.5f, 41.0f, 60.0f, 87.25f, 59.0f, 61.0f, 30.0f, 55.0f};
  std::vector<std::int64_t> p(4, -1), a(4, -1), s(4, -1);
  std::vector<float> d(4, 0.0f);
  RackRollupArgs r{first, power, activity, speed, die, p, a, s, d};
  rack_rollup(Backend::cpu, r);
  const auto loop_sum = [&](const std::vector<float>& v, std::size_t rack) {
    std::int64_t sum = 0;
    for (auto g = first[rack]; g < first[rack + 1]; ++g) sum += to_fixed(static_cast<double>(v[static_cast<std::size_t>(g)]), 1.0e6);
    return sum;
  };
  for (std::size_t rack = 0; rack < 4; ++rack) {
    EXPECT_EQ(p[rack], loop_sum(power, rack)) << rack;
    EXPECT_EQ(a[rack], loop_sum(activity, rack)) << rack;
    EXPECT_EQ(s[rack], loop_sum(speed, rack)) << rack;
  }
  EXPECT_EQ(p[1], 0);
  EXPECT_EQ(d[2], 87.25f);
  EXPECT_EQ(d[0], 45.5f);
  // The same sums as the reduce_by_key kernels over the non-empty racks.
  std::vector<std::int64_t> by_key(3);
  sum_by_key_fixed(Backend::cpu, keys, power, 1.0e6, by_key);
  EXPECT_EQ(by_key, (std::vector<std::int64_t>{p[0], p[2], p[3]}));
  std::vector<float> max_by(3);
  max_by_key(Backend::cpu, keys, die, max_by);
  EXPECT_EQ(max_by, (std::vector<float>{d[0], d[2], d[3]}));
  // Offsets must be one longer than the racks.
  RackRollupArgs bad = r;
  bad.rack_first_gpu = std::span<const std::int32_t>(first).first(4);
  EXPECT_THROW(rack_rollup(Backend::cpu, bad), std::invalid_argument);
}

}  // namespace
}  // namespace aifsim::kernels
