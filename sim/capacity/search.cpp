// SPDX-License-Identifier: Apache-2.0
// Bracketing and k-section over grid indices k (value = min + k x step). Every proposal is a
// function of the results so far, so a resumed search proposes what the first one did.
#include "sim/capacity/search.h"

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>

namespace aifsim::capacity {

CapacitySearch::CapacitySearch(SearchGrid grid, int parallel) : grid_(grid), parallel_(std::max(parallel, 1)) {
  if (grid_.step < 1) throw std::invalid_argument("capacity search: step must be >= 1");
  if (grid_.max && *grid_.max < grid_.min) throw std::invalid_argument("capacity search: max is below min");
  const double k = std::round(static_cast<double>(grid_.start - grid_.min) / static_cast<double>(grid_.step));
  start_k_ = std::max<std::int64_t>(0, static_cast<std::int64_t>(k));
  if (const auto m = max_k()) start_k_ = std::min(start_k_, *m);
}

std::optional<std::int64_t> CapacitySearch::max_k() const {
  if (!grid_.max) return std::nullopt;
  return (*grid_.max - grid_.min) / grid_.step;
}

std::optional<std::int64_t> CapacitySearch::fail_k() const {
  for (const auto& [k, passed] : results_)
    if (!passed) return k;
  return std::nullopt;
}

std::optional<std::int64_t> CapacitySearch::pass_k() const {
  const auto f = fail_k();
  std::optional<std::int64_t> best;
  for (const auto& [k, passed] : results_)
    if (passed && (!f || k < *f)) best = k;
  return best;
}

std::vector<std::int64_t> CapacitySearch::next_values() const {
  const auto f = fail_k();
  const auto p = pass_k();
  const auto m = max_k();
  std::set<std::int64_t> ks;
  const auto interior = [&](std::int64_t lo, std::int64_t hi, int count) {
    // `count` points spread evenly strictly between lo and hi.
    for (int j = 1; j <= count; ++j) {
      const auto k = lo + static_cast<std::int64_t>(std::llround(static_cast<double>(hi - lo) * j / (count + 1)));
      if (k > lo && k < hi) ks.insert(k);
    }
  };
  if (results_.empty()) {
    // The start, and with more runs at once the first steps of the bracket above it.
    ks.insert(start_k_);
    for (int i = 0; i + 1 < parallel_; ++i) {
      auto k = start_k_ + (std::int64_t{1} << i);
      if (m) k = std::min(k, *m);
      ks.insert(k);
    }
  } else if (!p) {
    // Nothing passes: try the lowest value first (a search that fails there has no answer).
    if (results_.count(0)) return {};
    ks.insert(0);
    interior(0, *f, parallel_ - 1);
  } else if (!f) {
    // Everything passed so far: double the distance from the start until a value fails.
    if (m && *p >= *m) return {};
    std::int64_t offset = std::max<std::int64_t>(*p - start_k_, 0);
    for (int i = 0; i < parallel_; ++i) {
      offset = offset == 0 ? 1 : 2 * offset;
      auto k = start_k_ + offset;
      if (m) k = std::min(k, *m);
      if (k > *p) ks.insert(k);
    }
  } else {
    if (*f - *p <= 1) return {};
    interior(*p, *f, parallel_);
  }
  std::vector<std::int64_t> out;
  for (auto k : ks)
    if (!results_.count(k)) out.push_back(value_of(k));
  return out;
}

void CapacitySearch::record(std::int64_t value, bool passed) {
  const auto d = value - grid_.min;
  if (d < 0 || d % grid_.step != 0) throw std::invalid_argument("capacity search: value off the grid");
  results_[d / grid_.step] = passed;
}

std::optional<std::int64_t> CapacitySearch::largest_passing() const {
  const auto p = pass_k();
  if (!p) return std::nullopt;
  return value_of(*p);
}

std::optional<std::int64_t> CapacitySearch::smallest_failing() const {
  const auto f = fail_k();
  if (!f) return std::nullopt;
  return value_of(*f);
}

bool CapacitySearch::lowest_fails() const {
  const auto it = results_.find(0);
  return it != results_.end() && !it->second;
}

bool CapacitySearch::hit_max() const {
  const auto m = max_k();
  const auto p = pass_k();
  return m && p && *p == *m;
}

std::vector<std::int64_t> CapacitySearch::passes_above_failure() const {
  std::vector<std::int64_t> out;
  const auto f = fail_k();
  if (!f) return out;
  for (const auto& [k, passed] : results_)
    if (passed && k > *f) out.push_back(value_of(k));
  return out;
}

std::map<std::int64_t, bool> CapacitySearch::results() const {
  std::map<std::int64_t, bool> out;
  for (const auto& [k, passed] : results_) out[value_of(k)] = passed;
  return out;
}

}  // namespace aifsim::capacity
