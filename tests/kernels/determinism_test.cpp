// SPDX-License-Identifier: Apache-2.0
// A full fleet tick gives the same bits on 1 and 2 OpenMP threads and matches the host-loop
// reference exactly: the roll-ups are integer sums, so no thread count can reorder rounding.
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

void expect_identical(const test::TickResult& a, const test::TickResult& b) {
  EXPECT_TRUE(test::same_bits(a.activity, b.activity));
  EXPECT_TRUE(test::same_bits(a.power_w, b.power_w));
  EXPECT_EQ(a.rack_gpu_uw, b.rack_gpu_uw);
  EXPECT_EQ(a.rack_dc_uw, b.rack_dc_uw);
  EXPECT_EQ(a.rack_input_uw, b.rack_input_uw);
  EXPECT_EQ(a.row_uw, b.row_uw);
  EXPECT_EQ(a.hall_uw, b.hall_uw);
  EXPECT_EQ(a.facility_uw, b.facility_uw);
}

TEST(determinism_test, tick_is_bit_identical_on_one_and_two_threads) {
  const test::HostFleet f = test::make_fleet(1389, 72, 4242);
  ASSERT_GT(f.gpus(), 20000u);
  const test::TickResult one = with_threads(1, [&] { return test::run_tick(Backend::cpu, f); });
  const test::TickResult two = with_threads(2, [&] { return test::run_tick(Backend::cpu, f); });
  const test::TickResult four = with_threads(4, [&] { return test::run_tick(Backend::cpu, f); });
  expect_identical(one, two);
  expect_identical(one, four);
}

TEST(determinism_test, tick_matches_host_loop_reference) {
  const test::HostFleet f = test::make_fleet(700, 72, 777);
  const test::TickResult got = test::run_tick(Backend::cpu, f);
  const test::TickResult want = test::reference_tick(f);
  expect_identical(got, want);
  EXPECT_GT(want.facility_uw, 0);
  ASSERT_EQ(want.hall_uw.size(), f.halls());
  EXPECT_GT(f.halls(), 1u);
}

TEST(determinism_test, facility_total_equals_sum_of_racks) {
  const test::HostFleet f = test::make_fleet(300, 72, 5);
  const test::TickResult got = test::run_tick(Backend::cpu, f);
  std::int64_t racks_uw = 0;
  for (const std::int64_t v : got.rack_input_uw) racks_uw += v;
  EXPECT_EQ(got.facility_uw, racks_uw);
}

TEST(determinism_test, repeated_ticks_are_identical) {
  const test::HostFleet f = test::make_fleet(200, 72, 6);
  expect_identical(test::run_tick(Backend::cpu, f), test::run_tick(Backend::cpu, f));
}

}  // namespace
}  // namespace aifsim::kernels
