// SPDX-License-Identifier: Apache-2.0
// Simulation time: integer microseconds, so event order and tick arithmetic are exact and
// reproducible on every machine. Convert to seconds only at the edges (I/O, physics inputs).
#pragma once

#include <cmath>
#include <cstdint>

namespace aifsim {

/// Simulated time in microseconds since the start of the run.
using SimTime = std::int64_t;

inline constexpr SimTime kTicksPerSecond = 1'000'000;

constexpr SimTime from_seconds_exact(std::int64_t s) { return s * kTicksPerSecond; }

/// Seconds (possibly fractional) to SimTime, rounded to the nearest microsecond.
inline SimTime from_seconds(double s) { return static_cast<SimTime>(std::llround(s * 1.0e6)); }

constexpr double to_seconds(SimTime t) { return static_cast<double>(t) / 1.0e6; }

}  // namespace aifsim
