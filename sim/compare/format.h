// SPDX-License-Identifier: Apache-2.0
// A comparison of runs as text (a terminal), GitHub-flavoured Markdown (a CI job summary,
// $GITHUB_STEP_SUMMARY) or JSON (scripts). Pure functions: no printing, no files.
#pragma once

#include <optional>
#include <string>

#include "sim/compare/comparison.h"

namespace aifsim::compare {

/// "%.6g"; "-" for a missing value.
std::string format_value(std::optional<double> value);
/// A delta with its sign ("+0.5", "-1.2e+06"); "0" when there is no change, "-" when missing.
std::string format_delta(std::optional<double> delta);
/// A relative delta in percent with its sign: "+12.3 %", "-0.042 %" (two significant digits
/// below 0.1 %, so a small change does not read as none), "0.0 %"; "-" when missing.
std::string format_relative_pct(std::optional<double> pct);

/// Aligned plain-text columns: the runs, every summary key with each run's value and delta
/// against the baseline, the changed scenario fields as `field.path: A -> B`, the checks.
std::string format_text(const Comparison& comparison);

/// The same content as Markdown tables (numbers right-aligned, field paths and directories in
/// code spans, `|` in values escaped).
std::string format_markdown(const Comparison& comparison);

/// One JSON object: {"baseline", "runs", "metrics": {key: {values, delta, relative_delta_pct}},
/// "scenario_fields": [{path, values}], "checks": [{name, passed}], "notes"}. Arrays are per
/// run; null where a value is missing or, for deltas, for the baseline. Ends with a newline.
std::string format_json(const Comparison& comparison);

}  // namespace aifsim::compare
