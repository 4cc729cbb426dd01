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
  bool count = false;  ///< a whole number: summary.json writes it as a JSON integer
};

/// Every numeric key of summary.json, in the order written.
std::span<const SummaryKey> summary_metric_keys();

/// True when `key` is a numeric summary key.
bool is_summary_metric(std::string_view key);

/// True when `key` is a summary key that counts (GPUs, events, tokens, requests, jobs).
bool is_count_metric(std::string_view key);

}  // namespace aifsim::metrics
