// SPDX-License-Identifier: Apache-2.0
// The front end's frame: the panel list (registered once, drawn in order), the history of
// snapshots and the layout. Backend-free: the GLFW shell and the tests both drive it.
#pragma once

#include <memory>
#include <vector>

#include "gui/panels.h"

namespace aifsim::gui {

class App {
 public:
  /// fixed_layout pins every window (screenshots); else the layout is a first default.
  App(float width, float height, bool fixed_layout);

  /// Draws one frame (between ImGui::NewFrame and ImGui::Render) from the newest snapshot
  /// (may be null) and returns what the user asked for.
  Actions frame(const std::shared_ptr<const Snapshot>& snapshot);

  ControlsPanel& controls() { return *controls_; }
  FloorMapPanel& floor_map() { return *floor_; }
  const History& history() const { return history_; }
  bool has_baseline() const { return baseline_snapshot_ != nullptr; }
  /// Keeps the newest snapshot and the history so far as the baseline to compare against.
  void pin_baseline();

 private:
  std::vector<std::unique_ptr<Panel>> panels_;
  ControlsPanel* controls_ = nullptr;
  FloorMapPanel* floor_ = nullptr;
  History history_;
  History baseline_history_;
  std::shared_ptr<const Snapshot> newest_;
  std::shared_ptr<const Snapshot> baseline_snapshot_;
  double last_t_ = -1;
};

}  // namespace aifsim::gui
