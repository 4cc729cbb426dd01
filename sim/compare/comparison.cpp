// SPDX-License-Identifier: Apache-2.0
// Lines up the runs' summary keys, deltas against the baseline, scenario fields and checks.
#include "sim/compare/comparison.h"

#include <cmath>
#include <stdexcept>
#include <unordered_map>

#include "sim/metrics/summary_keys.h"

namespace aifsim::compare {
namespace {

std::string run_label(std::size_t index) {
  // A..Z, then A27, A28, ...: nobody compares 27 runs side by side, but it must not break.
  if (index < 26) return std::string(1, static_cast<char>('A' + index));
  std::string label = "A";
  label += std::to_string(index + 1);
  return label;
}

std::vector<MetricRow> metric_rows(std::span<const RunSummary> runs) {
  const std::size_t n = runs.size();
  // key -> value per run
  std::unordered_map<std::string, std::vector<std::optional<double>>> values;
  std::vector<std::string> first_seen;
  for (std::size_t r = 0; r < n; ++r)
    for (const auto& [key, value] : runs[r].metrics) {
      auto [it, added] = values.try_emplace(key, n);
      if (added) first_seen.push_back(key);
      it->second[r] = value;
    }

  std::vector<std::string> order;
  for (const auto& k : metrics::summary_metric_keys())
    if (values.contains(std::string(k.key))) order.emplace_back(k.key);
  for (const auto& key : first_seen)
    if (!metrics::is_summary_metric(key)) order.push_back(key);

  std::vector<MetricRow> rows;
  rows.reserve(order.size());
  for (const auto& key : order) {
    MetricRow row{key, values[key], std::vector<std::optional<double>>(n), std::vector<std::optional<double>>(n)};
    const std::optional<double> base = row.values[0];
    for (std::size_t r = 1; r < n; ++r) {
      if (!base || !row.values[r]) continue;
      const double d = *row.values[r] - *base;
      row.delta[r] = d;
      if (*base != 0.0) row.relative_delta_pct[r] = d / std::fabs(*base) * 100.0;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<CheckRow> check_rows(std::span<const RunSummary> runs) {
  std::vector<CheckRow> rows;
  std::unordered_map<std::string, std::size_t> row_of;
  for (std::size_t r = 0; r < runs.size(); ++r)
    for (const auto& c : runs[r].checks) {
      auto [it, added] = row_of.try_emplace(c.name, rows.size());
      if (added) rows.push_back({c.name, std::vector<std::optional<bool>>(runs.size())});
      rows[it->second].passed[r] = c.passed;
    }
  return rows;
}

}  // namespace

Comparison compare_runs(std::span<const RunSummary> runs) {
  if (runs.size() < 2) throw std::invalid_argument("compare_runs: needs at least two runs");
  Comparison c;
  for (std::size_t r = 0; r < runs.size(); ++r) {
    c.runs.push_back({run_label(r), runs[r].dir.string(), runs[r].scenario, runs[r].completed});
    if (!runs[r].completed) {
      std::string note = c.runs.back().label;
      note += " stopped before the end of its scenario (completed: false); its totals cover less time";
      c.notes.push_back(std::move(note));
    }
  }
  c.metrics = metric_rows(runs);
  c.checks = check_rows(runs);

  std::vector<const scenario::DocNode*> docs;
  for (std::size_t r = 0; r < runs.size(); ++r) {
    if (runs[r].resolved) {
      docs.push_back(&*runs[r].resolved);
      continue;
    }
    std::string note = c.runs[r].label;
    note += " has no scenario.resolved.yaml: scenario fields not compared";
    c.notes.push_back(std::move(note));
  }
  // Without every run's scenario a field's absence would be indistinguishable from a change.
  if (docs.size() == runs.size()) c.fields = diff_scenarios(docs);
  return c;
}

}  // namespace aifsim::compare
