// SPDX-License-Identifier: Apache-2.0
// Consecutive fleet ticks give the same bits on 1, 2 and 4 OpenMP threads and match the
// host-loop reference exactly: the roll-ups are integer sums and every per-GPU and per-rack
// value is computed by one thread, so no thread count can reorder rounding.
#include <gtest/gtest.h>
#include <omp.h>

#include <cstdint>
#include <vector>

#include "kernels/fleet_kernels.h"
#include "tests/kernels/kernel_test_fleet.h"

namespace aifsim::kernels {
namespace {

// Runs `fn` with the OpenMP thread count set to `threads`, then restores the previous count.
template <class Fn>
auto with_threads(int threads, Fn fn) {
  const int before = omp_get_max_threads();
  omp_set_num_threads(threads);
  auto result = fn();
  omp_set_num_threads(before);
  return result;
}

constexpr int kTicks = 5;

TEST(determinism_test, ticks_are_bit_identical_on_one_two_and_four_threads) {
  const test::HostFleet f = test::make_fleet(1389, 72, 4242);
  ASSERT_GT(f.gpus(), 20000u);
  const auto run = [&] { return test::run_ticks(Backend::cpu, f, kTicks); };
  const std::vector<test::TickResult> one = with_threads(1, run);
  const std::vector<test::TickResult> two = with_threads(2, run);
  const std::vector<test::TickResult> four = with_threads(4, run);
  test::expect_same_ticks(two, one);
  test::expect_same_ticks(four, one);
}

TEST(determinism_test, ticks_match_host_loop_reference) {
  const test::HostFleet f = test::make_fleet(700, 72, 777);
  const std::vector<test::TickResult> got = test::run_ticks(Backend::cpu, f, kTicks);
  const std::vector<test::TickResult> want = test::reference_ticks(f, kTicks);
  test::expect_same_ticks(got, want);
  EXPECT_GT(want.back().facility_uw, 0);
  ASSERT_EQ(want.back().hall_uw.size(), f.halls());
  EXPECT_GT(f.halls(), 1u);
  // The run is not trivially static: the state moves every tick.
  for (std::size_t t = 1; t < want.size(); ++t) {
    EXPECT_FALSE(test::same_bits(want[t].state.die_c, want[t - 1].state.die_c)) << t;
    EXPECT_FALSE(test::same_bits(want[t].state.loop_c, want[t - 1].state.loop_c)) << t;
  }
}

TEST(determinism_test, ticks_match_host_loop_reference_with_a_long_tick) {
  test::HostFleet f = test::make_fleet(300, 72, 778);
  f.dt_s = 7.5f;
  test::expect_same_ticks(test::run_ticks(Backend::cpu, f, 3), test::reference_ticks(f, 3));
}

TEST(determinism_test, facility_total_equals_sum_of_racks) {
  const test::HostFleet f = test::make_fleet(300, 72, 5);
  for (const test::TickResult& got : test::run_ticks(Backend::cpu, f, 3)) {
    std::int64_t racks_uw = 0;
    for (const std::int64_t v : got.rack_input_uw) racks_uw += v;
    EXPECT_EQ(got.facility_uw, racks_uw);
  }
}

TEST(determinism_test, repeated_runs_are_identical) {
  const test::HostFleet f = test::make_fleet(200, 72, 6);
  test::expect_same_ticks(test::run_ticks(Backend::cpu, f, kTicks),
                          test::run_ticks(Backend::cpu, f, kTicks));
}

}  // namespace
}  // namespace aifsim::kernels
