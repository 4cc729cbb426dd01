// SPDX-License-Identifier: Apache-2.0
// The numeric keys of summary.json, each with its meaning: the names `checks:` may limit and
// the contract of the run directory. Keys are added, never renamed silently.
#pragma once

#include <span>
#include <string_view>

namespace aifsim::metrics {

struct SummaryKey {
  std::string_view key;
  std::string_view meaning;
};

/// Every numeric key of summary.json, in the order written.
std::span<const SummaryKey> summary_metric_keys();

/// True when `key` is a numeric summary key.
bool is_summary_metric(std::string_view key);

}  // namespace aifsim::metrics
