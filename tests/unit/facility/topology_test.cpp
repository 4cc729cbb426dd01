// SPDX-License-Identifier: Apache-2.0
// Rack placement: groups fill rows in file order, rows fill halls.
#include <gtest/gtest.h>

#include <algorithm>

#include "sim/facility/topology.h"
#include "sim/run/build.h"
#include "sim/scenario/catalog.h"

namespace aifsim::facility {
namespace {

scenario::ScenarioSpec two_group_spec() {
  scenario::ScenarioSpec s;
  s.gpu_types = scenario::builtin_gpu_types();
  s.rack_types = scenario::builtin_rack_types();
  s.site.layout.racks_per_row = 4;
  s.site.layout.rows_per_hall = 2;
  s.racks["a"] = {"gb300-nvl72", 6, std::nullopt, {}};
  s.racks["b"] = {"hgx-h200-4u", 5, std::nullopt, {}};
  return s;
}

TEST(topology_test, groups_fill_rows_and_rows_fill_halls) {
  const Topology t = run::build_topology(two_group_spec());
  ASSERT_EQ(t.racks.size(), 11u);
  EXPECT_EQ(t.rows, 3);   // 4 + 4 + 3 racks
  EXPECT_EQ(t.halls, 2);  // rows 0-1 in hall 0, row 2 in hall 1
  EXPECT_EQ(t.gpus, 6 * 72 + 5 * 32);
  EXPECT_EQ(t.racks[0].name, "h1-r01-01");
  EXPECT_EQ(t.racks[5].name, "h1-r02-02");
  EXPECT_EQ(t.racks[10].name, "h2-r01-03");
  EXPECT_EQ(t.racks[6].group, 1);
  EXPECT_EQ(t.racks[6].first_gpu, 6 * 72);
  EXPECT_EQ(t.row_hall, (std::vector<std::int32_t>{0, 0, 1}));
}

TEST(topology_test, index_arrays_are_sorted_segments) {
  const Topology t = run::build_topology(two_group_spec());
  ASSERT_EQ(t.gpu_rack.size(), static_cast<std::size_t>(t.gpus));
  EXPECT_TRUE(std::is_sorted(t.gpu_rack.begin(), t.gpu_rack.end()));
  EXPECT_TRUE(std::is_sorted(t.rack_row.begin(), t.rack_row.end()));
  for (const auto& r : t.racks)
    for (int i = 0; i < r.gpus; ++i)
      EXPECT_EQ(t.gpu_rack[static_cast<std::size_t>(r.first_gpu + i)], &r - t.racks.data());
}

}  // namespace
}  // namespace aifsim::facility
