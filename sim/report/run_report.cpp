// SPDX-License-Identifier: Apache-2.0
// The run report's page: header and notes, KPIs, charts over time, floor map, events.
#include "sim/report/run_report.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "sim/compare/comparison.h"
#include "sim/core/error.h"
#include "sim/core/units.h"
#include "sim/output/join.h"
#include "sim/report/events_section.h"
#include "sim/report/floor_map.h"
#include "sim/report/html_page.h"
#include "sim/report/html_text.h"
#include "sim/report/kpi_section.h"
#include "sim/report/svg_chart.h"
#include "sim/report/time_charts.h"

namespace aifsim::report {
namespace {

using output::detail::join;

constexpr int kPageWidth = 1040;

void check_same_shape(const RunData& run, const RunData& baseline) {
  const auto& a = run.timeseries.columns;
  const auto& b = baseline.timeseries.columns;
  if (a == b) return;
  const std::string base_file = (baseline.dir / "timeseries.csv").string();
  const std::string run_file = (run.dir / "timeseries.csv").string();
  for (const std::string& c : a)
    if (std::find(b.begin(), b.end(), c) == b.end())
      throw InputError(join({base_file, ": other columns than ", run_file, " (no '", c, "')"}));
  for (const std::string& c : b)
    if (std::find(a.begin(), a.end(), c) == a.end())
      throw InputError(join({base_file, ": other columns than ", run_file, " ('", c, "', which it lacks)"}));
  throw InputError(join({base_file, ": its columns are in another order than those of ", run_file}));
}

double metric(const compare::RunSummary& s, std::string_view key) {
  for (const auto& [k, v] : s.metrics)
    if (k == key) return v;
  return std::nan("");
}

std::string local_start(const RunData& run) {
  if (!run.start_unix_s) return run.summary.start.empty() ? std::string("?") : run.summary.start;
  const std::string iso = format_iso8601(*run.start_unix_s, run.utc_offset_s);
  // "2026-07-15T00:00:00+08:00" -> "2026-07-15 00:00:00 (UTC+08:00)"
  std::string out = iso.substr(0, 10);
  out += ' ';
  out += iso.substr(11, 8);
  out += " (UTC";
  out += iso.size() > 19 ? iso.substr(19) : std::string("+00:00");
  out += ')';
  if (out.ends_with("(UTCZ)")) out.replace(out.size() - 6, 6, "(UTC)");
  return out;
}

std::string header(const RunData& run, const RunData* baseline, std::vector<std::string>& notes) {
  std::string out = "<h1>aifsim report: ";
  out += escape_html(run.summary.scenario.empty() ? run.dir.filename().string() : run.summary.scenario);
  out += "</h1>\n<p class=\"meta\">Run directory ";
  out += code_html(run.dir.string());
  out += ", started ";
  out += escape_html(local_start(run));
  const double duration_s = metric(run.summary, "duration_s");
  if (std::isfinite(duration_s)) {
    out += ", ";
    out += escape_html(format_duration(duration_s));
    out += " simulated";
  }
  out += ".</p>\n";
  if (baseline) {
    out += "<p class=\"meta\">Baseline ";
    out += code_html(baseline->dir.string());
    out += " (scenario ";
    out += escape_html(baseline->summary.scenario);
    out += ", started ";
    out += escape_html(local_start(*baseline));
    out += "): its lines are dashed, in a lighter shade; changes are this run minus the baseline.</p>\n";
    if (baseline->start_unix_s != run.start_unix_s)
      notes.push_back("The two runs started at different times: both are drawn against the time since their start, "
                      "labelled with this run's clock.");
    const double base_s = metric(baseline->summary, "duration_s");
    if (std::isfinite(duration_s) && std::isfinite(base_s) && base_s != duration_s)
      notes.push_back(join({"The runs differ in length (this run ", format_duration(duration_s), ", the baseline ",
                            format_duration(base_s), "): the deltas compare unequal periods."}));
    if (!baseline->summary.completed)
      notes.push_back("The baseline was stopped before its end (completed: false).");
  }
  if (!run.summary.completed)
    notes.push_back("This run was stopped before its end (completed: false): its charts end where it stopped.");
  const std::size_t rows = run.timeseries.time_s.size();
  if (rows > 2 * kChartBuckets)
    notes.push_back(join({"timeseries.csv has ", std::to_string(rows), " rows: each line keeps the lowest and the ",
                          "highest value of each of ", std::to_string(kChartBuckets),
                          " buckets, so every peak stays on the chart."}));
  return out;
}

std::string notes_html(const std::vector<std::string>& notes) {
  if (notes.empty()) return "";
  std::string out = "<ul class=\"notes\">";
  for (const std::string& n : notes) {
    out += "<li>";
    out += escape_html(n);
    out += "</li>";
  }
  out += "</ul>\n";
  return out;
}

std::string floor_section(const RunData& run, ReportOutline& outline, std::vector<std::string>& notes) {
  std::string out = "<h2 id=\"floor\">Racks at the peak</h2>\n";
  if (!run.peak_racks) {
    out += "<p>No floor map: the run directory has no racks_at_peak.csv (a run of an older aifsim).</p>\n";
    notes.push_back("No racks_at_peak.csv in the run directory: no floor map.");
    return out;
  }
  const PeakRacks& peak = *run.peak_racks;
  outline.racks = peak.racks.size();
  outline.peak_local = peak.time_local;
  double it_kw = 0;
  for (const RackAtPeak& r : peak.racks) it_kw += r.it_power_kw;
  out += "<p class=\"meta\">Every rack at ";
  out += escape_html(peak.time_local);
  out += ", the first tick of the run's peak facility power (";
  out += escape_html(format_significant(metric(run.summary, "peak_facility_power_mw"), 4));
  out += " MW at the meter, ";
  out += escape_html(format_significant(it_kw / 1000, 4));
  out += " MW IT): halls and rows as laid out, racks in row order. Hover a rack for its values.</p>\n";
  out += render_floor_maps(peak, kPageWidth);
  return out;
}

}  // namespace

RenderedReport build_run_report(const RunData& run, const RunData* baseline) {
  if (baseline) check_same_shape(run, *baseline);
  RenderedReport report;
  ReportOutline& outline = report.outline;
  outline.baseline = baseline != nullptr;

  std::vector<compare::RunSummary> pair;
  compare::Comparison comparison;
  if (baseline) {
    pair = {baseline->summary, run.summary};
    comparison = compare::compare_runs(pair);
  }
  const KpiInput kpis{run.summary, baseline ? &comparison : nullptr};

  std::vector<std::string> notes;
  std::string body = header(run, baseline, notes);
  const std::size_t notes_at = body.size();

  body += "<h2 id=\"kpis\">Key figures</h2>\n";
  body += render_kpi_cards(kpis);
  if (const std::string checks = render_checks(kpis); !checks.empty()) {
    body += "<h3>Checks</h3>\n";
    body += checks;
  }
  if (const std::string fields = render_field_diffs(kpis); !fields.empty()) {
    body += "<h3>Scenario fields that differ from the baseline</h3>\n";
    body += fields;
  }

  // Charts over time, with the peak and the rare events marked on each.
  const XRange range = time_range(run, baseline);
  const Clock clock = run_clock(run);
  std::vector<Marker> markers;
  if (run.peak_racks)
    markers.push_back({run.peak_racks->time_s,
                       join({"peak facility power ", format_significant(metric(run.summary, "peak_facility_power_mw"), 4),
                             " MW at ", run.peak_racks->time_local, " (the floor map's moment)"}),
                       "#000000"});
  if (run.events) {
    const auto rare = event_markers(*run.events);
    markers.insert(markers.end(), rare.begin(), rare.end());
  }
  TimeCharts charts = build_time_charts(run, baseline, markers);
  if (run.events && !run.events->empty()) charts.charts.push_back(event_lanes(*run.events, range));
  body += "<h2 id=\"time\">Over time</h2>\n<p class=\"meta\">Interval means of timeseries.csv";
  body += " (the hottest die: the interval's maximum). Vertical dashed lines: the peak (black) and the events of";
  body += " kinds that occur at most ";
  body += std::to_string(kRareEventCount);
  body += " times (hover for each). Hover a chart for its values.</p>\n";
  for (const Chart& c : charts.charts) {
    ChartSize size{kPageWidth, c.lanes.empty() ? 240 : 40 + 24 * static_cast<int>(c.lanes.size())};
    body += render_chart(c, size, clock, range);
  }
  outline.charts = charts.charts.size();
  outline.skipped = charts.skipped;
  if (!charts.skipped.empty()) {
    std::string s = "Not drawn, for want of data in this run:";
    for (std::size_t k = 0; k < charts.skipped.size(); ++k) {
      s += k ? ", " : " ";
      s += charts.skipped[k];
    }
    notes.push_back(s + ".");
  }

  body += floor_section(run, outline, notes);

  body += "<h2 id=\"events\">Events</h2>\n";
  if (run.events) {
    body += render_event_tables(*run.events);
  } else {
    body += "<p>The run directory has no events.csv.</p>\n";
  }

  body += "<h2 id=\"summary\">Summary keys</h2>\n";
  body += render_summary_table(kpis);
  body += "<p class=\"meta\">Written by aifsim " AIFSIM_VERSION " from the run directory's summary.json, ";
  body += "timeseries.csv, events.csv, racks_at_peak.csv and racks.csv.</p>\n";

  body.insert(notes_at, notes_html(notes));
  std::string title = "aifsim report: ";
  title += run.summary.scenario;
  report.html = html_document(title, body);
  return report;
}

}  // namespace aifsim::report
