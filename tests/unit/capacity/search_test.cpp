// SPDX-License-Identifier: Apache-2.0
// The capacity search against oracles with a known threshold: it ends on the largest passing
// value with the next grid value failing, from any start, with any number of probes per
// round, and never proposes a value twice or off its grid.
#include "sim/capacity/search.h"

#include <gtest/gtest.h>

#include <functional>
#include <set>

namespace aifsim::capacity {
namespace {

struct Outcome {
  CapacitySearch search;
  int rounds = 0;
  std::set<std::int64_t> proposed;
};

// Runs the search to its end against `passes`, checking every proposal on the way.
Outcome drive(SearchGrid grid, int parallel, const std::function<bool(std::int64_t)>& passes) {
  Outcome o{CapacitySearch(grid, parallel), 0, {}};
  for (auto values = o.search.next_values(); !values.empty(); values = o.search.next_values()) {
    EXPECT_LE(values.size(), static_cast<std::size_t>(parallel));
    for (auto v : values) {
      EXPECT_TRUE(o.proposed.insert(v).second) << "proposed twice: " << v;
      EXPECT_GE(v, grid.min);
      if (grid.max) {
        EXPECT_LE(v, *grid.max);
      }
      EXPECT_EQ((v - grid.min) % grid.step, 0) << v;
      o.search.record(v, passes(v));
    }
    if (++o.rounds > 200) break;
  }
  return o;
}

TEST(capacity_search_test, ends_on_the_largest_passing_value_with_the_next_failing) {
  const auto o = drive({1, std::nullopt, 1, 96}, 1, [](std::int64_t v) { return v <= 113; });
  EXPECT_EQ(o.search.largest_passing(), 113);
  EXPECT_EQ(o.search.smallest_failing(), 114);
  EXPECT_FALSE(o.search.hit_max());
  // Doubling from 96 (97, 98, 100, 104, 112, 128) then bisecting (112, 128): 11 runs.
  EXPECT_EQ(o.proposed.size(), 11u);
}

TEST(capacity_search_test, more_probes_per_round_take_fewer_rounds_to_the_same_answer) {
  const auto pass = [](std::int64_t v) { return v <= 113; };
  const auto one = drive({1, std::nullopt, 1, 96}, 1, pass);
  const auto three = drive({1, std::nullopt, 1, 96}, 3, pass);
  EXPECT_EQ(three.search.largest_passing(), 113);
  EXPECT_EQ(three.search.smallest_failing(), 114);
  EXPECT_LT(three.rounds, one.rounds);
}

TEST(capacity_search_test, searches_down_when_the_start_already_fails) {
  const auto o = drive({1, std::nullopt, 1, 96}, 2, [](std::int64_t v) { return v <= 50; });
  EXPECT_EQ(o.search.largest_passing(), 50);
  EXPECT_EQ(o.search.smallest_failing(), 51);
  EXPECT_TRUE(o.proposed.count(1)) << "the lowest value is tried first once the start fails";
}

TEST(capacity_search_test, a_lowest_value_that_fails_ends_without_an_answer) {
  const auto o = drive({10, 200, 1, 96}, 1, [](std::int64_t) { return false; });
  EXPECT_TRUE(o.search.lowest_fails());
  EXPECT_FALSE(o.search.largest_passing());
  EXPECT_EQ(o.proposed, (std::set<std::int64_t>{10, 96}));
}

TEST(capacity_search_test, stops_at_max_when_every_value_passes) {
  const auto o = drive({1, 120, 1, 96}, 2, [](std::int64_t) { return true; });
  EXPECT_EQ(o.search.largest_passing(), 120);
  EXPECT_FALSE(o.search.smallest_failing());
  EXPECT_TRUE(o.search.hit_max());
}

TEST(capacity_search_test, keeps_to_a_coarse_grid) {
  // 104, 108, ..., 120: the answer is a grid value, the failure the next one.
  const auto o = drive({104, 120, 4, 96}, 1, [](std::int64_t v) { return v <= 113; });
  EXPECT_EQ(o.search.largest_passing(), 112);
  EXPECT_EQ(o.search.smallest_failing(), 116);
}

TEST(capacity_search_test, finds_every_threshold_from_every_start) {
  for (int parallel : {1, 2, 3, 5})
    for (std::int64_t start : {1, 7, 40, 63})
      for (std::int64_t t = 1; t <= 64; ++t) {
        const auto o = drive({1, 64, 1, start}, parallel, [t](std::int64_t v) { return v <= t; });
        ASSERT_EQ(o.search.largest_passing(), t) << "start " << start << " parallel " << parallel;
        if (t < 64) {
          ASSERT_EQ(o.search.smallest_failing(), t + 1);
        }
        ASSERT_EQ(o.search.hit_max(), t == 64);
      }
}

TEST(capacity_search_test, the_same_results_give_the_same_proposals) {
  // What --resume relies on: proposals are a function of the results alone.
  const auto pass = [](std::int64_t v) { return v <= 77; };
  const auto a = drive({1, std::nullopt, 1, 30}, 2, pass);
  const auto b = drive({1, std::nullopt, 1, 30}, 2, pass);
  EXPECT_EQ(a.proposed, b.proposed);
  EXPECT_EQ(a.search.results(), b.search.results());
}

TEST(capacity_search_test, reports_passes_above_a_failure) {
  // Round one runs 1, 2 and 3; 2 fails but 3 passes: not monotone, and the answer stays
  // below the first failure.
  const auto o = drive({1, 100, 1, 1}, 3, [](std::int64_t v) { return v != 2 && v <= 10; });
  EXPECT_EQ(o.search.largest_passing(), 1);
  EXPECT_EQ(o.search.smallest_failing(), 2);
  EXPECT_EQ(o.search.passes_above_failure(), std::vector<std::int64_t>{3});
}

TEST(capacity_search_test, refuses_a_bad_grid) {
  EXPECT_THROW(CapacitySearch({1, std::nullopt, 0, 1}, 1), std::invalid_argument);
  EXPECT_THROW(CapacitySearch({10, 5, 1, 10}, 1), std::invalid_argument);
}

}  // namespace
}  // namespace aifsim::capacity
