// SPDX-License-Identifier: Apache-2.0
// The first workload: a rack group's GPU activity as a function of time (constant, diurnal
// or a piecewise-constant schedule). Later workload models replace it per group.
#pragma once

#include <cmath>
#include <vector>

#include "sim/scenario/spec.h"

namespace aifsim::workload {

/// A daily cosine: `hi` at local hour `peak_hour`, `lo` 12 hours away.
double diurnal_value(double lo, double hi, double peak_hour, double local_hour);

/// The value of a piecewise-constant schedule repeating every period_s: the last point at or
/// before the offset holds (before the first point, the previous period's last one).
template <class Point>
double schedule_value(const std::vector<Point>& points, double Point::*value, double period_s, double elapsed_s) {
  if (points.empty()) return 0.0;
  const double t = std::fmod(elapsed_s, period_s);
  double v = points.back().*value;
  for (const auto& p : points) {
    if (p.at.s > t) break;
    v = p.*value;
  }
  return v;
}

/// Activity in [0, 1] of a group with profile `load`, `elapsed_s` after the run start, when
/// the local clock reads `local_hour` (hours since local midnight, [0, 24)).
double utilization_at(const scenario::LoadSpec& load, double elapsed_s, double local_hour);

}  // namespace aifsim::workload
