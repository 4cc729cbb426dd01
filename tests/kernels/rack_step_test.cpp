// SPDX-License-Identifier: Apache-2.0
// rack_step against host loops: rack power and the PSU curve it applies, and the rack coolant
// loop (steady state, time constant, stopped pump, energy conservation, air-cooled racks).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "kernels/fleet_kernels.h"
#include "kernels/power_math.h"
#include "tests/kernels/kernel_test_fleet.h"

namespace aifsim::kernels {
namespace {

EfficiencyCurve three_point_curve() {
  EfficiencyCurve c;
  c.points = 3;
  c.load_frac[0] = 0.2f;
  c.load_frac[1] = 0.5f;
  c.load_frac[2] = 1.0f;
  c.efficiency[0] = 0.90f;
  c.efficiency[1] = 0.96f;
  c.efficiency[2] = 0.92f;
  return c;
}

// One rack (or several) in host memory with a single rack type, on 30 C supply at 1 kg/s, the
// loop starting at the supply temperature.
struct HostRacks {
  std::vector<std::int64_t> gpu_power_uw;
  std::vector<std::int32_t> rack_first_gpu;  // one GPU per rack
  std::vector<std::int32_t> rack_type;
  std::vector<std::int64_t> rack_activity_micro;
  std::vector<RackTypeParams> types;
  std::vector<float> supply_c;
  std::vector<float> flow_kg_s;
  float dt_s = 1.0f;
  std::vector<float> loop_c;
  std::vector<float> coolant_c;
  std::vector<std::int8_t> tripped;
  std::vector<float> return_c;
  std::vector<std::int64_t> dc_uw;
  std::vector<std::int64_t> input_uw;
  std::vector<std::int64_t> liquid_uw;
  std::vector<std::int64_t> air_uw;

  HostRacks(std::vector<std::int64_t> gpu_uw, float utilization, RackTypeParams type)
      : gpu_power_uw(std::move(gpu_uw)),
        rack_first_gpu(gpu_power_uw.size() + 1),
        rack_type(gpu_power_uw.size(), 0),
        rack_activity_micro(gpu_power_uw.size(), std::llround(utilization * 1e6)),
        types{type},
        supply_c(gpu_power_uw.size(), 30.0f),
        flow_kg_s(gpu_power_uw.size(), 1.0f),
        loop_c(gpu_power_uw.size(), 30.0f),
        coolant_c(gpu_power_uw.size(), -1.0f),
        tripped(gpu_power_uw.size(), 0),
        return_c(gpu_power_uw.size(), -1.0f),
        dc_uw(gpu_power_uw.size(), -1),
        input_uw(gpu_power_uw.size(), -1),
        liquid_uw(gpu_power_uw.size(), -1),
        air_uw(gpu_power_uw.size(), -1) {
    for (std::size_t i = 0; i < rack_first_gpu.size(); ++i) rack_first_gpu[i] = static_cast<std::int32_t>(i);
  }

  RackStepArgs args() {
    RackStepArgs a;
    a.gpu_power_uw = gpu_power_uw;
    a.rack_first_gpu = rack_first_gpu;
    a.rack_type = rack_type;
    a.rack_activity_micro = rack_activity_micro;
    a.types = types;
    a.supply_c = supply_c;
    a.flow_kg_s = flow_kg_s;
    a.dt_s = dt_s;
    a.loop_c = loop_c;
    a.coolant_c_out = coolant_c;
    a.return_c_out = return_c;
    a.dc_power_uw_out = dc_uw;
    a.input_power_uw_out = input_uw;
    a.liquid_heat_uw_out = liquid_uw;
    a.air_heat_uw_out = air_uw;
    a.tripped = tripped;
    return a;
  }
  void run() { rack_step(Backend::cpu, args()); }
};

RackTypeParams lossless_type() {
  RackTypeParams t;
  t.cpu_idle_w = 1000.0f;
  t.cpu_max_w = 3000.0f;
  t.static_w = 500.0f;
  t.psu_capacity_w = 100000.0f;
  return t;  // psu.points == 0: lossless; liquid_fraction == 0: air-cooled
}

// A lossless liquid-cooled rack whose DC power is its GPU power; 80 % of it goes to the loop.
RackTypeParams liquid_type() {
  RackTypeParams t;
  t.psu_capacity_w = 200000.0f;
  t.liquid_fraction = 0.8f;
  t.loop_heat_capacity_j_per_k = 3.0e5f;
  t.coolant_cp_j_per_kg_k = 4180.0f;
  return t;
}

TEST(rack_step_test, matches_host_loop_reference_over_consecutive_ticks) {
  const test::HostFleet f = test::make_fleet(400, 72, 31337);
  const std::vector<test::TickResult> got = test::run_ticks(Backend::cpu, f, 6);
  // Fed the kernel's own GPU roll-up, the reference rack step must agree bit for bit.
  test::FleetState s = f.initial;
  for (std::size_t t = 0; t < got.size(); ++t) {
    SCOPED_TRACE(testing::Message() << "tick " << t);
    test::TickResult want;
    want.rack_activity_micro = got[t].rack_activity_micro;
    test::reference_rack_step(f, got[t].rack_gpu_uw, s, want);
    EXPECT_EQ(got[t].rack_dc_uw, want.rack_dc_uw);
    EXPECT_EQ(got[t].rack_input_uw, want.rack_input_uw);
    EXPECT_EQ(got[t].rack_liquid_uw, want.rack_liquid_uw);
    EXPECT_EQ(got[t].rack_air_uw, want.rack_air_uw);
    EXPECT_TRUE(test::same_bits(got[t].rack_return_c, want.rack_return_c));
    EXPECT_TRUE(test::same_bits(got[t].state.loop_c, s.loop_c));
    EXPECT_TRUE(test::same_bits(got[t].state.coolant_c, s.coolant_c));
  }
}

TEST(rack_step_test, input_is_at_least_dc) {
  const test::HostFleet f = test::make_fleet(400, 72, 8);
  const test::TickResult got = test::run_ticks(Backend::cpu, f, 1)[0];
  for (std::size_t r = 0; r < f.racks(); ++r) {
    ASSERT_GE(got.rack_input_uw[r], got.rack_dc_uw[r]) << "rack " << r;
    // Every curve in the fleet is below 0.97, so there is a real loss.
    ASSERT_GT(got.rack_input_uw[r], got.rack_dc_uw[r]) << "rack " << r;
  }
}

TEST(rack_step_test, heat_splits_input_power_between_loop_and_air) {
  const test::HostFleet f = test::make_fleet(400, 72, 8);
  const test::TickResult got = test::run_ticks(Backend::cpu, f, 1)[0];
  for (std::size_t r = 0; r < f.racks(); ++r) {
    const RackTypeParams& t = f.rack_types[static_cast<std::size_t>(f.rack_type[r])];
    // The loop receives liquid_fraction x DC, the air the rest of the input (PSU losses too).
    const double liquid_uw = static_cast<double>(t.liquid_fraction) *
                             static_cast<double>(got.rack_dc_uw[r]);
    ASSERT_NEAR(static_cast<double>(got.rack_input_uw[r] - got.rack_air_uw[r]), liquid_uw, 1.5)
        << "rack " << r;
  }
}

TEST(rack_step_test, dc_power_adds_cpu_and_static_draw) {
  HostRacks racks({10'000'000'000, 0}, 0.25f, lossless_type());
  racks.run();
  // GPUs 10 kW + CPUs 1000 + 2000 * 0.25 W + static 500 W.
  EXPECT_EQ(racks.dc_uw[0], 12'000'000'000);
  EXPECT_EQ(racks.dc_uw[1], 2'000'000'000);
}

TEST(rack_step_test, cpu_utilization_is_clamped) {
  HostRacks low({0}, -0.5f, lossless_type());
  low.run();
  EXPECT_EQ(low.dc_uw[0], 1'500'000'000);
  HostRacks high({0}, 1.5f, lossless_type());
  high.run();
  EXPECT_EQ(high.dc_uw[0], 3'500'000'000);
}

TEST(rack_step_test, empty_curve_is_lossless) {
  HostRacks racks({50'000'000'000, 123'456'789}, 0.5f, lossless_type());
  racks.run();
  EXPECT_EQ(racks.input_uw, racks.dc_uw);
}

TEST(rack_step_test, input_divides_by_curve_efficiency) {
  RackTypeParams t = lossless_type();
  t.cpu_idle_w = 0.0f;
  t.cpu_max_w = 0.0f;
  t.static_w = 0.0f;
  t.psu = three_point_curve();
  // 50 kW on a 100 kW shelf: load fraction 0.5, exactly on the 0.96 point.
  HostRacks racks({50'000'000'000}, 0.0f, t);
  racks.run();
  EXPECT_EQ(racks.dc_uw[0], 50'000'000'000);
  EXPECT_NEAR(static_cast<double>(racks.input_uw[0]), 50.0e9 / 0.96, 50.0e9 * 1e-6);
}

TEST(rack_step_test, zero_psu_capacity_uses_first_point) {
  RackTypeParams t = lossless_type();
  t.psu = three_point_curve();
  t.psu_capacity_w = 0.0f;
  HostRacks racks({1'000'000'000}, 0.0f, t);
  racks.run();
  EXPECT_NEAR(static_cast<double>(racks.input_uw[0]),
              static_cast<double>(racks.dc_uw[0]) / 0.90, 1e3);
}

TEST(rack_step_test, racks_read_their_own_type_and_activity) {
  RackTypeParams small = lossless_type();
  RackTypeParams big = lossless_type();
  big.static_w = 9500.0f;
  HostRacks racks({0, 0}, 0.0f, small);
  racks.types = {small, big};
  racks.rack_type = {1, 0};
  racks.rack_activity_micro = {0, 1'000'000};
  racks.run();
  EXPECT_EQ(racks.dc_uw[0], 10'500'000'000);  // big type, idle CPUs
  EXPECT_EQ(racks.dc_uw[1], 3'500'000'000);   // small type, busy CPUs
}

TEST(rack_step_test, loop_reaches_analytic_steady_state) {
  // Q = 0.8 x 100 kW = 80 kW into the loop; m c_p = 1.6 x 4180 = 6688 W/K.
  HostRacks racks({100'000'000'000}, 0.0f, liquid_type());
  racks.flow_kg_s = {1.6f};
  for (int tick = 0; tick < 1000; ++tick) racks.run();  // tau = C / (2 m c_p) = 22.4 s
  // Mean -> supply + Q / (2 m c_p) = 30 + 5.980861 = 35.980861 C;
  // return -> supply + Q / (m c_p) = 41.961722 C.
  EXPECT_NEAR(racks.loop_c[0], 35.980861f, 1e-4f);
  EXPECT_EQ(racks.coolant_c[0], racks.loop_c[0]);  // the GPUs see the loop mean
  EXPECT_NEAR(racks.return_c[0], 41.961722f, 2e-4f);
  // All 80 kW reach the CDU; the loop's float state moves by at most one ulp (3.8e-6 K, or
  // 1.1 J at C = 3e5 J/K) per tick once settled.
  EXPECT_NEAR(static_cast<double>(racks.liquid_uw[0]), 80.0e9, 1.2e6);
  // The other 20 % (lossless PSU): 0.8f is 0.800000011920929, so 19,999.998808 W.
  EXPECT_EQ(racks.air_uw[0], 19'999'998'808);

  // One step far longer than tau lands on the same steady state.
  HostRacks once({100'000'000'000}, 0.0f, liquid_type());
  once.flow_kg_s = {1.6f};
  once.dt_s = 1.0e5f;
  once.run();
  EXPECT_NEAR(once.loop_c[0], 35.980861f, 1e-4f);
  EXPECT_NEAR(once.return_c[0], 41.961722f, 2e-4f);
}

TEST(rack_step_test, loop_gap_shrinks_by_1_over_e_per_time_constant) {
  HostRacks racks({100'000'000'000}, 0.0f, liquid_type());
  racks.flow_kg_s = {1.6f};
  racks.dt_s = 3.0e5f / 13376.0f;  // tau = C / (2 m c_p) = 22.428 s
  racks.run();
  // From 30 C toward 35.980861 C: the gap of 5.980861 K shrinks to 5.980861 / e.
  const double steady_c = 30.0 + 80000.0 / 13376.0;
  EXPECT_NEAR((steady_c - racks.loop_c[0]) / (steady_c - 30.0), std::exp(-1.0), 1e-5);
}

TEST(rack_step_test, stopped_flow_heats_the_loop_at_q_over_c_and_hands_nothing_to_the_cdu) {
  // Values exact in float: Q = 0.5 x 100 kW = 50 kW, C = 2e5 J/K: +0.25 K per 1 s tick.
  RackTypeParams t = liquid_type();
  t.liquid_fraction = 0.5f;
  t.loop_heat_capacity_j_per_k = 2.0e5f;
  HostRacks racks({100'000'000'000}, 0.0f, t);
  racks.flow_kg_s = {0.0f};
  racks.loop_c = {40.0f};
  for (int tick = 1; tick <= 8; ++tick) {
    racks.run();
    EXPECT_EQ(racks.loop_c[0], 40.0f + 0.25f * static_cast<float>(tick)) << "tick " << tick;
    EXPECT_EQ(racks.coolant_c[0], racks.loop_c[0]);
    EXPECT_EQ(racks.return_c[0], racks.loop_c[0]);  // no return stream: the stagnant loop
    EXPECT_EQ(racks.liquid_uw[0], 0) << "tick " << tick;
    EXPECT_EQ(racks.air_uw[0], 50'000'000'000);  // the air still gets its half
  }
  // A 4 s tick: +1 K at once, still nothing handed over.
  racks.dt_s = 4.0f;
  racks.run();
  EXPECT_EQ(racks.loop_c[0], 43.0f);
  EXPECT_EQ(racks.liquid_uw[0], 0);
}

TEST(rack_step_test, stopped_flow_hands_over_only_float_rounding) {
  // Realistic values: Q = 0.85 x 87.3 kW, C = 3e5 J/K. The loop's float state cannot hold
  // T + Q dt / C exactly; what it cannot store (< C x ulp / 2 per tick, 0.6 W at 40 C) is
  // reported as handed over, so that energy is still conserved.
  RackTypeParams t = liquid_type();
  t.liquid_fraction = 0.85f;
  HostRacks racks({87'300'000'000}, 0.0f, t);
  racks.flow_kg_s = {0.0f};
  racks.loop_c = {40.0f};
  const double rise_c = 0.85 * 87300.0 / 3.0e5;  // per tick: 0.24735 K
  for (int tick = 1; tick <= 20; ++tick) {
    const float before_c = racks.loop_c[0];
    racks.run();
    EXPECT_NEAR(racks.loop_c[0] - before_c, rise_c, 1e-5) << "tick " << tick;
    EXPECT_LE(std::abs(racks.liquid_uw[0]), 600'000) << "tick " << tick;
  }
}

TEST(rack_step_test, energy_is_conserved_over_ticks) {
  // Sum over ticks of (heat to the CDU) + heat stored in the loop = heat the loop received,
  // to the micro-watt rounding of each tick, while power, supply and flow change every tick
  // and pumps stop and restart.
  const std::vector<RackTypeParams> types = test::make_rack_types();
  constexpr int kTicks = 300;
  constexpr float kDt = 2.0f;
  std::mt19937_64 rng(55);
  std::uniform_real_distribution<float> unit(0.0f, 1.0f);
  for (const std::int32_t type : {0, 2}) {  // the two liquid-cooled types
    HostRacks racks({0, 0, 0, 0}, 0.6f, types[static_cast<std::size_t>(type)]);
    racks.dt_s = kDt;
    racks.loop_c = {35.0f, 40.0f, 45.0f, 50.0f};
    const std::vector<float> start_c = racks.loop_c;
    std::vector<std::int64_t> handed_uj(4, 0);
    std::vector<double> received_uj(4, 0.0);
    const double fraction = types[static_cast<std::size_t>(type)].liquid_fraction;
    for (int tick = 0; tick < kTicks; ++tick) {
      for (std::size_t r = 0; r < 4; ++r) {
        racks.gpu_power_uw[r] = static_cast<std::int64_t>(2.0e10 + 9.0e10 * unit(rng));
        racks.supply_c[r] = 25.0f + 20.0f * unit(rng);
        racks.flow_kg_s[r] = unit(rng) < 0.2f ? 0.0f : 2.0f * unit(rng);
      }
      racks.run();
      for (std::size_t r = 0; r < 4; ++r) {
        handed_uj[r] += racks.liquid_uw[r] * static_cast<std::int64_t>(kDt);
        received_uj[r] += fraction * static_cast<double>(racks.dc_uw[r]) * kDt;
      }
    }
    const double c_j_per_k = types[static_cast<std::size_t>(type)].loop_heat_capacity_j_per_k;
    for (std::size_t r = 0; r < 4; ++r) {
      const double stored_uj =
          c_j_per_k * (static_cast<double>(racks.loop_c[r]) - start_c[r]) * 1.0e6;
      // Per tick: 0.5 uW from rounding the handed heat, 0.5 uW x fraction from rounding the DC
      // power the received heat is recomputed from; times dt.
      EXPECT_NEAR(static_cast<double>(handed_uj[r]) + stored_uj, received_uj[r],
                  kTicks * kDt * 1.0)
          << "type " << type << " rack " << r;
    }
  }
}

TEST(rack_step_test, air_racks_keep_gpus_at_supply_and_heat_the_air) {
  RackTypeParams t = lossless_type();
  t.psu = three_point_curve();
  t.loop_heat_capacity_j_per_k = 1.0e5f;  // ignored without a liquid share
  HostRacks racks({60'000'000'000, 60'000'000'000}, 0.5f, t);
  racks.supply_c = {22.0f, 35.5f};
  racks.flow_kg_s = {0.0f, 3.0f};  // ignored too
  racks.loop_c = {50.0f, 10.0f};   // whatever was there
  for (int tick = 0; tick < 3; ++tick) {
    racks.run();
    EXPECT_EQ(racks.loop_c, racks.supply_c);
    EXPECT_EQ(racks.coolant_c, racks.supply_c);
    EXPECT_EQ(racks.return_c, racks.supply_c);
    EXPECT_EQ(racks.liquid_uw, (std::vector<std::int64_t>{0, 0}));
    EXPECT_EQ(racks.air_uw, racks.input_uw);  // all input power, PSU losses included
    EXPECT_GT(racks.input_uw[0], racks.dc_uw[0]);
  }
}

TEST(rack_step_test, racks_read_their_own_supply_and_flow) {
  // Three racks after one long step (steady state): mean = supply + Q / (2 m c_p).
  HostRacks racks({100'000'000'000, 100'000'000'000, 50'000'000'000}, 0.0f, liquid_type());
  racks.supply_c = {30.0f, 40.0f, 30.0f};
  racks.flow_kg_s = {1.6f, 0.8f, 1.6f};
  racks.dt_s = 1.0e5f;
  racks.run();
  EXPECT_NEAR(racks.loop_c[0], 35.980861f, 1e-4f);  // 30 + 80000 / 13376
  EXPECT_NEAR(racks.loop_c[1], 51.961722f, 1e-4f);  // 40 + 80000 / 6688
  EXPECT_NEAR(racks.loop_c[2], 32.990431f, 1e-4f);  // 30 + 40000 / 13376
}

TEST(rack_step_test, efficiency_at_curve_points) {
  const EfficiencyCurve c = three_point_curve();
  for (int i = 0; i < c.points; ++i) {
    EXPECT_EQ(efficiency_at(c, c.load_frac[i]), c.efficiency[i]) << "point " << i;
  }
}

TEST(rack_step_test, efficiency_at_interpolates_between_points) {
  const EfficiencyCurve c = three_point_curve();
  EXPECT_NEAR(efficiency_at(c, 0.35f), 0.93f, 1e-6f);   // halfway 0.2 -> 0.5
  EXPECT_NEAR(efficiency_at(c, 0.75f), 0.94f, 1e-6f);   // halfway 0.5 -> 1.0
  EXPECT_NEAR(efficiency_at(c, 0.275f), 0.915f, 1e-6f);  // a quarter of 0.2 -> 0.5
}

TEST(rack_step_test, efficiency_at_is_flat_beyond_the_ends) {
  const EfficiencyCurve c = three_point_curve();
  EXPECT_EQ(efficiency_at(c, 0.0f), 0.90f);
  EXPECT_EQ(efficiency_at(c, -1.0f), 0.90f);
  EXPECT_EQ(efficiency_at(c, 0.1999f), 0.90f);
  EXPECT_EQ(efficiency_at(c, 1.0001f), 0.92f);
  EXPECT_EQ(efficiency_at(c, 5.0f), 0.92f);
}

TEST(rack_step_test, efficiency_at_empty_curve_is_one) {
  const EfficiencyCurve c;
  EXPECT_EQ(efficiency_at(c, 0.0f), 1.0f);
  EXPECT_EQ(efficiency_at(c, 0.7f), 1.0f);
  EXPECT_EQ(efficiency_at(c, 3.0f), 1.0f);
}

TEST(rack_step_test, empty_racks_are_a_no_op) {
  HostRacks racks({}, 0.5f, lossless_type());
  racks.types.clear();
  EXPECT_NO_THROW(racks.run());
}

TEST(rack_step_test, size_mismatches_throw) {
  const auto expect_throw = [](auto mutate, const char* what) {
    HostRacks racks({1, 2, 3}, 0.5f, liquid_type());
    mutate(racks);
    EXPECT_THROW(racks.run(), std::invalid_argument) << what;
  };
  expect_throw([](HostRacks& r) { r.rack_first_gpu.pop_back(); }, "rack_first_gpu");
  expect_throw([](HostRacks& r) { r.rack_activity_micro.pop_back(); }, "rack_activity_micro");
  expect_throw([](HostRacks& r) { r.rack_type.push_back(0); }, "rack_type");
  expect_throw([](HostRacks& r) { r.supply_c.pop_back(); }, "supply_c");
  expect_throw([](HostRacks& r) { r.flow_kg_s.push_back(1.0f); }, "flow_kg_s");
  expect_throw([](HostRacks& r) { r.loop_c.pop_back(); }, "loop_c");
  expect_throw([](HostRacks& r) { r.coolant_c.pop_back(); }, "coolant_c_out");
  expect_throw([](HostRacks& r) { r.return_c.push_back(0.0f); }, "return_c_out");
  expect_throw([](HostRacks& r) { r.dc_uw.pop_back(); }, "dc_power_uw_out");
  expect_throw([](HostRacks& r) { r.input_uw.pop_back(); }, "input_power_uw_out");
  expect_throw([](HostRacks& r) { r.liquid_uw.pop_back(); }, "liquid_heat_uw_out");
  expect_throw([](HostRacks& r) { r.air_uw.push_back(0); }, "air_heat_uw_out");
  expect_throw([](HostRacks& r) { r.types.clear(); }, "no types");
  expect_throw([](HostRacks& r) { r.dt_s = 0.0f; }, "dt_s 0");
  expect_throw([](HostRacks& r) { r.dt_s = std::numeric_limits<float>::quiet_NaN(); }, "dt_s NaN");
}

TEST(rack_step_test, size_mismatch_leaves_state_untouched) {
  HostRacks racks({1, 2, 3}, 0.5f, liquid_type());
  racks.air_uw.pop_back();
  EXPECT_THROW(racks.run(), std::invalid_argument);
  EXPECT_EQ(racks.loop_c, std::vector<float>(3, 30.0f));
  EXPECT_EQ(racks.coolant_c, std::vector<float>(3, -1.0f));
}

TEST(rack_step_test, size_mismatch_message_names_the_span) {
  HostRacks racks({1, 2, 3}, 0.5f, liquid_type());
  racks.supply_c.pop_back();
  try {
    racks.run();
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "rack_step: supply_c has 2 elements but gpu_power_uw has 3");
  }
}

}  // namespace
}  // namespace aifsim::kernels

namespace aifsim::kernels {
namespace {

TEST(rack_step_test, protection_powers_off_an_overheated_rack_until_flow_cools_it) {
  RackTypeParams t;
  t.static_w = 50000.0f;                 // 50 kW, all of it into the loop
  t.liquid_fraction = 1.0f;
  t.loop_heat_capacity_j_per_k = 1.0e5f;  // 0.5 K/s with no flow
  t.coolant_cp_j_per_kg_k = 4000.0f;
  t.loop_trip_c = 40.0f;
  t.loop_resume_c = 32.0f;
  HostRacks r({0}, 0.0f, t);
  r.flow_kg_s = {0.0f};
  int ticks = 0;
  while (r.tripped[0] == 0 && ticks < 100) {
    r.run();
    ++ticks;
  }
  // From 30 C at 0.5 K/s the loop reaches 40 C after 20 one-second ticks.
  EXPECT_EQ(ticks, 20);
  EXPECT_EQ(r.dc_uw[0], to_uw(50000.0));  // the tick that tripped still ran
  r.run();                                // now powered off: no power, no heat
  EXPECT_EQ(r.dc_uw[0], 0);
  EXPECT_EQ(r.input_uw[0], 0);
  EXPECT_EQ(r.air_uw[0], 0);
  EXPECT_EQ(r.tripped[0], 1) << "without flow it cannot cool down, so it stays off";
  r.flow_kg_s = {2.0f};  // pumps back: 2 m c_p = 16 kW/K toward the 30 C supply
  for (int i = 0; i < 60 && r.tripped[0] != 0; ++i) r.run();
  EXPECT_EQ(r.tripped[0], 0);
  EXPECT_LT(r.loop_c[0], 32.0f);
}

}  // namespace
}  // namespace aifsim::kernels
