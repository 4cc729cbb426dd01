// SPDX-License-Identifier: Apache-2.0
// The memory estimate of a scenario and the limit it is held to.
#include "sim/scenario/footprint.h"

#include <unistd.h>

namespace aifsim::scenario {

Footprint estimate_footprint(const ScenarioSpec& spec) {
  Footprint f;
  for (const auto& [name, group] : spec.racks) {
    f.racks += group.count;
    if (const RackTypeSpec* type = spec.rack_types.find(group.type))
      f.gpus += static_cast<std::int64_t>(type->gpus) * group.count;
  }
  f.memory_bytes = kMemoryBaseBytes + kMemoryBytesPerGpu * static_cast<double>(f.gpus);
  return f;
}

double physical_memory_bytes() {
  const long pages = ::sysconf(_SC_PHYS_PAGES);
  const long page_size = ::sysconf(_SC_PAGESIZE);
  if (pages <= 0 || page_size <= 0) return 0;
  return static_cast<double>(pages) * static_cast<double>(page_size);
}

double memory_limit_bytes(const ScenarioSpec& spec) {
  constexpr double kGib = 1024.0 * 1024 * 1024;
  if (spec.time.max_memory_gib > 0) return spec.time.max_memory_gib * kGib;
  return kDefaultMemoryShare * physical_memory_bytes();
}

}  // namespace aifsim::scenario
