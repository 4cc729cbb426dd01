// SPDX-License-Identifier: Apache-2.0
// Chart model -> <figure> with an inline SVG (see svg_chart.h).
#include "sim/report/svg_chart.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>
#include <tuple>

#include "sim/core/units.h"
#include "sim/report/html_text.h"

namespace aifsim::report {
namespace {

// Margins of the plot inside the SVG, px. On time charts the left one is wide enough for an
// event lane's name, and the same on every one of them so that their axes line up.
constexpr double kTimeLeft = 124, kLeft = 58, kRight = 18, kTop = 10, kBottom = 32;

struct Tick {
  double value;
  std::string label;
};

// The plot's data ranges and where they land in the SVG.
struct Frame {
  double l, r, t, b;
  double x0, x1, y0, y1;
  double px(double x) const { return l + (x - x0) / (x1 - x0) * (r - l); }
  double py(double y) const { return b - (y - y0) / (y1 - y0) * (b - t); }
};

std::string decimals_label(double v, double step) {
  int decimals = 0;
  for (double s = step; decimals < 6 && std::fabs(s - std::round(s)) > 1e-9 * std::max(1.0, std::fabs(s));
       s *= 10)
    ++decimals;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, std::fabs(v) < step * 1e-9 ? 0.0 : v);
  return buf;
}

std::vector<Tick> number_ticks(double lo, double hi, int target) {
  std::vector<Tick> out;
  const auto values = nice_ticks(lo, hi, target);
  const double step = values.size() > 1 ? values[1] - values[0] : 1.0;
  for (const double v : values)
    if (v >= lo - 1e-9 * step && v <= hi + 1e-9 * step) out.push_back({v, decimals_label(v, step)});
  return out;
}

// Ticks on the site's clock: round local times (every 5 min, 1 h, 6 h, ...).
std::vector<Tick> time_ticks(double x0, double x1, const Clock& clock) {
  static constexpr std::array<double, 18> kSteps{60,    120,   300,   600,    900,    1800,   3600,   7200,  10800,
                                                 14400, 21600, 43200, 86400, 172800, 345600, 604800, 1209600, 2419200};
  const double span = x1 - x0;
  double step = kSteps.back();
  for (const double s : kSteps)
    if (span / s <= 8) {
      step = s;
      break;
    }
  std::vector<Tick> out;
  if (!clock.known) {
    for (double v = std::ceil(x0 / step) * step; v <= x1 + 1e-6; v += step)
      out.push_back({v, format_significant(v / 3600.0, 4) + " h"});
    return out;
  }
  const double local0 = static_cast<double>(clock.start_unix_s + clock.utc_offset_s);
  const bool dates = span > 36 * 3600.0;
  for (double v = std::ceil((local0 + x0) / step) * step - local0; v <= x1 + 1e-6; v += step) {
    const std::string iso =
        format_iso8601(clock.start_unix_s + static_cast<std::int64_t>(std::llround(v)), clock.utc_offset_s);
    // "YYYY-MM-DDThh:mm:ss+hh:mm": MM-DD and hh:mm
    std::string label = dates ? iso.substr(5, 5) : std::string();
    if (!dates || step < 86400) {
      if (!label.empty()) label += ' ';
      label += iso.substr(11, 5);
    }
    out.push_back({v, label});
  }
  return out;
}

std::pair<double, double> y_extent(const Chart& chart) {
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (const Series& s : chart.series)
    for (const Point& p : s.points)
      if (std::isfinite(p.y)) {
        lo = std::min(lo, p.y);
        hi = std::max(hi, p.y);
      }
  if (!std::isfinite(lo)) lo = hi = 0;
  if (chart.y_from_zero) {
    lo = std::min(lo, 0.0);
    hi = std::max(hi, 0.0);
  }
  if (hi - lo < 1e-12 * std::max(1.0, std::fabs(hi))) {
    const double pad = hi == 0 ? 1.0 : std::fabs(hi) * 0.05;
    lo -= chart.y_from_zero && lo == 0 ? 0 : pad;
    hi += pad;
  }
  return {lo, hi};
}

std::pair<double, double> x_extent(const Chart& chart, const std::optional<XRange>& range) {
  if (chart.x_axis == XAxis::category)
    return {-0.5, static_cast<double>(std::max<std::size_t>(chart.x_categories.size(), 1)) - 0.5};
  if (range) return {range->x0, range->x1 > range->x0 ? range->x1 : range->x0 + 1};
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (const Series& s : chart.series)
    for (const Point& p : s.points) {
      lo = std::min(lo, p.x);
      hi = std::max(hi, p.x);
    }
  if (!std::isfinite(lo)) return {0, 1};
  if (hi - lo < 1e-12 * std::max(1.0, std::fabs(hi))) return {lo - 1, hi + 1};
  const double pad = 0.04 * (hi - lo);  // dots at the ends stay inside the frame
  return {lo - pad, hi + pad};
}

void attr(std::string& out, const char* name, const std::string& value) {
  out += ' ';
  out += name;
  out += "=\"";
  out += value;
  out += '"';
}

std::string legend(const Chart& chart) {
  std::string out = "<ul class=\"legend\">";
  for (const Series& s : chart.series) {
    if (s.label.empty()) continue;  // a companion of a labelled series (its dots)
    out += "<li><span class=\"swatch";
    if (s.style == SeriesStyle::dashed) out += " dashed";
    if (s.style == SeriesStyle::markers) out += " dot";
    out += "\" style=\"border-color:";
    out += s.colour;
    out += "\"></span>";
    out += escape_html(s.label);
    out += "</li>";
  }
  out += "</ul>";
  return out;
}

void polyline(std::string& out, const Frame& f, const Series& s, const std::vector<Point>& run) {
  if (run.size() == 1) {
    out += "<circle class=\"series\" r=\"2.5\"";
    attr(out, "cx", format_px(f.px(run[0].x)));
    attr(out, "cy", format_px(f.py(run[0].y)));
    attr(out, "fill", s.colour);
    attr(out, "data-label", escape_html(s.label));
    out += "/>";
    return;
  }
  out += "<polyline class=\"series\" fill=\"none\" stroke-width=\"2\" stroke-linejoin=\"round\"";
  attr(out, "stroke", s.colour);
  if (s.style == SeriesStyle::dashed) attr(out, "stroke-dasharray", "7 4");
  attr(out, "data-label", escape_html(s.label));
  out += " points=\"";
  for (std::size_t i = 0; i < run.size(); ++i) {
    if (i) out += ' ';
    out += format_px(f.px(run[i].x));
    out += ',';
    out += format_px(f.py(run[i].y));
  }
  out += "\"/>";
}

void draw_lines(std::string& out, const Frame& f, const Series& s) {
  std::vector<Point> run;
  for (const Point& p : s.points) {
    if (std::isnan(p.y)) {
      if (!run.empty()) polyline(out, f, s, run);
      run.clear();
    } else if (std::isfinite(p.y)) {
      run.push_back(p);
    }
  }
  if (!run.empty()) polyline(out, f, s, run);
}

void draw_dots(std::string& out, const Frame& f, const Series& s, bool lanes) {
  for (std::size_t i = 0; i < s.points.size(); ++i) {
    const Point& p = s.points[i];
    if (!std::isfinite(p.y)) continue;
    const double x = f.px(p.x), y = f.py(p.y);
    if (lanes) {
      out += "<line stroke-width=\"3\"";
      attr(out, "stroke", s.colour);
      attr(out, "x1", format_px(x));
      attr(out, "x2", format_px(x));
      attr(out, "y1", format_px(y - 7));
      attr(out, "y2", format_px(y + 7));
    } else {
      out += "<circle r=\"3.5\"";
      attr(out, "cx", format_px(x));
      attr(out, "cy", format_px(y));
      attr(out, "fill", s.colour);
    }
    out += '>';
    if (i < s.point_titles.size()) {
      out += "<title>";
      out += escape_html(s.point_titles[i]);
      out += "</title>";
    }
    out += lanes ? "</line>" : "</circle>";
  }
}

void text(std::string& out, double x, double y, const char* anchor, const std::string& content,
          const char* cls = "tick") {
  out += "<text";
  attr(out, "class", cls);
  attr(out, "x", format_px(x));
  attr(out, "y", format_px(y));
  attr(out, "text-anchor", anchor);
  out += '>';
  out += escape_html(content);
  out += "</text>";
}

void hline(std::string& out, const Frame& f, double y, const char* cls) {
  out += "<line";
  attr(out, "class", cls);
  attr(out, "x1", format_px(f.l));
  attr(out, "x2", format_px(f.r));
  attr(out, "y1", format_px(y));
  attr(out, "y2", format_px(y));
  out += "/>";
}

void vline(std::string& out, const Frame& f, double x, const char* cls) {
  out += "<line";
  attr(out, "class", cls);
  attr(out, "x1", format_px(x));
  attr(out, "x2", format_px(x));
  attr(out, "y1", format_px(f.t));
  attr(out, "y2", format_px(f.b));
  out += "/>";
}

}  // namespace

std::vector<double> nice_ticks(double lo, double hi, int target) {
  if (!(hi > lo)) return {lo};
  const double raw = (hi - lo) / std::max(1, target);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double step = 10 * magnitude;
  for (const double m : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (m * magnitude >= raw * (1 - 1e-9)) {
      step = m * magnitude;
      break;
    }
  std::vector<double> out;
  const double first = std::floor(lo / step + 1e-9) * step;
  for (int k = 0;; ++k) {
    const double v = first + k * step;
    out.push_back(std::fabs(v) < step * 1e-9 ? 0.0 : v);
    if (v >= hi - 1e-9 * step || k > 1000) break;
  }
  return out;
}

std::string render_chart(const Chart& chart, const ChartSize& size, const Clock& clock,
                         const std::optional<XRange>& x_range) {
  const bool lanes = !chart.lanes.empty();
  const double left = chart.x_axis == XAxis::time ? kTimeLeft : kLeft;
  Frame f{left, size.width - kRight, kTop, size.height - kBottom, 0, 1, 0, 1};
  std::tie(f.x0, f.x1) = x_extent(chart, x_range);
  std::vector<Tick> y_ticks;
  if (lanes) {
    f.y0 = static_cast<double>(chart.lanes.size()) - 0.5;  // lane 0 on top
    f.y1 = -0.5;
  } else {
    // The y range ends on round ticks, so the frame's top and bottom are labelled.
    const auto [lo, hi] = y_extent(chart);
    const auto round = nice_ticks(lo, hi, std::max(3, static_cast<int>((f.b - f.t) / 45)));
    const double step = round.size() > 1 ? round[1] - round[0] : 1.0;
    for (const double v : round) y_ticks.push_back({v, decimals_label(v, step)});
    f.y0 = round.front();
    f.y1 = round.size() > 1 ? round.back() : f.y0 + 1;
  }

  std::string out = "<figure class=\"chart\"";
  attr(out, "id", chart.id);
  out += "><h3>";
  out += escape_html(chart.title);
  if (!chart.unit.empty() && chart.unit != "1") {
    out += " <span class=\"unit\">(";
    out += escape_html(chart.unit);
    out += ")</span>";
  }
  out += "</h3>";
  if (!chart.note.empty()) {
    out += "<p class=\"note\">";
    out += escape_html(chart.note);
    out += "</p>";
  }
  if (!lanes) out += legend(chart);

  out += "<svg class=\"plot\"";
  attr(out, "width", std::to_string(size.width));
  attr(out, "height", std::to_string(size.height));
  attr(out, "viewBox", "0 0 " + std::to_string(size.width) + " " + std::to_string(size.height));
  attr(out, "data-axis", chart.x_axis == XAxis::time ? "time" : chart.x_axis == XAxis::number ? "number" : "category");
  for (const auto& [name, v] : {std::pair{"data-l", f.l}, {"data-r", f.r}, {"data-t", f.t}, {"data-b", f.b}})
    attr(out, name, format_px(v));
  attr(out, "data-x0", format_significant(f.x0, 12));
  attr(out, "data-x1", format_significant(f.x1, 12));
  attr(out, "data-y0", format_significant(f.y0, 12));
  attr(out, "data-y1", format_significant(f.y1, 12));
  attr(out, "data-unit", escape_html(chart.unit == "1" ? std::string() : chart.unit));
  if (chart.x_axis == XAxis::time && clock.known)
    attr(out, "data-clock", std::to_string(clock.start_unix_s) + "," + std::to_string(clock.utc_offset_s));
  out += '>';
  out += "<rect class=\"frame\"";
  attr(out, "x", format_px(f.l));
  attr(out, "y", format_px(f.t));
  attr(out, "width", format_px(f.r - f.l));
  attr(out, "height", format_px(f.b - f.t));
  out += "/>";

  // y axis: gridlines and labels, or the lanes' names
  if (lanes) {
    for (std::size_t k = 0; k < chart.lanes.size(); ++k) {
      const double y = f.py(static_cast<double>(k));
      hline(out, f, y, "lane");
      text(out, f.l - 6, y + 4, "end", chart.lanes[k]);
    }
  } else {
    for (const Tick& t : y_ticks) {
      const double y = f.py(t.value);
      hline(out, f, y, "grid");
      text(out, f.l - 6, y + 4, "end", t.label);
    }
  }
  // x axis
  std::vector<Tick> x_ticks;
  if (chart.x_axis == XAxis::time) {
    x_ticks = time_ticks(f.x0, f.x1, clock);
  } else if (chart.x_axis == XAxis::number && !chart.x_ticks.empty()) {
    for (const double v : chart.x_ticks) x_ticks.push_back({v, format_significant(v, 6)});
  } else if (chart.x_axis == XAxis::number) {
    x_ticks = number_ticks(f.x0, f.x1, std::max(3, static_cast<int>((f.r - f.l) / 90)));
  } else {
    for (std::size_t k = 0; k < chart.x_categories.size(); ++k)
      x_ticks.push_back({static_cast<double>(k), chart.x_categories[k]});
  }
  for (const Tick& t : x_ticks) {
    if (t.value < f.x0 - 1e-9 || t.value > f.x1 + 1e-9) continue;
    const double x = f.px(t.value);
    vline(out, f, x, "grid");
    text(out, x, f.b + 16, "middle", t.label);
  }
  if (!chart.x_label.empty()) text(out, f.r, f.b + 29, "end", chart.x_label, "axis");

  // the data, clipped to the plot
  const std::string clip = "clip-" + chart.id;
  out += "<clipPath";
  attr(out, "id", clip);
  out += "><rect";
  attr(out, "x", format_px(f.l));
  attr(out, "y", format_px(f.t - 3));
  attr(out, "width", format_px(f.r - f.l));
  attr(out, "height", format_px(f.b - f.t + 6));
  out += "/></clipPath><g";
  attr(out, "clip-path", "url(#" + clip + ")");
  out += '>';
  for (const Series& s : chart.series) {
    if (lanes || s.style == SeriesStyle::markers) {
      draw_dots(out, f, s, lanes);
      continue;
    }
    draw_lines(out, f, s);
    if (s.style == SeriesStyle::lines_and_markers) draw_dots(out, f, s, false);
  }
  for (const Marker& m : chart.markers) {
    if (m.x < f.x0 || m.x > f.x1) continue;
    out += "<line class=\"marker\"";
    attr(out, "stroke", m.colour);
    attr(out, "x1", format_px(f.px(m.x)));
    attr(out, "x2", format_px(f.px(m.x)));
    attr(out, "y1", format_px(f.t));
    attr(out, "y2", format_px(f.b));
    out += "><title>";
    out += escape_html(m.label);
    out += "</title></line>";
  }
  out += "</g>";
  vline(out, f, f.l, "guide");
  out += "</svg></figure>\n";
  return out;
}

}  // namespace aifsim::report
