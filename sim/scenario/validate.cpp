// SPDX-License-Identifier: Apache-2.0
// Cross-field validation of a bound scenario spec.
#include "sim/scenario/validate.h"

#include <cmath>
#include <filesystem>

#include "kernels/power_math.h"
#include "sim/core/units.h"
#include "sim/metrics/summary_keys.h"
#include "sim/weather/climate_normals.h"
#include "sim/scenario/footprint.h"
#include "sim/scenario/placement.h"

#include <algorithm>
#include <cstdio>

namespace aifsim::scenario {
namespace {

std::string format_gib(double gib) {
  char text[32];
  std::snprintf(text, sizeof text, "%.3g", gib);
  return text;
}

struct Checker {
  const MarkTable& marks;
  Diagnostics& diag;
  void error(const std::string& path, const std::string& msg) { diag.error(marks.at(path), path, msg); }
};

// A piecewise-linear table for the kernels: 1..kMaxPoints points with increasing x (named
// x_name in the file).
template <class Point>
void check_curve(Checker& c, const std::vector<Point>& curve, double Point::*x, const char* x_name,
                 const std::string& path) {
  if (curve.empty()) {
    c.error(path, "needs at least one point");
    return;
  }
  if (curve.size() > static_cast<std::size_t>(kernels::EfficiencyCurve::kMaxPoints))
    c.error(path, "at most " + std::to_string(kernels::EfficiencyCurve::kMaxPoints) +
                      " points (got " + std::to_string(curve.size()) + ")");
  for (std::size_t i = 1; i < curve.size(); ++i)
    if (!(curve[i].*x > curve[i - 1].*x))
      c.error(path + "[" + std::to_string(i) + "]." + x_name,
              "must be greater than the previous point's (" + format_number(curve[i - 1].*x) + ")");
}

void check_curve(Checker& c, const std::vector<CurvePoint>& curve, const std::string& path) {
  check_curve(c, curve, &CurvePoint::load_frac, "load_frac", path);
}

// A piecewise-constant schedule: at least one point, increasing times inside the period.
template <class Point>
void check_schedule(Checker& c, const std::vector<Point>& points, double period_s, const std::string& path,
                    const std::string& period_name) {
  if (points.empty()) c.error(path, "needs at least one point");
  for (std::size_t i = 0; i < points.size(); ++i) {
    const std::string pi = path + "[" + std::to_string(i) + "].at";
    if (i > 0 && !(points[i].at.s > points[i - 1].at.s)) c.error(pi, "points must have increasing times");
    if (points[i].at.s >= period_s)
      c.error(pi, "must be less than " + period_name + " (" + format_duration_text(period_s) + ")");
  }
}

template <class List>
std::string join_names(const List& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
}

void check_file(Checker& c, const std::string& file, const std::string& path) {
  if (!file.empty() && !std::filesystem::is_regular_file(file)) c.error(path, "no such file: " + file);
}

void check_format(Checker& c, const std::string& format, std::initializer_list<const char*> allowed,
                  const std::string& path) {
  for (const char* a : allowed)
    if (format == a) return;
  c.error(path, "unknown format '" + format + "' (expected " + join_names(allowed) + ")");
}

void check_class(Checker& c, const ScenarioSpec& spec, const std::string& name, const std::string& path) {
  if (!spec.workload_classes.find(name)) c.error(path, "no workload class named '" + name + "' in workload_classes");
}

void check_workloads(Checker& c, const ScenarioSpec& spec) {
  for (const auto& [name, s] : spec.workloads.inference) {
    const std::string p = "workloads.inference." + name;
    const RackGroupSpec* group = spec.racks.find(s.racks);
    if (!group) c.error(p + ".racks", "no rack group named '" + s.racks + "' in racks");
    const ModelSpec* model = spec.models.find(s.model);
    if (!model) {
      std::vector<std::string> names;
      for (const auto& [n, m] : spec.models) names.push_back(n);
      c.error(p + ".model", "no model named '" + s.model + "' in models (known: " + join_names(names) + ")");
    } else if (group) {
      const RackTypeSpec* type = spec.rack_types.find(group->type);
      if (type && !model->profiles.find(type->gpu_type)) {
        std::vector<std::string> names;
        for (const auto& [n, pr] : model->profiles) names.push_back(n);
        c.error(p + ".model", "model '" + s.model + "' has no serving profile for GPU type '" + type->gpu_type +
                                  "' of rack group '" + s.racks + "' (profiles: " + join_names(names) + ")");
      }
    }
    check_class(c, spec, s.prefill_class, p + ".prefill_class");
    check_class(c, spec, s.decode_class, p + ".decode_class");
    const ArrivalSpec& a = s.arrivals;
    if (a.trace.empty() && a.process == ArrivalProcess::trace)
      c.error(p + ".arrivals.trace", "the trace process needs a trace file");
    check_file(c, a.trace, p + ".arrivals.trace");
    check_format(c, a.format, {"auto", "azure", "mooncake", "generic"}, p + ".arrivals.format");
    if (a.process == ArrivalProcess::diurnal && a.min_rate_per_s > a.max_rate_per_s)
      c.error(p + ".arrivals.min_rate_per_s", "must not exceed max_rate_per_s");
    if (a.scale_with == DemandScaling::replicas && a.base_replicas < 1)
      c.error(p + ".arrivals.base_replicas",
              "scale_with: replicas needs the replica count the rates are written for (base_replicas >= 1)");
    if (a.process == ArrivalProcess::schedule)
      check_schedule(c, a.schedule, a.schedule_period.s, p + ".arrivals.schedule", "arrivals.schedule_period");
    check_file(c, s.sizes.trace, p + ".sizes.trace");
    check_format(c, s.sizes.format, {"auto", "azure", "mooncake", "generic"}, p + ".sizes.format");
  }

  const TrainingSpec& t = spec.workloads.training;
  const bool has_jobs = !t.jobs.empty() || t.generator.jobs_per_h > 0 || !t.trace.empty();
  if (t.racks.empty() && has_jobs)
    c.error("workloads.training.racks", "training jobs need a rack group to run on");
  if (!t.racks.empty() && !spec.racks.find(t.racks))
    c.error("workloads.training.racks", "no rack group named '" + t.racks + "' in racks");
  check_class(c, spec, t.workload_class, "workloads.training.workload_class");
  check_file(c, t.trace, "workloads.training.trace");
  check_format(c, t.trace_format, {"auto", "alibaba", "alibaba_pod", "generic"}, "workloads.training.trace_format");
  if (t.generator.jobs_per_h > 0 && t.generator.gpus.empty())
    c.error("workloads.training.generator.gpus", "the generator needs at least one gang size");
  for (std::size_t i = 0; i < t.generator.gpus.size(); ++i)
    if (t.generator.gpus[i] < 1)
      c.error("workloads.training.generator.gpus[" + std::to_string(i) + "]", "must be >= 1");
  if (t.checkpoint_interval.s > 0 && t.checkpoint_write_s >= t.checkpoint_interval.s)
    c.error("workloads.training.checkpoint_write_s", "must be shorter than checkpoint_interval");

  if (!c.diag.ok()) return;  // placement needs known groups and models
  std::vector<scenario::PlacementError> errors;
  const scenario::Placement plan = scenario::plan_placement(spec, errors);
  for (const auto& e : errors) c.error(e.path, e.message);
  if (!t.racks.empty() && plan.training_pool.empty() && has_jobs)
    c.error("workloads.training.racks", "no GPUs of rack group '" + t.racks + "' are left for training");
  for (std::size_t i = 0; i < t.jobs.size(); ++i)
    if (!plan.training_pool.empty() && static_cast<std::size_t>(t.jobs[i].gpus) > plan.training_pool.size())
      c.error("workloads.training.jobs[" + std::to_string(i) + "].gpus",
              "more GPUs than the training pool has (" + std::to_string(plan.training_pool.size()) + ")");
}

void check_control(Checker& c, const ScenarioSpec& spec) {
  const ControlSpec& k = spec.control;
  const int n = k.swings.block_samples;
  if (n < 16 || (n & (n - 1)) != 0) c.error("control.swings.block_samples", "must be a power of two (got " + std::to_string(n) + ")");
  if (!(k.swings.band_hi_hz > k.swings.band_lo_hz))
    c.error("control.swings.band_hi_hz", "must be greater than band_lo_hz (" + format_number(k.swings.band_lo_hz) + ")");
  if (k.power_cap.hard_limit_mw > 0 && k.power_cap.target_mw > 0 && k.power_cap.hard_limit_mw < k.power_cap.target_mw)
    c.error("control.power_cap.hard_limit_mw", "must not be below target_mw (" + format_number(k.power_cap.target_mw) + ")");
  if ((k.energy_store.capacity_kwh > 0) != (k.energy_store.power_kw > 0))
    c.error("control.energy_store", "needs both capacity_kwh and power_kw (or neither)");
  const auto& h = spec.site.carbon.hourly_kg_per_kwh;
  if (!h.empty() && h.size() != 24)
    c.error("site.carbon.hourly_kg_per_kwh", "needs 24 values, one per local hour (got " + std::to_string(h.size()) + ")");
  for (std::size_t i = 0; i < h.size(); ++i)
    if (h[i] < 0) c.error("site.carbon.hourly_kg_per_kwh[" + std::to_string(i) + "]", "must be >= 0");
}

bool is_multiple(double interval_s, double dt_s) {
  const double n = interval_s / dt_s;
  return n >= 1.0 - 1e-9 && std::fabs(n - std::round(n)) < 1e-6;
}

}  // namespace

std::optional<ResolvedStart> validate_scenario(const ScenarioSpec& spec, const MarkTable& marks,
                                               Diagnostics& diag) {
  Checker c{marks, diag};
  std::optional<ResolvedStart> start;

  if (const auto t = parse_iso8601(spec.time.start)) {
    // Profiles and local timestamps follow the site's clock, however the start was written.
    const int site_offset_s = static_cast<int>(std::lround(spec.site.utc_offset_h * 3600));
    start = ResolvedStart{t->resolve_unix_s(site_offset_s), site_offset_s};
    // The tariff calendar, the climate normals and the timestamps need a real calendar year.
    if (const int year = local_time(start->unix_s, site_offset_s).year; year < 1970 || year > 2200) {
      c.error("time.start", "the year must be from 1970 to 2200 (got " + std::to_string(year) + ")");
      start.reset();
    }
  } else {
    c.error("time.start", "expected an ISO 8601 time such as 2026-07-15T00:00:00+08:00 (got '" +
                              spec.time.start + "')");
  }
  const double dt_s = spec.time.dt_s;
  if (!is_multiple(spec.output.interval.s, dt_s))
    c.error("output.interval", "must be a whole multiple of time.dt_s (" + format_number(dt_s) + " s)");
  if (spec.output.racks && !is_multiple(spec.output.racks_interval.s, dt_s))
    c.error("output.racks_interval", "must be a whole multiple of time.dt_s (" + format_number(dt_s) + " s)");

  for (const auto& [name, g] : spec.gpu_types) {
    const std::string p = "gpu_types." + name;
    if (g.idle_w > g.tdp_w) c.error(p + ".idle_w", "must not exceed tdp_w (" + format_number(g.tdp_w) + " W)");
    if (g.min_power_limit_w > g.max_power_limit_w)
      c.error(p + ".min_power_limit_w",
              "must not exceed max_power_limit_w (" + format_number(g.max_power_limit_w) + " W)");
  }
  for (const auto& [name, r] : spec.rack_types) {
    const std::string p = "rack_types." + name;
    if (!spec.gpu_types.find(r.gpu_type))
      c.error(p + ".gpu_type", "no GPU type named '" + r.gpu_type + "' in gpu_types");
    if (r.cpu_idle_w > r.cpu_max_w)
      c.error(p + ".cpu_idle_w", "must not exceed cpu_max_w (" + format_number(r.cpu_max_w) + " W)");
    check_curve(c, r.psu.efficiency_curve, p + ".psu.efficiency_curve");
  }
  check_curve(c, spec.site.power.ups.double_conversion_curve, "site.power.ups.double_conversion_curve");
  for (const auto& [name, w] : spec.workload_classes)
    check_curve(c, w.speed_curve, &SpeedPoint::power_frac, "power_frac", "workload_classes." + name + ".speed_curve");
  check_curve(c, spec.site.power.ups.eco_curve, "site.power.ups.eco_curve");

  if (spec.racks.empty()) c.error("racks", "a scenario needs at least one rack group");
  std::int64_t gpus = 0;
  for (const auto& [name, g] : spec.racks) {
    const std::string p = "racks." + name;
    const RackTypeSpec* type = spec.rack_types.find(g.type);
    if (!type) {
      c.error(p + ".type", "no rack type named '" + g.type + "' in rack_types");
    } else {
      gpus += static_cast<std::int64_t>(type->gpus) * g.count;
      const GpuTypeSpec* gpu = spec.gpu_types.find(type->gpu_type);
      if (gpu && g.gpu_power_limit_w &&
          (*g.gpu_power_limit_w < gpu->min_power_limit_w || *g.gpu_power_limit_w > gpu->max_power_limit_w))
        c.error(p + ".gpu_power_limit_w",
                "must be within the " + type->gpu_type + " settable range [" +
                    format_number(gpu->min_power_limit_w) + ", " + format_number(gpu->max_power_limit_w) +
                    "] W (got " + format_number(*g.gpu_power_limit_w) + ")");
    }
    const LoadSpec& l = g.load;
    if (!spec.workload_classes.find(l.workload_class))
      c.error(p + ".load.workload_class", "no workload class named '" + l.workload_class + "' in workload_classes");
    if (l.profile == LoadProfile::diurnal && l.min_utilization > l.max_utilization)
      c.error(p + ".load.min_utilization", "must not exceed max_utilization");
    if (l.profile == LoadProfile::schedule)
      check_schedule(c, l.schedule, l.schedule_period.s, p + ".load.schedule", "load.schedule_period");
  }
  const auto& w = spec.site.weather;
  if (!w.file.empty() && !std::filesystem::is_regular_file(w.file))
    c.error("site.weather.file", "no such file: " + w.file);
  if (w.file.empty()) {
    const auto names = weather::builtin_climate_names();
    if (std::find(names.begin(), names.end(), w.climate) == names.end()) {
      std::string list;
      for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
      c.error("site.weather.climate", "no built-in climate named '" + w.climate + "' (built-in: " + list + ")");
    }
  }

  std::int64_t racks = 0;
  for (const auto& [name, g] : spec.racks) racks += g.count;
  const std::int64_t cdus = (racks + spec.site.cooling.cdu.racks_per_cdu - 1) / spec.site.cooling.cdu.racks_per_cdu;
  for (std::size_t i = 0; i < spec.faults.size(); ++i) {
    const auto& f = spec.faults[i];
    const std::string p = "faults[" + std::to_string(i) + "]";
    if (f.kind == FaultKind::cdu_pump_failure && f.target >= cdus)
      c.error(p + ".target", "no CDU " + std::to_string(f.target) + " (the site has " + std::to_string(cdus) +
                                 " CDUs, numbered from 0)");
  }
  const auto& pw = spec.site.power;
  if (pw.ups.redundant_modules >= pw.ups.modules)
    c.error("site.power.ups.redundant_modules", "must be less than modules (" + std::to_string(pw.ups.modules) + ")");
  if (pw.transformer_redundant_units >= pw.transformer_units)
    c.error("site.power.transformer_redundant_units",
            "must be less than transformer_units (" + std::to_string(pw.transformer_units) + ")");
  for (const auto& [name, r] : spec.rack_types)
    if (r.psu.redundant_units >= r.psu.count)
      c.error("rack_types." + name + ".psu.redundant_units",
              "must be less than count (" + std::to_string(r.psu.count) + ")");
  if (spec.site.cooling.cdu.pumps_required > spec.site.cooling.cdu.pumps)
    c.error("site.cooling.cdu.pumps_required", "must not exceed pumps");
  if (spec.site.cooling.chillers.units_required > spec.site.cooling.chillers.units)
    c.error("site.cooling.chillers.units_required", "must not exceed units");

  if (gpus > 20'000'000) c.error("racks", "more than 20 million GPUs (" + std::to_string(gpus) + ")");
  if (const double gpu_ticks = static_cast<double>(gpus) * spec.time.duration.s / spec.time.dt_s;
      gpus > 0 && gpu_ticks > spec.time.max_gpu_ticks)
    c.error("time.dt_s", format_number(static_cast<double>(gpus)) + " GPUs x " +
                             format_number(spec.time.duration.s / spec.time.dt_s) + " ticks = " +
                             format_number(gpu_ticks) + " GPU-ticks, more than time.max_gpu_ticks (" +
                             format_number(spec.time.max_gpu_ticks) +
                             "); check dt_s, duration and the rack counts, or raise time.max_gpu_ticks");
  if (const Footprint f = estimate_footprint(spec); f.gpus > 0) {
    const double limit = memory_limit_bytes(spec);
    constexpr double kGib = 1024.0 * 1024 * 1024;
    if (limit > 0 && f.memory_bytes > limit)
      c.error("racks", format_number(static_cast<double>(f.gpus)) + " GPUs need an estimated " +
                           format_gib(f.memory_bytes / kGib) + " GiB of memory, more than the limit of " +
                           format_gib(limit / kGib) + " GiB (" +
                           (spec.time.max_memory_gib > 0 ? std::string("time.max_memory_gib")
                                                         : std::string("90 % of this machine's memory")) +
                           "); lower the rack counts, or raise the limit with --max-memory GIB "
                           "(time.max_memory_gib)");
  }

  for (const auto& [key, check] : spec.checks) {
    const std::string p = "checks." + key;
    if (!metrics::is_summary_metric(key)) {
      std::vector<std::string> names;
      for (const auto& k : metrics::summary_metric_keys()) names.emplace_back(k.key);
      std::string msg = "not a numeric summary.json key";
      if (auto near = closest_name(key, names)) msg += " (did you mean '" + *near + "'?)";
      c.error(p, msg);
    }
    if (!check.max && !check.min) c.error(p, "give max, min or both");
    if (check.max && check.min && *check.min > *check.max) c.error(p + ".min", "must not exceed max");
  }
  check_workloads(c, spec);
  check_control(c, spec);
  return start;
}

}  // namespace aifsim::scenario
