// SPDX-License-Identifier: Apache-2.0
// The grown field: an integer field of the scenario, found through sections and named map
// entries with a did-you-mean, and read from the scenario as resolved.
#include "sim/capacity/grow_field.h"

#include <gtest/gtest.h>

#include "sim/core/error.h"
#include "tests/test_support.h"

namespace aifsim::capacity {
namespace {

scenario::LoadedScenario reference() {
  return scenario::load_scenario(test::source_dir() / "scenarios" / "taiwan-ai-factory.yaml");
}

std::string error_of(const scenario::LoadedScenario& s, const std::string& path) {
  try {
    resolve_grow_field(s, path);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(grow_field_test, reads_an_integer_field_through_map_entries) {
  const auto s = reference();
  EXPECT_EQ(resolve_grow_field(s, "racks.gb300.count").value, 96);
  EXPECT_EQ(resolve_grow_field(s, "workloads.inference.chat.max_batch").value, 32);
  EXPECT_EQ(resolve_grow_field(s, "site.power.ups.modules").value, 2);
}

TEST(grow_field_test, refuses_unknown_fields_entries_and_non_integers) {
  const auto s = reference();
  EXPECT_EQ(error_of(s, "racks.gb301.count"), "--grow 'racks.gb301.count': racks has no entry 'gb301' (did you mean 'gb300'?)");
  EXPECT_EQ(error_of(s, "racks.gb300.cont"),
            "--grow 'racks.gb300.cont': unknown field 'cont' in racks.gb300 (did you mean 'count'?)");
  EXPECT_EQ(error_of(s, "time.dt_s"),
            "--grow 'time.dt_s': is a number; --grow takes an integer field (a rack count, replicas, GPUs)");
  EXPECT_EQ(error_of(s, "racks.gb300"),
            "--grow 'racks.gb300': is a section; --grow takes an integer field (a rack count, replicas, GPUs)");
  EXPECT_EQ(error_of(s, "racks.gb300.count.x"), "--grow 'racks.gb300.count.x': racks.gb300.count is an integer, not a section with fields");
}

}  // namespace
}  // namespace aifsim::capacity
