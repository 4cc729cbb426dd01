// SPDX-License-Identifier: Apache-2.0
// What a capacity search found, as text (a terminal), Markdown (a CI job summary) and
// capacity.json (scripts), and the files of its directory: capacity.json, capacity.md and the
// runs as a sweep table (sweep.csv / sweep.json, which `aifsim report` also reads).
#pragma once

#include <filesystem>
#include <string>

#include "sim/capacity/capacity.h"

namespace aifsim::capacity {

/// "UPS rating: ups_peak_load_frac = 1.031 > 1 (equipment limit)".
std::string describe_limit(const LimitValue& l);

/// The answer, the binding constraint, the headroom of every limit at the answer, the
/// demand assumed, the runs and any warnings.
std::string format_text(const CapacityPlan& plan, const CapacityResult& result);
std::string format_markdown(const CapacityPlan& plan, const CapacityResult& result);
std::string format_json(const CapacityPlan& plan, const CapacityResult& result);

/// Writes capacity.json, capacity.md, sweep.csv and sweep.json into `dir`, each atomically
/// (a stopped search, or one without an answer, writes its table of runs but no capacity files). Throws std::runtime_error.
void write_capacity(const std::filesystem::path& dir, const CapacityPlan& plan, const CapacityResult& result);

}  // namespace aifsim::capacity
