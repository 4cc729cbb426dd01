// SPDX-License-Identifier: Apache-2.0
// fleet_tick and FleetBuffers beyond what the consecutive-tick tests cover: the smoothing sum
// (the reference fleet has no smoothing), the per-rack GPU offsets and the layout checks.
#include <gtest/gtest.h>

#include <cstdint>
#include <stdexcept>
#include <vector>

#include "kernels/fleet_tick.h"
#include "tests/kernels/kernel_test_fleet.h"

namespace aifsim::kernels {
namespace {

TEST(fleet_tick_test, smoothing_extra_is_the_per_gpu_extra_summed_in_gpu_order) {
  test::HostFleet f = test::make_fleet(60, 72, 11);
  // The floor lifts idle GPUs, the up ramp holds busy ones below their demand while they rise
  // from idle: the extra has both signs.
  f.smoothing.floor_frac = 0.6f;
  f.smoothing.up_w_per_s = 150.0f;
  f.smoothing.hysteresis_s = 2.0f;
  test::BackendFleet fleet(Backend::cpu, f);
  for (int t = 0; t < 4; ++t) {
    SCOPED_TRACE(testing::Message() << "tick " << t);
    const test::TickResult got = fleet.tick(t);
    double want_w = 0;
    for (const float w : test::to_host(fleet.buffers().smooth_extra_w)) want_w += static_cast<double>(w);
    EXPECT_EQ(got.smoothing_extra_w, want_w);
    EXPECT_NE(want_w, 0.0);
  }
}

TEST(fleet_tick_test, no_smoothing_reports_no_extra) {
  const test::HostFleet f = test::make_fleet(20, 72, 12);
  for (const test::TickResult& got : test::run_ticks(Backend::cpu, f, 2)) {
    EXPECT_EQ(got.smoothing_extra_w, 0.0);
  }
}

TEST(fleet_tick_test, rejects_a_smoothing_readback_of_the_wrong_size) {
  test::HostFleet f = test::make_fleet(5, 8, 13);
  f.smoothing.floor_frac = 0.5f;
  FleetBuffers buffers(Backend::cpu, f);
  FleetView view = buffers.view();
  view.smooth_extra_w_host = view.smooth_extra_w_host.first(view.smooth_extra_w_host.size() - 1);
  EXPECT_THROW(fleet_tick(Backend::cpu, view, 1.0f), std::invalid_argument);
}

FleetLayout layout_with_racks(std::vector<std::int32_t> gpu_rack, std::size_t racks) {
  FleetLayout l;
  l.gpu_rack = std::move(gpu_rack);
  const std::size_t gpus = l.gpu_rack.size();
  l.gpu_group.assign(gpus, 0);
  l.idle_w.assign(gpus, 50.0f);
  l.max_w.assign(gpus, 700.0f);
  l.limit_w.assign(gpus, 700.0f);
  l.group_jitter = {0.0f};
  l.group_speed = {EfficiencyCurve{}};
  l.rack_types = {RackTypeParams{}};
  l.thermal = {ThermalParams{}};
  l.rack_type.assign(racks, 0);
  l.rack_row.assign(racks, 0);
  l.row_hall = {0};
  return l;
}

TEST(fleet_tick_test, buffers_derive_rack_offsets_with_empty_racks) {
  const FleetBuffers buffers(Backend::cpu, layout_with_racks({0, 0, 2, 2, 2, 4}, 5));
  EXPECT_EQ(test::to_host(buffers.rack_first_gpu), (std::vector<std::int32_t>{0, 2, 2, 5, 5, 6}));
  // Before the first tick every GPU idles: smoothing ramps from there.
  EXPECT_EQ(test::to_host(buffers.power_w), std::vector<float>(6, 50.0f));
}

TEST(fleet_tick_test, buffers_reject_gpus_out_of_rack_order) {
  EXPECT_THROW(FleetBuffers(Backend::cpu, layout_with_racks({0, 1, 0}, 2)), std::invalid_argument);
  EXPECT_THROW(FleetBuffers(Backend::cpu, layout_with_racks({0, 2}, 2)), std::invalid_argument);
  EXPECT_THROW(FleetBuffers(Backend::cpu, layout_with_racks({-1, 0}, 2)), std::invalid_argument);
}

}  // namespace
}  // namespace aifsim::kernels
