// SPDX-License-Identifier: Apache-2.0
// The sweep report's page (see sweep_report.h).
#include "sim/report/sweep_report.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <optional>

#include "sim/metrics/summary_keys.h"
#include "sim/output/join.h"
#include "sim/report/chart.h"
#include "sim/report/html_page.h"
#include "sim/report/html_text.h"
#include "sim/report/kpi_section.h"
#include "sim/report/svg_chart.h"

namespace aifsim::report {
namespace {

using output::detail::join;

constexpr std::size_t kMaxGroups = 8;
constexpr ChartSize kSmall{340, 210};
constexpr std::array<const char*, kMaxGroups> kGroupColours{"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728",
                                                            "#9467bd", "#8c564b", "#e377c2", "#17becf"};

std::string value_text(const std::optional<sweep::TableValue>& v) {
  if (!v) return "-";
  return v->number ? format_significant(*v->number, 6) : v->text;
}

std::string leaf(std::string_view field) {
  const std::size_t dot = field.rfind('.');
  return std::string(dot == std::string_view::npos ? field : field.substr(dot + 1));
}

// One field the sweep varies: where each row sits on its axis.
struct Axis {
  std::size_t field = 0;
  bool numeric = true;
  std::vector<std::string> categories;       ///< category axis, in order of first appearance
  std::vector<std::optional<double>> x;      ///< per row; nullopt: the row does not set it
  std::vector<double> ticks;                 ///< a numeric axis' values, when few enough to label each
};

// More values than this and a numeric axis gets round ticks instead (a sampled axis).
constexpr std::size_t kLabelledValues = 8;

std::optional<Axis> make_axis(const sweep::SweepTable& t, std::size_t field) {
  Axis a;
  a.field = field;
  std::vector<std::string> distinct;
  for (const sweep::SweepRow& r : t.rows) {
    const auto& v = r.fields[field];
    if (!v) continue;
    if (!v->number) a.numeric = false;
    const std::string text = value_text(v);
    if (std::find(distinct.begin(), distinct.end(), text) == distinct.end()) distinct.push_back(text);
  }
  if (distinct.size() < 2) return std::nullopt;
  if (!a.numeric) a.categories = distinct;
  if (a.numeric && distinct.size() <= kLabelledValues)
    for (const sweep::SweepRow& r : t.rows)
      if (const auto& v = r.fields[field]; v && std::find(a.ticks.begin(), a.ticks.end(), *v->number) == a.ticks.end())
        a.ticks.push_back(*v->number);
  for (const sweep::SweepRow& r : t.rows) {
    const auto& v = r.fields[field];
    if (!v) {
      a.x.emplace_back();
    } else if (a.numeric) {
      a.x.push_back(*v->number);
    } else {
      const auto at = std::find(a.categories.begin(), a.categories.end(), value_text(v));
      a.x.push_back(static_cast<double>(at - a.categories.begin()));
    }
  }
  return a;
}

// The variants' group along an axis: the values of every other field.
std::string group_of(const sweep::SweepTable& t, const sweep::SweepRow& r, std::size_t axis_field) {
  std::string g;
  for (std::size_t f = 0; f < t.fields.size(); ++f) {
    if (f == axis_field || !r.fields[f]) continue;
    if (!g.empty()) g += ", ";
    g += leaf(t.fields[f]);
    g += '=';
    g += value_text(r.fields[f]);
  }
  return g.empty() ? std::string("variants") : g;
}

// Keys whose values differ between variants, the headline KPIs first.
std::vector<std::size_t> varying_keys(const sweep::SweepTable& t, std::size_t& constant) {
  const auto keys = metrics::summary_metric_keys();
  std::vector<std::size_t> order;
  for (const Headline& h : headline_kpis())
    for (std::size_t k = 0; k < keys.size(); ++k)
      if (keys[k].key == h.key) order.push_back(k);
  for (std::size_t k = 0; k < keys.size(); ++k)
    if (std::find(order.begin(), order.end(), k) == order.end()) order.push_back(k);
  std::vector<std::size_t> out;
  constant = 0;
  for (const std::size_t k : order) {
    double lo = INFINITY, hi = -INFINITY;
    for (const sweep::SweepRow& r : t.rows) {
      const double v = r.summary.metrics[k];
      if (!std::isfinite(v)) continue;
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
    if (hi > lo) {
      out.push_back(k);
    } else {
      ++constant;
    }
  }
  return out;
}

Chart key_chart(const sweep::SweepTable& t, const Axis& axis, std::size_t key, std::size_t chart_no) {
  const metrics::SummaryKey& info = metrics::summary_metric_keys()[key];
  Chart c;
  c.id = join({"sweep-", std::to_string(chart_no)});
  c.title = std::string(info.key);
  c.note = std::string(info.meaning);
  c.x_axis = axis.numeric ? XAxis::number : XAxis::category;
  c.x_categories = axis.categories;
  c.x_ticks = axis.ticks;
  c.x_label = t.fields[axis.field];
  // rows per group, in order of first appearance
  std::vector<std::string> groups;
  std::map<std::string, std::vector<std::size_t>> rows_of;
  for (std::size_t i = 0; i < t.rows.size(); ++i) {
    if (!axis.x[i] || !std::isfinite(t.rows[i].summary.metrics[key])) continue;
    const std::string g = group_of(t, t.rows[i], axis.field);
    if (!rows_of.count(g)) groups.push_back(g);
    rows_of[g].push_back(i);
  }
  const bool coloured = groups.size() <= kMaxGroups;
  if (!coloured) {
    // Too many groups to tell apart: one cloud of dots.
    Series dots{"variants", "#1f77b4", SeriesStyle::markers, {}, {}};
    for (const auto& g : groups)
      for (const std::size_t i : rows_of[g]) {
        dots.points.push_back({*axis.x[i], t.rows[i].summary.metrics[key]});
        dots.point_titles.push_back(t.rows[i].name + ": " + format_significant(t.rows[i].summary.metrics[key], 6));
      }
    c.series.push_back(std::move(dots));
    return c;
  }
  for (std::size_t g = 0; g < groups.size(); ++g) {
    auto rows = rows_of[groups[g]];
    std::stable_sort(rows.begin(), rows.end(), [&](std::size_t a, std::size_t b) { return *axis.x[a] < *axis.x[b]; });
    // the line through each x's mean (replications), the dots for every variant
    Series line{groups[g], kGroupColours[g], SeriesStyle::lines_and_markers, {}, {}};
    Series replications{"", kGroupColours[g], SeriesStyle::markers, {}, {}};
    for (std::size_t k = 0; k < rows.size();) {
      const double x = *axis.x[rows[k]];
      double sum = 0;
      std::size_t n = 0;
      std::string title;
      for (; k < rows.size() && *axis.x[rows[k]] == x; ++k, ++n) {
        const double v = t.rows[rows[k]].summary.metrics[key];
        sum += v;
        replications.points.push_back({x, v});
        replications.point_titles.push_back(t.rows[rows[k]].name + ": " + format_significant(v, 6));
        if (!title.empty()) title += "; ";
        title += t.rows[rows[k]].name;
        title += ": ";
        title += format_significant(v, 6);
      }
      const double mean = sum / static_cast<double>(n);
      line.points.push_back({x, mean});
      if (n > 1) title = join({"mean of ", std::to_string(n), " = ", format_significant(mean, 6), " (", title, ")"});
      line.point_titles.push_back(std::move(title));
    }
    const bool repeated = replications.points.size() > line.points.size();
    c.series.push_back(std::move(line));
    if (repeated) c.series.push_back(std::move(replications));  // unlabelled: not in the legend
  }
  return c;
}

std::string variants_table(const sweep::SweepTable& t) {
  HtmlTable table;
  table.header = {"variant", "name"};
  table.numeric = {true, false};
  for (const std::string& f : t.fields) {
    table.header.push_back(code_html(f));
    table.numeric.push_back(true);
  }
  if (t.replications) {
    table.header.emplace_back("replication");
    table.numeric.push_back(true);
  }
  table.header.emplace_back("completed");
  table.header.emplace_back("checks");
  table.numeric.insert(table.numeric.end(), {false, false});
  const auto keys = metrics::summary_metric_keys();
  std::vector<std::size_t> shown;
  for (const Headline& h : headline_kpis())
    for (std::size_t k = 0; k < keys.size(); ++k)
      if (keys[k].key == h.key && std::any_of(t.rows.begin(), t.rows.end(), [&](const sweep::SweepRow& r) {
            return std::isfinite(r.summary.metrics[k]) && r.summary.metrics[k] != 0;
          })) {
        shown.push_back(k);
        table.header.push_back(code_html(keys[k].key));
        table.numeric.push_back(true);
      }
  for (const sweep::SweepRow& r : t.rows) {
    std::vector<std::string> cells{std::to_string(r.variant), escape_html(r.name)};
    for (const auto& v : r.fields) cells.push_back(escape_html(value_text(v)));
    if (t.replications) cells.push_back(std::to_string(r.replication));
    cells.emplace_back(r.summary.completed ? "yes" : "<span class=\"failed\">no</span>");
    cells.emplace_back(r.summary.checks_passed ? "<span class=\"passed\">passed</span>"
                                               : "<span class=\"failed\">FAILED</span>");
    for (const std::size_t k : shown) cells.push_back(format_significant(r.summary.metrics[k], 5));
    table.rows.push_back(std::move(cells));
  }
  return render_table(table);
}

}  // namespace

RenderedSweepReport build_sweep_report(const std::filesystem::path& dir, const sweep::SweepTable& t) {
  RenderedSweepReport report;
  SweepOutline& outline = report.outline;
  outline.variants = t.rows.size();

  std::string body = "<h1>aifsim sweep report: ";
  body += escape_html(t.name);
  body += "</h1>\n<p class=\"meta\">Sweep directory ";
  body += code_html(dir.string());
  body += ", base scenario ";
  body += code_html(t.base);
  body += ", ";
  body += std::to_string(t.rows.size());
  body += " of ";
  body += std::to_string(t.variants_total);
  body += " variants.</p>\n";
  std::vector<std::string> notes;
  if (t.shard)
    notes.push_back(join({"This is shard ", std::to_string(t.shard->index), "/", std::to_string(t.shard->count),
                          " of the sweep: merge the shards (aifsim sweep --merge) for the whole picture."}));
  else if (t.rows.size() < t.variants_total)
    notes.push_back("The sweep is not finished: only the variants done so far are shown (aifsim sweep --resume).");
  if (std::any_of(t.rows.begin(), t.rows.end(), [](const sweep::SweepRow& r) { return !r.summary.completed; }))
    notes.push_back("Some variants were stopped before their end (completed: no in the table).");

  std::vector<Axis> axes;
  for (std::size_t f = 0; f < t.fields.size(); ++f)
    if (auto a = make_axis(t, f)) axes.push_back(std::move(*a));
  outline.axes = axes.size();
  std::size_t constant = 0;
  const auto keys = varying_keys(t, constant);
  outline.constant_keys = constant;
  if (axes.empty()) notes.push_back("No field takes two or more values across the variants: nothing to chart against.");

  if (!notes.empty()) {
    body += "<ul class=\"notes\">";
    for (const std::string& n : notes) {
      body += "<li>";
      body += escape_html(n);
      body += "</li>";
    }
    body += "</ul>\n";
  }
  body += "<h2 id=\"variants\">Variants</h2>\n<div class=\"wide\">";
  body += variants_table(t);
  body += "</div>\n";

  std::size_t chart_no = 0;
  for (const Axis& axis : axes) {
    body += "<h2>Against ";
    body += code_html(t.fields[axis.field]);
    body += "</h2>\n<p class=\"meta\">";
    body += std::to_string(keys.size());
    body += " summary keys that differ between variants";
    if (t.fields.size() > 1) body += ", one line per combination of the other fields";
    if (t.replications) body += " through the mean of the replications";
    body += "; hover a dot for its variants. ";
    body += std::to_string(constant);
    body += " keys are the same in every variant and not drawn.</p>\n<div class=\"small-multiples\">\n";
    for (const std::size_t k : keys) body += render_chart(key_chart(t, axis, k, chart_no++), kSmall, Clock{}, std::nullopt);
    body += "</div>\n";
  }
  outline.charts = chart_no;
  body += "<p class=\"meta\">Written by aifsim " AIFSIM_VERSION " from the sweep directory's sweep.json.</p>\n";
  std::string title = "aifsim sweep report: ";
  title += t.name;
  report.html = html_document(title, body);
  return report;
}

}  // namespace aifsim::report
