// SPDX-License-Identifier: Apache-2.0
// Planning a capacity search and running it round by round through the sweep runner: each
// round's values (times the design days) are variants of one growing SweepPlan, so their
// run directories, --resume and sweep.csv work as a sweep's do.
#include "sim/capacity/capacity.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <mutex>

#include "sim/capacity/grow_field.h"
#include "sim/core/error.h"
#include "sim/core/units.h"
#include "sim/metrics/summary_keys.h"
#include "sim/run/build.h"
#include "sim/scenario/placement.h"
#include "sim/scenario/schema.h"
#include "sim/sweep/load_variants.h"

namespace aifsim::capacity {
namespace {

std::string leaf(const std::string& path) {
  const auto dot = path.rfind('.');
  return dot == std::string::npos ? path : path.substr(dot + 1);
}

sweep::FieldValue field_value(const std::string& yaml, const std::string& display) {
  return sweep::FieldValue{yaml, display, scenario::Mark{}};
}

std::vector<DemandNote> demand_notes(const scenario::ScenarioSpec& spec) {
  std::vector<DemandNote> out;
  for (const auto& [name, s] : spec.workloads.inference) {
    DemandNote d;
    d.service = name;
    d.scales = s.arrivals.scale_with == scenario::DemandScaling::replicas;
    d.base_replicas = s.arrivals.base_replicas;
    d.text = d.scales ? name + ": arrivals scale with its replicas (rates written for " +
                            std::to_string(d.base_replicas) + " replicas)"
                      : name + ": arrivals fixed as written (they do not grow with its replicas; "
                               "arrivals.scale_with: replicas makes them)";
    out.push_back(std::move(d));
  }
  return out;
}

// GPUs of the scenario, and those a service replica or the training pool holds.
std::pair<std::int64_t, std::int64_t> gpu_use(const scenario::ScenarioSpec& spec) {
  std::int64_t total = 0, held = 0;
  for (const auto& [name, g] : spec.racks)
    if (const auto* t = spec.rack_types.find(g.type)) total += std::int64_t{g.count} * t->gpus;
  std::vector<scenario::PlacementError> errors;
  const scenario::Placement pl = scenario::plan_placement(spec, errors);
  for (const auto& s : pl.services) held += static_cast<std::int64_t>(s.replica_first.size()) * s.replica_gpus;
  held += static_cast<std::int64_t>(pl.training_pool.size());
  return {total, held};
}

std::vector<LimitValue> evaluate(const std::vector<Condition>& limits, const sweep::VariantSummary& s) {
  const auto keys = metrics::summary_metric_keys();
  std::vector<LimitValue> out;
  for (const auto& c : limits) {
    double v = std::numeric_limits<double>::quiet_NaN();
    for (std::size_t i = 0; i < keys.size() && i < s.metrics.size(); ++i)
      if (keys[i].key == c.key) v = s.metrics[i];
    out.push_back(LimitValue{c, v, holds(c, v), headroom(c, v)});
  }
  return out;
}

// Each limit at its tightest over `probes` (all runs of one value), least headroom first;
// a missing value counts as the tightest.
std::vector<LimitValue> tightest(const std::vector<const Probe*>& probes, bool failing_only) {
  std::vector<LimitValue> out;
  for (const Probe* p : probes)
    for (std::size_t i = 0; i < p->limits.size(); ++i) {
      if (out.size() <= i) out.resize(i + 1, p->limits[i]);
      const auto worse = [](const LimitValue& a, const LimitValue& b) {
        return std::isnan(a.headroom) ? !std::isnan(b.headroom) : a.headroom < b.headroom;
      };
      if (worse(p->limits[i], out[i])) out[i] = p->limits[i];
    }
  if (failing_only) std::erase_if(out, [](const LimitValue& l) { return l.holds; });
  // Missing values first, then by headroom; limits of zero that hold (no rack trips, no
  // shutdowns) have no headroom to speak of and go last.
  const auto rank = [](const LimitValue& l) {
    if (std::isnan(l.headroom)) return -std::numeric_limits<double>::infinity();
    if (l.holds && l.condition.bound == 0) return std::numeric_limits<double>::infinity();
    return l.headroom;
  };
  std::stable_sort(out.begin(), out.end(), [&](const LimitValue& a, const LimitValue& b) { return rank(a) < rank(b); });
  return out;
}

}  // namespace

CapacityPlan plan_capacity(const CapacityRequest& request) {
  CapacityPlan p;
  p.request = request;
  p.base = scenario::load_scenario(request.scenario, request.sets);
  const GrowField field = resolve_grow_field(p.base, request.field);
  p.base_value = field.value;

  if (request.step < 1) throw InputError("--step " + std::to_string(request.step) + ": must be >= 1");
  if (request.min && request.max && *request.max < *request.min)
    throw InputError("--max " + std::to_string(*request.max) + ": below --min " + std::to_string(*request.min));
  if (!request.min && !field.value)
    throw InputError("--grow '" + request.field + "': the scenario does not set it; give --min (and --max)");
  p.grid.min = request.min.value_or(std::min<std::int64_t>(1, field.value.value_or(1)));
  p.grid.max = request.max;
  p.grid.step = request.step;
  p.grid.start = std::max(p.grid.min, field.value.value_or(p.grid.min));
  if (p.grid.max) p.grid.start = std::min(p.grid.start, *p.grid.max);

  if (request.window && request.design_days.empty())
    throw InputError("--window: needs --design-day (the window is part of a design day)");
  std::optional<weather::WeatherSeries> weather;
  for (const auto& text : request.design_days) {
    DesignDay d;
    if (text == "hottest") {
      if (!weather) weather = run::load_site_weather(p.base);
      const int year = local_time(p.base.start_unix_s, p.base.utc_offset_s).year;
      d = hottest_day(*weather, p.base.spec.site.cooling.heat_rejection, year);
    } else {
      d = parse_design_day(text);
    }
    const bool seen = std::any_of(p.days.begin(), p.days.end(), [&](const DesignDay& o) { return o.date() == d.date(); });
    if (!seen) p.days.push_back(std::move(d));
  }

  const auto add = [&](const Condition& c) {
    if (std::none_of(p.limits.begin(), p.limits.end(), [&](const Condition& o) {
          return o.key == c.key && o.op == c.op && o.bound == c.bound;
        }))
      p.limits.push_back(c);
  };
  for (const auto& c : request.conditions) add(c);
  if (request.scenario_checks)
    for (const auto& c : scenario_check_conditions(p.base.spec)) add(c);
  if (request.equipment_limits)
    for (const auto& c : equipment_conditions()) add(c);
  if (p.limits.empty()) throw InputError("--until: nothing to hold the design to; give a condition");

  p.demand = demand_notes(p.base.spec);
  p.sweep.name = "capacity-" + p.base.spec.name + "-" + leaf(request.field);
  p.sweep.base = request.scenario;
  p.sweep.base_text = request.scenario.string();
  p.sweep.fields = {request.field};
  if (!p.days.empty()) p.sweep.fields.push_back("time.start");
  return p;
}

void check_capacity_out_dir(const SearchOptions& options) {
  if (options.resume) return;
  const auto variants = options.out_dir / "variants";
  std::error_code ec;
  const bool has_variants = std::filesystem::is_directory(variants, ec) && !std::filesystem::is_empty(variants, ec);
  if (has_variants || std::filesystem::exists(options.out_dir / "capacity.json") ||
      std::filesystem::exists(options.out_dir / "sweep.json"))
    throw InputError(options.out_dir.string() +
                     ": holds a capacity search or sweep already; --resume continues it, or choose another --out");
}

CapacityResult search_capacity(CapacityPlan& plan, const SearchOptions& options) {
  const std::size_t days = std::max<std::size_t>(plan.days.size(), 1);
  const int per_round = std::max(1, static_cast<int>(static_cast<std::size_t>(std::max(options.jobs, 1)) / days));
  CapacitySearch search(plan.grid, per_round);
  CapacityResult result;

  sweep::RunnerOptions ro;
  ro.out_dir = options.out_dir;
  ro.jobs = std::max(options.jobs, 1);
  ro.resume = true;  // check_capacity_out_dir refused a used directory unless resuming
  ro.backend = options.backend;
  ro.stop_requested = options.stop_requested;
  ro.on_progress = options.on_progress;

  std::map<std::size_t, Probe> by_variant;  // this round's probes, by variant index
  std::mutex mutex;
  ro.on_variant = [&](const sweep::VariantReport& r) {
    if (!r.completed) return;
    const auto summary = sweep::read_variant_summary(r.dir);
    const std::lock_guard lock(mutex);
    Probe& p = by_variant.at(r.index);
    p.reused = r.reused;
    p.wall_s = r.wall_s;
    if (summary) {
      p.limits = evaluate(plan.limits, *summary);
      p.passed = std::all_of(p.limits.begin(), p.limits.end(), [](const LimitValue& l) { return l.holds; });
    }
    if (options.on_probe) options.on_probe(p, r);
  };

  const auto duration_s = [&] {
    const DayWindow w = plan.request.window.value_or(DayWindow{});
    return static_cast<double>(w.to_s - w.from_s);
  }();
  std::size_t round = 0;
  while (true) {
    const auto values = search.next_values();
    if (values.empty()) break;
    by_variant.clear();
    std::vector<std::size_t> which;
    std::vector<scenario::LoadedScenario> scenarios;
    std::vector<Probe> refused;
    for (const auto v : values) {
      for (std::size_t d = 0; d < days; ++d) {
        sweep::Variant var;
        var.index = plan.sweep.variants.size();
        const std::string text = std::to_string(v);
        for (const auto& o : plan.request.sets) var.settings.push_back({o.path, field_value(o.value, o.value)});
        var.settings.push_back({plan.request.field, field_value(text, text)});
        var.values.push_back(field_value(text, text));
        var.name = leaf(plan.request.field) + "=" + text;
        Probe probe;
        probe.value = v;
        probe.variant = var.index;
        if (!plan.days.empty()) {
          const DesignDay& day = plan.days[d];
          const DayWindow w = plan.request.window.value_or(DayWindow{});
          const std::string start = window_start(day, w, plan.base.utc_offset_s);
          var.settings.push_back({"time.start", field_value("\"" + start + "\"", start)});
          var.settings.push_back({"time.duration", field_value(scenario::format_duration_text(duration_s), "")});
          var.values.push_back(field_value(start, start));
          var.name += ",day=" + day.date();
          probe.day = d;
        }
        plan.sweep.variants.push_back(var);
        try {
          scenarios.push_back(sweep::load_variant(plan.sweep, plan.sweep.variants.back()));
        } catch (const InputError& e) {
          // A value the scenario cannot take (replicas that do not fit, a run above the
          // memory limit) is a limit too: it fails, and says why.
          probe.refused = e.what();
          refused.push_back(std::move(probe));
          continue;
        }
        which.push_back(var.index);
        by_variant.emplace(var.index, std::move(probe));
      }
    }
    if (options.on_round)
      options.on_round(CapacityProgress{result.runs, which.size() + refused.size(), ++round, values});
    if (!which.empty()) {
      sweep::check_out_dir(plan.sweep, which, scenarios, ro);
      const auto rows = sweep::run_variants(plan.sweep, which, scenarios, ro);
      for (const auto& row : rows)
        if (!row || !row->summary.completed) result.stopped = true;
    }
    if (result.stopped) break;
    std::map<std::int64_t, bool> passed;
    for (auto& probe : refused) {
      passed[probe.value] = false;
      if (options.on_probe) options.on_probe(probe, sweep::VariantReport{probe.variant, {}, false, false, 0});
      result.probes.push_back(std::move(probe));
    }
    for (auto& [index, probe] : by_variant) {
      const bool ok = passed.count(probe.value) ? passed[probe.value] && probe.passed : probe.passed;
      passed[probe.value] = ok;
      ++result.runs;
      if (probe.reused) ++result.runs_reused;
      result.probes.push_back(std::move(probe));
    }
    for (const auto& [v, ok] : passed) search.record(v, ok);
  }

  result.answer = search.largest_passing();
  result.breaks_at = search.smallest_failing();
  result.hit_max = search.hit_max();
  const auto probes_of = [&](std::optional<std::int64_t> v) {
    std::vector<const Probe*> out;
    if (v)
      for (const auto& p : result.probes)
        if (p.value == *v) out.push_back(&p);
    return out;
  };
  if (result.breaks_at) {
    const auto at = probes_of(result.breaks_at);
    for (const Probe* p : at)
      if (!p->refused.empty() && result.refused_above.empty()) result.refused_above = p->refused;
    result.binding = tightest(at, true);
  }
  if (result.answer) result.margins = tightest(probes_of(result.answer), false);
  for (const auto v : search.passes_above_failure())
    result.warnings.push_back(plan.request.field + " = " + std::to_string(v) + " passes above " +
                              std::to_string(*result.breaks_at) +
                              ", which fails: the limits are not monotone in the value; the answer is the largest "
                              "value below the first failure");
  if (result.answer) {
    // GPUs no workload holds follow their rack group's load profile: growth the demand does not use.
    for (const auto& p : result.probes)
      if (p.value == *result.answer) {
        const auto [total, held] = gpu_use(sweep::load_variant(plan.sweep, plan.sweep.variants.at(p.variant)).spec);
        if (held < total)
          result.warnings.push_back("at " + plan.request.field + " = " + std::to_string(*result.answer) + ", " +
                                    std::to_string(total - held) + " of " + std::to_string(total) +
                                    " GPUs are held by no service or training pool (they follow their rack "
                                    "group's load profile, not the demand)");
        break;
      }
  }
  return result;
}

}  // namespace aifsim::capacity
