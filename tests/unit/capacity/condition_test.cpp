// SPDX-License-Identifier: Apache-2.0
// Capacity limits: parsed from the command line with located errors, evaluated with missing
// values failing, and named for the part of the facility they protect.
#include "sim/capacity/condition.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "sim/core/error.h"
#include "sim/scenario/spec.h"

namespace aifsim::capacity {
namespace {

std::string error_of(const std::string& text) {
  try {
    parse_condition(text, "--until");
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(capacity_condition_test, parses_every_operator_with_or_without_blanks) {
  EXPECT_EQ(parse_condition("peak_facility_power_mw<=16", "--until"),
            (Condition{"peak_facility_power_mw", Op::le, 16.0, Origin::until}));
  EXPECT_EQ(parse_condition(" slo_attainment >= 0.99 ", "--until"),
            (Condition{"slo_attainment", Op::ge, 0.99, Origin::until}));
  EXPECT_EQ(parse_condition("gpu_die_temp_max_c<85.5", "--and").op, Op::lt);
  EXPECT_EQ(parse_condition("tokens_per_s>1e6", "--and").bound, 1e6);
}

TEST(capacity_condition_test, bad_conditions_name_the_flag_and_the_problem) {
  EXPECT_EQ(error_of("peak_facility_power_mx<=16"),
            "--until 'peak_facility_power_mx<=16': unknown summary key 'peak_facility_power_mx' (did you mean "
            "'peak_facility_power_mw'?); `aifsim docs` lists the keys");
  EXPECT_EQ(error_of("peak_facility_power_mw=16"),
            "--until 'peak_facility_power_mw=16': expected KEY<=X, KEY<X, KEY>=X or KEY>X (e.g. "
            "'peak_facility_power_mw<=16')");
  EXPECT_EQ(error_of("pue<=low"), "--until 'pue<=low': the bound 'low' is not a number");
  EXPECT_EQ(error_of("<=3"), "--until '<=3': no summary key before '<='");
}

TEST(capacity_condition_test, a_missing_value_never_holds) {
  const Condition c{"ttft_p99_s", Op::le, 2.0, Origin::until};
  EXPECT_TRUE(holds(c, 1.5));
  EXPECT_TRUE(holds(c, 2.0));
  EXPECT_FALSE(holds(c, 2.01));
  EXPECT_FALSE(holds(c, std::numeric_limits<double>::quiet_NaN()));
  EXPECT_FALSE(holds({"x", Op::lt, 2.0, Origin::until}, 2.0));
  EXPECT_TRUE(holds({"x", Op::gt, 2.0, Origin::until}, 2.5));
}

TEST(capacity_condition_test, headroom_is_the_share_of_the_bound_left) {
  EXPECT_NEAR(headroom({"peak_facility_power_mw", Op::le, 16.0, Origin::until}, 15.2), 0.05, 1e-12);
  EXPECT_NEAR(headroom({"peak_facility_power_mw", Op::le, 16.0, Origin::until}, 16.8), -0.05, 1e-12);
  EXPECT_NEAR(headroom({"slo_attainment", Op::ge, 0.5, Origin::until}, 0.6), 0.2, 1e-12);
  EXPECT_DOUBLE_EQ(headroom({"rack_trips", Op::le, 0.0, Origin::equipment}, 3.0), -3.0);
}

TEST(capacity_condition_test, scenario_checks_and_equipment_limits_become_conditions) {
  scenario::ScenarioSpec spec;
  spec.checks.entries.push_back({"peak_facility_power_mw", scenario::CheckSpec{16.0, std::nullopt}});
  spec.checks.entries.push_back({"slo_attainment", scenario::CheckSpec{std::nullopt, 0.95}});
  const auto c = scenario_check_conditions(spec);
  ASSERT_EQ(c.size(), 2u);
  EXPECT_EQ(c[0], (Condition{"peak_facility_power_mw", Op::le, 16.0, Origin::scenario_check}));
  EXPECT_EQ(c[1], (Condition{"slo_attainment", Op::ge, 0.95, Origin::scenario_check}));
  const auto e = equipment_conditions();
  ASSERT_EQ(e.size(), 5u);
  EXPECT_EQ(describe(e[0]), "ups_peak_load_frac <= 1");
}

TEST(capacity_condition_test, names_the_constraint_a_key_protects) {
  EXPECT_EQ(constraint_name("peak_facility_power_mw"), "facility power");
  EXPECT_EQ(constraint_name("ups_peak_load_frac"), "UPS rating");
  EXPECT_EQ(constraint_name("transformer_peak_load_frac"), "transformer rating");
  EXPECT_EQ(constraint_name("rack_psu_peak_load_frac"), "rack PSU rating");
  EXPECT_EQ(constraint_name("rack_trips"), "loop temperature (rack over-temperature trips)");
  EXPECT_EQ(constraint_name("gpu_die_temp_max_c"), "die temperature");
  EXPECT_EQ(constraint_name("slo_attainment"), "SLO attainment");
  EXPECT_EQ(constraint_name("cap_violation_s"), "cap violation");
  EXPECT_EQ(constraint_name("tokens_per_s"), "tokens_per_s");
}

}  // namespace
}  // namespace aifsim::capacity
