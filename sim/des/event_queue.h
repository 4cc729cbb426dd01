// SPDX-License-Identifier: Apache-2.0
// The pending-event set of the discrete-event engine: a binary min-heap keyed by
// (time, insertion sequence) with lazy cancellation, so equal-time events run in the order
// they were scheduled on every machine (ns-3 scheduler.h EventKey { ts, uid }).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <limits>
#include <vector>

#include "sim/core/time.h"

namespace aifsim::des {

/// Handle of a scheduled event. `seq` is the event's insertion sequence number, unique for
/// the lifetime of the queue that issued it (0, 1, 2, ...), and the tie-breaker between
/// events at the same time.
struct EventId {
  std::uint64_t seq;
  friend constexpr bool operator==(EventId, EventId) = default;
};

/// An id no queue ever issues; cancelling it returns false.
inline constexpr EventId kNoEvent{std::numeric_limits<std::uint64_t>::max()};

/// Returned by EventQueue::next_time() when the queue is empty.
inline constexpr SimTime kNever = std::numeric_limits<SimTime>::max();

/// An event's action. Copyable because std::move_only_function is C++23; captures larger
/// than std::function's small buffer (16 bytes in libstdc++) allocate once per event.
using EventFn = std::function<void()>;

/// An event taken off the queue: its time, its id and the action to run.
struct Event {
  SimTime time;
  EventId id;
  EventFn fn;
};

namespace detail {

/// Open-addressing hash map seq -> slot (linear probing, backward-shift deletion). Lets
/// cancel() find an event from its sequence number alone without a node allocation per
/// push, as std::unordered_map would need.
class SeqSlotMap {
 public:
  static constexpr std::uint32_t kNoSlot = std::numeric_limits<std::uint32_t>::max();

  /// Adds seq -> slot; seq must not be present.
  void insert(std::uint64_t seq, std::uint32_t slot);
  /// The slot of seq, or kNoSlot.
  std::uint32_t find(std::uint64_t seq) const;
  /// Removes seq; returns whether it was present.
  bool erase(std::uint64_t seq);
  std::size_t size() const { return size_; }

 private:
  static constexpr std::uint64_t kEmpty = std::numeric_limits<std::uint64_t>::max();
  struct Bucket {
    std::uint64_t seq = kEmpty;
    std::uint32_t slot = 0;
  };
  std::size_t home(std::uint64_t seq) const;
  void grow();

  std::vector<Bucket> buckets_;  // size is zero or a power of two
  std::size_t size_ = 0;
};

}  // namespace detail

/// Time-ordered set of pending events.
///
/// Order: ascending time, then ascending insertion sequence, so a run is reproducible
/// whatever the heap layout. Complexity (n = entries in the heap, live or cancelled):
///
/// | operation   | cost                                                         |
/// |-------------|--------------------------------------------------------------|
/// | push        | O(log n) amortised                                           |
/// | pop         | O(log n) plus the pops of cancelled entries that surface     |
/// | cancel      | O(1) expected; the heap entry stays as a tombstone           |
/// | next_time   | O(1)                                                         |
///
/// Cancelled events release their callback at once; their heap entries are skipped when
/// they reach the top, and the heap is compacted when tombstones outnumber live events, so
/// a model that keeps rescheduling a far-future event (a job whose finish time moves with
/// its clock) does not grow the heap without bound.
///
/// Invariant: the heap top is always a live event (or the heap is empty), which keeps
/// empty() and next_time() exact and const.
class EventQueue {
 public:
  /// Adds an event at time t (µs). Any t is accepted; ordering policy (no events in the
  /// past) belongs to the engine. Returns the id to cancel it with.
  EventId push(SimTime t, EventFn fn);

  /// Cancels a pending event. Returns true if it was pending; false if it already ran, was
  /// already cancelled or was never issued. A cancelled event never runs and is not
  /// counted by size().
  bool cancel(EventId id);

  /// True if no live event is pending.
  bool empty() const { return live_ == 0; }

  /// Number of live (not cancelled, not popped) events.
  std::size_t size() const { return live_; }

  /// Time (µs) of the earliest live event, or kNever if empty.
  SimTime next_time() const { return heap_.empty() ? kNever : heap_.front().time; }

  /// Removes and returns the earliest live event. Throws std::out_of_range if empty.
  Event pop();

  /// Reserves room for n simultaneously pending events, to avoid growth in a hot loop.
  void reserve(std::size_t n);

  /// Cancelled entries still held in the heap (diagnostic; bounded by max(64, size())).
  std::size_t tombstones() const { return dead_; }

 private:
  struct Entry {
    SimTime time;
    std::uint64_t seq;
    std::uint32_t slot;
  };
  struct Slot {
    EventFn fn;
    std::uint64_t seq;  // kNoEvent.seq when the slot is free
  };

  bool is_live(const Entry& e) const { return slots_[e.slot].seq == e.seq; }
  void release_slot(std::uint32_t slot);
  void drop_dead_top();
  void maybe_compact();

  std::vector<Entry> heap_;   // min-heap by (time, seq) through std::push_heap/pop_heap
  std::vector<Slot> slots_;   // callbacks, indexed by Entry::slot
  std::vector<std::uint32_t> free_slots_;
  detail::SeqSlotMap index_;  // live seq -> slot
  std::uint64_t next_seq_ = 0;
  std::size_t live_ = 0;
  std::size_t dead_ = 0;      // tombstones still in heap_
};

}  // namespace aifsim::des
