// SPDX-License-Identifier: Apache-2.0
// The search itself, as a pure state machine over a grid of values (min, min + step, ...):
// it proposes the values to run next, is told which passed, and ends when the largest
// passing value sits one step below the smallest failing one (or at the top of the grid).
// From the start value it brackets by doubling steps, then narrows the bracket by k-section
// (bisection with one probe per round, k probes per round when k runs go at once).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

namespace aifsim::capacity {

struct SearchGrid {
  std::int64_t min = 1;                ///< lowest value tried
  std::optional<std::int64_t> max;     ///< highest value tried (none: unbounded)
  std::int64_t step = 1;               ///< values are min + k x step
  std::int64_t start = 1;              ///< first value (snapped onto the grid within [min, max])
  bool operator==(const SearchGrid&) const = default;
};

class CapacitySearch {
 public:
  /// `parallel`: how many values each round may propose (>= 1). Throws std::invalid_argument
  /// for step < 1 or max < min.
  CapacitySearch(SearchGrid grid, int parallel);

  /// The values to run next, in increasing order; empty when the search is over.
  std::vector<std::int64_t> next_values() const;
  /// What a run of `value` (a value next_values() proposed) found.
  void record(std::int64_t value, bool passed);

  bool done() const { return next_values().empty(); }
  /// The largest value that passed below the smallest failing one (none: nothing passed).
  std::optional<std::int64_t> largest_passing() const;
  /// The smallest value that failed (none: none failed).
  std::optional<std::int64_t> smallest_failing() const;
  /// True when the lowest value of the grid was run and failed.
  bool lowest_fails() const;
  /// True when the largest passing value is the top of the grid (no limit was found in range).
  bool hit_max() const;
  /// Values that passed above one that failed: the limits are not monotone in the value.
  std::vector<std::int64_t> passes_above_failure() const;

  std::int64_t value_of(std::int64_t k) const { return grid_.min + k * grid_.step; }
  /// Every value run so far with whether it passed, by value.
  std::map<std::int64_t, bool> results() const;

 private:
  std::optional<std::int64_t> pass_k() const;  // largest passing index below fail_k()
  std::optional<std::int64_t> fail_k() const;  // smallest failing index
  std::optional<std::int64_t> max_k() const;

  SearchGrid grid_;
  int parallel_;
  std::int64_t start_k_ = 0;
  std::map<std::int64_t, bool> results_;  // by grid index
};

}  // namespace aifsim::capacity
