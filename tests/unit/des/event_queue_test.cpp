// SPDX-License-Identifier: Apache-2.0
// Tests for des::EventQueue: (time, seq) ordering, cancellation, tombstone compaction.
#include "sim/des/event_queue.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <numeric>
#include <random>
#include <set>
#include <stdexcept>
#include <utility>
#include <vector>

namespace aifsim::des {
namespace {

TEST(event_queue_test, empty_queue_reports_never_and_throws_on_pop) {
  EventQueue q;
  EXPECT_TRUE(q.empty());
  EXPECT_EQ(q.size(), 0u);
  EXPECT_EQ(q.next_time(), kNever);
  EXPECT_THROW(q.pop(), std::out_of_range);
}

TEST(event_queue_test, ids_are_consecutive_insertion_sequence_numbers) {
  EventQueue q;
  for (std::uint64_t i = 0; i < 5; ++i) {
    EXPECT_EQ(q.push(static_cast<SimTime>(100 - i), [] {}).seq, i);
  }
  EXPECT_EQ(q.size(), 5u);
  EXPECT_EQ(q.next_time(), 96);
}

TEST(event_queue_test, same_time_events_keep_insertion_order) {
  EventQueue q;
  std::vector<int> ran;
  for (int i = 0; i < 100; ++i) q.push(42, [&ran, i] { ran.push_back(i); });
  std::uint64_t last_seq = 0;
  bool first = true;
  while (!q.empty()) {
    Event ev = q.pop();
    EXPECT_EQ(ev.time, 42);
    if (!first) {
      EXPECT_GT(ev.id.seq, last_seq);
    }
    first = false;
    last_seq = ev.id.seq;
    ev.fn();
  }
  std::vector<int> expected(100);
  std::iota(expected.begin(), expected.end(), 0);
  EXPECT_EQ(ran, expected);
}

TEST(event_queue_test, random_pushes_pop_in_stable_sorted_order) {
  // Few distinct times over many events, so ties are common and seq must break them.
  std::mt19937_64 gen(12345);
  std::uniform_int_distribution<SimTime> time_dist(0, 49);
  constexpr int kN = 10'000;
  std::vector<SimTime> times(kN);
  EventQueue q;
  std::vector<int> ran;
  for (int i = 0; i < kN; ++i) {
    times[static_cast<std::size_t>(i)] = time_dist(gen);
    q.push(times[static_cast<std::size_t>(i)], [&ran, i] { ran.push_back(i); });
  }
  std::vector<int> expected(kN);
  std::iota(expected.begin(), expected.end(), 0);
  std::stable_sort(expected.begin(), expected.end(), [&times](int a, int b) {
    return times[static_cast<std::size_t>(a)] < times[static_cast<std::size_t>(b)];
  });
  SimTime prev = 0;
  while (!q.empty()) {
    Event ev = q.pop();
    EXPECT_GE(ev.time, prev);
    prev = ev.time;
    ev.fn();
  }
  EXPECT_EQ(ran, expected);
}

TEST(event_queue_test, cancel_prevents_run_and_is_not_counted) {
  EventQueue q;
  std::vector<int> ran;
  const EventId a = q.push(10, [&ran] { ran.push_back(1); });
  const EventId b = q.push(20, [&ran] { ran.push_back(2); });
  const EventId c = q.push(30, [&ran] { ran.push_back(3); });
  EXPECT_TRUE(q.cancel(b));
  EXPECT_EQ(q.size(), 2u);
  EXPECT_FALSE(q.cancel(b)) << "second cancel of the same event";
  EXPECT_FALSE(q.cancel(kNoEvent));
  EXPECT_FALSE(q.cancel(EventId{999})) << "never issued";

  Event first = q.pop();
  EXPECT_EQ(first.id, a);
  first.fn();
  EXPECT_FALSE(q.cancel(a)) << "already popped";
  Event second = q.pop();
  EXPECT_EQ(second.id, c);
  second.fn();
  EXPECT_TRUE(q.empty());
  EXPECT_EQ(ran, (std::vector<int>{1, 3}));
}

TEST(event_queue_test, cancelling_the_earliest_moves_next_time) {
  EventQueue q;
  const EventId a = q.push(5, [] {});
  q.push(7, [] {});
  EXPECT_EQ(q.next_time(), 5);
  EXPECT_TRUE(q.cancel(a));
  EXPECT_EQ(q.next_time(), 7);
  EXPECT_EQ(q.pop().time, 7);
  EXPECT_TRUE(q.empty());
  EXPECT_EQ(q.next_time(), kNever);
}

TEST(event_queue_test, cancelling_every_event_empties_the_queue) {
  EventQueue q;
  std::vector<EventId> ids;
  for (int i = 0; i < 500; ++i) ids.push_back(q.push(i % 7, [] {}));
  for (const EventId id : ids) EXPECT_TRUE(q.cancel(id));
  EXPECT_TRUE(q.empty());
  EXPECT_EQ(q.next_time(), kNever);
  EXPECT_THROW(q.pop(), std::out_of_range);
}

TEST(event_queue_test, cancel_releases_the_callback_at_once) {
  EventQueue q;
  auto token = std::make_shared<int>(7);
  const EventId id = q.push(1'000'000, [token] { (void)*token; });
  q.push(1, [] {});  // keeps the cancelled entry off the top, so it stays as a tombstone
  EXPECT_EQ(token.use_count(), 2);
  EXPECT_TRUE(q.cancel(id));
  EXPECT_EQ(token.use_count(), 1);
}

TEST(event_queue_test, rescheduling_far_events_keeps_tombstones_bounded) {
  // A job whose finish time keeps moving: cancel and re-push a far-future event many times
  // while one near event pins the heap top.
  EventQueue q;
  q.push(0, [] {});
  EventId pending = q.push(1'000'000, [] {});
  for (int i = 0; i < 10'000; ++i) {
    ASSERT_TRUE(q.cancel(pending));
    pending = q.push(1'000'000 + i, [] {});
    ASSERT_LE(q.tombstones(), std::max<std::size_t>(64, q.size()));
  }
  EXPECT_EQ(q.size(), 2u);
  EXPECT_EQ(q.pop().time, 0);
  Event last = q.pop();
  EXPECT_EQ(last.time, 1'000'000 + 9'999);
  EXPECT_EQ(last.id, pending);
  EXPECT_TRUE(q.empty());
}

TEST(event_queue_test, random_push_pop_cancel_matches_reference) {
  // Reference model: an ordered set of live (time, seq) keys.
  std::mt19937_64 gen(777);
  std::uniform_int_distribution<int> op_dist(0, 9);
  std::uniform_int_distribution<SimTime> dt_dist(0, 20);
  EventQueue q;
  std::set<std::pair<SimTime, std::uint64_t>> ref;
  std::vector<std::pair<SimTime, EventId>> issued;
  SimTime now = 0;
  for (int step = 0; step < 50'000; ++step) {
    const int op = op_dist(gen);
    if (op < 5) {
      const SimTime t = now + dt_dist(gen);
      const EventId id = q.push(t, [] {});
      ref.emplace(t, id.seq);
      issued.emplace_back(t, id);
    } else if (op < 8) {
      if (ref.empty()) {
        ASSERT_TRUE(q.empty());
        continue;
      }
      const Event ev = q.pop();
      ASSERT_EQ(std::make_pair(ev.time, ev.id.seq), *ref.begin());
      ref.erase(ref.begin());
      now = ev.time;
    } else if (!issued.empty()) {
      std::uniform_int_distribution<std::size_t> pick(0, issued.size() - 1);
      const auto& [t, id] = issued[pick(gen)];
      const bool was_live = ref.erase({t, id.seq}) == 1;
      ASSERT_EQ(q.cancel(id), was_live);
    }
    ASSERT_EQ(q.size(), ref.size());
    ASSERT_EQ(q.next_time(), ref.empty() ? kNever : ref.begin()->first);
  }
}

}  // namespace
}  // namespace aifsim::des
