// SPDX-License-Identifier: Apache-2.0
// The run report's charts over time (see time_charts.h).
#include "sim/report/time_charts.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string_view>

#include "sim/report/html_text.h"
#include "sim/report/run_report.h"

namespace aifsim::report {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// One line of a chart: a timeseries column, scaled into the chart's unit. An empty
// baseline colour: the baseline's line is not drawn (it would only crowd the chart).
struct LineSpec {
  std::string_view column;
  std::string_view label;
  std::string_view colour;
  std::string_view baseline_colour = {};
  double scale = 1;
  bool zero_is_gap = false;  ///< cap_mw: 0 means "no cap", not a cap of 0
};

struct ChartSpec {
  std::string_view id, title, unit, note;
  bool y_from_zero;
  std::vector<LineSpec> lines;
};

std::vector<Point> column_points(const std::vector<double>& time_s, const std::vector<double>& column,
                                 const LineSpec& line) {
  std::vector<double> y(column.size());
  for (std::size_t i = 0; i < column.size(); ++i)
    y[i] = line.zero_is_gap && column[i] == 0 ? kNaN : column[i] * line.scale;
  return downsample_min_max(time_s, y, kChartBuckets);
}

bool has_data(const Series& s) {
  return std::any_of(s.points.begin(), s.points.end(), [](const Point& p) { return std::isfinite(p.y) && p.y != 0; });
}

// The lines of `spec` the run has, then the baseline's.
Chart make_chart(const ChartSpec& spec, const RunData& run, const RunData* baseline) {
  Chart c;
  c.id = spec.id;
  c.title = spec.title;
  c.unit = spec.unit;
  c.note = spec.note;
  c.y_from_zero = spec.y_from_zero;
  for (const LineSpec& line : spec.lines)
    if (const auto* col = run.timeseries.find(line.column))
      c.series.push_back({std::string(line.label), std::string(line.colour), SeriesStyle::line,
                          column_points(run.timeseries.time_s, *col, line), {}});
  if (baseline)
    for (const LineSpec& line : spec.lines) {
      if (line.baseline_colour.empty()) continue;
      const auto* col = baseline->timeseries.find(line.column);
      if (!col) continue;
      c.series.push_back({std::string(line.label) + " (baseline)", std::string(line.baseline_colour),
                          SeriesStyle::dashed, column_points(baseline->timeseries.time_s, *col, line), {}});
    }
  // A line with nothing to draw (no cap, a baseline without tokens) stays out of the legend.
  std::erase_if(c.series, [](const Series& s) {
    return std::none_of(s.points.begin(), s.points.end(), [](const Point& p) { return std::isfinite(p.y); });
  });
  return c;
}

// grid_power_mw only tells something when a site store makes it differ from the meter.
bool grid_differs(const Timeseries& ts) {
  const auto* grid = ts.find("grid_power_mw");
  const auto* meter = ts.find("facility_power_mw");
  if (!grid || !meter) return false;
  for (std::size_t i = 0; i < grid->size(); ++i)
    if (std::fabs((*grid)[i] - (*meter)[i]) > 1e-9 * std::max(1.0, std::fabs((*meter)[i]))) return true;
  return false;
}

Series constant_line(std::string label, std::string colour, double y, const XRange& range) {
  return {std::move(label), std::move(colour), SeriesStyle::dashed, {{range.x0, y}, {range.x1, y}}, {}};
}

std::vector<ChartSpec> chart_specs(const RunData& run) {
  std::vector<LineSpec> facility{{"facility_power_mw", "facility (meter)", "#1f77b4", "#9ecae1"}};
  if (grid_differs(run.timeseries)) facility.push_back({"grid_power_mw", "grid (after the store)", "#17becf"});
  facility.push_back({"cap_mw", "cap", "#d62728", "#f4a3a3", 1, true});
  return {
      {"facility-power", "Facility power", "MW",
       "Interval means at the utility meter, against the power cap in force and the site's envelope", false, facility},
      {"it-cooling", "IT and cooling power", "MW", "IT at the rack inputs (PSU losses included), GPU boards, all cooling",
       true,
       {{"it_power_mw", "IT", "#ff7f0e", "#fdd0a2"},
        {"gpu_power_mw", "GPUs", "#8c564b"},
        {"cooling_power_mw", "cooling", "#2ca02c", "#a1d99b"}}},
      {"pue", "PUE", "1", "Facility over IT energy of each interval", false, {{"pue", "PUE", "#9467bd", "#cbc9e2"}}},
      {"temperatures", "Temperatures", "C",
       "Hottest GPU die of each interval, facility water, outdoor air; the hottest rack loop from racks.csv", false,
       {{"gpu_die_temp_max_c", "hottest GPU die", "#d62728", "#fcae91"},
        {"facility_return_c", "facility water return", "#8c564b"},
        {"facility_supply_c", "facility water supply", "#bcbd22"},
        {"ambient_dry_bulb_c", "outdoor dry bulb", "#ff7f0e"},
        {"ambient_wet_bulb_c", "outdoor wet bulb", "#1f77b4"}}},
      {"tokens", "Tokens per second", "M tokens/s", "Input + output tokens as they are processed, and output tokens",
       true,
       {{"tokens_per_s", "tokens", "#1f77b4", "#9ecae1", 1e-6},
        {"output_tokens_per_s", "output tokens", "#17becf", {}, 1e-6}}},
      {"ttft", "Time to first token", "s", "Mean of the requests that got their first token in the interval", true,
       {{"ttft_mean_s", "TTFT", "#ff7f0e", "#fdd0a2"}}},
      {"tpot", "Time per output token", "ms", "Mean of the requests completed in the interval", true,
       {{"tpot_mean_s", "TPOT", "#2ca02c", "#a1d99b", 1e3}}},
      {"cost", "Energy cost rate", "NT$/h",
       "The tariff's energy charge on the grid power at each moment (demand charge and carbon fee not included)", true,
       {{"energy_cost_ntd_per_h", "energy cost", "#8c564b", "#d9b99b"}}},
      {"gpus", "GPU activity and speed", "1",
       "Mean GPU activity, and the mean throughput the GPUs can deliver under their limits (1: unconstrained)", true,
       {{"gpu_utilization", "activity", "#9467bd", "#cbc9e2"}, {"gpu_speed", "speed", "#2ca02c", "#a1d99b"}}},
  };
}

}  // namespace

double facility_envelope_mw(const compare::RunSummary& run) {
  for (const compare::CheckLimit& c : run.check_limits)
    if (c.metric == "peak_facility_power_mw" && c.bound == "max") return c.limit;
  return kNaN;
}

XRange time_range(const RunData& run, const RunData* baseline) {
  const auto end_s = [](const RunData& r) {
    for (const auto& [k, v] : r.summary.metrics)
      if (k == "duration_s" && v > 0) return v;
    return r.timeseries.time_s.back();
  };
  const double x1 = std::max(end_s(run), baseline ? end_s(*baseline) : 0.0);
  return {0.0, x1 > 0 ? x1 : 1.0};
}

Clock run_clock(const RunData& run) {
  Clock c;
  if (run.start_unix_s) {
    c.known = true;
    c.start_unix_s = *run.start_unix_s;
    c.utc_offset_s = run.utc_offset_s;
  }
  return c;
}

TimeCharts build_time_charts(const RunData& run, const RunData* baseline, const std::vector<Marker>& markers) {
  TimeCharts out;
  const XRange range = time_range(run, baseline);
  for (const ChartSpec& spec : chart_specs(run)) {
    Chart c = make_chart(spec, run, baseline);
    if (spec.id == "temperatures" && run.rack_return) {
      // Inserted after the die: the rack loop sits between the die and the facility water.
      Series loop{"hottest rack coolant return", "#e377c2", SeriesStyle::line,
                  downsample_min_max(run.rack_return->time_s, run.rack_return->max_c, kChartBuckets), {}};
      c.series.insert(c.series.begin() + std::min<std::ptrdiff_t>(1, static_cast<std::ptrdiff_t>(c.series.size())),
                      std::move(loop));
    }
    if (std::none_of(c.series.begin(), c.series.end(), has_data)) {
      out.skipped.push_back(c.title);
      continue;
    }
    if (spec.id == "facility-power") {
      const double envelope = facility_envelope_mw(run.summary);
      if (std::isfinite(envelope))
        c.series.push_back(constant_line("envelope (check peak_facility_power_mw <= " + format_significant(envelope, 6) + ")",
                                         "#555555", envelope, range));
    }
    c.markers = markers;
    out.charts.push_back(std::move(c));
  }
  return out;
}

}  // namespace aifsim::report
