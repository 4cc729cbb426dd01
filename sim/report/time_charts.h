// SPDX-License-Identifier: Apache-2.0
// The charts over time of a run report, built from timeseries.csv (and racks.csv for the
// hottest rack loop): each line downsampled to keep its peaks, the baseline's as a dashed
// line of a lighter shade, the cap and the envelope as limits, rare events and the peak as
// markers. A chart with no data in the run (tokens of a training-only site) is left out.
#pragma once

#include <string>
#include <vector>

#include "sim/report/chart.h"
#include "sim/report/run_data.h"
#include "sim/report/svg_chart.h"

namespace aifsim::report {

struct TimeCharts {
  std::vector<Chart> charts;
  std::vector<std::string> skipped;  ///< titles of charts without data
};

/// Every chart over time, in reading order. `markers` go on every chart.
TimeCharts build_time_charts(const RunData& run, const RunData* baseline, const std::vector<Marker>& markers);

/// The envelope: the `max` of a check on peak_facility_power_mw (the site's published
/// limit, e.g. 16 MW for the reference facility); NaN when the run has none.
double facility_envelope_mw(const compare::RunSummary& run);

/// The x range of the page's time charts: from the start to the end of the longer run.
XRange time_range(const RunData& run, const RunData* baseline);

/// The site's clock of the run, for time labels.
Clock run_clock(const RunData& run);

}  // namespace aifsim::report
