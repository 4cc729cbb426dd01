// SPDX-License-Identifier: Apache-2.0
// One chart as HTML: a <figure> with its title, note, legend and an inline SVG drawn from the
// chart model (axes with round ticks, the site's clock on time axes, lines split at gaps,
// event markers). Nothing external is referenced, so the page works offline.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/report/chart.h"

namespace aifsim::report {

/// The x range every time chart of a page shares, so that they line up.
struct XRange {
  double x0 = 0;
  double x1 = 1;
};

/// Round tick values covering [lo, hi] (about `target` of them, steps of 1, 2, 2.5 or 5 x
/// 10^k); the first is <= lo and the last >= hi.
std::vector<double> nice_ticks(double lo, double hi, int target);

/// Renders `chart`. `x_range` fixes the x axis (else it spans the points); `clock` labels a
/// time axis. The <svg> carries its scales as data- attributes and every line its label, which
/// the page's script reads to show values under the pointer.
std::string render_chart(const Chart& chart, const ChartSize& size, const Clock& clock,
                         const std::optional<XRange>& x_range);

}  // namespace aifsim::report
