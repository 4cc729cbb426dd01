// SPDX-License-Identifier: Apache-2.0
// The field a capacity search grows: a path through the scenario schema to an integer field
// (racks.NAME.count, workloads.inference.NAME.replicas, ...), checked before anything runs,
// with its value in the scenario as resolved.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "sim/scenario/load.h"

namespace aifsim::capacity {

struct GrowField {
  std::string path;
  std::optional<std::int64_t> value;  ///< in the resolved scenario (none: not set there)
};

/// Checks that `path` names an integer field of `scenario` and reads its value. Throws
/// InputError "--grow 'PATH': ...": an unknown field or map entry (with a did-you-mean), a
/// field that is not an integer ("time.dt_s is a number; --grow takes an integer field").
GrowField resolve_grow_field(const scenario::LoadedScenario& scenario, std::string_view path);

}  // namespace aifsim::capacity
