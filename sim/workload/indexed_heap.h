// SPDX-License-Identifier: Apache-2.0
// An indexed 4-ary min-heap over a fixed set of items 0..n-1 whose keys change in place:
// the request engine keeps one for the next event of every replica and one for the routers'
// loads. Ties go to the lower item index, so the order is deterministic.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

namespace aifsim::workload {

template <class Key>
class IndexedMinHeap {
 public:
  IndexedMinHeap() = default;
  /// Items 0..keys.size()-1 with their initial keys.
  explicit IndexedMinHeap(std::vector<Key> keys) { assign(std::move(keys)); }

  void assign(std::vector<Key> keys) {
    keys_ = std::move(keys);
    rebuild();
  }

  /// Replaces every key at once (O(n), no allocation once sized).
  void reset_keys(const std::vector<Key>& keys) {
    keys_ = keys;
    rebuild();
  }

  std::size_t size() const { return heap_.size(); }
  bool empty() const { return heap_.empty(); }
  /// The item with the smallest (key, index).
  std::int32_t top() const { return heap_[0]; }
  const Key& top_key() const { return keys_[static_cast<std::size_t>(heap_[0])]; }
  const Key& key(std::int32_t item) const { return keys_[static_cast<std::size_t>(item)]; }

  /// Sets an item's key and restores the heap order.
  void update(std::int32_t item, Key key) {
    const auto i = static_cast<std::size_t>(item);
    const bool up = less(key, item, keys_[i], item);
    keys_[i] = key;
    if (up) {
      sift_up(static_cast<std::size_t>(pos_[i]));
    } else {
      sift_down(static_cast<std::size_t>(pos_[i]));
    }
  }

 private:
  static constexpr std::size_t kArity = 4;

  void rebuild() {
    heap_.resize(keys_.size());
    pos_.resize(keys_.size());
    for (std::size_t i = 0; i < keys_.size(); ++i) {
      heap_[i] = static_cast<std::int32_t>(i);
      pos_[i] = static_cast<std::int32_t>(i);
    }
    for (std::size_t i = heap_.size(); i-- > 0;) sift_down(i);
  }

  bool less(const Key& ka, std::int32_t a, const Key& kb, std::int32_t b) const {
    return ka < kb || (!(kb < ka) && a < b);
  }
  bool less_at(std::size_t i, std::size_t j) const {
    const std::int32_t a = heap_[i], b = heap_[j];
    return less(keys_[static_cast<std::size_t>(a)], a, keys_[static_cast<std::size_t>(b)], b);
  }
  void swap_at(std::size_t i, std::size_t j) {
    std::swap(heap_[i], heap_[j]);
    pos_[static_cast<std::size_t>(heap_[i])] = static_cast<std::int32_t>(i);
    pos_[static_cast<std::size_t>(heap_[j])] = static_cast<std::int32_t>(j);
  }
  void sift_up(std::size_t i) {
    while (i > 0) {
      const std::size_t parent = (i - 1) / kArity;
      if (!less_at(i, parent)) break;
      swap_at(i, parent);
      i = parent;
    }
  }
  void sift_down(std::size_t i) {
    const std::size_t n = heap_.size();
    for (;;) {
      const std::size_t first = i * kArity + 1;
      if (first >= n) break;
      std::size_t best = first;
      const std::size_t last = first + kArity < n ? first + kArity : n;
      for (std::size_t c = first + 1; c < last; ++c)
        if (less_at(c, best)) best = c;
      if (!less_at(best, i)) break;
      swap_at(i, best);
      i = best;
    }
  }

  std::vector<Key> keys_;
  std::vector<std::int32_t> heap_;  // heap position -> item
  std::vector<std::int32_t> pos_;   // item -> heap position
};

}  // namespace aifsim::workload
