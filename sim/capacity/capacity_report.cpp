// SPDX-License-Identifier: Apache-2.0
// Formatting a capacity search's result and writing its files.
#include "sim/capacity/capacity_report.h"

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>

#include "sim/output/atomic_file.h"
#include "sim/scenario/schema.h"
#include "sim/sweep/table.h"

namespace aifsim::capacity {
namespace {

std::string num(double v) {
  if (std::isnan(v)) return "(no value)";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

// A limit's headroom in percent; "-" for a missing value and for a zero count that holds
// (no rack trips: nothing to take a share of).
std::string pct(const LimitValue& l) {
  const double headroom = l.headroom;
  if (std::isnan(headroom) || (l.holds && l.condition.bound == 0)) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%+.1f %%", headroom * 100.0);
  return buf;
}

std::string clock(int s) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", s / 3600 % 100, s / 60 % 60);
  return buf;
}

std::string failing_op(Op op) {
  // The relation a failing value has to its bound.
  switch (op) {
    case Op::le: return ">";
    case Op::lt: return ">=";
    case Op::ge: return "<";
    case Op::gt: return "<=";
  }
  return "?";
}

std::string when(const CapacityPlan& plan) {
  if (plan.days.empty()) return "over the scenario's own time (" + plan.base.spec.time.start + ", " +
                                scenario::format_duration_text(plan.base.spec.time.duration.s) + ")";
  std::string out;
  for (const auto& d : plan.days) out += (out.empty() ? "" : "; ") + d.date() + " (" + d.basis + ")";
  if (plan.request.window) out += ", " + clock(plan.request.window->from_s) + "-" + clock(plan.request.window->to_s);
  return "on " + out;
}

nlohmann::json limit_json(const LimitValue& l) {
  nlohmann::json j;
  j["limit"] = describe(l.condition);
  j["key"] = l.condition.key;
  j["constraint"] = constraint_name(l.condition.key);
  j["origin"] = std::string(origin_name(l.condition.origin));
  j["value"] = std::isnan(l.value) ? nlohmann::json() : nlohmann::json(l.value);
  j["holds"] = l.holds;
  j["headroom"] = std::isnan(l.headroom) ? nlohmann::json() : nlohmann::json(l.headroom);
  return j;
}

}  // namespace

std::string describe_limit(const LimitValue& l) {
  const std::string rel = l.holds ? (l.condition.op == Op::le || l.condition.op == Op::lt ? "<=" : ">=")
                                  : failing_op(l.condition.op);
  return constraint_name(l.condition.key) + ": " + l.condition.key + " = " + num(l.value) +
         (std::isnan(l.value) ? "" : " " + rel + " " + scenario::format_number(l.condition.bound)) + " (" +
         std::string(origin_name(l.condition.origin)) + ")";
}

std::string format_text(const CapacityPlan& plan, const CapacityResult& r) {
  std::ostringstream o;
  o << "capacity of " << plan.request.field << " " << when(plan) << "\n";
  if (r.stopped) o << "  stopped early: no answer yet\n";
  if (r.answer) {
    o << "  answer: " << *r.answer;
    if (r.breaks_at) o << " (" << *r.breaks_at << " breaks it)";
    if (r.hit_max) o << " (the top of the range: every limit still holds at --max)";
    o << "\n";
  } else if (!r.stopped) {
    o << "  answer: none: the lowest value " << plan.grid.min << " already fails\n";
  }
  if (r.breaks_at) {
    o << "  binding at " << *r.breaks_at << ": ";
    if (!r.refused_above.empty()) o << "the scenario refuses it: " << r.refused_above << "\n";
    else if (!r.binding.empty()) o << describe_limit(r.binding.front()) << "\n";
    for (std::size_t i = 1; i < r.binding.size(); ++i) o << "    also: " << describe_limit(r.binding[i]) << "\n";
  }
  if (!r.margins.empty()) {
    o << "  headroom at " << *r.answer << " (tightest first):\n";
    std::size_t width = 0, value_width = 0, pct_width = 0;
    for (const auto& m : r.margins) {
      width = std::max(width, describe(m.condition).size());
      value_width = std::max(value_width, num(m.value).size());
      pct_width = std::max(pct_width, pct(m).size());
    }
    const auto pad_left = [](const std::string& s, std::size_t w) { return std::string(w - s.size(), ' ') + s; };
    for (const auto& m : r.margins) {
      const std::string d = describe(m.condition);
      o << "    " << d << std::string(width - d.size() + 2, ' ') << pad_left(num(m.value), value_width) << "  "
        << pad_left(pct(m), pct_width) << "  " << constraint_name(m.condition.key) << "\n";
    }
  }
  if (!plan.demand.empty()) {
    o << "  demand:\n";
    for (const auto& d : plan.demand) o << "    " << d.text << "\n";
  }
  o << "  runs: " << r.runs;
  if (r.runs_reused) o << " (" << r.runs_reused << " read back)";
  o << "\n";
  for (const auto& w : r.warnings) o << "  warning: " << w << "\n";
  return o.str();
}

std::string format_markdown(const CapacityPlan& plan, const CapacityResult& r) {
  std::ostringstream o;
  o << "### Capacity of `" << plan.request.field << "`\n\n" << when(plan) << "\n\n";
  if (r.answer) {
    o << "**Answer: " << *r.answer << "**";
    if (r.breaks_at) o << " (" << *r.breaks_at << " breaks it)";
    if (r.hit_max) o << " (every limit still holds at --max)";
    o << "\n\n";
  } else {
    o << "**No answer**: " << (r.stopped ? "stopped early" : "the lowest value already fails") << "\n\n";
  }
  if (r.breaks_at) {
    o << "Binding at " << *r.breaks_at << ": ";
    if (!r.refused_above.empty()) o << "the scenario refuses it: " << r.refused_above << "\n\n";
    else if (!r.binding.empty()) o << describe_limit(r.binding.front()) << "\n\n";
  }
  if (!r.margins.empty()) {
    o << "| limit | value at " << *r.answer << " | headroom | constraint |\n|---|---:|---:|---|\n";
    for (const auto& m : r.margins)
      o << "| `" << describe(m.condition) << "` | " << num(m.value) << " | " << pct(m) << " | "
        << constraint_name(m.condition.key) << " |\n";
    o << "\n";
  }
  for (const auto& d : plan.demand) o << "- " << d.text << "\n";
  o << "- runs: " << r.runs << "\n";
  for (const auto& w : r.warnings) o << "- warning: " << w << "\n";
  return o.str();
}

std::string format_json(const CapacityPlan& plan, const CapacityResult& r) {
  nlohmann::json j;
  j["scenario"] = plan.request.scenario.string();
  j["field"] = plan.request.field;
  j["base_value"] = plan.base_value ? nlohmann::json(*plan.base_value) : nlohmann::json();
  j["grid"] = {{"min", plan.grid.min},
               {"max", plan.grid.max ? nlohmann::json(*plan.grid.max) : nlohmann::json()},
               {"step", plan.grid.step},
               {"start", plan.grid.start}};
  j["answer"] = r.answer ? nlohmann::json(*r.answer) : nlohmann::json();
  j["breaks_at"] = r.breaks_at ? nlohmann::json(*r.breaks_at) : nlohmann::json();
  j["hit_max"] = r.hit_max;
  j["refused_above"] = r.refused_above;
  nlohmann::json days = nlohmann::json::array();
  for (const auto& d : plan.days)
    days.push_back({{"date", d.date()}, {"basis", d.basis}, {"peak_c", d.peak_c ? nlohmann::json(*d.peak_c) : nlohmann::json()}});
  j["design_days"] = days;
  j["window"] = plan.request.window
                    ? nlohmann::json(clock(plan.request.window->from_s) + "-" + clock(plan.request.window->to_s))
                    : nlohmann::json();
  j["limits"] = nlohmann::json::array();
  for (const auto& c : plan.limits)
    j["limits"].push_back({{"limit", describe(c)}, {"origin", std::string(origin_name(c.origin))}});
  j["binding"] = nlohmann::json::array();
  for (const auto& l : r.binding) j["binding"].push_back(limit_json(l));
  j["margins"] = nlohmann::json::array();
  for (const auto& l : r.margins) j["margins"].push_back(limit_json(l));
  j["demand"] = nlohmann::json::array();
  for (const auto& d : plan.demand)
    j["demand"].push_back({{"service", d.service}, {"scales_with_replicas", d.scales}, {"base_replicas", d.base_replicas}});
  j["warnings"] = r.warnings;
  j["runs"] = r.runs;
  j["runs_reused"] = r.runs_reused;
  j["probes"] = nlohmann::json::array();
  for (const auto& p : r.probes) {
    nlohmann::json q = {{"value", p.value}, {"passed", p.passed}, {"variant", p.variant}};
    q["day"] = p.day ? nlohmann::json(plan.days[*p.day].date()) : nlohmann::json();
    q["dir"] = p.refused.empty() ? "variants/" + sweep::variant_dir_name(plan.sweep, plan.sweep.variants.at(p.variant))
                                 : "";
    if (!p.refused.empty()) q["refused"] = p.refused;
    nlohmann::json failed = nlohmann::json::array();
    for (const auto& l : p.limits)
      if (!l.holds) failed.push_back(describe(l.condition));
    q["failed"] = failed;
    j["probes"].push_back(std::move(q));
  }
  return j.dump(2) + "\n";
}

void write_capacity(const std::filesystem::path& dir, const CapacityPlan& plan, const CapacityResult& r) {
  sweep::SweepTable table = sweep::make_table(plan.sweep, std::nullopt);
  sweep::RunnerOptions ro;
  ro.out_dir = dir;
  for (std::size_t i = 0; i < plan.sweep.variants.size(); ++i)
    if (auto row = sweep::finished_row(plan.sweep, i, ro)) table.rows.push_back(std::move(*row));
  sweep::write_sweep_table(dir, table);
  if (r.stopped || !r.answer) return;
  output::write_file_atomic(dir / "capacity.md", format_markdown(plan, r));
  output::write_file_atomic(dir / "capacity.json", format_json(plan, r));
}

}  // namespace aifsim::capacity
