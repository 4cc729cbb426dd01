// SPDX-License-Identifier: Apache-2.0
// gpu_power_step on the CPU backend against a host loop, its clamps and its jitter noise.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <stdexcept>
#include <vector>

#include "kernels/fleet_kernels.h"
#include "tests/kernels/kernel_test_fleet.h"

namespace aifsim::kernels {
namespace {

// Host-memory arguments for one gpu_power_step call (the CPU backend reads host memory).
struct HostStep {
  std::vector<std::int32_t> gpu_group;
  std::vector<float> idle_w, max_w, limit_w, group_utilization, group_jitter;
  std::vector<float> activity, power_w;
  std::uint64_t seed = 42;
  std::uint64_t epoch = 0;  // the one group's epoch
  std::vector<std::uint64_t> group_epoch;

  // `gpus` identical GPUs (idle 100 W, max 700 W, limit 700 W) in group 0.
  HostStep(std::size_t gpus, float utilization, float jitter)
      : gpu_group(gpus, 0),
        idle_w(gpus, 100.0f),
        max_w(gpus, 700.0f),
        limit_w(gpus, 700.0f),
        group_utilization{utilization},
        group_jitter{jitter},
        activity(gpus, -1.0f),
        power_w(gpus, -1.0f) {}

  GpuPowerStepArgs args() {
    GpuPowerStepArgs a;
    a.gpu_group = gpu_group;
    a.idle_w = idle_w;
    a.max_w = max_w;
    a.limit_w = limit_w;
    a.group_utilization = group_utilization;
    a.group_jitter = group_jitter;
    a.seed = seed;
    group_epoch.assign(group_utilization.size(), epoch);
    a.group_epoch = group_epoch;
    a.activity_out = activity;
    a.power_w_out = power_w;
    return a;
  }
  void run() { gpu_power_step(Backend::cpu, args()); }
};

TEST(gpu_power_step_test, matches_host_loop_reference) {
  const test::HostFleet f = test::make_fleet(150, 72, 1234);
  ASSERT_GT(f.gpus(), 1000u);
  const test::TickResult got = test::run_tick(Backend::cpu, f);
  std::vector<float> want_activity, want_power_w;
  test::reference_gpu_power_step(f, want_activity, want_power_w);
  EXPECT_TRUE(test::same_bits(got.activity, want_activity));
  EXPECT_TRUE(test::same_bits(got.power_w, want_power_w));
}

TEST(gpu_power_step_test, never_exceeds_power_limit) {
  const test::HostFleet f = test::make_fleet(100, 72, 99);
  const test::TickResult got = test::run_tick(Backend::cpu, f);
  std::size_t capped = 0;
  for (std::size_t i = 0; i < f.gpus(); ++i) {
    ASSERT_LE(got.power_w[i], f.limit_w[i]) << "GPU " << i;
    if (got.power_w[i] == f.limit_w[i]) ++capped;
  }
  // The fleet has limits below idle and utilizations above 1, so some GPUs sit at the limit.
  EXPECT_GT(capped, f.gpus() / 16);
}

TEST(gpu_power_step_test, limit_below_idle_caps_at_limit) {
  HostStep s(4, 0.0f, 0.0f);
  s.limit_w = {50.0f, 99.0f, 100.0f, 400.0f};
  s.run();
  EXPECT_EQ(s.power_w, (std::vector<float>{50.0f, 99.0f, 100.0f, 100.0f}));
}

TEST(gpu_power_step_test, power_interpolates_between_idle_and_max) {
  HostStep s(1, 0.25f, 0.0f);
  s.run();
  EXPECT_FLOAT_EQ(s.activity[0], 0.25f);
  EXPECT_FLOAT_EQ(s.power_w[0], 100.0f + 600.0f * 0.25f);
}

TEST(gpu_power_step_test, activity_is_clamped_to_unit_interval) {
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

TEST(gpu_power_step_test, zero_jitter_gives_group_utilization) {
  HostStep s(100, 0.625f, 0.0f);
  s.run();
  for (const float a : s.activity) ASSERT_EQ(a, 0.625f);
}

TEST(gpu_power_step_test, gpus_read_their_own_group) {
  HostStep s(3, 0.0f, 0.0f);
  s.gpu_group = {2, 0, 1};
  s.group_utilization = {0.1f, 0.5f, 0.9f};
  s.group_jitter = {0.0f, 0.0f, 0.0f};
  s.run();
  EXPECT_EQ(s.activity, (std::vector<float>{0.9f, 0.1f, 0.5f}));
}

TEST(gpu_power_step_test, jitter_noise_has_right_range_and_mean) {
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

TEST(gpu_power_step_test, jitter_noise_differs_between_gpus_and_epochs) {
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

TEST(gpu_power_step_test, jitter_noise_repeats_for_same_seed_gpu_and_epoch) {
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

TEST(gpu_power_step_test, empty_fleet_is_a_no_op) {
  HostStep s(0, 0.5f, 0.1f);
  EXPECT_NO_THROW(s.run());
  s.group_utilization.clear();
  s.group_jitter.clear();
  EXPECT_NO_THROW(s.run());
}

TEST(gpu_power_step_test, size_mismatches_throw) {
  const auto expect_throw = [](auto mutate, const char* what) {
    HostStep s(8, 0.5f, 0.1f);
    mutate(s);
    EXPECT_THROW(s.run(), std::invalid_argument) << what;
  };
  expect_throw([](HostStep& s) { s.idle_w.pop_back(); }, "idle_w");
  expect_throw([](HostStep& s) { s.max_w.push_back(1.0f); }, "max_w");
  expect_throw([](HostStep& s) { s.limit_w.pop_back(); }, "limit_w");
  expect_throw([](HostStep& s) { s.activity.pop_back(); }, "activity_out");
  expect_throw([](HostStep& s) { s.power_w.push_back(0.0f); }, "power_w_out");
  expect_throw([](HostStep& s) { s.group_jitter.push_back(0.0f); }, "group_jitter");
  expect_throw(
      [](HostStep& s) {
        s.group_utilization.clear();
        s.group_jitter.clear();
      },
      "no groups");
}

TEST(gpu_power_step_test, size_mismatch_message_names_the_span) {
  HostStep s(8, 0.5f, 0.1f);
  s.limit_w.pop_back();
  try {
    s.run();
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "gpu_power_step: limit_w has 7 elements but gpu_group has 8");
  }
}

}  // namespace
}  // namespace aifsim::kernels
