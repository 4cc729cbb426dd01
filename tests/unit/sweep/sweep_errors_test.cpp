// SPDX-License-Identifier: Apache-2.0
// Bad sweep files: every problem is one "file:line:col: field: message" line, found before
// anything runs.
#include <gtest/gtest.h>

#include "sim/sweep/load_variants.h"
#include "tests/unit/sweep/sweep_support.h"

namespace aifsim::sweep {
namespace {

// The error reading (and, when `load`, loading the variants of) a sweep with `body`, with
// the scratch path replaced by "DIR" so expectations can spell it.
std::string error_of(const std::string& body, bool load = false) {
  test::ScratchDir dir;
  const auto file = test::write_sweep(dir, body);
  std::string msg = test::input_error([&] {
    const SweepSpec spec = read_sweep_file(file);
    const SweepPlan plan = expand_plan(spec);
    std::vector<std::size_t> all;
    for (const auto& v : plan.variants) all.push_back(v.index);
    if (load) (void)load_variants(spec, plan, all);
  });
  for (std::size_t at; (at = msg.find(dir.path().string())) != std::string::npos;)
    msg.replace(at, dir.path().string().size(), "DIR");
  return msg;
}

TEST(sweep_errors_test, file_structure_errors_are_located) {
  EXPECT_EQ(error_of("axes:\n  - {field: racks.r.count, values: []}\n"),
            "DIR/sweep.yaml:3:36: axes[0].values: empty list: an axis needs a value");
  EXPECT_EQ(error_of("axes:\n  - {field: racks.r.count, range: {from: 1, to: 5, step: 0}}\n"),
            "DIR/sweep.yaml:3:58: axes[0].range.step: must not be 0");
  EXPECT_EQ(error_of("axes:\n  - {field: racks.r.count, range: {from: 1, to: 5, step: -1}}\n"),
            "DIR/sweep.yaml:3:58: axes[0].range.step: goes away from 'to' (from 1 to 5)");
  EXPECT_EQ(error_of("axes:\n  - {field: racks.r.count, range: {from: 1, step: 1}}\n"),
            "DIR/sweep.yaml:3:35: axes[0].range: missing 'to'");
  EXPECT_EQ(error_of("axes:\n  - {field: racks.r.count, range: {from: 1, to: x, step: 1}}\n"),
            "DIR/sweep.yaml:3:49: axes[0].range.to: expected a number");
  EXPECT_EQ(error_of("axes:\n  - {field: racks.r.count}\n"),
            "DIR/sweep.yaml:3:5: axes[0]: missing 'values' (a list) or 'range' ({from, to, step})");
  EXPECT_EQ(error_of("axis:\n  - {field: racks.r.count, values: [1]}\n"),
            "DIR/sweep.yaml:2:1: axis: unknown key (did you mean 'axes'?)");
  EXPECT_EQ(error_of("axes:\n  - {field: seed, values: [1]}\n  - {field: seed, values: [2]}\n"),
            "DIR/sweep.yaml:4:13: axes[1].field: 'seed' is already an axis");
  EXPECT_EQ(error_of("replications: 0\n"), "DIR/sweep.yaml:2:15: replications: must be >= 1 (got 0)");
  EXPECT_EQ(error_of("random: {samples: 4}\naxes: [{field: seed, values: [1]}]\n"),
            "DIR/sweep.yaml:2:9: random: needs at least one axis with a range");
  test::ScratchDir dir;
  const auto no_base = dir.write("s.yaml", "base: nowhere.yaml\n");
  EXPECT_EQ(test::input_error([&] { (void)read_sweep_file(no_base); }),
            no_base.string() + ":1:7: base: no such file: " + (dir.path() / "nowhere.yaml").string());
}

TEST(sweep_errors_test, an_unknown_axis_field_is_reported_at_its_value_by_the_scenario_loader) {
  EXPECT_EQ(error_of("axes:\n  - field: control.power_cap.target_mwx\n    values: [12, 14]\n", true),
            "DIR/sweep.yaml:4:14: control.power_cap.target_mwx: unknown field (did you mean 'target_mw'?)");
  // A value the field refuses, at that value (the first one loaded fine).
  EXPECT_EQ(error_of("axes: [{field: racks.r.count, values: [1, -3]}]\n", true),
            "DIR/sweep.yaml:2:43: racks.r.count: must be > 0 (got -3)");
  EXPECT_EQ(error_of("set: {time.durationn: 5m}\n", true).substr(0, 33), "DIR/sweep.yaml:2:23: time.duratio");
  EXPECT_EQ(error_of("variants: [{name: a, set: {racks.q.count: 2}}]\n", true).substr(0, 20), "DIR/sweep.yaml:2:43:");
}

TEST(sweep_errors_test, replications_advance_the_seed) {
  test::ScratchDir dir;
  const SweepSpec spec = read_sweep_file(test::write_sweep(dir, "replications: 3\n"));
  const SweepPlan plan = expand_plan(spec);
  const std::vector<std::size_t> all{0, 1, 2};
  const auto scenarios = load_variants(spec, plan, all);
  ASSERT_EQ(scenarios.size(), 3u);
  EXPECT_EQ(scenarios[0].spec.seed, 7u);
  EXPECT_EQ(scenarios[2].spec.seed, 9u);
}

TEST(sweep_errors_test, every_shipped_sweep_loads_all_its_variants) {
  int count = 0;
  for (const auto& e : std::filesystem::directory_iterator(test::source_dir() / "scenarios" / "sweeps")) {
    if (e.path().extension() != ".yaml") continue;
    ++count;
    EXPECT_EQ(test::input_error([&] {
                const SweepSpec spec = read_sweep_file(e.path());
                const SweepPlan plan = expand_plan(spec);
                std::vector<std::size_t> all;
                for (const auto& v : plan.variants) all.push_back(v.index);
                EXPECT_EQ(load_variants(spec, plan, all).size(), plan.variants.size());
              }),
              "");
  }
  EXPECT_GE(count, 1);
}

}  // namespace
}  // namespace aifsim::sweep
