// SPDX-License-Identifier: Apache-2.0
// Parsing, evaluating and naming the limits of a capacity search.
#include "sim/capacity/condition.h"

#include <cctype>
#include <cmath>
#include <utility>

#include "sim/core/error.h"
#include "sim/metrics/summary_keys.h"
#include "sim/scenario/schema.h"

namespace aifsim::capacity {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string_view op_text(Op op) {
  switch (op) {
    case Op::le: return "<=";
    case Op::lt: return "<";
    case Op::ge: return ">=";
    case Op::gt: return ">";
  }
  return "?";
}

bool starts_with(std::string_view key, std::string_view prefix) { return key.substr(0, prefix.size()) == prefix; }

}  // namespace

Condition parse_condition(std::string_view text, std::string_view flag) {
  const std::string where = std::string(flag) + " '" + std::string(text) + "': ";
  const std::size_t at = text.find_first_of("<>");
  if (at == std::string_view::npos)
    throw InputError(where + "expected KEY<=X, KEY<X, KEY>=X or KEY>X (e.g. 'peak_facility_power_mw<=16')");
  Condition c;
  const bool less = text[at] == '<';
  const bool or_equal = at + 1 < text.size() && text[at + 1] == '=';
  c.op = less ? (or_equal ? Op::le : Op::lt) : (or_equal ? Op::ge : Op::gt);
  c.key = std::string(trim(text.substr(0, at)));
  const std::string_view bound = trim(text.substr(at + (or_equal ? 2 : 1)));
  if (c.key.empty()) throw InputError(where + "no summary key before '" + std::string(op_text(c.op)) + "'");
  if (!metrics::is_summary_metric(c.key)) {
    std::vector<std::string> keys;
    for (const auto& k : metrics::summary_metric_keys()) keys.emplace_back(k.key);
    std::string msg = where + "unknown summary key '" + c.key + "'";
    if (auto near = scenario::closest_name(c.key, keys)) msg += " (did you mean '" + *near + "'?)";
    throw InputError(msg + "; `aifsim docs` lists the keys");
  }
  const auto value = scenario::parse_number(bound);
  if (!value || !std::isfinite(*value))
    throw InputError(where + "the bound '" + std::string(bound) + "' is not a number");
  c.bound = *value;
  return c;
}

std::vector<Condition> scenario_check_conditions(const scenario::ScenarioSpec& spec) {
  std::vector<Condition> out;
  for (const auto& [key, check] : spec.checks) {
    if (check.max) out.push_back({key, Op::le, *check.max, Origin::scenario_check});
    if (check.min) out.push_back({key, Op::ge, *check.min, Origin::scenario_check});
  }
  return out;
}

std::vector<Condition> equipment_conditions() {
  // Load fractions are of the usable capacity, i.e. with the redundant units held in
  // reserve (sim/power/ratings.h): above 1 the design has lost its redundancy at the peak.
  return {{"ups_peak_load_frac", Op::le, 1.0, Origin::equipment},
          {"transformer_peak_load_frac", Op::le, 1.0, Origin::equipment},
          {"rack_psu_peak_load_frac", Op::le, 1.0, Origin::equipment},
          {"rack_trips", Op::le, 0.0, Origin::equipment},
          {"shutdown_events", Op::le, 0.0, Origin::equipment}};
}

bool holds(const Condition& c, double value) {
  if (std::isnan(value)) return false;
  switch (c.op) {
    case Op::le: return value <= c.bound;
    case Op::lt: return value < c.bound;
    case Op::ge: return value >= c.bound;
    case Op::gt: return value > c.bound;
  }
  return false;
}

std::string describe(const Condition& c) {
  return c.key + " " + std::string(op_text(c.op)) + " " + scenario::format_number(c.bound);
}

double headroom(const Condition& c, double value) {
  if (std::isnan(value)) return value;
  const double scale = c.bound != 0 ? std::abs(c.bound) : 1.0;
  const bool upper = c.op == Op::le || c.op == Op::lt;
  return (upper ? c.bound - value : value - c.bound) / scale;
}

std::string constraint_name(std::string_view key) {
  static const std::pair<std::string_view, std::string_view> exact[] = {
      {"ups_peak_load_frac", "UPS rating"},
      {"transformer_peak_load_frac", "transformer rating"},
      {"rack_psu_peak_load_frac", "rack PSU rating"},
      {"power_overload_s", "equipment ratings"},
      {"rack_trips", "loop temperature (rack over-temperature trips)"},
      {"heat_to_water_mwh", "cooling capacity"},
      {"heat_from_water_mwh", "cooling capacity"},
      {"slo_attainment", "SLO attainment"},
      {"requests_dropped", "SLO attainment"},
      {"requests_timed_out", "SLO attainment"},
      {"cap_violation_s", "cap violation"},
      {"cap_max_overshoot_mw", "cap violation"},
      {"peak_15min_demand_mw", "facility power (15-minute demand)"},
      {"peak_grid_power_mw", "grid power"},
      {"water_m3", "water"},
      {"wue_l_per_kwh", "water"},
      {"pue", "PUE"},
      {"mean_gpu_speed", "GPU speed"},
  };
  for (const auto& [k, name] : exact)
    if (key == k) return std::string(name);
  static const std::pair<std::string_view, std::string_view> prefixes[] = {
      {"peak_facility_power", "facility power"}, {"mean_facility_power", "facility power"},
      {"facility_energy", "facility power"},     {"peak_it_power", "IT power"},
      {"mean_it_power", "IT power"},             {"gpu_die_temp", "die temperature"},
      {"throttle", "die temperature (throttling)"}, {"shutdown", "die temperature (shutdowns)"},
      {"ttft", "SLO attainment (time to first token)"}, {"tpot", "SLO attainment (time per output token)"},
      {"ppue", "PUE"},                           {"cooling", "cooling energy"},
      {"chiller", "cooling energy"},             {"energy_cost", "cost"},
      {"total_cost", "cost"},                    {"cost", "cost"},
      {"demand_charge", "cost"},                 {"co2", "carbon"},
      {"carbon", "carbon"},
  };
  for (const auto& [p, name] : prefixes)
    if (starts_with(key, p)) return std::string(name);
  return std::string(key);
}

std::string_view origin_name(Origin origin) {
  switch (origin) {
    case Origin::until: return "--until";
    case Origin::scenario_check: return "scenario check";
    case Origin::equipment: return "equipment limit";
  }
  return "?";
}

}  // namespace aifsim::capacity
