// SPDX-License-Identifier: Apache-2.0
// Checks that span several fields (references between catalogs, ranges that depend on a
// type, curve ordering, output intervals vs the tick), reported at the offending line.
#pragma once

#include <cstdint>
#include <optional>

#include "sim/scenario/schema.h"
#include "sim/scenario/spec.h"

namespace aifsim::scenario {

struct ResolvedStart {
  std::int64_t unix_s = 0;
  int utc_offset_s = 0;
};

/// Reports every cross-field problem to `diag`; returns the resolved start time when
/// `time.start` is valid.
std::optional<ResolvedStart> validate_scenario(const ScenarioSpec& spec, const MarkTable& marks,
                                               Diagnostics& diag);

}  // namespace aifsim::scenario
