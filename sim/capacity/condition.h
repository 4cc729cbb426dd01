// SPDX-License-Identifier: Apache-2.0
// The limits a capacity search holds a design to: `KEY<=X` conditions on summary keys from
// the command line, the scenario's own `checks:`, and the equipment limits every design must
// keep (ratings, rack trips, GPU shutdowns). Each names the part of the facility it protects,
// so a failed search can say which constraint binds.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/scenario/spec.h"

namespace aifsim::capacity {

enum class Op { le, lt, ge, gt };

/// Where a condition came from.
enum class Origin { until, scenario_check, equipment };

struct Condition {
  std::string key;  ///< a numeric summary key (sim/metrics/summary_keys.h)
  Op op = Op::le;
  double bound = 0;
  Origin origin = Origin::until;
  bool operator==(const Condition&) const = default;
};

/// Parses "KEY<=X", "KEY < X", "KEY>=X" or "KEY>X" (blanks allowed around the operator).
/// `flag` names the option in errors. Throws InputError, e.g. "--until
/// 'peak_facility_power_mx<=16': unknown summary key 'peak_facility_power_mx' (did you mean
/// 'peak_facility_power_mw'?)".
Condition parse_condition(std::string_view text, std::string_view flag);

/// The scenario's `checks:` as conditions (max: <=, min: >=), in file order.
std::vector<Condition> scenario_check_conditions(const scenario::ScenarioSpec& spec);

/// What no design may break whatever was asked: UPS, transformer and rack PSU peak load within
/// their usable (redundancy-aware) capacity, no rack tripped on loop temperature and no GPU
/// shut down on die temperature.
std::vector<Condition> equipment_conditions();

/// True when `value` meets the condition; a missing value (NaN) never does.
bool holds(const Condition& c, double value);

/// "peak_facility_power_mw <= 16".
std::string describe(const Condition& c);

/// How far inside its bound a value is, as a share of the bound (of 1 for a bound of 0):
/// positive inside, negative beyond it; NaN for a missing value.
double headroom(const Condition& c, double value);

/// The part of the facility a summary key speaks for, e.g. "facility power", "UPS rating",
/// "loop temperature", "SLO attainment"; "KEY" itself for keys without one.
std::string constraint_name(std::string_view key);

/// "--until", "scenario check", "equipment limit".
std::string_view origin_name(Origin origin);

}  // namespace aifsim::capacity
