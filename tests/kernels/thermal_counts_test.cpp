// SPDX-License-Identifier: Apache-2.0
// thermal_counts (the fleet's throttled / shut-down / newly entered GPUs and hottest die)
// against a host loop, on hand-made and random states.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <stdexcept>
#include <vector>

#include "kernels/fleet_kernels.h"
#include "kernels/thermal_math.h"
#include "tests/kernels/kernel_test_fleet.h"

namespace aifsim::kernels {
namespace {

TEST(thermal_counts_test, counts_a_small_fleet) {
  const std::vector<std::int8_t> state = {kThermalNormal,     kThermalSlowdown, kThermalHwSlowdown,
                                          kThermalShutdown,   kThermalSlowdown, kThermalShutdown,
                                          kThermalNormal};
  const std::vector<std::int8_t> entered = {0, kThermalSlowdown, 0, kThermalShutdown,
                                            0, 0,                0};
  const std::vector<float> die_c = {45.0f, 87.2f, 90.0f, 93.5f, 86.0f, 80.0f, -5.0f};
  const ThermalCounts c = thermal_counts(Backend::cpu, state, entered, die_c);
  EXPECT_EQ(c.throttled, 3);         // two software, one hardware slowdown
  EXPECT_EQ(c.shut_down, 2);
  EXPECT_EQ(c.entered, 2);           // into slowdown and into shutdown
  EXPECT_EQ(c.entered_shutdown, 1);
  EXPECT_EQ(c.die_max_c, 93.5f);
}

TEST(thermal_counts_test, matches_host_loop_on_random_states) {
  std::mt19937_64 rng(4711);
  std::uniform_int_distribution<int> state_of(0, 3);
  std::uniform_real_distribution<float> die(20.0f, 100.0f);
  for (const std::size_t n : {1u, 999u, 100003u}) {
    std::vector<std::int8_t> state(n), entered(n);
    std::vector<float> die_c(n);
    for (std::size_t i = 0; i < n; ++i) {
      state[i] = static_cast<std::int8_t>(state_of(rng));
      // A GPU can only have entered the state it is in, and only a worse one than normal.
      entered[i] = (state[i] != kThermalNormal && state_of(rng) == 0) ? state[i] : std::int8_t{0};
      die_c[i] = die(rng);
    }
    test::expect_same_counts(thermal_counts(Backend::cpu, state, entered, die_c),
                             test::reference_thermal_counts(state, entered, die_c));
  }
}

TEST(thermal_counts_test, hottest_die_may_be_anywhere_and_negative) {
  std::vector<std::int8_t> state(1000, kThermalNormal), entered(1000, 0);
  for (const std::size_t at : {0u, 500u, 999u}) {
    std::vector<float> die_c(1000, -30.0f);
    die_c[at] = -12.5f;
    EXPECT_EQ(thermal_counts(Backend::cpu, state, entered, die_c).die_max_c, -12.5f) << at;
  }
}

TEST(thermal_counts_test, matches_fleet_tick) {
  const test::HostFleet f = test::make_fleet(200, 72, 17);
  const std::vector<test::TickResult> ticks = test::run_ticks(Backend::cpu, f, 3);
  for (const test::TickResult& t : ticks) {
    const ThermalCounts want = test::reference_thermal_counts(t.state.thermal_state, t.entered,
                                                              t.state.die_c);
    test::expect_same_counts(t.thermal, want);
    EXPECT_GT(want.throttled, 0);
    EXPECT_GT(want.shut_down, 0);
  }
}

TEST(thermal_counts_test, empty_fleet_counts_nothing) {
  const ThermalCounts c = thermal_counts(Backend::cpu, {}, {}, {});
  EXPECT_EQ(c.throttled, 0);
  EXPECT_EQ(c.shut_down, 0);
  EXPECT_EQ(c.entered, 0);
  EXPECT_EQ(c.entered_shutdown, 0);
  EXPECT_EQ(c.die_max_c, ThermalCounts{}.die_max_c);  // -1e30: no die at all
}

TEST(thermal_counts_test, size_mismatches_throw) {
  const std::vector<std::int8_t> state(4, 0), entered(4, 0), short_entered(3, 0);
  const std::vector<float> die_c(4, 50.0f), long_die_c(5, 50.0f);
  EXPECT_THROW(thermal_counts(Backend::cpu, state, short_entered, die_c), std::invalid_argument);
  EXPECT_THROW(thermal_counts(Backend::cpu, state, entered, long_die_c), std::invalid_argument);
  try {
    thermal_counts(Backend::cpu, state, short_entered, die_c);
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "thermal_counts: entered has 3 elements but thermal_state has 4");
  }
}

}  // namespace
}  // namespace aifsim::kernels
