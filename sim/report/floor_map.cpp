// SPDX-License-Identifier: Apache-2.0
// Floor maps of the racks at the peak (see floor_map.h).
#include "sim/report/floor_map.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>
#include <utility>
#include <vector>

#include "sim/report/html_text.h"

namespace aifsim::report {
namespace {

struct Metric {
  const char* title;
  const char* unit;
  double RackAtPeak::*value;
};

constexpr std::array kMetrics{
    Metric{"IT power", "kW", &RackAtPeak::it_power_kw},
    Metric{"Hottest GPU die", "C", &RackAtPeak::gpu_die_temp_max_c},
    Metric{"Coolant return", "C", &RackAtPeak::coolant_return_c},
};

// One row of the floor: racks in topology order.
struct FloorRow {
  int hall = 0, row = 0;
  std::vector<const RackAtPeak*> racks;
};

std::vector<FloorRow> floor_rows(const PeakRacks& peak) {
  std::vector<FloorRow> rows;
  for (const RackAtPeak& r : peak.racks) {
    if (rows.empty() || rows.back().hall != r.hall || rows.back().row != r.row) rows.push_back({r.hall, r.row, {}});
    rows.back().racks.push_back(&r);
  }
  return rows;
}

std::string rack_title(const RackAtPeak& r) {
  std::string t = r.name;
  t += " (";
  t += r.group;
  t += "): IT ";
  t += format_significant(r.it_power_kw, 4);
  t += " kW, GPUs ";
  t += format_significant(r.gpu_power_kw, 4);
  t += " kW, utilization ";
  t += format_significant(100 * r.gpu_utilization, 3);
  t += " %, coolant ";
  t += format_significant(r.coolant_supply_c, 3);
  t += " -> ";
  t += format_significant(r.coolant_return_c, 3);
  t += " C, hottest die ";
  t += format_significant(r.gpu_die_temp_max_c, 3);
  t += " C";
  return t;
}

std::string one_map(const std::vector<FloorRow>& rows, const Metric& m, int index, int width) {
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  std::size_t longest = 1;
  for (const FloorRow& row : rows) {
    longest = std::max(longest, row.racks.size());
    for (const RackAtPeak* r : row.racks) {
      const double v = r->*m.value;
      if (std::isfinite(v)) {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
      }
    }
  }
  if (!std::isfinite(lo)) lo = hi = 0;
  constexpr double kLabel = 46, kCellH = 16, kGap = 2, kHallGap = 18, kScale = 34;
  const double cell_w = std::clamp((width - kLabel - 8) / static_cast<double>(longest) - kGap, 3.0, 26.0);
  int halls = 0;
  for (std::size_t k = 0; k < rows.size(); ++k) halls += k == 0 || rows[k].hall != rows[k - 1].hall;
  const double height = kScale + halls * kHallGap + static_cast<double>(rows.size()) * (kCellH + kGap) + 6;

  char buf[512];
  std::string out = "<figure class=\"floor\"><h3>";
  out += m.title;
  out += " <span class=\"unit\">(";
  out += m.unit;
  out += ")</span></h3>";
  std::snprintf(buf, sizeof buf, "<svg class=\"floor-map\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">", width,
                static_cast<int>(height), width, static_cast<int>(height));
  out += buf;
  // the colour scale
  std::snprintf(buf, sizeof buf, "<defs><linearGradient id=\"floor-scale-%d\">", index);
  out += buf;
  for (int k = 0; k <= 4; ++k) {
    std::snprintf(buf, sizeof buf, "<stop offset=\"%d%%\" stop-color=\"%s\"/>", 25 * k,
                  scale_colour(k / 4.0).c_str());
    out += buf;
  }
  const double bar_w = std::min(220.0, width - kLabel - 100.0);
  std::snprintf(buf, sizeof buf,
                "</linearGradient></defs><rect x=\"%s\" y=\"4\" width=\"%s\" height=\"10\" fill=\"url(#floor-scale-%d)\"/>",
                format_px(kLabel).c_str(), format_px(bar_w).c_str(), index);
  out += buf;
  std::snprintf(buf, sizeof buf,
                "<text class=\"tick\" x=\"%s\" y=\"27\" text-anchor=\"start\">%s</text>"
                "<text class=\"tick\" x=\"%s\" y=\"27\" text-anchor=\"end\">%s %s</text>",
                format_px(kLabel).c_str(), format_significant(lo, 4).c_str(), format_px(kLabel + bar_w).c_str(),
                format_significant(hi, 4).c_str(), m.unit);
  out += buf;

  double y = kScale;
  for (std::size_t k = 0; k < rows.size(); ++k) {
    const FloorRow& row = rows[k];
    if (k == 0 || row.hall != rows[k - 1].hall) {
      y += kHallGap;
      std::snprintf(buf, sizeof buf, "<text class=\"axis\" x=\"0\" y=\"%s\">hall %d</text>", format_px(y - 5).c_str(),
                    row.hall);
      out += buf;
    }
    std::snprintf(buf, sizeof buf, "<text class=\"tick\" x=\"%s\" y=\"%s\" text-anchor=\"end\">row %d</text>",
                  format_px(kLabel - 6).c_str(), format_px(y + kCellH - 4).c_str(), row.row);
    out += buf;
    for (std::size_t i = 0; i < row.racks.size(); ++i) {
      const RackAtPeak& r = *row.racks[i];
      const double v = r.*m.value;
      const double t = hi > lo ? (v - lo) / (hi - lo) : 0.5;
      std::snprintf(buf, sizeof buf, "<rect class=\"rack\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"%s\">",
                    format_px(kLabel + static_cast<double>(i) * (cell_w + kGap)).c_str(), format_px(y).c_str(),
                    format_px(cell_w).c_str(), format_px(kCellH).c_str(),
                    std::isfinite(v) ? scale_colour(t).c_str() : "#cccccc");
      out += buf;
      out += "<title>";
      out += escape_html(rack_title(r));
      out += "</title></rect>";
    }
    y += kCellH + kGap;
  }
  out += "</svg></figure>";
  return out;
}

}  // namespace

std::string scale_colour(double t) {
  // ColorBrewer RdYlBu, reversed: readable for colour-blind viewers and in print.
  static constexpr std::array<std::array<double, 3>, 5> kStops{{
      {49, 54, 149}, {116, 173, 209}, {254, 224, 144}, {244, 109, 67}, {165, 0, 38}}};
  t = std::clamp(std::isfinite(t) ? t : 0.5, 0.0, 1.0);
  const double at = t * 4;
  const auto k = std::min<std::size_t>(3, static_cast<std::size_t>(at));
  const double f = at - static_cast<double>(k);
  char buf[8];
  std::array<int, 3> c{};
  for (std::size_t i = 0; i < 3; ++i)
    c[i] = static_cast<int>(std::lround(kStops[k][i] + (kStops[k + 1][i] - kStops[k][i]) * f));
  std::snprintf(buf, sizeof buf, "#%02x%02x%02x", c[0], c[1], c[2]);
  return buf;
}

std::string render_floor_maps(const PeakRacks& peak, int width) {
  const auto rows = floor_rows(peak);
  const int each = (width - 2 * 16) / static_cast<int>(kMetrics.size());
  std::string out = "<div class=\"floor-maps\">";
  for (std::size_t k = 0; k < kMetrics.size(); ++k) out += one_map(rows, kMetrics[k], static_cast<int>(k), each);
  out += "</div>\n";
  return out;
}

}  // namespace aifsim::report
