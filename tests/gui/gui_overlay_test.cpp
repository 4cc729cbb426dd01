// SPDX-License-Identifier: Apache-2.0
// A what-if saved from the front end is a scenario the CLI loads with the knobs' values.
#include <gtest/gtest.h>

#include "gui/overlay.h"
#include "sim/scenario/load.h"
#include "tests/test_support.h"

namespace aifsim::gui {
namespace {

TEST(gui_overlay_test, saved_whatif_loads_with_the_knobs_values) {
  const auto base = test::source_dir() / "scenarios" / "taiwan-ai-factory.yaml";
  const scenario::LoadedScenario sc = scenario::load_scenario(base);
  Knobs k;
  k.cap_mw = 12.5;
  k.dry_bulb_offset_k = 2.0;
  k.supply_setpoint_c = 29.0;
  k.rate_multiplier = {0.5, 2.0};  // chat (diurnal), reasoning (poisson)
  test::ScratchDir dir;
  const auto path = dir.write("whatif.yaml", overlay_yaml(base, sc.spec, k));
  const scenario::LoadedScenario w = scenario::load_scenario(path);
  EXPECT_EQ(w.spec.name, "taiwan-ai-factory-whatif");
  EXPECT_DOUBLE_EQ(w.spec.control.power_cap.target_mw, 12.5);
  EXPECT_DOUBLE_EQ(w.spec.site.weather.dry_bulb_offset_k, 2.0);
  EXPECT_DOUBLE_EQ(w.spec.site.cooling.facility_water.supply_setpoint_c, 29.0);
  const auto& chat = w.spec.workloads.inference.find("chat")->arrivals;
  EXPECT_DOUBLE_EQ(chat.min_rate_per_s, 0.5 * sc.spec.workloads.inference.find("chat")->arrivals.min_rate_per_s);
  EXPECT_DOUBLE_EQ(chat.max_rate_per_s, 0.5 * sc.spec.workloads.inference.find("chat")->arrivals.max_rate_per_s);
  EXPECT_DOUBLE_EQ(w.spec.workloads.inference.find("reasoning")->arrivals.rate_per_s,
                   2.0 * sc.spec.workloads.inference.find("reasoning")->arrivals.rate_per_s);
  // Everything else is the base scenario's.
  EXPECT_EQ(w.spec.racks.find("gb300")->count, 96);
}

TEST(gui_overlay_test, untouched_knobs_write_only_the_extends) {
  const auto base = test::source_dir() / "scenarios" / "nano4-tainan.yaml";
  const scenario::LoadedScenario sc = scenario::load_scenario(base);
  Knobs k;
  k.rate_multiplier = {1.0, 1.0};
  const std::string y = overlay_yaml(base, sc.spec, k);
  EXPECT_EQ(y.find("control:"), std::string::npos);
  EXPECT_EQ(y.find("workloads:"), std::string::npos);
  EXPECT_NE(y.find("extends: "), std::string::npos);
}

}  // namespace
}  // namespace aifsim::gui
