// SPDX-License-Identifier: Apache-2.0
// The frame: history, layout and the registered panels.
#include "gui/app.h"

#include <imgui.h>

namespace aifsim::gui {

App::App(float width, float height, bool fixed_layout) {
  auto controls = std::make_unique<ControlsPanel>();
  auto floor = std::make_unique<FloorMapPanel>();
  auto kpi = std::make_unique<KpiPanel>();
  auto plots = std::make_unique<PlotsPanel>();
  // Left column: controls over KPIs; middle: the floor map; right: the plots.
  const float left = 0.24f * width, mid = 0.40f * width;
  controls->place = {0, 0, left, 0.53f * height, fixed_layout};
  kpi->place = {0, 0.53f * height, left, 0.47f * height, fixed_layout};
  floor->place = {left, 0, mid, height, fixed_layout};
  plots->place = {left + mid, 0, width - left - mid, height, fixed_layout};
  controls_ = controls.get();
  floor_ = floor.get();
  panels_.push_back(std::move(controls));
  panels_.push_back(std::move(kpi));
  panels_.push_back(std::move(floor));
  panels_.push_back(std::move(plots));
}

Actions App::frame(const std::shared_ptr<const Snapshot>& snapshot) {
  Actions out;
  static const Snapshot kEmpty;
  const Snapshot& s = snapshot ? *snapshot : kEmpty;
  if (snapshot) newest_ = snapshot;
  if (snapshot && snapshot->now_s != last_t_) {
    if (snapshot->now_s < last_t_) history_.clear();
    history_.add(*snapshot);
    last_t_ = snapshot->now_s;
  }
  for (auto& p : panels_) {
    const ImGuiCond cond = p->place.fixed ? ImGuiCond_Always : ImGuiCond_FirstUseEver;
    ImGui::SetNextWindowPos(ImVec2(p->place.x, p->place.y), cond);
    ImGui::SetNextWindowSize(ImVec2(p->place.w, p->place.h), cond);
    const View view{s, history_, baseline_snapshot_.get(), baseline_snapshot_ ? &baseline_history_ : nullptr};
    if (ImGui::Begin(p->title())) p->draw(view, out);
    ImGui::End();
  }
  if (out.pin_baseline) pin_baseline();
  return out;
}

void App::pin_baseline() {
  if (!newest_) return;
  baseline_snapshot_ = newest_;
  baseline_history_ = history_;
}

}  // namespace aifsim::gui
