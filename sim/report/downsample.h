// SPDX-License-Identifier: Apache-2.0
// Fewer points for a long timeseries without losing its extremes: a chart a thousand pixels
// wide cannot show 86,400 rows, but a planner must still see the one-minute peak above the
// cap, so each bucket of rows keeps its lowest and highest value.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace aifsim::report {

/// A point of a chart in data units; y NaN marks a gap (the line breaks there).
struct Point {
  double x = 0;
  double y = 0;
};

/// The points of (x[i], y[i]) for a chart `buckets` wide. With at most 2 x buckets rows, every
/// row. Otherwise the rows are split into `buckets` runs of consecutive rows and each run gives
/// its lowest and its highest y at their own x, in x order (one point when they are the same
/// row), so every local extreme that stands out at the chart's resolution survives and the
/// global minimum and maximum always do. A NaN y (an empty cell) is a gap: a run of only NaNs
/// gives one {x, NaN} point; gaps never lead, trail or repeat. x must be ascending and as
/// long as y; buckets >= 1.
std::vector<Point> downsample_min_max(std::span<const double> x, std::span<const double> y, std::size_t buckets);

}  // namespace aifsim::report
