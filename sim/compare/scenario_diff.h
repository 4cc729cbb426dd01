// SPDX-License-Identifier: Apache-2.0
// Leaf-by-leaf difference of resolved scenarios: which fields changed between runs.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "sim/scenario/doc.h"

namespace aifsim::compare {

/// One field whose value is not the same in every run.
struct FieldDiff {
  std::string path;  ///< as `--set` spells it: `control.power_cap.target_mw`, `faults[0].at`
  /// The field's YAML text in each run, in the order of the documents; nullopt where that
  /// run's scenario has no such field.
  std::vector<std::optional<std::string>> values;
};

/// The leaves of a document with their paths, in document order. A leaf is a scalar (its
/// text), a null ("null"), an empty map ("{}") or an empty list ("[]"); list items are
/// addressed by index, so a list that grows shows its new items as added fields.
std::vector<std::pair<std::string, std::string>> scenario_leaves(const scenario::DocNode& doc);

/// Every leaf path whose text differs between `docs` (or that some of them lack), in the
/// baseline's order with fields only later documents have placed after their predecessor
/// there. Empty when all documents are equal, or when there are fewer than two.
std::vector<FieldDiff> diff_scenarios(std::span<const scenario::DocNode* const> docs);

}  // namespace aifsim::compare
