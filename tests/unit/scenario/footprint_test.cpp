// SPDX-License-Identifier: Apache-2.0
// Tests for the memory estimate a scenario is refused by.
#include "sim/scenario/footprint.h"

#include <gtest/gtest.h>

#include "sim/scenario/load.h"
#include "tests/test_support.h"

namespace aifsim::scenario {
namespace {

TEST(footprint_test, counts_every_rack_group_and_scales_with_gpus) {
  const LoadedScenario sc = load_scenario(test::source_dir() / "scenarios/taiwan-ai-factory.yaml");
  const Footprint f = estimate_footprint(sc.spec);
  EXPECT_EQ(f.gpus, 6912);
  EXPECT_EQ(f.racks, 96);
  EXPECT_DOUBLE_EQ(f.memory_bytes, kMemoryBaseBytes + kMemoryBytesPerGpu * 6912);

  ScenarioSpec bigger = sc.spec;
  for (auto& [name, group] : bigger.racks) group.count *= 10;
  const Footprint g = estimate_footprint(bigger);
  EXPECT_EQ(g.gpus, 69120);
  EXPECT_NEAR(g.memory_bytes - f.memory_bytes, kMemoryBytesPerGpu * (69120 - 6912), 1e-6);
}

TEST(footprint_test, limit_is_the_field_when_set_else_a_share_of_the_machine) {
  ScenarioSpec spec;
  const double machine = physical_memory_bytes();
  ASSERT_GT(machine, 64.0 * 1024 * 1024) << "the OS reports no physical memory";
  EXPECT_DOUBLE_EQ(memory_limit_bytes(spec), kDefaultMemoryShare * machine);
  spec.time.max_memory_gib = 2.5;
  EXPECT_DOUBLE_EQ(memory_limit_bytes(spec), 2.5 * 1024 * 1024 * 1024);
}

}  // namespace
}  // namespace aifsim::scenario
