// SPDX-License-Identifier: Apache-2.0
// Scenario -> model parameters and models: topology, fleet, cooling, ratings, facility model,
// workloads, power management and weather, each derived once from the validated spec.
#include "sim/run/build.h"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

#include "sim/cooling/water.h"
#include "sim/core/error.h"
#include "sim/core/units.h"
#include "sim/power/facility_chain.h"
#include "sim/scenario/placement.h"
#include "sim/weather/weather.h"

namespace aifsim::run {
namespace {

// Heat rejection and chiller plants are sized with margin over the IT design heat: 120 %
// (ASSUMPTION: N+1-style headroom; the scenario's chiller count sets the chiller side).
constexpr double kRejectionMargin = 1.2;

double pump_power_for_w(double flow_kg_s, double density_kg_m3, double head_kpa, double efficiency) {
  return flow_kg_s / density_kg_m3 * head_kpa * 1e3 / efficiency;
}

const scenario::RackTypeSpec& rack_type_of(const scenario::ScenarioSpec& spec, int type) {
  return spec.rack_types.entries[static_cast<std::size_t>(type)].second;
}

}  // namespace

kernels::EfficiencyCurve workload_class_curve(const scenario::ScenarioSpec& spec, const std::string& name) {
  std::vector<scenario::CurvePoint> points;
  for (const auto& pt : spec.workload_classes.find(name)->speed_curve) points.push_back({pt.power_frac, pt.speed});
  return power::to_curve(points);
}

facility::Topology build_topology(const scenario::ScenarioSpec& spec) {
  facility::Topology t;
  const int per_row = spec.site.layout.racks_per_row;
  const int rows_per_hall = spec.site.layout.rows_per_hall;
  int rack_index = 0;
  for (std::size_t g = 0; g < spec.racks.entries.size(); ++g) {
    const auto& group = spec.racks.entries[g].second;
    const int type = spec.rack_types.index_of(group.type);
    if (type < 0) throw std::logic_error("build_topology: unvalidated rack type " + group.type);
    const int gpus = rack_type_of(spec, type).gpus;
    for (int i = 0; i < group.count; ++i, ++rack_index) {
      facility::RackInfo r;
      r.row = rack_index / per_row;
      r.position = rack_index % per_row;
      r.hall = r.row / rows_per_hall;
      r.group = static_cast<int>(g);
      r.type = type;
      r.first_gpu = t.gpus;
      r.gpus = gpus;
      char name[48];
      std::snprintf(name, sizeof name, "h%d-r%02d-%02d", r.hall + 1, r.row % rows_per_hall + 1,
                    r.position + 1);
      r.name = name;
      t.gpus += gpus;
      t.gpu_rack.insert(t.gpu_rack.end(), static_cast<std::size_t>(gpus), rack_index);
      t.gpu_group.insert(t.gpu_group.end(), static_cast<std::size_t>(gpus), static_cast<std::int32_t>(g));
      t.rack_row.push_back(r.row);
      t.racks.push_back(std::move(r));
    }
  }
  t.rows = t.racks.empty() ? 0 : t.racks.back().row + 1;
  t.halls = t.racks.empty() ? 0 : t.racks.back().hall + 1;
  for (int row = 0; row < t.rows; ++row) t.row_hall.push_back(row / rows_per_hall);
  return t;
}

facility::LoadGroups rack_group_loads(const facility::Topology& topo, const scenario::ScenarioSpec& spec) {
  facility::LoadGroups g;
  g.gpu_group = topo.gpu_group;
  for (const auto& [name, group] : spec.racks) {
    g.jitter.push_back(static_cast<float>(group.load.jitter));
    g.speed.push_back(workload_class_curve(spec, group.load.workload_class));
  }
  return g;
}

facility::FleetParams fleet_params(const scenario::ScenarioSpec& spec, const facility::Topology& topo,
                                   facility::LoadGroups groups) {
  facility::FleetParams p;
  p.seed = spec.seed;
  const std::size_t n = static_cast<std::size_t>(topo.gpus);
  p.idle_w.resize(n);
  p.tdp_w.resize(n);
  p.limit_w.resize(n);
  for (const auto& rack : topo.racks) {
    const auto* gtype = spec.gpu_types.find(rack_type_of(spec, rack.type).gpu_type);
    const auto& group = spec.racks.entries[static_cast<std::size_t>(rack.group)].second;
    const double lim = group.gpu_power_limit_w.value_or(gtype->tdp_w);
    for (int i = 0; i < rack.gpus; ++i) {
      const auto g = static_cast<std::size_t>(rack.first_gpu + i);
      p.idle_w[g] = static_cast<float>(gtype->idle_w);
      p.tdp_w[g] = static_cast<float>(gtype->tdp_w);
      p.limit_w[g] = static_cast<float>(lim);
    }
  }
  for (const auto& [name, t] : spec.rack_types) {
    kernels::RackTypeParams r;
    r.cpu_idle_w = static_cast<float>(t.cpus * t.cpu_idle_w);
    r.cpu_max_w = static_cast<float>(t.cpus * t.cpu_max_w);
    r.static_w = static_cast<float>(t.other_power_w);
    r.psu_capacity_w = static_cast<float>(t.psu.count * t.psu.rating_w);
    r.psu = power::to_curve(t.psu.efficiency_curve);
    r.liquid_fraction = static_cast<float>(t.cooling.liquid_fraction);
    r.loop_heat_capacity_j_per_k = static_cast<float>(t.cooling.loop_heat_capacity_kj_per_k * 1e3);
    r.coolant_cp_j_per_kg_k = static_cast<float>(t.cooling.coolant_cp_j_per_kg_k);
    r.loop_trip_c = static_cast<float>(t.cooling.loop_trip_temp_c);
    r.loop_resume_c = static_cast<float>(t.cooling.loop_resume_temp_c);
    p.rack_types.push_back(r);
    const auto* g = spec.gpu_types.find(t.gpu_type);
    kernels::ThermalParams th;
    th.r_k_per_w = static_cast<float>(t.cooling.r_die_k_per_w);
    th.c_j_per_k = static_cast<float>(g->thermal.heat_capacity_j_per_k);
    th.slowdown_c = static_cast<float>(g->thermal.slowdown_temp_c);
    th.hw_slowdown_c = static_cast<float>(g->thermal.hw_slowdown_temp_c);
    th.shutdown_c = static_cast<float>(g->thermal.shutdown_temp_c);
    th.resume_c = static_cast<float>(g->thermal.resume_temp_c);
    th.hw_slowdown_power_frac = static_cast<float>(g->thermal.hw_slowdown_power_frac);
    p.thermal.push_back(th);
  }
  const auto& sm = spec.control.gpu_smoothing;
  p.smoothing = {static_cast<float>(sm.floor_frac), static_cast<float>(sm.ramp_up_w_per_s),
                 static_cast<float>(sm.ramp_down_w_per_s), static_cast<float>(sm.ramp_down_hysteresis_s)};
  p.groups = std::move(groups);
  return p;
}

cooling::CoolingParams cooling_params(const scenario::ScenarioSpec& spec, const facility::Topology& topo) {
  const auto& c = spec.site.cooling;
  cooling::CoolingParams p;
  p.racks_per_cdu = c.cdu.racks_per_cdu;
  p.air_supply_c = c.air_supply_c;
  p.facility_cp_j_per_kg_k = cooling::kWaterCpJPerKgK;
  p.chillers_available = c.chillers.units;
  // Per rack: design flow from its maximum DC power (REFERENCE.md §2.1: L/min per kW).
  for (const auto& rack : topo.racks) {
    const auto& t = rack_type_of(spec, rack.type);
    const auto* g = spec.gpu_types.find(t.gpu_type);
    const double max_dc_w = t.gpus * g->tdp_w + t.cpus * t.cpu_max_w + t.other_power_w;
    const double flow_l_s = t.cooling.flow_l_min_per_kw * max_dc_w * 1e-3 / 60.0;
    const bool air = t.cooling.liquid_fraction <= 0.0;
    p.rack_design_flow_kg_s.push_back(air ? 0.0 : flow_l_s * 1e-3 * t.cooling.coolant_density_kg_m3);
    p.rack_air_cooled.push_back(air);
    // All input power ends as heat; the PSU curve at full load gives the input.
    p.design_heat_w += max_dc_w / t.psu.efficiency_curve.back().efficiency;
  }
  const auto per_cdu = static_cast<std::size_t>(p.racks_per_cdu);
  const std::size_t cdus = (topo.racks.size() + per_cdu - 1) / per_cdu;
  p.cdu.approach_k = c.cdu.approach_k;
  p.cdu.capacity_w = c.cdu.capacity_kw * 1e3;
  p.cdu.pumps = c.cdu.pumps;
  p.cdu.pumps_required = c.cdu.pumps_required;
  p.cdu_design_flow_kg_s.assign(cdus, 0.0);
  for (std::size_t r = 0; r < topo.racks.size(); ++r) p.cdu_design_flow_kg_s[r / per_cdu] += p.rack_design_flow_kg_s[r];
  p.cdu_supply_c = c.facility_water.supply_setpoint_c + c.cdu.approach_k;

  cooling::PlantParams& plant = p.plant;
  plant.rejection = c.heat_rejection == scenario::HeatRejection::cooling_tower ? cooling::HeatRejection::cooling_tower
                                                                                : cooling::HeatRejection::dry_cooler;
  plant.tower.approach_k = c.tower.approach_k;
  plant.tower.fan_w_per_w_design = c.tower.fan_kw_per_mw * 1e-3;
  plant.tower.cycles_of_concentration = c.tower.cycles_of_concentration;
  plant.tower.capacity_w = kRejectionMargin * p.design_heat_w;
  plant.dry_cooler.approach_k = c.dry_cooler.approach_k;
  plant.dry_cooler.fan_w_per_w_design = c.dry_cooler.fan_kw_per_mw * 1e-3;
  plant.dry_cooler.capacity_w = kRejectionMargin * p.design_heat_w;
  plant.chiller.cop_rated = c.chillers.cop_rated;
  plant.chiller.cond_rated_c = c.chillers.cond_rated_c;
  plant.chiller.chw_rated_c = c.chillers.chw_rated_c;
  plant.chiller.units = c.chillers.units;
  plant.chiller.units_required = c.chillers.units_required;
  plant.chiller.unit_capacity_w = c.chillers.unit_capacity_kw * 1e3;
  const double design_flow_kg_s = p.design_heat_w / (p.facility_cp_j_per_kg_k * c.facility_water.design_delta_t_k);
  plant.facility_pumps.design_flow_kg_s = design_flow_kg_s;
  plant.facility_pumps.design_power_w = pump_power_for_w(design_flow_kg_s, cooling::kWaterDensityKgM3,
                                                         c.facility_water.pump_head_kpa,
                                                         c.facility_water.pump_efficiency);
  plant.supply_setpoint_c = c.facility_water.supply_setpoint_c;
  plant.loop_volume_m3 = c.facility_water.loop_volume_m3;
  plant.crah_fan_w_per_w_air = c.crah_fan_kw_per_mw * 1e-3;
  p.facility_heat_capacity_j_per_k =
      c.facility_water.loop_volume_m3 * cooling::kWaterDensityKgM3 * p.facility_cp_j_per_kg_k;
  // CDU pumps: hydraulic power at design flow and head, over the pump efficiency.
  double total_cdu_flow = 0;
  for (double x : p.cdu_design_flow_kg_s) total_cdu_flow += x;
  p.cdu.design_flow_kg_s = cdus ? total_cdu_flow / static_cast<double>(cdus) : 0.0;
  p.cdu.pump_power_w_design =
      pump_power_for_w(p.cdu.design_flow_kg_s, cooling::kPg25DensityKgM3, c.cdu.pump_head_kpa, c.cdu.pump_efficiency) /
      std::max(1, c.cdu.pumps_required);
  return p;
}

power::RatingParams rating_params(const scenario::ScenarioSpec& spec, std::span<const int> rack_type) {
  const auto& p = spec.site.power;
  power::RatingParams r;
  r.ups_usable_w = power::usable_capacity_w(p.ups.capacity_kw * 1e3, p.ups.modules, p.ups.redundant_modules);
  r.transformer_usable_w = power::usable_capacity_w(p.transformer_rating_kw * 1e3 * p.transformer_units,
                                                    p.transformer_units, p.transformer_redundant_units);
  for (int t : rack_type) {
    const auto& psu = rack_type_of(spec, t).psu;
    r.rack_psu_usable_w.push_back(power::usable_capacity_w(psu.count * psu.rating_w, psu.count, psu.redundant_units));
  }
  return r;
}

FacilityParams facility_params(const scenario::ScenarioSpec& spec, const facility::Topology& topo) {
  FacilityParams p;
  p.chain = power::make_chain_params(spec.site.power);
  std::vector<int> types;
  for (const auto& r : topo.racks) types.push_back(r.type);
  p.ratings = rating_params(spec, types);
  p.dry_bulb_offset_k = spec.site.weather.dry_bulb_offset_k;
  for (const auto& [name, g] : spec.racks) p.group_loads.push_back(g.load);
  p.faults = spec.faults;
  return p;
}

weather::WeatherSeries load_site_weather(const scenario::LoadedScenario& scenario) {
  const auto& w = scenario.spec.site.weather;
  const int start_year = local_time(scenario.start_unix_s, scenario.utc_offset_s).year;
  try {
    return weather::load_weather(w.file.empty() ? w.climate : w.file, start_year, scenario.utc_offset_s);
  } catch (const std::invalid_argument& e) {  // readings the series refuses (e.g. hours out of order)
    throw InputError(w.file + ": " + e.what());
  }
}

BuiltRun build_run(const scenario::LoadedScenario& scenario, kernels::Backend backend) {
  const scenario::ScenarioSpec& spec = scenario.spec;
  facility::Topology topo = build_topology(spec);
  auto cooling = std::make_unique<cooling::CoolingSystem>(cooling_params(spec, topo));
  std::vector<float> supply_c(topo.racks.size()), flow_kg_s(topo.racks.size());
  cooling->rack_inputs(supply_c, flow_kg_s);
  std::unique_ptr<WorkloadSet> workloads;
  if (!spec.workloads.inference.empty() || !spec.workloads.training.racks.empty()) {
    std::vector<scenario::PlacementError> errors;
    const scenario::Placement plan = scenario::plan_placement(spec, errors);
    if (!errors.empty()) throw InputError(errors.front().path + ": " + errors.front().message);
    try {
      workloads = std::make_unique<WorkloadSet>(spec, topo, plan, rack_group_loads(topo, spec));
    } catch (const std::invalid_argument& e) {  // a trace the readers accepted but a model cannot use
      throw InputError(scenario.source.string() + ": workloads: " + e.what());
    }
  }
  facility::FleetParams fp =
      fleet_params(spec, topo, workloads ? workloads->load_groups() : rack_group_loads(topo, spec));
  // Cap priorities and floors per GPU: the rack group's, then the workloads' own limits.
  std::vector<int> priority(fp.limit_w.size());
  std::vector<float> min_limit_w(fp.limit_w.size());
  for (std::size_t g = 0; g < fp.limit_w.size(); ++g) {
    const auto& group = spec.racks.entries[static_cast<std::size_t>(topo.gpu_group[g])].second;
    priority[g] = group.cap_priority;
    min_limit_w[g] = static_cast<float>(spec.gpu_types.find(spec.rack_types.find(group.type)->gpu_type)->min_power_limit_w);
  }
  if (workloads) workloads->apply_static_limits(spec, fp.limit_w, priority);
  auto fleet = std::make_unique<facility::Fleet>(topo, fp, backend, supply_c);
  auto power = std::make_unique<PowerManagement>(spec, fp.limit_w, priority, min_limit_w, topo.gpu_rack,
                                                 static_cast<int>(topo.racks.size()), topo.rack_row, topo.rows,
                                                 scenario.start_unix_s, scenario.utc_offset_s);
  weather::WeatherSeries weather = load_site_weather(scenario);

  std::vector<std::string> group_names;
  for (const auto& [name, g] : spec.racks) group_names.push_back(name);
  metrics::RecorderOptions ropt;
  ropt.interval_s = spec.output.interval.s;
  ropt.racks = spec.output.racks;
  ropt.racks_interval_s = spec.output.racks_interval.s;
  ropt.start_unix_s = scenario.start_unix_s;
  ropt.utc_offset_s = scenario.utc_offset_s;
  FacilityParams facility = facility_params(spec, topo);
  return BuiltRun{std::move(topo),   std::move(group_names), ropt,
                  std::move(facility), std::move(weather),   std::move(cooling),
                  std::move(workloads), std::move(fleet),    std::move(power)};
}

}  // namespace aifsim::run
