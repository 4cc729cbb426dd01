// SPDX-License-Identifier: Apache-2.0
// Min/max bucketing of a series (see downsample.h).
#include "sim/report/downsample.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace aifsim::report {
namespace {

// Appends p, keeping gaps single and never first.
void push(std::vector<Point>& out, Point p) {
  if (std::isnan(p.y) && (out.empty() || std::isnan(out.back().y))) return;
  out.push_back(p);
}

}  // namespace

std::vector<Point> downsample_min_max(std::span<const double> x, std::span<const double> y, std::size_t buckets) {
  if (x.size() != y.size()) throw std::invalid_argument("downsample_min_max: x and y differ in length");
  if (buckets == 0) throw std::invalid_argument("downsample_min_max: no buckets");
  const std::size_t n = y.size();
  std::vector<Point> out;
  if (n <= 2 * buckets) {
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) push(out, {x[i], y[i]});
  } else {
    out.reserve(2 * buckets);
    for (std::size_t b = 0; b < buckets; ++b) {
      // Rows [first, last) of bucket b: the split is by row, which for a timeseries with a
      // fixed interval is also a split by time.
      const std::size_t first = b * n / buckets, last = (b + 1) * n / buckets;
      std::size_t lo = last, hi = last;
      for (std::size_t i = first; i < last; ++i) {
        if (std::isnan(y[i])) continue;
        if (lo == last || y[i] < y[lo]) lo = i;
        if (hi == last || y[i] > y[hi]) hi = i;
      }
      if (lo == last) {
        push(out, {x[first], y[first]});
        continue;
      }
      const std::size_t a = std::min(lo, hi), c = std::max(lo, hi);
      push(out, {x[a], y[a]});
      if (c != a) push(out, {x[c], y[c]});
    }
  }
  if (!out.empty() && std::isnan(out.back().y)) out.pop_back();
  return out;
}

}  // namespace aifsim::report
