// SPDX-License-Identifier: Apache-2.0
// A run's KPIs and checks as Markdown, for a CI job summary ($GITHUB_STEP_SUMMARY, GitLab's
// report artifacts): what `aifsim run --summary-md FILE` writes.
#pragma once

#include <string>

#include "sim/run/result.h"

namespace aifsim::run {

/// "### <scenario>: passed|N of M checks FAILED|stopped early", a checks table (when the
/// scenario has checks) and a table of every summary key with its meaning. Cells are escaped
/// ('|' and newlines), NaN values are "-", so any scenario name renders as one table row.
std::string summary_markdown(const std::string& scenario_name, const RunResult& result);

}  // namespace aifsim::run
