// SPDX-License-Identifier: Apache-2.0
// Bad scenarios are rejected with one located line each: file:line:col: field.path: message.
#include <gtest/gtest.h>

#include "sim/core/error.h"
#include "sim/scenario/load.h"
#include "tests/test_support.h"
#include "tests/unit/scenario/bad_scenario.h"

namespace aifsim::scenario {
namespace {

using test_support::BadCase;
using test_support::case_name;
using test_support::expect_located_error;

const std::string kHead =
    "name: t\n"
    "time:\n"
    "  duration: 1h\n";

const BadCase kCases[] = {
    {"negative_count",
     "racks:\n  main:\n    type: gb300-nvl72\n    count: -3\n",
     "7:12: racks.main.count: must be > 0 (got -3)"},
    {"unknown_key_with_suggestion",
     "racks:\n  main:\n    type: gb300-nvl72\n    cuont: 3\n",
     "7:5: racks.main.cuont: unknown field (did you mean 'count'?)"},
    {"wrong_type",
     "racks:\n  main:\n    type: gb300-nvl72\n    load:\n      utilization: lots\n",
     "8:20: racks.main.load.utilization: expected a number (got 'lots')"},
    {"missing_required",
     "racks:\n  main:\n    count: 3\n",
     "6:5: racks.main.type: required field is missing"},
    {"unknown_rack_type",
     "racks:\n  main:\n    type: gb400-nvl144\n",
     "6:11: racks.main.type: no rack type named 'gb400-nvl144' in rack_types"},
    {"bad_enum",
     "racks:\n  main:\n    type: gb300-nvl72\n    load: {profile: weekly}\n",
     "7:21: racks.main.load.profile: must be one of constant, diurnal, schedule (got 'weekly')"},
    {"misspelt_enum_with_suggestion",
     "racks:\n  main:\n    type: gb300-nvl72\n    load: {profile: diurnl}\n",
     "7:21: racks.main.load.profile: must be one of constant, diurnal, schedule (got 'diurnl'; did you mean "
     "'diurnal'?)"},
    {"power_limit_outside_type_range",
     "racks:\n  main:\n    type: hgx-h200-4u\n    gpu_power_limit_w: 900\n",
     "7:24: racks.main.gpu_power_limit_w: must be within the h200-sxm settable range [200, 700] W (got 900)"},
    {"unknown_check_key",
     "racks:\n  main: {type: gb300-nvl72}\nchecks:\n  peak_facility_mw: {max: 3}\n",
     "7:21: checks.peak_facility_mw: not a numeric summary.json key (did you mean 'peak_facility_power_mw'?)"},
    {"map_where_list_expected",
     "racks:\n  main:\n    type: gb300-nvl72\n    load:\n      profile: schedule\n      schedule: {at: 1}\n",
     "9:17: racks.main.load.schedule: expected a list (got a map)"},
};

class loader_errors_test : public ::testing::TestWithParam<BadCase> {};

TEST_P(loader_errors_test, names_file_line_column_and_field) { expect_located_error(kHead, GetParam()); }

INSTANTIATE_TEST_SUITE_P(table, loader_errors_test, ::testing::ValuesIn(kCases), case_name);

// A start the calendar models cannot place, and a run far beyond any sensible size (a
// mistyped dt_s), are refused at load time rather than deep inside the run.
TEST(loader_test, start_year_and_run_size_are_bounded) {
  expect_located_error("name: t\n", {"year_zero",
                                      "time:\n  start: '0000-07-15T00:00:00'\nracks:\n  main: {type: gb300-nvl72}\n",
                                      "3:10: time.start: the year must be from 1970 to 2200 (got 0)"});
  expect_located_error("name: t\n",
                       {"tiny_tick",
                        "time:\n  duration: 366d\n  dt_s: 0.001\nracks:\n  main: {type: gb300-nvl72}\n",
                        "4:9: time.dt_s: 72 GPUs x 31622400000 ticks = 2276812800000 GPU-ticks, more than "
                        "time.max_gpu_ticks (1000000000000); check dt_s, duration and the rack counts, or raise "
                        "time.max_gpu_ticks"});
}

// 100,000 GB300 racks (7.2 M GPUs, ~3.8 GiB estimated) against a 1 GiB limit: refused at load
// time with the estimate and the limit, before a byte of the fleet is allocated.
TEST(loader_test, run_beyond_the_memory_limit_is_refused_with_the_estimate) {
  expect_located_error("name: t\n",
                       {"memory",
                        "time:\n  duration: 10s\n  max_memory_gib: 1\nracks:\n  main: {type: gb300-nvl72, count: 100000}\n",
                        "6:3: racks: 7200000 GPUs need an estimated 3.79 GiB of memory, more than the limit of 1 GiB"
                        " (time.max_memory_gib); lower the rack counts, or raise the limit with --max-memory GIB "
                        "(time.max_memory_gib)"});
}

TEST(loader_test, syntax_error_is_located) {
  test::ScratchDir dir;
  const auto path = dir.write("bad.yaml", "name: t\nracks: [a, b\n");
  try {
    load_scenario(path);
    FAIL();
  } catch (const InputError& e) {
    const std::string msg = e.what();
    EXPECT_EQ(msg.rfind(path.string() + ":", 0), 0u) << msg;
    EXPECT_NE(msg.find(":3:"), std::string::npos) << msg;  // the unterminated list ends at line 3
  }
}

TEST(loader_test, missing_file_names_the_path) {
  try {
    load_scenario("/nonexistent/aifsim/none.yaml");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), "/nonexistent/aifsim/none.yaml: cannot open file");
  }
}

TEST(loader_test, reports_every_problem_not_just_the_first) {
  test::ScratchDir dir;
  const auto path = dir.write("x.yaml",
                              "racks:\n  a: {type: gb300-nvl72, count: 0}\n  b: {type: gb300-nvl72, load: {jitter: 2}}\n");
  try {
    load_scenario(path);
    FAIL();
  } catch (const InputError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("racks.a.count: must be > 0 (got 0)"), std::string::npos) << msg;
    EXPECT_NE(msg.find("racks.b.load.jitter: must be in [0, 0.5] (got 2)"), std::string::npos) << msg;
    EXPECT_EQ(std::count(msg.begin(), msg.end(), '\n'), 1) << "one line per problem";
  }
}

TEST(loader_test, duplicate_keys_are_rejected) {
  test::ScratchDir dir;
  const auto path = dir.write("x.yaml", "seed: 1\nseed: 2\nracks: {a: {type: gb300-nvl72}}\n");
  EXPECT_THROW(load_scenario(path), InputError);
}

TEST(loader_test, output_interval_must_be_a_multiple_of_the_tick) {
  test::ScratchDir dir;
  const auto path = dir.write("x.yaml",
                              "time: {dt_s: 7}\nracks: {a: {type: gb300-nvl72}}\noutput: {interval: 60s}\n");
  try {
    load_scenario(path);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("output.interval: must be a whole multiple of time.dt_s (7 s)"),
              std::string::npos)
        << e.what();
  }
}

TEST(loader_test, bad_set_override_is_located_at_the_flag) {
  test::ScratchDir dir;
  const auto path = dir.write("x.yaml", "racks: {a: {type: gb300-nvl72}}\n");
  const Override o{"racks.a.count", "-3"};
  try {
    load_scenario(path, std::span(&o, 1));
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), "--set racks.a.count=-3: racks.a.count: must be > 0 (got -3)");
  }
}

}  // namespace
}  // namespace aifsim::scenario
