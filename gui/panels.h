// SPDX-License-Identifier: Apache-2.0
// The front end's panels: controls, floor map, KPIs and plots. Each draws one window from the
// newest snapshot and the recorded history, and reports what the user asked for in Actions;
// none touches the simulation directly.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "gui/sim_worker.h"

namespace aifsim::gui {

/// What a frame's panels ask of the simulation.
struct Actions {
  std::vector<Command> commands;
  std::optional<bool> pause;
  int step_ticks = 0;
  std::optional<double> speed;  ///< sim s per wall s; 0 = as fast as possible
  bool pin_baseline = false;    ///< keep the current run's curves and KPIs to compare against
  bool save_overlay = false;    ///< write the knobs as a scenario overlay
  bool export_csv = false;      ///< write the plotted series as CSV
  bool screenshot = false;      ///< write the next frame as PNG
  std::optional<double> run_to_s;  ///< run as fast as possible to this time, then pause
};

/// Facility series over time, one point per snapshot (halved when it grows past its cap).
struct History {
  std::vector<float> t_s, facility_mw, cap_mw, it_mw, cooling_mw, pue, tokens_per_s, ttft_p99_s, die_max_c,
      dry_bulb_c, wet_bulb_c, cost_rate_ntd_per_h;
  void add(const Snapshot& s);
  void clear();
  std::size_t size() const { return t_s.size(); }
  static constexpr std::size_t kMaxPoints = 20000;
};

/// What panels draw from: the newest snapshot and history, and a pinned baseline if any.
struct View {
  const Snapshot& s;
  const History& h;
  const Snapshot* base_s = nullptr;
  const History* base_h = nullptr;
};

/// Writes the history's series as CSV (time_s first, one column per series).
void write_history_csv(const History& h, const std::string& path);

/// Where a panel's window goes; `fixed` pins it (screenshots), else it is only a first default.
struct WindowPlace {
  float x, y, w, h;
  bool fixed = false;
};

class Panel {
 public:
  virtual ~Panel() = default;
  virtual const char* title() const = 0;
  virtual void draw(const View& v, Actions& out) = 0;
  WindowPlace place{20, 20, 400, 300};
};

/// Run controls and live knobs. Knob changes become commands once, when they change.
class ControlsPanel final : public Panel {
 public:
  const char* title() const override { return "Run"; }
  void draw(const View& v, Actions& out) override;
  // Knobs as the UI holds them (tests set them to script a change).
  bool paused = false;
  int speed_index = 0;           ///< into speeds()
  float cap_mw = 0;              ///< 0: no cap from the UI
  float dry_bulb_offset_k = 0;
  float supply_setpoint_c = 0;   ///< 0 until the first snapshot gives the scenario's
  float run_to_h = 1;
  int racks_in_service = -1;     ///< -1 until the first snapshot gives the count
  std::vector<float> rate_multiplier;
  int fault_cdu = 0;
  static const std::vector<double>& speeds();

 private:
  float sent_cap_mw_ = 0, sent_offset_k_ = 0, sent_setpoint_c_ = 0;
  double sim_paused_at_s_ = -1;
  int sent_racks_ = -1;
  std::vector<float> sent_rates_;
  int sent_speed_ = -1;
  bool sent_paused_ = false;
};

enum class RackMetric { it_power, die_max, coolant_return, utilization, headroom };

class FloorMapPanel final : public Panel {
 public:
  const char* title() const override { return "Floor map"; }
  void draw(const View& v, Actions& out) override;
  RackMetric metric = RackMetric::it_power;
  int selected_rack = -1;
  /// The metric's value of rack r, its unit and label.
  static float value(const Snapshot& s, std::size_t r, RackMetric m);
  static const char* unit(RackMetric m);
  static const char* label(RackMetric m);
  /// Blue (cold / low) to red (hot / high) for t in [0, 1].
  static unsigned int color(float t);
};

class KpiPanel final : public Panel {
 public:
  /// A row of the table: a summary key (the run so far) or, with `tick`, this tick's value.
  struct Row {
    const char* label;
    const char* fmt;
    const char* key;                     ///< summary key, or null for a tick value
    double (*tick)(const Snapshot&);     ///< this tick's value, or null
    const char* needs;                   ///< summary key that must be non-zero, or null
  };
  static const std::vector<Row>& rows();
  /// What the table shows for `row`; empty when there is nothing to show ("-").
  static std::optional<double> value(const Snapshot& s, const Row& row);

  const char* title() const override { return "KPIs"; }
  void draw(const View& v, Actions& out) override;
};

class PlotsPanel final : public Panel {
 public:
  const char* title() const override { return "Time series"; }
  void draw(const View& v, Actions& out) override;
};

}  // namespace aifsim::gui
