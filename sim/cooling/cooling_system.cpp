// SPDX-License-Identifier: Apache-2.0
// CDUs, facility water loop, CRAHs and the plant, advanced once per tick.
#include "sim/cooling/cooling_system.h"

#include <algorithm>


namespace aifsim::cooling {
CoolingSystem::CoolingSystem(const CoolingParams& p)
    : racks_per_cdu_(p.racks_per_cdu),
      cdu_(p.cdu),
      rack_design_flow_kg_s_(p.rack_design_flow_kg_s),
      cdu_design_flow_kg_s_(p.cdu_design_flow_kg_s),
      cdu_pumps_running_(p.cdu_design_flow_kg_s.size(), p.cdu.pumps),
      cdu_supply_c_(p.cdu_design_flow_kg_s.size(), p.cdu_supply_c),
      cdu_heat_w_(p.cdu_design_flow_kg_s.size(), 0.0),
      rack_air_cooled_(p.rack_air_cooled),
      air_supply_c_(p.air_supply_c),
      plant_(p.plant),
      facility_cp_j_per_kg_k_(p.facility_cp_j_per_kg_k),
      facility_heat_capacity_j_per_k_(p.facility_heat_capacity_j_per_k),
      design_heat_w_(p.design_heat_w),
      chillers_available_(p.chillers_available),
      facility_return_c_(p.plant.supply_setpoint_c) {
  state_.facility_supply_c = p.plant.supply_setpoint_c;
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
  power_.crah_fans_w = plant_.crah_fan_w_per_w_air * air_heat_w;

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
