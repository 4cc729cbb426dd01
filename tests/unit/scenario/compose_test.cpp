// SPDX-License-Identifier: Apache-2.0
// extends: overlays, --set overrides, catalog overrides, durations and the resolved scenario.
#include <gtest/gtest.h>

#include "sim/core/error.h"
#include "sim/scenario/load.h"
#include "sim/scenario/schema.h"
#include "tests/test_support.h"

namespace aifsim::scenario {
namespace {

const char* kBase =
    "name: base\n"
    "time: {duration: 2h, dt_s: 1}\n"
    "site: {layout: {racks_per_row: 4}}\n"
    "racks:\n"
    "  a: {type: gb300-nvl72, count: 2, load: {profile: constant, utilization: 0.5}}\n"
    "  b: {type: gb200-nvl72, count: 3}\n"
    "checks: {peak_it_power_mw: {max: 5}}\n";

TEST(extends_test, maps_merge_and_scalars_replace) {
  test::ScratchDir dir;
  dir.write("base.yaml", kBase);
  const auto top = dir.write("sub/whatif.yaml",
                             "extends: ../base.yaml\n"
                             "name: whatif\n"
                             "racks:\n"
                             "  a: {count: 5}\n");
  const auto sc = load_scenario(top);
  EXPECT_EQ(sc.spec.name, "whatif");
  ASSERT_EQ(sc.spec.racks.size(), 2u);
  EXPECT_EQ(sc.spec.racks.find("a")->count, 5);                 // replaced
  EXPECT_EQ(sc.spec.racks.find("a")->type, "gb300-nvl72");      // kept from the base
  EXPECT_DOUBLE_EQ(sc.spec.racks.find("a")->load.utilization, 0.5);
  EXPECT_EQ(sc.spec.racks.find("b")->count, 3);
  EXPECT_EQ(sc.spec.site.layout.racks_per_row, 4);
  EXPECT_DOUBLE_EQ(sc.spec.time.duration.s, 7200.0);
}

TEST(extends_test, lists_replace_whole) {
  test::ScratchDir dir;
  dir.write("base.yaml",
            "racks:\n  a:\n    type: gb300-nvl72\n    load:\n      profile: schedule\n"
            "      schedule: [{at: 0, utilization: 0.1}, {at: 60, utilization: 0.2}]\n");
  const auto top = dir.write("top.yaml",
                             "extends: base.yaml\nracks: {a: {load: {schedule: [{at: 0, utilization: 0.9}]}}}\n");
  const auto sc = load_scenario(top);
  const auto& s = sc.spec.racks.find("a")->load.schedule;
  ASSERT_EQ(s.size(), 1u);
  EXPECT_DOUBLE_EQ(s[0].utilization, 0.9);
}

TEST(extends_test, chains_and_detects_cycles) {
  test::ScratchDir dir;
  dir.write("a.yaml", "extends: b.yaml\nracks: {r: {type: gb300-nvl72}}\n");
  dir.write("b.yaml", "extends: a.yaml\n");
  try {
    load_scenario(dir.path() / "a.yaml");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("extends: cycle"), std::string::npos) << e.what();
  }
  dir.write("c.yaml", "extends: d.yaml\nseed: 7\n");
  dir.write("d.yaml", "extends: e.yaml\nseed: 3\nracks: {r: {count: 4}}\n");
  dir.write("e.yaml", "racks: {r: {type: gb300-nvl72, count: 1}}\n");
  const auto sc = load_scenario(dir.path() / "c.yaml");
  EXPECT_EQ(sc.spec.seed, 7u);
  EXPECT_EQ(sc.spec.racks.find("r")->count, 4);
  EXPECT_EQ(sc.spec.name, "c");  // default name: the file stem
}

TEST(extends_test, missing_base_is_located) {
  test::ScratchDir dir;
  const auto p = dir.write("a.yaml", "seed: 2\nextends: gone.yaml\n");
  try {
    load_scenario(p);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()).rfind(p.string() + ":2:10: extends: no such file", 0), 0u) << e.what();
  }
}

TEST(set_override_test, overrides_any_field_including_new_map_entries) {
  test::ScratchDir dir;
  const auto p = dir.write("base.yaml", kBase);
  const std::vector<Override> sets{parse_override("racks.b.count=7"),
                                   parse_override("time.duration=90m"),
                                   parse_override("checks.peak_facility_power_mw={max: 16.5}"),
                                   parse_override("gpu_types.b300-gb300.idle_w=170")};
  const auto sc = load_scenario(p, sets);
  EXPECT_EQ(sc.spec.racks.find("b")->count, 7);
  EXPECT_DOUBLE_EQ(sc.spec.time.duration.s, 5400.0);
  ASSERT_TRUE(sc.spec.checks.find("peak_facility_power_mw"));
  EXPECT_DOUBLE_EQ(*sc.spec.checks.find("peak_facility_power_mw")->max, 16.5);
  EXPECT_DOUBLE_EQ(sc.spec.gpu_types.find("b300-gb300")->idle_w, 170.0);
  EXPECT_DOUBLE_EQ(sc.spec.gpu_types.find("b300-gb300")->tdp_w, 1400.0);  // rest of the built-in kept
}

TEST(set_override_test, malformed_flag_is_an_input_error) {
  EXPECT_THROW(parse_override("racks.a.count"), InputError);
  EXPECT_THROW(parse_override("=3"), InputError);
}

TEST(duration_field_test, accepts_numbers_and_unit_strings) {
  test::ScratchDir dir;
  const char* forms[][2] = {{"3600", "3600"}, {"3600s", "3600"}, {"90m", "5400"}, {"24h", "86400"},
                            {"1.5h", "5400"}, {"2d", "172800"}};
  for (const auto& f : forms) {
    const auto p = dir.write("d.yaml", std::string("time: {duration: ") + f[0] +
                                           "}\nracks: {a: {type: gb300-nvl72}}\n");
    EXPECT_DOUBLE_EQ(load_scenario(p).spec.time.duration.s, std::stod(f[1])) << f[0];
  }
  const auto bad = dir.write("bad.yaml", "time: {duration: 3 weeks}\nracks: {a: {type: gb300-nvl72}}\n");
  EXPECT_THROW(load_scenario(bad), InputError);
}

TEST(resolved_yaml_test, reloading_the_resolved_scenario_gives_the_same_spec) {
  test::ScratchDir dir;
  const auto p = dir.write("base.yaml", kBase);
  const auto first = load_scenario(p);
  const auto resolved = dir.write("resolved.yaml", resolved_yaml(first.spec));
  const auto second = load_scenario(resolved);
  EXPECT_EQ(resolved_yaml(second.spec), resolved_yaml(first.spec));
  EXPECT_EQ(second.start_unix_s, first.start_unix_s);
  EXPECT_EQ(second.spec.racks.find("b")->count, 3);
}

TEST(start_time_test, offset_defaults_to_site_local_time) {
  test::ScratchDir dir;
  const auto local = dir.write("l.yaml", "time: {start: '2026-07-15T00:00:00'}\nracks: {a: {type: gb300-nvl72}}\n");
  const auto sc = load_scenario(local);
  EXPECT_EQ(sc.utc_offset_s, 8 * 3600);
  EXPECT_EQ(sc.start_unix_s, 1784044800);  // 2026-07-14T16:00:00Z
  const auto utc = dir.write("u.yaml", "time: {start: '2026-07-15T00:00:00Z'}\nracks: {a: {type: gb300-nvl72}}\n");
  EXPECT_EQ(load_scenario(utc).start_unix_s, 1784073600);
}

}  // namespace
}  // namespace aifsim::scenario
