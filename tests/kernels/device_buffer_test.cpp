// SPDX-License-Identifier: Apache-2.0
// DeviceBuffer: host round trips, zero fill, alignment, size checks and ownership.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdlib>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "kernels/backend.h"
#include "kernels/device_buffer.h"
#include "kernels/power_math.h"

namespace aifsim::kernels {
namespace {

TEST(device_buffer_test, upload_download_round_trip) {
  std::vector<std::int64_t> host(1000);
  for (std::size_t i = 0; i < host.size(); ++i) host[i] = static_cast<std::int64_t>(i * i) - 500;
  DeviceBuffer<std::int64_t> buffer(Backend::cpu, host.size());
  buffer.upload(host);
  std::vector<std::int64_t> back(host.size(), 0);
  buffer.download(back);
  EXPECT_EQ(back, host);
}

TEST(device_buffer_test, round_trip_of_structs) {
  RackTypeParams t;
  t.cpu_idle_w = 1.5f;
  t.psu.points = 2;
  t.psu.efficiency[1] = 0.93f;
  const std::vector<RackTypeParams> host = {t, RackTypeParams{}};
  DeviceBuffer<RackTypeParams> buffer(Backend::cpu, 2);
  buffer.upload(host);
  std::vector<RackTypeParams> back(2);
  buffer.download(back);
  EXPECT_EQ(back[0].cpu_idle_w, 1.5f);
  EXPECT_EQ(back[0].psu.points, 2);
  EXPECT_EQ(back[0].psu.efficiency[1], 0.93f);
  EXPECT_EQ(back[1].psu.points, 0);
}

TEST(device_buffer_test, new_buffer_is_zero_filled) {
  DeviceBuffer<double> buffer(Backend::cpu, 333);
  std::vector<double> back(333, -1.0);
  buffer.download(back);
  for (const double v : back) ASSERT_EQ(v, 0.0);
}

TEST(device_buffer_test, host_memory_is_cache_line_aligned) {
  for (const std::size_t n : {1u, 3u, 17u, 1000u}) {
    DeviceBuffer<float> buffer(Backend::cpu, n);
    EXPECT_EQ(reinterpret_cast<std::uintptr_t>(buffer.span().data()) % 64, 0u) << n;
    EXPECT_EQ(buffer.span().size(), n);
    EXPECT_EQ(buffer.size(), n);
    EXPECT_EQ(buffer.backend(), Backend::cpu);
  }
}

TEST(device_buffer_test, size_mismatch_throws) {
  DeviceBuffer<float> buffer(Backend::cpu, 4);
  std::vector<float> three(3, 1.0f), five(5, 1.0f);
  EXPECT_THROW(buffer.upload(three), std::invalid_argument);
  EXPECT_THROW(buffer.upload(five), std::invalid_argument);
  EXPECT_THROW(buffer.download(three), std::invalid_argument);
  EXPECT_THROW(buffer.download(five), std::invalid_argument);
  try {
    buffer.upload(three);
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(std::string(e.what()),
              "DeviceBuffer: host span has 3 elements but the buffer holds 4");
  }
}

TEST(device_buffer_test, empty_buffer) {
  DeviceBuffer<float> empty(Backend::cpu, 0);
  EXPECT_EQ(empty.size(), 0u);
  EXPECT_TRUE(empty.span().empty());
  std::vector<float> none;
  EXPECT_NO_THROW(empty.upload(none));
  EXPECT_NO_THROW(empty.download(none));
  const DeviceBuffer<float> defaulted;
  EXPECT_EQ(defaulted.size(), 0u);
  EXPECT_EQ(defaulted.span().data(), nullptr);
}

TEST(device_buffer_test, move_transfers_ownership) {
  DeviceBuffer<int> a(Backend::cpu, 8);
  const std::vector<int> host = {1, 2, 3, 4, 5, 6, 7, 8};
  a.upload(host);
  const int* data = a.span().data();
  DeviceBuffer<int> b(std::move(a));
  EXPECT_EQ(b.span().data(), data);
  EXPECT_EQ(b.size(), 8u);
  EXPECT_EQ(a.size(), 0u);  // NOLINT(bugprone-use-after-move): moved-from state is specified
  DeviceBuffer<int> c(Backend::cpu, 2);
  c = std::move(b);
  EXPECT_EQ(c.span().data(), data);
  std::vector<int> back(8);
  c.download(back);
  EXPECT_EQ(back, host);
}

TEST(device_buffer_test, overflowing_size_throws) {
  const std::size_t too_many = std::numeric_limits<std::size_t>::max() / 4;
  EXPECT_THROW(DeviceBuffer<double>(Backend::cpu, too_many), std::length_error);
}

TEST(device_buffer_test, cuda_buffer_without_a_device_throws) {
  // AIFSIM_FORCE_CPU hides a device from cuda_available() but not from cudaMalloc.
  if (cuda_compiled() && (cuda_available() || std::getenv("AIFSIM_FORCE_CPU") != nullptr)) {
    GTEST_SKIP() << "a CUDA device may be present";
  }
  // Built without CUDA: "aifsim was built without CUDA kernels"; built with CUDA but no
  // driver/device: cudaMalloc's error. Never a host pointer posing as device memory.
  EXPECT_THROW(DeviceBuffer<float>(Backend::cuda, 16), std::runtime_error);
  if (!cuda_compiled()) {
    try {
      DeviceBuffer<float> buffer(Backend::cuda, 16);
      FAIL() << "expected std::runtime_error";
    } catch (const std::runtime_error& e) {
      EXPECT_STREQ(e.what(), "aifsim was built without CUDA kernels");
    }
  }
}

}  // namespace
}  // namespace aifsim::kernels
