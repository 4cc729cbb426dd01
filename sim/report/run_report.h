// SPDX-License-Identifier: Apache-2.0
// The report of one run, optionally against a baseline run: KPIs, checks and changed fields,
// the charts over time (facility power against the cap and the envelope, IT and cooling,
// PUE, temperatures, tokens/s, TTFT, TPOT, cost rate, GPU activity, events), the rack floor
// map at the peak and the events, as one HTML page. Pure: the run directories are read
// before (run_data.h) and the page is written after.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "sim/report/run_data.h"

namespace aifsim::report {

/// What the page holds, for the line the CLI prints.
struct ReportOutline {
  std::size_t charts = 0;             ///< charts drawn (floor maps not counted)
  std::size_t racks = 0;              ///< racks on the floor map; 0: no floor map
  std::string peak_local;             ///< the floor map's moment (site time)
  std::vector<std::string> skipped;   ///< titles of charts left out for want of data
  bool baseline = false;
};

struct RenderedReport {
  std::string html;
  ReportOutline outline;
};

/// Points per line at most: two per bucket of a chart's ~900-pixel plot.
inline constexpr std::size_t kChartBuckets = 900;

/// The page for `run`, with `baseline` overlaid when not null. Throws InputError when the
/// baseline's timeseries.csv has other columns than the run's ("BASE/timeseries.csv: other
/// columns than RUN/timeseries.csv (no 'x')"): runs of different aifsim versions.
RenderedReport build_run_report(const RunData& run, const RunData* baseline);

}  // namespace aifsim::report
