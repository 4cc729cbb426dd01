// SPDX-License-Identifier: Apache-2.0
// Helpers shared by the files that implement TrainingCluster (training_*.cpp); not part of
// its interface, so only those files include it.
#pragma once

#include <cmath>
#include <cstdio>
#include <limits>
#include <stdexcept>
#include <string>

namespace aifsim::workload::training_detail {

inline constexpr double kInf = std::numeric_limits<double>::infinity();

/// Events closer than this to a time are taken as simultaneous with it, s: absorbs the
/// rounding of times computed along different paths (t + remaining / rate, sums of intervals).
inline double eps_at(double t) { return 1e-9 + 1e-12 * std::abs(t); }

inline std::string num(double v) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%.17g", v);
  return buf;
}

[[noreturn]] inline void bad(const std::string& what) {
  throw std::invalid_argument("TrainingCluster: " + what);
}

/// Speed of one GPU as a progress rate: negative, NaN and infinite count as 0 (stalled).
inline double clean_speed(float s) {
  const double v = static_cast<double>(s);
  return (std::isfinite(v) && v > 0.0) ? v : 0.0;
}

}  // namespace aifsim::workload::training_detail
