// SPDX-License-Identifier: Apache-2.0
// The report of a sweep: its variants as a table, and every summary key that varies charted
// against every field the sweep varies (one small chart per key and field; the variants
// grouped by the other fields' values, replications as separate dots around their mean).
// Pure: the table is read before (sweep/table.h) and the page is written after.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "sim/sweep/table.h"

namespace aifsim::report {

struct SweepOutline {
  std::size_t charts = 0;
  std::size_t axes = 0;      ///< fields charted against
  std::size_t variants = 0;  ///< rows of the table
  std::size_t constant_keys = 0;
};

struct RenderedSweepReport {
  std::string html;
  SweepOutline outline;
};

/// The page of the sweep in `dir` (shown in its header) whose table is `table`.
RenderedSweepReport build_sweep_report(const std::filesystem::path& dir, const sweep::SweepTable& table);

}  // namespace aifsim::report
