// SPDX-License-Identifier: Apache-2.0
// The plot widget's drawing.
#include "gui/plot.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace aifsim::gui {

double nice_step(double span, int target) {
  if (!(span > 0) || target < 1) return 1.0;
  const double raw = span / target;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (raw <= m * mag) return m * mag;
  return 10.0 * mag;
}

void plot_time_series(const char* id, const std::vector<float>& t_s, const std::vector<PlotSeries>& series,
                      const char* unit, float height) {
  ImGui::PushID(id);
  ImGui::TextUnformatted(id);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = std::max(100.0f, ImGui::GetContentRegionAvail().x);
  ImGui::InvisibleButton("plot", ImVec2(width, height));
  const bool hovered = ImGui::IsItemHovered();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float left = 58.0f, bottom = 16.0f;
  const ImVec2 p0(origin.x + left, origin.y + 4.0f), p1(origin.x + width - 6.0f, origin.y + height - bottom);
  dl->AddRectFilled(p0, p1, IM_COL32(20, 22, 28, 255));
  dl->AddRect(p0, p1, IM_COL32(110, 110, 120, 255));

  float lo = 1e30f, hi = -1e30f;
  for (const auto& s : series)
    if (s.values)
      for (float v : *s.values) {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
      }
  if (t_s.size() < 2 || lo > hi) {
    dl->AddText(ImVec2(p0.x + 8, p0.y + 8), IM_COL32(160, 160, 160, 255), "waiting for data");
    ImGui::PopID();
    return;
  }
  if (hi - lo < 1e-9f) {
    hi += 0.5f;
    lo -= 0.5f;
  }
  const float pad = 0.05f * (hi - lo);
  lo -= pad;
  hi += pad;
  const double t0 = t_s.front(), t1 = std::max(t_s.back(), t_s.front() + 1.0f);
  const auto x_of = [&](double t) { return p0.x + static_cast<float>((t - t0) / (t1 - t0)) * (p1.x - p0.x); };
  const auto y_of = [&](double v) { return p1.y - static_cast<float>((v - lo) / (hi - lo)) * (p1.y - p0.y); };

  char buf[64];
  const double ystep = nice_step(hi - lo, 4);
  // Enough decimals to tell neighbouring ticks apart.
  const int decimals = std::clamp(static_cast<int>(-std::floor(std::log10(ystep))), 0, 6);
  for (double v = std::ceil(lo / ystep) * ystep; v <= hi; v += ystep) {
    const float y = y_of(v);
    dl->AddLine(ImVec2(p0.x, y), ImVec2(p1.x, y), IM_COL32(60, 60, 70, 255));
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    dl->AddText(ImVec2(origin.x + 2, y - 7), IM_COL32(190, 190, 190, 255), buf);
  }
  std::snprintf(buf, sizeof buf, "[%s]", unit);
  dl->AddText(ImVec2(origin.x + 2, p0.y), IM_COL32(150, 150, 160, 255), buf);
  const double span_h = (t1 - t0) / 3600.0;
  const double xstep = nice_step(span_h, 6);
  for (double h = std::ceil(t0 / 3600.0 / xstep) * xstep; h * 3600.0 <= t1; h += xstep) {
    const float x = x_of(h * 3600.0);
    dl->AddLine(ImVec2(x, p1.y), ImVec2(x, p1.y + 3), IM_COL32(150, 150, 150, 255));
    std::snprintf(buf, sizeof buf, "%.3gh", h);
    dl->AddText(ImVec2(x - 8, p1.y + 2), IM_COL32(170, 170, 170, 255), buf);
  }

  for (const auto& s : series) {
    if (!s.values || s.values->size() != t_s.size()) continue;
    const auto& v = *s.values;
    // At most one vertex per pixel column: long runs stay cheap to draw.
    const std::size_t stride = std::max<std::size_t>(1, v.size() / static_cast<std::size_t>(p1.x - p0.x + 1));
    ImVec2 prev(x_of(t_s[0]), y_of(v[0]));
    for (std::size_t i = stride; i < v.size(); i += stride) {
      const ImVec2 cur(x_of(t_s[i]), y_of(v[i]));
      dl->AddLine(prev, cur, s.color, 1.5f);
      prev = cur;
    }
  }
  float lx = p0.x + 6;
  for (const auto& s : series) {
    dl->AddRectFilled(ImVec2(lx, p0.y + 5), ImVec2(lx + 10, p0.y + 13), s.color);
    dl->AddText(ImVec2(lx + 13, p0.y + 1), IM_COL32(220, 220, 220, 255), s.label.c_str());
    lx += 20 + ImGui::CalcTextSize(s.label.c_str()).x;
  }

  if (hovered) {
    const float mx = ImGui::GetIO().MousePos.x;
    const double t = t0 + (mx - p0.x) / (p1.x - p0.x) * (t1 - t0);
    const auto it = std::lower_bound(t_s.begin(), t_s.end(), static_cast<float>(t));
    const std::size_t i = std::min<std::size_t>(static_cast<std::size_t>(it - t_s.begin()), t_s.size() - 1);
    dl->AddLine(ImVec2(x_of(t_s[i]), p0.y), ImVec2(x_of(t_s[i]), p1.y), IM_COL32(200, 200, 200, 120));
    ImGui::BeginTooltip();
    ImGui::Text("t = %.2f h", t_s[i] / 3600.0);
    for (const auto& s : series)
      if (s.values && i < s.values->size()) ImGui::Text("%s: %.4g %s", s.label.c_str(), (*s.values)[i], unit);
    ImGui::EndTooltip();
  }
  ImGui::PopID();
}

}  // namespace aifsim::gui
