// SPDX-License-Identifier: Apache-2.0
// Binary-heap event queue with lazy (tombstone) cancellation; see event_queue.h.
#include "sim/des/event_queue.h"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "kernels/counter_rng.h"

namespace aifsim::des {

namespace {

// std::push_heap builds a max-heap, so "greater" puts the earliest (time, seq) on top.
struct Later {
  template <class E>
  bool operator()(const E& a, const E& b) const {
    return a.time != b.time ? a.time > b.time : a.seq > b.seq;
  }
};

// Compact only past this many tombstones, so small queues never pay for a rebuild.
constexpr std::size_t kMinDeadToCompact = 64;

}  // namespace

// ---- detail::SeqSlotMap ------------------------------------------------------------------

namespace detail {

std::size_t SeqSlotMap::home(std::uint64_t seq) const {
  // Sequence numbers are consecutive; mixing spreads them over the table.
  return static_cast<std::size_t>(kernels::mix64(seq)) & (buckets_.size() - 1);
}

void SeqSlotMap::grow() {
  std::vector<Bucket> old = std::move(buckets_);
  buckets_.assign(old.empty() ? 64 : old.size() * 2, Bucket{});
  size_ = 0;
  for (const Bucket& b : old) {
    if (b.seq != kEmpty) insert(b.seq, b.slot);
  }
}

void SeqSlotMap::insert(std::uint64_t seq, std::uint32_t slot) {
  // Load factor <= 1/2 keeps linear-probe chains short.
  if ((size_ + 1) * 2 > buckets_.size()) grow();
  const std::size_t mask = buckets_.size() - 1;
  std::size_t i = home(seq);
  while (buckets_[i].seq != kEmpty) i = (i + 1) & mask;
  buckets_[i] = Bucket{seq, slot};
  ++size_;
}

std::uint32_t SeqSlotMap::find(std::uint64_t seq) const {
  if (buckets_.empty() || seq == kEmpty) return kNoSlot;
  const std::size_t mask = buckets_.size() - 1;
  for (std::size_t i = home(seq);; i = (i + 1) & mask) {
    if (buckets_[i].seq == seq) return buckets_[i].slot;
    if (buckets_[i].seq == kEmpty) return kNoSlot;
  }
}

bool SeqSlotMap::erase(std::uint64_t seq) {
  if (buckets_.empty() || seq == kEmpty) return false;
  const std::size_t mask = buckets_.size() - 1;
  std::size_t i = home(seq);
  while (buckets_[i].seq != seq) {
    if (buckets_[i].seq == kEmpty) return false;
    i = (i + 1) & mask;
  }
  // Backward-shift deletion: pull later members of the probe chain into the hole so that
  // find() can keep stopping at the first empty bucket (no tombstones in the table).
  std::size_t hole = i;
  for (std::size_t j = (i + 1) & mask; buckets_[j].seq != kEmpty; j = (j + 1) & mask) {
    const std::size_t h = home(buckets_[j].seq);
    // Move j into the hole unless its home lies cyclically in (hole, j].
    const bool home_after_hole = hole <= j ? (hole < h && h <= j) : (hole < h || h <= j);
    if (!home_after_hole) {
      buckets_[hole] = buckets_[j];
      hole = j;
    }
  }
  buckets_[hole] = Bucket{};
  --size_;
  return true;
}

}  // namespace detail

// ---- EventQueue --------------------------------------------------------------------------

EventId EventQueue::push(SimTime t, EventFn fn) {
  const std::uint64_t seq = next_seq_++;
  std::uint32_t slot;
  if (!free_slots_.empty()) {
    slot = free_slots_.back();
    free_slots_.pop_back();
    slots_[slot] = Slot{std::move(fn), seq};
  } else {
    if (slots_.size() >= detail::SeqSlotMap::kNoSlot) {
      throw std::length_error("EventQueue: too many pending events");
    }
    slot = static_cast<std::uint32_t>(slots_.size());
    slots_.push_back(Slot{std::move(fn), seq});
  }
  index_.insert(seq, slot);
  heap_.push_back(Entry{t, seq, slot});
  std::push_heap(heap_.begin(), heap_.end(), Later{});
  ++live_;
  return EventId{seq};
}

bool EventQueue::cancel(EventId id) {
  const std::uint32_t slot = index_.find(id.seq);
  if (slot == detail::SeqSlotMap::kNoSlot) return false;
  index_.erase(id.seq);
  // Free the callback now: its captures may own resources the model wants back.
  release_slot(slot);
  --live_;
  ++dead_;
  drop_dead_top();
  maybe_compact();
  return true;
}

Event EventQueue::pop() {
  if (heap_.empty()) throw std::out_of_range("EventQueue::pop on an empty queue");
  std::pop_heap(heap_.begin(), heap_.end(), Later{});
  const Entry top = heap_.back();
  heap_.pop_back();
  // The top is live by invariant (drop_dead_top runs after every removal).
  Event ev{top.time, EventId{top.seq}, std::move(slots_[top.slot].fn)};
  index_.erase(top.seq);
  release_slot(top.slot);
  --live_;
  drop_dead_top();
  maybe_compact();  // pops shrink live_, which can leave tombstones in the majority
  return ev;
}

void EventQueue::reserve(std::size_t n) {
  heap_.reserve(n);
  slots_.reserve(n);
  free_slots_.reserve(n);
}

void EventQueue::release_slot(std::uint32_t slot) {
  slots_[slot].fn = nullptr;
  slots_[slot].seq = kNoEvent.seq;
  free_slots_.push_back(slot);
}

void EventQueue::drop_dead_top() {
  while (!heap_.empty() && !is_live(heap_.front())) {
    std::pop_heap(heap_.begin(), heap_.end(), Later{});
    heap_.pop_back();
    --dead_;
  }
}

void EventQueue::maybe_compact() {
  if (dead_ < kMinDeadToCompact || dead_ <= live_) return;
  // A rebuilt heap pops in the same order: keys (time, seq) are unique, so the order does
  // not depend on the heap's layout.
  std::erase_if(heap_, [this](const Entry& e) { return !is_live(e); });
  std::make_heap(heap_.begin(), heap_.end(), Later{});
  dead_ = 0;
}

}  // namespace aifsim::des
