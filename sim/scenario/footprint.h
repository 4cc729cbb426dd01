// SPDX-License-Identifier: Apache-2.0
// What a run will cost before it starts: its memory from the fleet's size, so a scenario that
// cannot fit is refused with the estimate instead of thrashing or dying in std::bad_alloc.
#pragma once

#include <cstdint>

#include "sim/scenario/spec.h"

namespace aifsim::scenario {

struct Footprint {
  std::int64_t gpus = 0;
  std::int64_t racks = 0;
  double memory_bytes = 0;  ///< estimated peak resident memory of the run
};

/// Resident bytes per GPU, its share of the rack arrays and of the per-rack output included:
/// 508-527 B measured (max RSS of 10 min runs of the reference site at 960, 4,800 and 100,000
/// GB300 racks: 44 MB, 187 MB, 3.71 GB), rounded up for allocator slack.
inline constexpr double kMemoryBytesPerGpu = 560;
/// What a run holds whatever its size (the 96-rack reference: 13 MB).
inline constexpr double kMemoryBaseBytes = 32.0 * 1024 * 1024;

/// The fleet's size and memory. Rack groups whose type is unknown count no GPUs (validation
/// reports them).
Footprint estimate_footprint(const ScenarioSpec& spec);

/// Physical memory of this machine in bytes (0 when the OS does not say).
double physical_memory_bytes();

/// The memory a run may take: time.max_memory_gib when set, else this share of the machine.
inline constexpr double kDefaultMemoryShare = 0.9;
double memory_limit_bytes(const ScenarioSpec& spec);

}  // namespace aifsim::scenario
