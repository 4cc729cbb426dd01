// SPDX-License-Identifier: Apache-2.0
// Cooling-plant physics: COP, affinity laws, economiser/chiller split, loop thermal mass, CDUs.
#include "sim/cooling/plant_physics.h"

#include "kernels/thermal_math.h"

#include <algorithm>
#include <cmath>

namespace aifsim::cooling {
namespace {

/// COP sensitivities of the §5.2 model: -2.5 %/K of condenser temperature (from "+1 F of
/// condenser water costs 1-2 %", i.e. 2-3.5 %/K) and +2 %/K of chilled-water temperature.
constexpr double kCopPerKCondenser = 0.025;
constexpr double kCopPerKChilledWater = 0.02;

/// Fan power (W) of a heat-rejection device rejecting heat_w (W): cubic fan law on an airflow
/// fraction equal to the heat fraction, clamped to [kRejectionFanMinFrac, 1].
double rejection_fan_power_w(double fan_w_per_w_design, double capacity_w, double heat_w) {
  if (heat_w <= 0) return 0;
  if (capacity_w <= 0) return fan_w_per_w_design * heat_w;  // unrated: proportional
  const double frac = std::clamp(heat_w / capacity_w, kRejectionFanMinFrac, 1.0);
  return fan_w_per_w_design * capacity_w * frac * frac * frac;
}


}  // namespace

double chiller_cop(const ChillerParams& p, double cond_c, double chw_c) {
  // Each factor is floored at 0 before the product so that two out-of-range factors cannot
  // multiply into a large positive COP.
  const double lift_factor = std::max(0.0, 1.0 - kCopPerKCondenser * (cond_c - p.cond_rated_c));
  const double chw_factor = std::max(0.0, 1.0 + kCopPerKChilledWater * (chw_c - p.chw_rated_c));
  return std::clamp(p.cop_rated * lift_factor * chw_factor, kChillerCopMin, kChillerCopMax);
}

double chiller_capacity_w(const ChillerParams& p, int chillers_available) {
  const int n = std::clamp(chillers_available, 0, std::max(p.units, 0));
  return n * p.unit_capacity_w;
}

double pump_power_w(const PumpParams& p, double flow_kg_s) {
  if (flow_kg_s <= 0 || p.design_flow_kg_s <= 0) return 0;
  const double speed = std::max(flow_kg_s / p.design_flow_kg_s, p.min_speed_frac);
  return p.design_power_w * speed * speed * speed;
}

double tower_supply_c(const TowerParams& p, double wet_bulb_c) { return wet_bulb_c + p.approach_k; }

double dry_cooler_supply_c(const DryCoolerParams& p, double dry_bulb_c) {
  return dry_bulb_c + p.approach_k;
}

double tower_water_kg_s(const TowerParams& p, double heat_rejected_w) {
  if (heat_rejected_w <= 0) return 0;
  const double evaporation_kg_s = heat_rejected_w / kWaterLatentHeatJPerKg;
  const double cycles = std::max(p.cycles_of_concentration, 1.01);
  const double blowdown_kg_s = evaporation_kg_s / (cycles - 1.0);
  return evaporation_kg_s + blowdown_kg_s;
}

const char* plant_mode_name(PlantResult::Mode mode) {
  switch (mode) {
    case PlantResult::Mode::free: return "free";
    case PlantResult::Mode::partial: return "partial";
    case PlantResult::Mode::mechanical: return "mechanical";
  }
  return "unknown";
}

PlantResult plant_step(const PlantParams& p, double return_c, double flow_kg_s, double dry_bulb_c,
                       double wet_bulb_c, int chillers_available) {
  PlantResult r;
  const double flow = std::max(flow_kg_s, 0.0);
  r.facility_pump_power_w = pump_power_w(p.facility_pumps, flow);
  r.supply_c = return_c;
  const double setpoint_c = p.supply_setpoint_c;
  // Nothing to remove: the water bypasses the plant (running it would only heat the water
  // when the device is warmer than the return).
  if (flow <= 0 || return_c <= setpoint_c) return r;

  const bool tower = p.rejection == HeatRejection::cooling_tower;
  const double device_c = tower ? tower_supply_c(p.tower, wet_bulb_c) : dry_cooler_supply_c(p.dry_cooler, dry_bulb_c);

  // Water temperature after the economiser, before any chiller.
  double precooled_c = setpoint_c;
  if (device_c <= setpoint_c) {
    r.mode = PlantResult::Mode::free;
  } else if (device_c < return_c) {
    r.mode = PlantResult::Mode::partial;
    precooled_c = device_c;
  } else {
    r.mode = PlantResult::Mode::mechanical;
    precooled_c = return_c;
  }

  r.supply_c = precooled_c;
  if (precooled_c > setpoint_c) {
    const double trim_w = heat_w(flow, kWaterCpJPerKgK, precooled_c - setpoint_c);
    const double capacity_w = chiller_capacity_w(p.chiller, chillers_available);
    if (trim_w <= capacity_w) {
      r.chiller_load_w = trim_w;
      r.supply_c = setpoint_c;
    } else {
      r.chiller_load_w = capacity_w;
      r.supply_c = precooled_c - capacity_w / (flow * kWaterCpJPerKgK);
      r.capacity_short = true;
    }
    if (r.chiller_load_w > 0) {
      r.chiller_cop = chiller_cop(p.chiller, device_c + kCondenserRangeK, r.supply_c);
      r.chiller_power_w = r.chiller_load_w / r.chiller_cop;
    }
  }

  r.heat_rejected_w = heat_w(flow, kWaterCpJPerKgK, return_c - r.supply_c);
  r.heat_to_atmosphere_w = r.heat_rejected_w + r.chiller_power_w;
  if (tower) {
    r.rejection_fan_power_w =
        rejection_fan_power_w(p.tower.fan_w_per_w_design, p.tower.capacity_w, r.heat_to_atmosphere_w);
    r.water_kg_s = tower_water_kg_s(p.tower, r.heat_to_atmosphere_w);
  } else {
    r.rejection_fan_power_w =
        rejection_fan_power_w(p.dry_cooler.fan_w_per_w_design, p.dry_cooler.capacity_w, r.heat_to_atmosphere_w);
  }
  return r;
}

double loop_temperature_step_c(double temp_c, double heat_in_w, double flow_kg_s, double supply_c,
                               double heat_capacity_j_per_k, double dt_s, double cp_j_per_kg_k) {
  return kernels::mixed_mass_step_c(temp_c, heat_in_w, std::max(flow_kg_s, 0.0) * cp_j_per_kg_k, supply_c,
                                    heat_capacity_j_per_k, dt_s);
}

double cdu_supply_c(const CduParams& p, double facility_supply_c, double heat_w) {
  double approach_k = p.approach_k;
  if (p.capacity_w > 0 && heat_w > p.capacity_w) approach_k *= heat_w / p.capacity_w;
  return facility_supply_c + approach_k;
}

double cdu_flow_kg_s(const CduParams& p, int pumps_running) {
  if (pumps_running <= 0) return 0;
  const int required = std::max(p.pumps_required, 1);
  if (pumps_running >= required) return p.design_flow_kg_s;
  return p.design_flow_kg_s * pumps_running / required;
}

double cdu_pump_power_w(const CduParams& p, int pumps_running) {
  if (pumps_running <= 0) return 0;
  return std::min(pumps_running, std::max(p.pumps_required, 1)) * p.pump_power_w_design;
}

}  // namespace aifsim::cooling
