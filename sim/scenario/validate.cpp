// SPDX-License-Identifier: Apache-2.0
// Cross-field validation of a bound scenario spec.
#include "sim/scenario/validate.h"

#include <cmath>
#include <filesystem>

#include "kernels/power_math.h"
#include "sim/core/units.h"
#include "sim/metrics/summary_keys.h"
#include "sim/weather/climate_normals.h"

#include <algorithm>

namespace aifsim::scenario {
namespace {

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
    if (l.profile == LoadProfile::schedule) {
      if (l.schedule.empty()) c.error(p + ".load.schedule", "the schedule profile needs at least one point");
      for (std::size_t i = 0; i < l.schedule.size(); ++i) {
        const std::string pi = p + ".load.schedule[" + std::to_string(i) + "].at";
        if (i > 0 && !(l.schedule[i].at.s > l.schedule[i - 1].at.s))
          c.error(pi, "points must have increasing times");
        if (l.schedule[i].at.s >= l.schedule_period.s)
          c.error(pi, "must be less than load.schedule_period (" + format_duration_text(l.schedule_period.s) + ")");
      }
    }
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
  return start;
}

}  // namespace aifsim::scenario
