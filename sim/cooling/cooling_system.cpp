// SPDX-License-Identifier: Apache-2.0
// CDUs, facility water loop, CRAHs and the plant, advanced once per tick.
#include "sim/cooling/cooling_system.h"

#include <algorithm>

#include "sim/cooling/water.h"

namespace aifsim::cooling {
namespace {

// Heat rejection and chiller plants are sized with margin over the IT design heat: 120 %
// (ASSUMPTION: N+1-style headroom; the scenario's chiller count sets the chiller side).
constexpr double kRejectionMargin = 1.2;

double pump_power_for_w(double flow_kg_s, double density_kg_m3, double head_kpa, double efficiency) {
  return flow_kg_s / density_kg_m3 * head_kpa * 1e3 / efficiency;
}

}  // namespace

CoolingSystem::CoolingSystem(const scenario::ScenarioSpec& spec, const facility::Topology& topo)
    : racks_per_cdu_(spec.site.cooling.cdu.racks_per_cdu),
      air_supply_c_(spec.site.cooling.air_supply_c),
      crah_fan_w_per_w_(spec.site.cooling.crah_fan_kw_per_mw * 1e-3),
      facility_cp_j_per_kg_k_(kWaterCpJPerKgK),
      chillers_available_(spec.site.cooling.chillers.units) {
  const auto& c = spec.site.cooling;
  // Per rack: design flow from its maximum DC power (REFERENCE.md §2.1: L/min per kW).
  for (const auto& rack : topo.racks) {
    const auto& t = spec.rack_types.entries[static_cast<std::size_t>(rack.type)].second;
    const auto* g = spec.gpu_types.find(t.gpu_type);
    const double max_dc_w = t.gpus * g->tdp_w + t.cpus * t.cpu_max_w + t.other_power_w;
    const double flow_l_s = t.cooling.flow_l_min_per_kw * max_dc_w * 1e-3 / 60.0;
    const bool air = t.cooling.liquid_fraction <= 0.0;
    rack_design_flow_kg_s_.push_back(air ? 0.0 : flow_l_s * 1e-3 * t.cooling.coolant_density_kg_m3);
    rack_air_cooled_.push_back(air);
    // All input power ends as heat; the PSU curve at full load gives the input.
    design_heat_w_ += max_dc_w / t.psu.efficiency_curve.back().efficiency;
  }
  const std::size_t cdus = (topo.racks.size() + static_cast<std::size_t>(racks_per_cdu_) - 1) /
                           static_cast<std::size_t>(racks_per_cdu_);
  cdu_.approach_k = c.cdu.approach_k;
  cdu_.capacity_w = c.cdu.capacity_kw * 1e3;
  cdu_.pumps = c.cdu.pumps;
  cdu_.pumps_required = c.cdu.pumps_required;
  cdu_design_flow_kg_s_.assign(cdus, 0.0);
  for (std::size_t r = 0; r < topo.racks.size(); ++r)
    cdu_design_flow_kg_s_[r / static_cast<std::size_t>(racks_per_cdu_)] += rack_design_flow_kg_s_[r];
  cdu_pumps_running_.assign(cdus, c.cdu.pumps);
  cdu_supply_c_.assign(cdus, c.facility_water.supply_setpoint_c + c.cdu.approach_k);
  cdu_heat_w_.assign(cdus, 0.0);

  plant_.rejection = c.heat_rejection == scenario::HeatRejection::cooling_tower ? HeatRejection::cooling_tower
                                                                                 : HeatRejection::dry_cooler;
  plant_.tower.approach_k = c.tower.approach_k;
  plant_.tower.fan_w_per_w_design = c.tower.fan_kw_per_mw * 1e-3;
  plant_.tower.cycles_of_concentration = c.tower.cycles_of_concentration;
  plant_.tower.capacity_w = kRejectionMargin * design_heat_w_;
  plant_.dry_cooler.approach_k = c.dry_cooler.approach_k;
  plant_.dry_cooler.fan_w_per_w_design = c.dry_cooler.fan_kw_per_mw * 1e-3;
  plant_.dry_cooler.capacity_w = kRejectionMargin * design_heat_w_;
  plant_.chiller.cop_rated = c.chillers.cop_rated;
  plant_.chiller.cond_rated_c = c.chillers.cond_rated_c;
  plant_.chiller.chw_rated_c = c.chillers.chw_rated_c;
  plant_.chiller.units = c.chillers.units;
  plant_.chiller.units_required = c.chillers.units_required;
  plant_.chiller.unit_capacity_w = c.chillers.unit_capacity_kw * 1e3;
  const double design_flow_kg_s = design_heat_w_ / (facility_cp_j_per_kg_k_ * c.facility_water.design_delta_t_k);
  plant_.facility_pumps.design_flow_kg_s = design_flow_kg_s;
  plant_.facility_pumps.design_power_w = pump_power_for_w(design_flow_kg_s, kWaterDensityKgM3,
                                                          c.facility_water.pump_head_kpa,
                                                          c.facility_water.pump_efficiency);
  plant_.supply_setpoint_c = c.facility_water.supply_setpoint_c;
  plant_.loop_volume_m3 = c.facility_water.loop_volume_m3;
  plant_.crah_fan_w_per_w_air = crah_fan_w_per_w_;
  facility_heat_capacity_j_per_k_ = c.facility_water.loop_volume_m3 * kWaterDensityKgM3 * facility_cp_j_per_kg_k_;
  // CDU pumps: hydraulic power at design flow and head, over the pump efficiency.
  const double total_cdu_flow = [&] {
    double f = 0;
    for (double x : cdu_design_flow_kg_s_) f += x;
    return f;
  }();
  cdu_.design_flow_kg_s = cdus ? total_cdu_flow / static_cast<double>(cdus) : 0.0;
  cdu_.pump_power_w_design = pump_power_for_w(cdu_.design_flow_kg_s, kPg25DensityKgM3, c.cdu.pump_head_kpa,
                                              c.cdu.pump_efficiency) /
                             std::max(1, c.cdu.pumps_required);
  facility_return_c_ = c.facility_water.supply_setpoint_c;
  state_.facility_supply_c = c.facility_water.supply_setpoint_c;
  state_.facility_return_c = facility_return_c_;
}

void CoolingSystem::set_cdu_pumps_running(int cdu, int running) {
  cdu_pumps_running_[static_cast<std::size_t>(cdu)] = std::clamp(running, 0, cdu_.pumps);
}

void CoolingSystem::rack_inputs(std::span<float> supply_c, std::span<float> flow_kg_s) const {
  for (std::size_t r = 0; r < rack_design_flow_kg_s_.size(); ++r) {
    const std::size_t k = r / static_cast<std::size_t>(racks_per_cdu_);
    if (rack_air_cooled_[r]) {
      supply_c[r] = static_cast<float>(air_supply_c_);
      flow_kg_s[r] = 0.0f;
      continue;
    }
    // Every rack of a CDU gets the same share of the CDU's flow as of its design flow.
    const double frac = cdu_.design_flow_kg_s > 0
                            ? cdu_flow_kg_s(cdu_, cdu_pumps_running_[k]) / cdu_.design_flow_kg_s
                            : 0.0;
    supply_c[r] = static_cast<float>(cdu_supply_c_[k]);
    flow_kg_s[r] = static_cast<float>(rack_design_flow_kg_s_[r] * frac);
  }
}

void CoolingSystem::step(std::span<const std::int64_t> rack_liquid_heat_uw, double air_heat_w,
                         double dry_bulb_c, double wet_bulb_c, double dt_s) {
  // CDUs: each moves its racks' loop heat onto the facility water.
  std::vector<double>& cdu_heat_w = cdu_heat_w_;  // reused: no allocation in the tick loop
  std::fill(cdu_heat_w.begin(), cdu_heat_w.end(), 0.0);
  double liquid_w = 0;
  for (std::size_t r = 0; r < rack_liquid_heat_uw.size(); ++r) {
    const double w = static_cast<double>(rack_liquid_heat_uw[r]) * 1e-6;
    cdu_heat_w[r / static_cast<std::size_t>(racks_per_cdu_)] += w;
    liquid_w += w;
  }
  power_.cdu_pumps_w = 0;
  for (std::size_t k = 0; k < cdu_heat_w.size(); ++k) power_.cdu_pumps_w += cdu_pump_power_w(cdu_, cdu_pumps_running_[k]);
  power_.crah_fans_w = crah_fan_w_per_w_ * air_heat_w;

  // Pump and fan work ends as heat in the water and air they move.
  const double heat_in_w = liquid_w + air_heat_w + power_.crah_fans_w + power_.cdu_pumps_w;
  // Variable-speed facility pumps follow the heat to keep the design temperature difference.
  const double flow_kg_s = std::max(plant_.facility_pumps.min_speed_frac, heat_in_w / design_heat_w_) *
                           plant_.facility_pumps.design_flow_kg_s;
  const PlantResult plant = plant_step(plant_, facility_return_c_, flow_kg_s, dry_bulb_c, wet_bulb_c,
                                       chillers_available_);
  facility_return_c_ = loop_temperature_step_c(facility_return_c_, heat_in_w, flow_kg_s, plant.supply_c,
                                               facility_heat_capacity_j_per_k_, dt_s, facility_cp_j_per_kg_k_);

  for (std::size_t k = 0; k < cdu_heat_w.size(); ++k) cdu_supply_c_[k] = cdu_supply_c(cdu_, plant.supply_c, cdu_heat_w[k]);

  power_.facility_pumps_w = plant.facility_pump_power_w;
  power_.rejection_fans_w = plant.rejection_fan_power_w;
  power_.chillers_w = plant.chiller_power_w;
  state_.mode = plant.mode;
  state_.facility_supply_c = plant.supply_c;
  state_.facility_return_c = facility_return_c_;
  state_.heat_to_water_w = heat_in_w;
  // What the plant takes out, from its own temperatures and flow (m c_p (T_return - T_supply)),
  // independent of the loop's energy bookkeeping, so a heat balance test can fail.
  state_.heat_from_water_w = plant.heat_rejected_w;
  state_.water_kg_s = plant.water_kg_s;
  state_.capacity_short = plant.capacity_short;
}

}  // namespace aifsim::cooling
