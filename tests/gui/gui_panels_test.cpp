// SPDX-License-Identifier: Apache-2.0
// The front end's logic without a window: panels driven through a bare ImGui context for many
// frames, with scripted knob changes, and the commands that reach the simulation.
#include <gtest/gtest.h>
#include <imgui.h>

#include "gui/app.h"
#include "gui/plot.h"

namespace aifsim::gui {
namespace {

// A bare ImGui context (no backend): the font atlas must be built before the first frame.
struct Context {
  Context() {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1280, 800);
    io.DeltaTime = 1.0f / 60.0f;
    unsigned char* px = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&px, &w, &h);
  }
  ~Context() { ImGui::DestroyContext(); }
  Actions frame(App& app, const Snapshot* s) {
    ImGui::NewFrame();
    Actions a = app.frame(s ? std::make_shared<const Snapshot>(*s) : nullptr);
    ImGui::Render();
    return a;
  }
};

Snapshot four_racks(double t) {
  Snapshot s;
  s.now_s = t;
  s.duration_s = 3600;
  s.local_time = "2026-07-15T10:00:00+08:00";
  s.tick.facility_w = 1.2e6;
  s.tick.it_w = 1.0e6;
  auto layout = std::make_shared<run::FloorLayout>();
  layout->rows = 2;
  for (int r = 0; r < 4; ++r) {
    layout->racks.push_back({"r" + std::to_string(r), 0, r / 2, r % 2, r * 2, 2, 132.0, "chat"});
    s.rack_it_kw.push_back(50.0f + 20.0f * static_cast<float>(r));
    s.rack_die_max_c.push_back(60.0f);
    s.rack_return_c.push_back(40.0f);
    s.rack_utilization.push_back(0.5f);
    s.rack_headroom_kw.push_back(60.0f);
    s.rack_tripped.push_back(0);
    s.rack_supply_c.push_back(30.0f);
  }
  s.layout = std::move(layout);
  s.summary = {{"pue", 1.2}, {"requests_arrived", 100.0}, {"ttft_p99_s", 0.4}, {"jobs_submitted", 0.0},
               {"training_goodput", 0.0}};
  s.gpu_power_w.assign(8, 900.0f);
  s.gpu_die_c.assign(8, 60.0f);
  s.gpu_clock.assign(8, 1.0f);
  s.gpu_state.assign(8, 0);
  s.services = {"chat", "reasoning"};
  s.rate_multiplier = {1.0, 1.0};
  return s;
}

TEST(gui_panels_test, scripted_knobs_reach_the_simulation_once_per_change) {
  Context ctx;
  App app(1280, 800, true);
  std::vector<Command> commands;
  std::optional<bool> pause;
  for (int f = 0; f < 60; ++f) {
    const Snapshot s = four_racks(f);
    if (f == 10) app.controls().cap_mw = 12.5f;
    if (f == 20) app.controls().rate_multiplier.at(1) = 0.5f;
    if (f == 30) app.controls().paused = true;
    if (f == 40) app.controls().dry_bulb_offset_k = 3.0f;
    if (f == 50) app.controls().racks_in_service = 2;
    Actions a = ctx.frame(app, &s);
    commands.insert(commands.end(), a.commands.begin(), a.commands.end());
    if (a.pause) pause = a.pause;
    EXPECT_EQ(a.speed.has_value(), f == 0) << f;  // the initial speed is sent once
  }
  const std::vector<Command> want{run::command::SetCap{12.5}, run::command::SetArrivalMultiplier{1, 0.5},
                                  run::command::SetAmbientOffset{3.0}, run::command::SetRacksInService{2}};
  EXPECT_EQ(commands, want);
  ASSERT_TRUE(pause.has_value());
  EXPECT_TRUE(*pause);
  EXPECT_EQ(app.history().size(), 60u);
}

TEST(gui_panels_test, frames_draw_every_panel_with_and_without_data) {
  Context ctx;
  App app(1280, 800, true);
  ctx.frame(app, nullptr);  // before the first snapshot
  const Snapshot s = four_racks(5);
  ctx.frame(app, &s);
  const ImDrawData* dd = ImGui::GetDrawData();
  ASSERT_NE(dd, nullptr);
  EXPECT_TRUE(dd->Valid);
  EXPECT_GE(dd->CmdListsCount, 4);  // one per panel window
  EXPECT_GT(dd->TotalVtxCount, 2000);
}

TEST(gui_panels_test, pinned_baseline_is_compared_with_the_run) {
  Context ctx;
  App app(1280, 800, true);
  for (int f = 0; f < 5; ++f) {
    const Snapshot s = four_racks(f);
    ctx.frame(app, &s);
  }
  const int plain_vertices = ImGui::GetDrawData()->TotalVtxCount;
  app.pin_baseline();
  ASSERT_TRUE(app.has_baseline());
  Snapshot s = four_racks(6);
  s.tick.facility_w = 1.0e6;
  ctx.frame(app, &s);
  // The KPI table gains baseline and delta columns, the plots their baseline curves.
  EXPECT_GT(ImGui::GetDrawData()->TotalVtxCount, plain_vertices);
}

TEST(gui_panels_test, floor_map_colours_follow_the_metric) {
  const Snapshot s = four_racks(0);
  EXPECT_FLOAT_EQ(FloorMapPanel::value(s, 3, RackMetric::it_power), 110.0f);
  EXPECT_FLOAT_EQ(FloorMapPanel::value(s, 0, RackMetric::utilization), 50.0f);
  EXPECT_STREQ(FloorMapPanel::unit(RackMetric::die_max), "C");
  EXPECT_NE(FloorMapPanel::color(0.0f), FloorMapPanel::color(1.0f));
  const ImU32 cold = FloorMapPanel::color(0.0f), hot = FloorMapPanel::color(1.0f);
  EXPECT_GT((cold >> IM_COL32_B_SHIFT) & 0xff, (cold >> IM_COL32_R_SHIFT) & 0xff);  // blue end
  EXPECT_GT((hot >> IM_COL32_R_SHIFT) & 0xff, (hot >> IM_COL32_B_SHIFT) & 0xff);    // red end
}

TEST(gui_panels_test, history_stays_bounded_and_restarts_with_a_new_run) {
  History h;
  for (std::size_t i = 0; i <= History::kMaxPoints; ++i) h.add(four_racks(static_cast<double>(i)));
  EXPECT_LE(h.size(), History::kMaxPoints);
  EXPECT_EQ(h.t_s.size(), h.facility_mw.size());
  EXPECT_EQ(h.t_s.front(), 0.0f);
}

TEST(gui_panels_test, plot_ticks_are_round_numbers) {
  EXPECT_DOUBLE_EQ(nice_step(10.0, 5), 2.0);
  EXPECT_DOUBLE_EQ(nice_step(0.003, 3), 0.001);
  EXPECT_DOUBLE_EQ(nice_step(86400.0 / 3600.0, 6), 5.0);
}

}  // namespace
}  // namespace aifsim::gui
