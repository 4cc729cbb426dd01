// SPDX-License-Identifier: Apache-2.0
// gpu_step on the CPU backend against a host loop: power, clamps, jitter noise, the die's RC
// step and the thermal states (slowdown, hardware slowdown, shutdown, resume).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

#include "kernels/fleet_kernels.h"
#include "kernels/thermal_math.h"
#include "tests/kernels/kernel_test_fleet.h"

namespace aifsim::kernels {
namespace {

// Host-memory arguments for one gpu_step call (the CPU backend reads host memory).
struct HostStep {
  std::vector<std::int32_t> gpu_group, gpu_rack;
  std::vector<float> idle_w, max_w, limit_w, group_utilization, group_jitter;
  std::vector<std::uint64_t> group_epoch;
  std::vector<std::int32_t> rack_type;
  std::vector<ThermalParams> thermal;
  std::vector<float> rack_coolant_c;
  std::vector<std::int8_t> rack_tripped;  // sized to rack_type in args(); all racks powered
  std::vector<float> die_c, die_max_c;
  std::vector<std::int8_t> thermal_state, entered;
  std::vector<float> activity, power_w, speed, power_frac;
  std::vector<EfficiencyCurve> group_speed;  // sized to the groups in args(): speed = power fraction
  std::uint64_t seed = 42;
  std::uint64_t epoch = 0;             // every group's epoch
  std::ptrdiff_t epoch_size_delta = 0;  // group_epoch gets this many more entries than groups
  float dt_s = 1.0f;

  // `gpus` identical GPUs (idle 100 W, max 700 W, limit 700 W) in group 0 and rack 0, on
  // 30 C coolant with the default ThermalParams, dies at 40 C: far from any thermal limit.
  HostStep(std::size_t gpus, float utilization, float jitter)
      : gpu_group(gpus, 0),
        gpu_rack(gpus, 0),
        idle_w(gpus, 100.0f),
        max_w(gpus, 700.0f),
        limit_w(gpus, 700.0f),
        group_utilization{utilization},
        group_jitter{jitter},
        rack_type{0},
        thermal{ThermalParams{}},
        rack_coolant_c{30.0f},
        die_c(gpus, 40.0f),
        die_max_c(gpus, 40.0f),
        thermal_state(gpus, kThermalNormal),
        entered(gpus, -1),
        activity(gpus, -1.0f),
        power_w(gpus, -1.0f) {}

  GpuStepArgs args() {
    group_epoch.assign(
        static_cast<std::size_t>(static_cast<std::ptrdiff_t>(group_utilization.size()) +
                                 epoch_size_delta),
        epoch);
    GpuStepArgs a;
    a.gpu_group = gpu_group;
    a.gpu_rack = gpu_rack;
    a.idle_w = idle_w;
    a.max_w = max_w;
    a.limit_w = limit_w;
    a.group_utilization = group_utilization;
    a.group_jitter = group_jitter;
    a.group_epoch = group_epoch;
    a.rack_type = rack_type;
    a.thermal = thermal;
    a.rack_coolant_c = rack_coolant_c;
    if (rack_tripped.size() != rack_type.size()) rack_tripped.assign(rack_type.size(), 0);
    a.rack_tripped = rack_tripped;
    a.seed = seed;
    a.dt_s = dt_s;
    a.die_c = die_c;
    a.thermal_state = thermal_state;
    a.die_max_c = die_max_c;
    a.entered_out = entered;
    a.activity_out = activity;
    a.power_w_out = power_w;
    if (group_speed.size() != group_utilization.size()) {
      EfficiencyCurve linear;
      linear.points = 2;
      linear.load_frac[1] = linear.efficiency[1] = 1.0f;
      group_speed.assign(group_utilization.size(), linear);
    }
    a.group_speed = group_speed;
    if (speed.size() != power_w.size()) speed.assign(power_w.size(), -1.0f);
    a.speed_out = speed;
    if (power_frac.size() != power_w.size()) power_frac.assign(power_w.size(), -1.0f);
    a.power_frac_out = power_frac;
    return a;
  }
  void run() { gpu_step(Backend::cpu, args()); }
};

TEST(gpu_step_test, matches_host_loop_reference_over_consecutive_ticks) {
  const test::HostFleet f = test::make_fleet(150, 72, 1234);
  ASSERT_GT(f.gpus(), 1000u);
  const std::vector<test::TickResult> got = test::run_ticks(Backend::cpu, f, 6);
  const std::vector<test::TickResult> want = test::reference_ticks(f, 6);
  for (std::size_t t = 0; t < want.size(); ++t) {
    SCOPED_TRACE(testing::Message() << "tick " << t);
    EXPECT_TRUE(test::same_bits(got[t].activity, want[t].activity));
    EXPECT_TRUE(test::same_bits(got[t].power_w, want[t].power_w));
    EXPECT_TRUE(test::same_bits(got[t].speed, want[t].speed));
    EXPECT_EQ(got[t].entered, want[t].entered);
    EXPECT_TRUE(test::same_bits(got[t].state.die_c, want[t].state.die_c));
    EXPECT_EQ(got[t].state.thermal_state, want[t].state.thermal_state);
    EXPECT_TRUE(test::same_bits(got[t].state.die_max_c, want[t].state.die_max_c));
  }
}

// The test fleet is only a good reference if it reaches every state: count what the kernel did.
TEST(gpu_step_test, test_fleet_throttles_slows_down_shuts_down_and_resumes) {
  const test::HostFleet f = test::make_fleet(150, 72, 1234);
  const std::vector<test::TickResult> ticks = test::run_ticks(Backend::cpu, f, 6);
  std::size_t entered[4] = {0, 0, 0, 0};
  std::size_t resumed = 0, held_in_band = 0;
  std::vector<std::int8_t> before = f.initial.thermal_state;
  for (std::size_t t = 0; t < ticks.size(); ++t) {
    for (std::size_t i = 0; i < f.gpus(); ++i) {
      ++entered[static_cast<std::size_t>(ticks[t].entered[i])];
      const std::int8_t now = ticks[t].state.thermal_state[i];
      resumed += before[i] == kThermalShutdown && now == kThermalNormal;
      // Slowdown kept by the hysteresis band: the die started the tick below the threshold.
      const float start_c = t == 0 ? f.initial.die_c[i] : ticks[t - 1].state.die_c[i];
      const auto rack = static_cast<std::size_t>(f.gpu_rack[i]);
      const auto type = static_cast<std::size_t>(f.rack_type[rack]);
      held_in_band += now == kThermalSlowdown && start_c < f.thermal[type].slowdown_c;
    }
    before = ticks[t].state.thermal_state;
  }
  // Each count is in the hundreds for this fleet (about 5,400 GPUs); a few dozen suffice.
  EXPECT_GT(entered[kThermalSlowdown], 30u);
  EXPECT_GT(entered[kThermalHwSlowdown], 30u);
  EXPECT_GT(entered[kThermalShutdown], 30u);
  EXPECT_GT(resumed, 30u);
  EXPECT_GT(held_in_band, 10u);
  // Every tick after the first still sees new transitions, not just the starting conditions.
  for (std::size_t t = 1; t < ticks.size(); ++t) EXPECT_GT(ticks[t].thermal.entered, 0) << t;
}

TEST(gpu_step_test, never_exceeds_power_limit) {
  const test::HostFleet f = test::make_fleet(100, 72, 99);
  const std::vector<test::TickResult> ticks = test::run_ticks(Backend::cpu, f, 3);
  std::size_t capped = 0;
  for (const test::TickResult& got : ticks) {
    for (std::size_t i = 0; i < f.gpus(); ++i) {
      ASSERT_GE(got.power_w[i], 0.0f) << "GPU " << i;
      ASSERT_LE(got.power_w[i], f.limit_w[i]) << "GPU " << i;
      if (got.power_w[i] == f.limit_w[i]) ++capped;
    }
  }
  // The fleet has limits below idle and utilizations above 1, so some GPUs sit at the limit.
  EXPECT_GT(capped, f.gpus() / 16);
}

TEST(gpu_step_test, limit_below_idle_caps_at_limit) {
  HostStep s(4, 0.0f, 0.0f);
  s.limit_w = {50.0f, 99.0f, 100.0f, 400.0f};
  s.run();
  EXPECT_EQ(s.power_w, (std::vector<float>{50.0f, 99.0f, 100.0f, 100.0f}));
}

TEST(gpu_step_test, power_interpolates_between_idle_and_max) {
  HostStep s(1, 0.25f, 0.0f);
  s.run();
  EXPECT_FLOAT_EQ(s.activity[0], 0.25f);
  EXPECT_FLOAT_EQ(s.power_w[0], 100.0f + 600.0f * 0.25f);  // 250 W
}

TEST(gpu_step_test, activity_is_clamped_to_unit_interval) {
  for (const float utilization : {-0.5f, 0.05f, 0.95f, 1.5f}) {
    HostStep s(5000, utilization, 0.2f);
    s.run();
    const auto [lo, hi] = std::minmax_element(s.activity.begin(), s.activity.end());
    EXPECT_GE(*lo, 0.0f) << "utilization " << utilization;
    EXPECT_LE(*hi, 1.0f) << "utilization " << utilization;
    if (utilization < 0.1f) {
      EXPECT_EQ(*lo, 0.0f) << "utilization " << utilization;
    }
    if (utilization > 0.9f) {
      EXPECT_EQ(*hi, 1.0f) << "utilization " << utilization;
    }
    for (std::size_t i = 0; i < s.power_w.size(); ++i) {
      ASSERT_GE(s.power_w[i], 100.0f);
      ASSERT_LE(s.power_w[i], 700.0f);
    }
  }
}

TEST(gpu_step_test, zero_jitter_gives_group_utilization) {
  HostStep s(100, 0.625f, 0.0f);
  s.run();
  for (const float a : s.activity) ASSERT_EQ(a, 0.625f);
}

TEST(gpu_step_test, gpus_read_their_own_group) {
  HostStep s(3, 0.0f, 0.0f);
  s.gpu_group = {2, 0, 1};
  s.group_utilization = {0.1f, 0.5f, 0.9f};
  s.group_jitter = {0.0f, 0.0f, 0.0f};
  s.run();
  EXPECT_EQ(s.activity, (std::vector<float>{0.9f, 0.1f, 0.5f}));
}

TEST(gpu_step_test, gpus_read_their_own_group_epoch) {
  // Two groups, identical but for the epoch: the same GPU index draws different noise.
  HostStep s(2, 0.0f, 0.0f);
  s.gpu_group = {0, 1};
  s.group_utilization = {0.5f, 0.5f};
  s.group_jitter = {0.2f, 0.2f};
  s.run();
  const std::vector<float> same_epoch = s.activity;
  GpuStepArgs a = s.args();
  const std::vector<std::uint64_t> epochs = {0, 1};
  a.group_epoch = epochs;
  gpu_step(Backend::cpu, a);
  EXPECT_EQ(s.activity[0], same_epoch[0]);  // group 0 kept epoch 0
  EXPECT_NE(s.activity[1], same_epoch[1]);  // group 1 moved to epoch 1
}

TEST(gpu_step_test, jitter_noise_has_right_range_and_mean) {
  constexpr float kUtilization = 0.5f;
  constexpr float kJitter = 0.1f;
  HostStep s(200000, kUtilization, kJitter);
  s.run();
  const auto [lo, hi] = std::minmax_element(s.activity.begin(), s.activity.end());
  EXPECT_GE(*lo, kUtilization - kJitter);
  EXPECT_LE(*hi, kUtilization + kJitter);
  // Uniform noise fills its range: 2e5 draws come within 1e-3 of both ends.
  EXPECT_LT(*lo, kUtilization - kJitter + 1e-3f);
  EXPECT_GT(*hi, kUtilization + kJitter - 1e-3f);
  const double mean = std::accumulate(s.activity.begin(), s.activity.end(), 0.0) /
                      static_cast<double>(s.activity.size());
  // Standard error is 0.1 / sqrt(3 * 2e5) = 1.3e-4; allow about 8 of them.
  EXPECT_NEAR(mean, kUtilization, 1e-3);
  // Variance of U(-j, j) is j^2 / 3.
  double sum_sq = 0.0;
  for (const float a : s.activity) sum_sq += (a - mean) * (a - mean);
  EXPECT_NEAR(sum_sq / static_cast<double>(s.activity.size()), kJitter * kJitter / 3.0, 1e-4);
}

TEST(gpu_step_test, jitter_noise_differs_between_gpus_and_epochs) {
  HostStep s(1000, 0.5f, 0.2f);
  s.epoch = 3;
  s.run();
  const std::vector<float> epoch3 = s.activity;
  std::vector<float> sorted = epoch3;
  std::sort(sorted.begin(), sorted.end());
  const auto distinct = static_cast<std::size_t>(
      std::unique(sorted.begin(), sorted.end()) - sorted.begin());
  EXPECT_GT(distinct, 990u);  // float rounding may merge a few of the 1000 draws

  s.epoch = 4;
  s.run();
  std::size_t changed = 0;
  for (std::size_t i = 0; i < epoch3.size(); ++i) changed += epoch3[i] != s.activity[i];
  EXPECT_GT(changed, 990u);
}

TEST(gpu_step_test, jitter_noise_repeats_for_same_seed_gpu_and_epoch) {
  HostStep a(500, 0.5f, 0.2f);
  a.seed = 7;
  a.epoch = 11;
  a.run();
  HostStep b(500, 0.5f, 0.2f);
  b.seed = 7;
  b.epoch = 11;
  b.run();
  EXPECT_TRUE(test::same_bits(a.activity, b.activity));

  // GPU i's draw depends on its index, not on how many GPUs share the call.
  HostStep prefix(37, 0.5f, 0.2f);
  prefix.seed = 7;
  prefix.epoch = 11;
  prefix.run();
  EXPECT_TRUE(test::same_bits(prefix.activity,
                              std::vector<float>(a.activity.begin(), a.activity.begin() + 37)));

  HostStep other_seed(500, 0.5f, 0.2f);
  other_seed.seed = 8;
  other_seed.epoch = 11;
  other_seed.run();
  EXPECT_FALSE(test::same_bits(a.activity, other_seed.activity));
}

TEST(gpu_step_test, die_takes_one_exact_rc_step) {
  HostStep s(1, 5.0f / 6.0f, 0.0f);  // 100 + 600 * 5/6 = 600 W
  s.run();
  EXPECT_FLOAT_EQ(s.power_w[0], 600.0f);
  // Steady state 30 + 600 * 0.025 = 45 C; 40 -> 45 - 5 exp(-1 / 20) = 40.24385 C.
  EXPECT_NEAR(s.die_c[0], 40.24385f, 1e-4f);
  EXPECT_EQ(s.die_c[0], rc_step_c(40.0f, 600.0f, 30.0f, 0.025f, 800.0f, 1.0f));
  EXPECT_EQ(s.die_max_c[0], s.die_c[0]);
  EXPECT_EQ(s.thermal_state[0], kThermalNormal);
  EXPECT_EQ(s.entered[0], 0);
}

TEST(gpu_step_test, gpus_read_their_own_rack_coolant_and_thermal_params) {
  HostStep s(2, 0.5f, 0.0f);  // 400 W each
  s.gpu_rack = {0, 1};
  s.rack_type = {1, 0};
  s.rack_coolant_c = {20.0f, 40.0f};
  ThermalParams small;
  small.r_k_per_w = 0.05f;
  small.c_j_per_k = 100.0f;  // tau 5 s
  s.thermal = {ThermalParams{}, small};
  s.die_c = {60.0f, 60.0f};
  s.die_max_c = {60.0f, 60.0f};
  s.run();
  // GPU 0: rack 0 is type 1 on 20 C: steady 20 + 400 * 0.05 = 40, 40 + 20 exp(-0.2) = 56.37461.
  EXPECT_NEAR(s.die_c[0], 56.37461f, 1e-4f);
  // GPU 1: rack 1 is type 0 on 40 C: steady 40 + 400 * 0.025 = 50, 50 + 10 exp(-0.05) = 59.51229.
  EXPECT_NEAR(s.die_c[1], 59.51229f, 1e-4f);
  // die_max keeps the 60 C it started with: both dies cooled.
  EXPECT_EQ(s.die_max_c, (std::vector<float>{60.0f, 60.0f}));
}

TEST(gpu_step_test, dt_scales_the_die_step_exactly) {
  // One 5 s tick equals five 1 s ticks at the same power (no state change on the way).
  HostStep big(1, 1.0f, 0.0f);  // 700 W on 30 C: steady 47.5 C
  big.dt_s = 5.0f;
  big.run();
  HostStep small(1, 1.0f, 0.0f);
  for (int k = 0; k < 5; ++k) small.run();
  // 47.5 - 7.5 exp(-5 / 20) = 41.65900 C.
  EXPECT_NEAR(big.die_c[0], 41.65900f, 1e-4f);
  EXPECT_NEAR(small.die_c[0], big.die_c[0], 2e-5f);
}

TEST(gpu_step_test, state_is_decided_from_the_die_at_the_start_of_the_tick) {
  HostStep s(1, 1.0f, 0.0f);
  s.max_w = {1000.0f};
  s.limit_w = {1000.0f};
  s.rack_coolant_c = {70.0f};  // steady state at 1000 W: 95 C
  s.die_c = {86.9f};
  s.run();
  // 86.9 < 87 at the start: full power this tick, although the die ends above the threshold.
  EXPECT_EQ(s.thermal_state[0], kThermalNormal);
  EXPECT_EQ(s.power_w[0], 1000.0f);
  EXPECT_NEAR(s.die_c[0], 87.29504f, 1e-4f);  // 95 - 8.1 exp(-0.05)
  s.run();
  EXPECT_EQ(s.thermal_state[0], kThermalSlowdown);
  EXPECT_EQ(s.entered[0], kThermalSlowdown);
  EXPECT_NEAR(s.power_w[0], 680.0f, 1e-3f);  // (87 - 70) / 0.025
}

TEST(gpu_step_test, software_slowdown_holds_die_at_slowdown_temperature) {
  HostStep s(1, 1.0f, 0.0f);
  s.max_w = {1000.0f};
  s.limit_w = {1000.0f};
  s.rack_coolant_c = {70.0f};  // unthrottled steady state 70 + 1000 * 0.025 = 95 C > shutdown
  s.die_c = {70.0f};
  s.die_max_c = {70.0f};
  int slowdown_entries = 0;
  for (int tick = 0; tick < 400; ++tick) {
    s.run();
    ASSERT_NE(s.thermal_state[0], kThermalHwSlowdown) << "tick " << tick;
    ASSERT_NE(s.thermal_state[0], kThermalShutdown) << "tick " << tick;
    slowdown_entries += s.entered[0] == kThermalSlowdown;
  }
  EXPECT_EQ(slowdown_entries, 1);  // no oscillation in and out of slowdown
  EXPECT_EQ(s.thermal_state[0], kThermalSlowdown);
  // Held power (87 - 70) / 0.025 = 680 W puts the steady state exactly at 87 C.
  EXPECT_NEAR(s.power_w[0], 680.0f, 1e-3f);
  EXPECT_NEAR(s.die_c[0], 87.0f, 1e-4f);
  // The overshoot is one tick's rise past 87 C: (95 - 87) (1 - exp(-0.05)) = 0.39 K at most.
  EXPECT_GT(s.die_max_c[0], 87.0f);
  EXPECT_LT(s.die_max_c[0], 87.4f);
}

TEST(gpu_step_test, software_slowdown_power_is_between_zero_and_demand) {
  HostStep s(3, 0.5f, 0.0f);  // demand 400 W
  s.gpu_rack = {0, 1, 2};
  s.rack_type = {0, 0, 0};
  // Hold power (87 - coolant) / 0.025: 1480 W on 50 C (above the demand), 200 W on 82 C,
  // negative on 90 C coolant.
  s.rack_coolant_c = {50.0f, 82.0f, 90.0f};
  s.thermal_state = {kThermalSlowdown, kThermalSlowdown, kThermalSlowdown};
  s.die_c = {87.5f, 87.5f, 87.5f};
  s.run();
  EXPECT_EQ(s.thermal_state, (std::vector<std::int8_t>(3, kThermalSlowdown)));
  EXPECT_EQ(s.power_w[0], 400.0f);
  EXPECT_NEAR(s.power_w[1], 200.0f, 1e-3f);
  EXPECT_EQ(s.power_w[2], 0.0f);
}

TEST(gpu_step_test, hardware_slowdown_keeps_a_fraction_of_demand) {
  HostStep s(2, 1.0f, 0.0f);  // demand 700 W
  s.thermal[0].hw_slowdown_power_frac = 0.3f;
  s.die_c = {89.0f, 91.9f};  // [89, 92): hardware slowdown
  s.run();
  EXPECT_EQ(s.thermal_state, (std::vector<std::int8_t>(2, kThermalHwSlowdown)));
  EXPECT_EQ(s.entered, (std::vector<std::int8_t>(2, kThermalHwSlowdown)));
  EXPECT_EQ(s.power_w[0], 700.0f * 0.3f);  // 210 W
  EXPECT_EQ(s.power_w[1], 700.0f * 0.3f);
  EXPECT_EQ(s.activity[0], 1.0f);  // the workload still runs, slower
}

TEST(gpu_step_test, shutdown_draws_nothing_and_resumes_below_resume_c) {
  HostStep s(1, 1.0f, 0.0f);  // demand 700 W on 30 C coolant
  s.die_c = {95.0f};
  s.die_max_c = {95.0f};
  // Off, the die cools as 30 + 65 exp(-t / 20): 69.42 C after 10 ticks, the first below 70.
  for (int tick = 0; tick < 10; ++tick) {
    const float start_c = s.die_c[0];
    s.run();
    ASSERT_EQ(s.thermal_state[0], kThermalShutdown) << "tick " << tick << " from " << start_c;
    EXPECT_EQ(s.entered[0], tick == 0 ? kThermalShutdown : 0) << "tick " << tick;
    EXPECT_EQ(s.power_w[0], 0.0f) << "tick " << tick;
    EXPECT_EQ(s.activity[0], 0.0f) << "tick " << tick;
  }
  EXPECT_NEAR(s.die_c[0], 69.42449f, 1e-4f);
  s.run();
  EXPECT_EQ(s.thermal_state[0], kThermalNormal);
  EXPECT_EQ(s.entered[0], 0);  // resuming is no worse state
  EXPECT_EQ(s.power_w[0], 700.0f);
  EXPECT_EQ(s.activity[0], 1.0f);
  EXPECT_EQ(s.die_max_c[0], 95.0f);  // the die only cooled from 95 C
}

TEST(gpu_step_test, entered_out_marks_only_transitions_into_a_worse_state) {
  // Default limits: slowdown 87, hardware slowdown 89, shutdown 92, resume 70 C.
  struct Case {
    std::int8_t before;
    float die_c;
    std::int8_t after;
    std::int8_t entered;
  };
  const Case cases[] = {
      {kThermalNormal, 50.0f, kThermalNormal, 0},
      {kThermalNormal, 87.0f, kThermalSlowdown, kThermalSlowdown},
      {kThermalNormal, 90.0f, kThermalHwSlowdown, kThermalHwSlowdown},
      {kThermalNormal, 92.0f, kThermalShutdown, kThermalShutdown},
      {kThermalSlowdown, 88.0f, kThermalSlowdown, 0},
      {kThermalSlowdown, 86.0f, kThermalSlowdown, 0},  // hysteresis band (85, 87)
      {kThermalSlowdown, 89.5f, kThermalHwSlowdown, kThermalHwSlowdown},
      {kThermalSlowdown, 93.0f, kThermalShutdown, kThermalShutdown},
      {kThermalHwSlowdown, 88.0f, kThermalSlowdown, 0},
      {kThermalHwSlowdown, 89.0f, kThermalHwSlowdown, 0},
      {kThermalHwSlowdown, 84.0f, kThermalNormal, 0},
      {kThermalHwSlowdown, 92.5f, kThermalShutdown, kThermalShutdown},
      {kThermalShutdown, 95.0f, kThermalShutdown, 0},
      {kThermalShutdown, 80.0f, kThermalShutdown, 0},
      {kThermalShutdown, 60.0f, kThermalNormal, 0},
  };
  constexpr std::size_t kCases = std::size(cases);
  HostStep s(kCases, 0.5f, 0.0f);
  for (std::size_t i = 0; i < kCases; ++i) {
    s.thermal_state[i] = cases[i].before;
    s.die_c[i] = cases[i].die_c;
  }
  s.run();
  for (std::size_t i = 0; i < kCases; ++i) {
    EXPECT_EQ(s.thermal_state[i], cases[i].after) << "case " << i;
    EXPECT_EQ(s.entered[i], cases[i].entered) << "case " << i;
  }
}

TEST(gpu_step_test, die_max_tracks_the_hottest_die_so_far) {
  HostStep s(1, 1.0f, 0.0f);  // 700 W on 30 C: heats toward 47.5 C
  s.die_c = {30.0f};
  s.die_max_c = {30.0f};
  float hottest_c = 30.0f;
  for (int tick = 0; tick < 20; ++tick) {
    if (tick == 10) s.group_utilization = {0.0f};  // 100 W: cools toward 32.5 C
    s.run();
    hottest_c = std::max(hottest_c, s.die_c[0]);
    ASSERT_EQ(s.die_max_c[0], hottest_c) << "tick " << tick;
  }
  EXPECT_GT(hottest_c, s.die_c[0] + 1.0f);  // it did cool down after the peak
}

TEST(gpu_step_test, empty_fleet_is_a_no_op) {
  HostStep s(0, 0.5f, 0.1f);
  EXPECT_NO_THROW(s.run());
  s.group_utilization.clear();
  s.group_jitter.clear();
  s.rack_type.clear();
  s.rack_coolant_c.clear();
  s.thermal.clear();
  EXPECT_NO_THROW(s.run());
}

TEST(gpu_step_test, size_mismatches_throw) {
  const auto expect_throw = [](auto mutate, const char* what) {
    HostStep s(8, 0.5f, 0.1f);
    mutate(s);
    EXPECT_THROW(s.run(), std::invalid_argument) << what;
  };
  expect_throw([](HostStep& s) { s.gpu_rack.pop_back(); }, "gpu_rack");
  expect_throw([](HostStep& s) { s.idle_w.pop_back(); }, "idle_w");
  expect_throw([](HostStep& s) { s.max_w.push_back(1.0f); }, "max_w");
  expect_throw([](HostStep& s) { s.limit_w.pop_back(); }, "limit_w");
  expect_throw([](HostStep& s) { s.die_c.pop_back(); }, "die_c");
  expect_throw([](HostStep& s) { s.thermal_state.push_back(0); }, "thermal_state");
  expect_throw([](HostStep& s) { s.die_max_c.pop_back(); }, "die_max_c");
  expect_throw([](HostStep& s) { s.entered.pop_back(); }, "entered_out");
  expect_throw([](HostStep& s) { s.activity.pop_back(); }, "activity_out");
  expect_throw([](HostStep& s) { s.power_w.push_back(0.0f); }, "power_w_out");
  expect_throw([](HostStep& s) { s.group_jitter.push_back(0.0f); }, "group_jitter");
  expect_throw([](HostStep& s) { s.epoch_size_delta = 1; }, "group_epoch");
  expect_throw([](HostStep& s) { s.rack_coolant_c.push_back(30.0f); }, "rack_coolant_c");
  expect_throw(
      [](HostStep& s) {
        s.group_utilization.clear();
        s.group_jitter.clear();
      },
      "no groups");
  expect_throw(
      [](HostStep& s) {
        s.rack_type.clear();
        s.rack_coolant_c.clear();
      },
      "no racks");
  expect_throw([](HostStep& s) { s.thermal.clear(); }, "no thermal params");
  expect_throw([](HostStep& s) { s.dt_s = 0.0f; }, "dt_s 0");
  expect_throw([](HostStep& s) { s.dt_s = -1.0f; }, "dt_s < 0");
  expect_throw([](HostStep& s) { s.dt_s = std::numeric_limits<float>::quiet_NaN(); }, "dt_s NaN");
}

TEST(gpu_step_test, size_mismatch_leaves_state_untouched) {
  HostStep s(8, 0.5f, 0.1f);
  s.power_w.pop_back();
  EXPECT_THROW(s.run(), std::invalid_argument);
  EXPECT_EQ(s.die_c, std::vector<float>(8, 40.0f));
  EXPECT_EQ(s.entered, std::vector<std::int8_t>(8, -1));
}

TEST(gpu_step_test, size_mismatch_message_names_the_span) {
  const auto message = [](auto mutate) {
    HostStep s(8, 0.5f, 0.1f);
    mutate(s);
    try {
      s.run();
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("no exception");
  };
  EXPECT_EQ(message([](HostStep& s) { s.limit_w.pop_back(); }),
            "gpu_step: limit_w has 7 elements but gpu_group has 8");
  EXPECT_EQ(message([](HostStep& s) { s.die_max_c.pop_back(); }),
            "gpu_step: die_max_c has 7 elements but gpu_group has 8");
  EXPECT_EQ(message([](HostStep& s) { s.rack_coolant_c.push_back(1.0f); }),
            "gpu_step: rack_coolant_c has 2 elements but rack_type has 1");
}

}  // namespace
}  // namespace aifsim::kernels

namespace aifsim::kernels {
namespace {

TEST(gpu_step_test, speed_follows_the_power_limit_and_the_thermal_state) {
  // Linear speed curve (speed = power fraction, set by HostStep): a 350 W limit on a 700 W
  // GPU runs at half speed whatever its activity.
  HostStep capped(2, 0.3f, 0.0f);
  capped.limit_w = {350.0f, 700.0f};
  capped.run();
  EXPECT_FLOAT_EQ(capped.speed[0], 0.5f);
  EXPECT_FLOAT_EQ(capped.power_frac[0], 0.5f);  // the fraction itself, for workload curves
  EXPECT_FLOAT_EQ(capped.speed[1], 1.0f);
  // In software slowdown on 70 C coolant the GPU may hold (87 - 70) / 0.025 = 680 W of 1000.
  HostStep hot(1, 1.0f, 0.0f);
  hot.max_w = {1000.0f};
  hot.limit_w = {1000.0f};
  hot.rack_coolant_c = {70.0f};
  hot.die_c = {87.5f};
  hot.run();
  ASSERT_EQ(hot.thermal_state[0], kThermalSlowdown);
  EXPECT_NEAR(hot.speed[0], 0.68f, 1e-5f);
  // Shut down: no speed at all.
  HostStep off(1, 1.0f, 0.0f);
  off.die_c = {95.0f};
  off.run();
  ASSERT_EQ(off.thermal_state[0], kThermalShutdown);
  EXPECT_EQ(off.speed[0], 0.0f);
  EXPECT_EQ(off.power_frac[0], 0.0f);
}

}  // namespace
}  // namespace aifsim::kernels
