// SPDX-License-Identifier: Apache-2.0
// The numbers of a run report: the headline KPIs as cards, every summary key as a table
// (with the baseline, the delta and the relative delta when there is one), the checks and
// the scenario fields that differ from the baseline. Built on compare's comparison, so the
// report and `aifsim compare` agree to the digit.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "sim/compare/comparison.h"

namespace aifsim::report {

/// A headline KPI: the summary key, its label and unit as a reader sees them.
struct Headline {
  std::string_view key;
  std::string_view label;
  std::string_view unit;
  double scale = 1;  ///< shown = value x scale (e.g. tokens/s in millions)
};

/// The KPIs a planner reads first, in order.
std::span<const Headline> headline_kpis();

/// The numbers of `run`, compared with `comparison.runs[0]` when `comparison` holds two runs
/// (the baseline first, then `run`).
struct KpiInput {
  const compare::RunSummary& run;
  const compare::Comparison* comparison = nullptr;  ///< null: no baseline
};

/// Cards for the headline KPIs the run has (inference ones only with requests, training ones
/// only with jobs), each with the change against the baseline.
std::string render_kpi_cards(const KpiInput& in);

/// The checks table (run and baseline), or "" when neither has checks.
std::string render_checks(const KpiInput& in);

/// Every numeric summary key with its meaning, inside a <details> element.
std::string render_summary_table(const KpiInput& in);

/// The scenario fields that differ from the baseline, or "" without a baseline or differences.
std::string render_field_diffs(const KpiInput& in);

}  // namespace aifsim::report
