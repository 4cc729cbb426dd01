// SPDX-License-Identifier: Apache-2.0
// The charts of a report as plain data: what is drawn, not how. The report builders fill
// them from a run or a sweep; svg_chart renders them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/report/downsample.h"

namespace aifsim::report {

enum class SeriesStyle {
  line,
  dashed,             ///< a baseline's or a limit's line
  markers,            ///< one dot per point
  lines_and_markers,  ///< dots joined in x order (a sweep's variants along an axis)
};

struct Series {
  std::string label;   ///< legend and hover text
  std::string colour;  ///< CSS colour, "#rrggbb"
  SeriesStyle style = SeriesStyle::line;
  std::vector<Point> points;             ///< x ascending for lines; y NaN breaks a line
  std::vector<std::string> point_titles;  ///< empty, or one hover text per point (dots, lanes)
};

/// A vertical line across the plot at x: an event, the peak.
struct Marker {
  double x = 0;
  std::string label;
  std::string colour;
};

enum class XAxis {
  time,      ///< x in s since the run's start, labelled with the site's clock
  number,    ///< a numeric sweep field
  category,  ///< x = index into x_categories
};

struct Chart {
  std::string id;     ///< unique in the page: letters, digits and '-'
  std::string title;
  std::string unit;   ///< of y ("MW", "C", "1"); empty for lane charts
  std::string note;   ///< one line under the title (how the values were made), may be empty
  XAxis x_axis = XAxis::time;
  std::string x_label;                    ///< number and category axes
  std::vector<std::string> x_categories;  ///< category axis
  std::vector<double> x_ticks;  ///< number axis: these ticks (a sweep's values) instead of round ones
  std::vector<std::string> lanes;  ///< non-empty: one row per lane, y = lane index (events)
  std::vector<Series> series;
  std::vector<Marker> markers;
  bool y_from_zero = false;  ///< keep 0 on the y axis (powers, counts)
};

/// Where time x values sit on the site's clock, for the time axis' labels.
struct Clock {
  bool known = false;  ///< false: labels in hours since the start
  std::int64_t start_unix_s = 0;
  int utc_offset_s = 0;
};

/// Size of a rendered chart, CSS pixels.
struct ChartSize {
  int width = 1040;
  int height = 240;
};

}  // namespace aifsim::report
