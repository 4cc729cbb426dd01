// SPDX-License-Identifier: Apache-2.0
// Plan expansion: grid order, ranges, replications, named variants, sampling, shards.
#include <gtest/gtest.h>

#include <algorithm>

#include "sim/sweep/plan.h"
#include "tests/unit/sweep/sweep_support.h"

namespace aifsim::sweep {
namespace {

SweepPlan plan_of(const std::string& body) {
  test::ScratchDir dir;
  return expand_plan(read_sweep_file(test::write_sweep(dir, body)));
}

std::vector<std::string> names(const SweepPlan& p) {
  std::vector<std::string> out;
  for (const auto& v : p.variants) out.push_back(v.name);
  return out;
}

std::vector<std::string> column(const SweepPlan& p, std::size_t field) {
  std::vector<std::string> out;
  for (const auto& v : p.variants) out.push_back(v.values[field] ? v.values[field]->display : "-");
  return out;
}

TEST(sweep_plan_test, grid_is_the_cartesian_product_with_the_last_axis_fastest) {
  const SweepPlan p = plan_of(
      "axes:\n"
      "  - {field: control.power_cap.target_mw, values: [12, 14]}\n"
      "  - {field: racks.r.count, range: {from: 1, to: 3, step: 1}}\n");
  EXPECT_EQ(p.name, "sweep");
  EXPECT_EQ(p.fields, (std::vector<std::string>{"control.power_cap.target_mw", "racks.r.count"}));
  EXPECT_FALSE(p.replications);
  EXPECT_EQ(names(p), (std::vector<std::string>{"target_mw=12,count=1", "target_mw=12,count=2", "target_mw=12,count=3",
                                                "target_mw=14,count=1", "target_mw=14,count=2",
                                                "target_mw=14,count=3"}));
  for (std::size_t i = 0; i < p.variants.size(); ++i) {
    EXPECT_EQ(p.variants[i].index, i);
    EXPECT_EQ(p.variants[i].replication, -1);
    ASSERT_EQ(p.variants[i].settings.size(), 2u);
    EXPECT_EQ(p.variants[i].settings[1].field, "racks.r.count");
  }
  EXPECT_EQ(p.variants[4].settings[0].value.yaml, "14");
  EXPECT_EQ(p.variants[4].settings[1].value.yaml, "2");
}

TEST(sweep_plan_test, float_ranges_round_to_the_inputs_decimals_and_include_the_end) {
  const SweepPlan p = plan_of("axes: [{field: racks.r.load.utilization, range: {from: 0.1, to: 0.5, step: 0.1}}]\n");
  EXPECT_EQ(column(p, 0), (std::vector<std::string>{"0.1", "0.2", "0.3", "0.4", "0.5"}));
  const SweepPlan down = plan_of("axes: [{field: racks.r.count, range: {from: 10, to: 4, step: -3}}]\n");
  EXPECT_EQ(column(down, 0), (std::vector<std::string>{"10", "7", "4"}));
  // A step that does not land on `to` stops below it.
  const SweepPlan uneven = plan_of("axes: [{field: control.power_cap.target_mw, range: {from: 12, to: 13, step: 0.4}}]\n");
  EXPECT_EQ(column(uneven, 0), (std::vector<std::string>{"12", "12.4", "12.8"}));
}

TEST(sweep_plan_test, replications_are_innermost_with_their_own_column) {
  const SweepPlan p = plan_of("set: {time.duration: 5m}\naxes: [{field: racks.r.count, values: [1, 2]}]\nreplications: 2\n");
  EXPECT_TRUE(p.replications);
  EXPECT_EQ(names(p), (std::vector<std::string>{"count=1,rep=0", "count=1,rep=1", "count=2,rep=0", "count=2,rep=1"}));
  EXPECT_EQ(p.variants[3].replication, 1);
  // `set` applies first, to every variant, and is not a column.
  EXPECT_EQ(p.variants[3].settings.front().field, "time.duration");
  EXPECT_EQ(p.fields.size(), 1u);
}

TEST(sweep_plan_test, named_variants_are_outermost_and_their_fields_become_columns) {
  const SweepPlan p = plan_of(
      "variants:\n"
      "  - {name: july, set: {time.start: \"2026-07-15T00:00:00+08:00\"}}\n"
      "  - {name: hot, set: {racks.r.load.utilization: 0.9}}\n"
      "axes: [{field: racks.r.count, values: [1, 2]}]\n");
  EXPECT_EQ(names(p), (std::vector<std::string>{"july,count=1", "july,count=2", "hot,count=1", "hot,count=2"}));
  EXPECT_EQ(p.fields, (std::vector<std::string>{"racks.r.count", "time.start", "racks.r.load.utilization"}));
  EXPECT_EQ(column(p, 1), (std::vector<std::string>{"2026-07-15T00:00:00+08:00", "2026-07-15T00:00:00+08:00", "-", "-"}));
  EXPECT_EQ(column(p, 2), (std::vector<std::string>{"-", "-", "0.9", "0.9"}));
  const SweepPlan only = plan_of("variants: [{name: a}, {name: b, set: {seed: 3}}]\n");
  EXPECT_EQ(names(only), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(plan_of("set: {seed: 3}\n").variants.size(), 1u);
  EXPECT_EQ(plan_of("set: {seed: 3}\n").variants[0].name, "base");
}

TEST(sweep_plan_test, latin_hypercube_puts_one_sample_in_each_stratum_of_each_axis) {
  const std::string body =
      "latin_hypercube: {samples: 10, seed: 4}\n"
      "axes:\n"
      "  - {field: racks.r.load.utilization, range: {from: 0.0, to: 1.0}}\n"  // decimals: a float axis
      "  - {field: racks.r.count, range: {from: 1, to: 10}}\n";
  const SweepPlan p = plan_of(body);
  ASSERT_EQ(p.variants.size(), 10u);
  std::vector<int> util_strata, counts;
  for (const auto& v : p.variants) {
    util_strata.push_back(static_cast<int>(std::stod(v.values[0]->display) * 10));
    counts.push_back(std::stoi(v.values[1]->display));
  }
  std::sort(util_strata.begin(), util_strata.end());
  std::sort(counts.begin(), counts.end());
  EXPECT_EQ(util_strata, (std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
  EXPECT_EQ(counts, (std::vector<int>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));  // integers, each stratum once
  EXPECT_EQ(names(plan_of(body)), names(p));  // a pure function of the seed
  const SweepPlan r = plan_of("random: {samples: 5, seed: 4}\naxes: [{field: racks.r.count, range: {from: 1, to: 3}}, "
                              "{field: seed, values: [1, 2]}]\n");
  ASSERT_EQ(r.variants.size(), 10u);  // the list axis is a grid over the samples
  for (const auto& v : r.variants) EXPECT_TRUE(v.values[0]->display == "1" || v.values[0]->display == "2" ||
                                               v.values[0]->display == "3") << v.name;
}

TEST(sweep_plan_test, directories_sort_in_plan_order_and_shards_partition_the_variants) {
  const SweepPlan p = plan_of("axes: [{field: racks.r.count, range: {from: 1, to: 5, step: 1}}]\n");
  EXPECT_EQ(variant_dir_name(p, p.variants[3]), "0003-count-4");
  EXPECT_EQ(shard_variants(p, 0, 2), (std::vector<std::size_t>{0, 2, 4}));
  EXPECT_EQ(shard_variants(p, 1, 2), (std::vector<std::size_t>{1, 3}));
  EXPECT_EQ(shard_variants(p, 4, 5), (std::vector<std::size_t>{4}));
}

}  // namespace
}  // namespace aifsim::sweep
