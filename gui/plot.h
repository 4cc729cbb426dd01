// SPDX-License-Identifier: Apache-2.0
// A small time-series plot drawn with ImGui's draw lists (ImPlot is not packaged on Debian):
// a frame, y ticks with values and unit, an x axis in hours, several series, and a hover
// read-out of every series at the cursor's time.
#pragma once

#include <string>
#include <vector>

namespace aifsim::gui {

struct PlotSeries {
  std::string label;
  const std::vector<float>* values = nullptr;  ///< same length as the time axis
  unsigned int color = 0xffffffff;             ///< ImGui packed ABGR
};

/// Round tick step (1, 2 or 5 x 10^k) giving about `target` ticks over span.
double nice_step(double span, int target);

/// Draws the plot in a child region of the given height; t_s is the time axis (s).
void plot_time_series(const char* id, const std::vector<float>& t_s, const std::vector<PlotSeries>& series,
                      const char* unit, float height);

}  // namespace aifsim::gui
