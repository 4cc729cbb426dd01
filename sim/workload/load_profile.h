// SPDX-License-Identifier: Apache-2.0
// The first workload: a rack group's GPU activity as a function of time (constant, diurnal
// or a piecewise-constant schedule). Later workload models replace it per group.
#pragma once

#include "sim/scenario/spec.h"

namespace aifsim::workload {

/// Activity in [0, 1] of a group with profile `load`, `elapsed_s` after the run start, when
/// the local clock reads `local_hour` (hours since local midnight, [0, 24)).
double utilization_at(const scenario::LoadSpec& load, double elapsed_s, double local_hour);

}  // namespace aifsim::workload
