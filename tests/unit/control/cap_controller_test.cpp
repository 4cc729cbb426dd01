// SPDX-License-Identifier: Apache-2.0
// The cap controller against a simple plant: settling after the loop delay, bounded overshoot,
// priorities (lowest cut first, given back last), the emergency brake and rack caps.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "sim/control/cap_controller.h"

namespace aifsim::control {
namespace {

// A site of GPUs wanting `demand_w` each (per class), drawing min(demand, limit); the meter
// sees 1.25 x the GPU draw (CPUs, losses, cooling) plus a constant.
struct Plant {
  std::vector<float> demand_w;
  double fixed_w = 50e3;
  double meter_w(std::span<const float> limits, std::vector<float>& draw) const {
    double sum = 0;
    for (std::size_t i = 0; i < demand_w.size(); ++i) {
      draw[i] = std::min(demand_w[i], limits[i]);
      sum += draw[i];
    }
    return 1.25 * sum + fixed_w;
  }
};

CapGpus gpus(int low, int high, int racks = 1) {
  CapGpus g;
  g.class_priority = {0, 1};
  for (int i = 0; i < low + high; ++i) {
    g.cls.push_back(i < low ? 0 : 1);
    g.static_limit_w.push_back(1000.0f);
    g.min_limit_w.push_back(200.0f);
    g.rack.push_back(i % racks);
  }
  g.racks = racks;
  return g;
}

struct Trace {
  std::vector<double> meter_w;
  std::vector<CapAction> actions;
};

// Runs `seconds` ticks of 1 s from `start` (s) with the cap `target_w(t)`.
template <class Target>
Trace run(CapController& c, const Plant& plant, int seconds, Target target_w, int start = 0) {
  Trace tr;
  std::vector<float> draw(plant.demand_w.size());
  for (int t = start; t < start + seconds; ++t) {
    const double meter = plant.meter_w(c.limits(), draw);
    tr.meter_w.push_back(meter);
    c.step(t, 1.0, meter, target_w(t), draw, {}, tr.actions);
  }
  return tr;
}

CapParams params() {
  CapParams p;
  p.period_s = 5;
  p.delay_s = 40;
  p.hysteresis_w = 5e3;
  return p;
}

TEST(cap_controller_test, holds_site_below_cap_after_the_control_delay) {
  Plant plant{std::vector<float>(1000, 900.0f)};  // 1,175 kW uncapped
  CapParams p = params();
  p.hard_limit_w = 2e6;  // the slow loop alone, no emergency brake
  CapController c(p, gpus(500, 500));
  const double cap = 1000e3;
  const Trace tr = run(c, plant, 600, [&](int) { return cap; });
  // Settling: from the first look at a delayed sample (t >= 40 s) the loop acts once, then
  // waits out the delay; the site is under the cap by delay + 2 periods.
  int settled = -1;
  for (int t = 0; t < 600; ++t)
    if (tr.meter_w[static_cast<std::size_t>(t)] > cap) settled = t + 1;
  EXPECT_LE(settled, 40 + 2 * 5 + 1);
  EXPECT_GT(settled, 39);  // it cannot act before it sees the first delayed sample
  // No excursion above the uncapped draw, and none at all once settled.
  for (std::size_t t = 0; t < tr.meter_w.size(); ++t) EXPECT_LE(tr.meter_w[t], 1175e3 + 1) << t;
  EXPECT_EQ(c.violation_s(), 0.0);
  // Not needlessly deep: within two dead bands under the cap.
  EXPECT_GT(tr.meter_w.back(), cap - 2 * params().hysteresis_w);
}

TEST(cap_controller_test, cuts_lowest_priority_first_and_gives_back_highest_first) {
  Plant plant{std::vector<float>(1000, 900.0f)};
  CapController c(params(), gpus(500, 500));
  // A small cut fits in priority 0's range: priority 1 is untouched.
  run(c, plant, 300, [](int) { return 1100e3; });
  EXPECT_LT(c.class_level()[0], 1.0);
  EXPECT_EQ(c.class_level()[1], 1.0);
  // A deep cut takes all of priority 0 before priority 1 gives anything.
  CapController deep(params(), gpus(500, 500));
  run(deep, plant, 600, [](int) { return 600e3; });
  EXPECT_EQ(deep.class_level()[0], 0.0);
  EXPECT_LT(deep.class_level()[1], 1.0);
  // Lifting the cap back to 1,120 kW returns priority 1's power before priority 0's.
  const Trace up = run(deep, plant, 600, [](int) { return 1120e3; }, 600);
  EXPECT_EQ(deep.class_level()[1], 1.0);
  EXPECT_LT(deep.class_level()[0], 1.0);
  EXPECT_LE(up.meter_w.back(), 1120e3);
  bool raised = false;
  for (const auto& a : up.actions) raised = raised || a.kind == metrics::EventKind::cap_raise;
  EXPECT_TRUE(raised);
}

TEST(cap_controller_test, tighter_cap_never_draws_more) {
  Plant plant{std::vector<float>(1000, 900.0f)};
  double last = 1e18;
  for (double cap : {1150e3, 1050e3, 950e3, 850e3, 750e3}) {
    CapController c(params(), gpus(300, 700));
    const Trace tr = run(c, plant, 400, [&](int) { return cap; });
    EXPECT_LE(tr.meter_w.back(), last);
    EXPECT_LE(tr.meter_w.back(), cap);
    last = tr.meter_w.back();
  }
}

TEST(cap_controller_test, emergency_brake_acts_within_its_delay) {
  Plant plant{std::vector<float>(1000, 900.0f)};
  CapParams p = params();
  p.brake_delay_s = 2;
  CapController c(p, gpus(500, 500));
  // 1,175 kW is above the hard limit 1.05 x 1,000 kW from the first tick.
  const Trace tr = run(c, plant, 5, [](int) { return 1000e3; });
  ASSERT_FALSE(tr.actions.empty());
  EXPECT_EQ(tr.actions.front().kind, metrics::EventKind::cap_brake);
  EXPECT_LE(tr.actions.front().time_s, 3.0);
  EXPECT_EQ(c.class_level()[0], 0.0);
  EXPECT_EQ(c.class_level()[1], 1.0);  // the top priority is not braked
}

TEST(cap_controller_test, no_cap_restores_every_limit) {
  Plant plant{std::vector<float>(100, 900.0f)};
  CapController c(params(), gpus(50, 50));
  run(c, plant, 200, [](int) { return 80e3; });
  EXPECT_LT(c.class_level()[0], 1.0);
  run(c, plant, 100, [](int) { return 0.0; }, 200);
  EXPECT_EQ(c.class_level()[0], 1.0);
  EXPECT_EQ(c.class_level()[1], 1.0);
  for (float l : c.limits()) EXPECT_EQ(l, 1000.0f);
}

TEST(cap_controller_test, row_cap_scales_only_the_row_above_it) {
  CapParams p = params();
  p.row_cap_w = 50e3;
  CapGpus g = gpus(0, 80, 4);  // racks 0-3; rows: {0, 1} and {2, 3}
  g.rack_row = {0, 0, 1, 1};
  g.rows = 2;
  CapController c(p, g);
  std::vector<float> draw(80, 900.0f);
  std::vector<CapAction> actions;
  const std::vector<double> rack_it{30e3, 30e3, 20e3, 20e3};  // row 0: 60 kW over its 50 kW
  for (int t = 0; t < 10; ++t) c.step(t, 1.0, 100e3, 0.0, draw, rack_it, actions);
  ASSERT_FALSE(actions.empty());
  EXPECT_EQ(actions.front().kind, metrics::EventKind::row_cap);
  EXPECT_LT(c.limits()[0], 1000.0f);  // rack 0, row 0
  EXPECT_LT(c.limits()[1], 1000.0f);  // rack 1, row 0
  EXPECT_EQ(c.limits()[2], 1000.0f);  // rack 2, row 1
}

TEST(cap_controller_test, rack_cap_scales_only_the_rack_above_it) {
  CapParams p = params();
  p.rack_cap_w = 30e3;
  CapController c(p, gpus(0, 80, 2));  // GPUs alternate between racks 0 and 1
  std::vector<float> draw(80, 900.0f);
  std::vector<CapAction> actions;
  const std::vector<double> rack_it{40e3, 20e3};  // rack 0 over its cap
  for (int t = 0; t < 10; ++t) c.step(t, 1.0, 100e3, 0.0, draw, rack_it, actions);
  ASSERT_FALSE(actions.empty());
  EXPECT_EQ(actions.front().kind, metrics::EventKind::rack_cap);
  EXPECT_EQ(actions.front().rack, 0);
  EXPECT_LT(c.limits()[0], 1000.0f);   // rack 0
  EXPECT_EQ(c.limits()[1], 1000.0f);   // rack 1
}

}  // namespace
}  // namespace aifsim::control
