// SPDX-License-Identifier: Apache-2.0
// Per-tick physics of the cooling plant: chiller COP, pump affinity laws, tower and
// dry-cooler supply temperatures, tower water use, the plant's economiser/chiller split, the
// facility loop's thermal mass and the CDUs. Pure functions, no state.
#pragma once

#include "sim/cooling/plant_params.h"
#include "sim/cooling/water.h"

namespace aifsim::cooling {

/// Bounds on chiller_cop. The linear model of §5.2 is fitted near the rating point; far from
/// it it extrapolates to nonsense: zero or negative COP at a ~40 K condenser rise (infinite
/// compressor power) and unbounded COP for warm chilled water. Any running vapour-compression
/// chiller moves at least about as much heat as it draws (COP >= 1), and even low-lift
/// magnetic-bearing centrifugals measure COP ~10-12 at best, so [1, 15] keeps the result
/// physical with margin. ASSUMPTION.
inline constexpr double kChillerCopMin = 1.0;
inline constexpr double kChillerCopMax = 15.0;

/// Lowest airflow fraction of tower / dry-cooler fans while they run (the fan-law floor).
/// ASSUMPTION: 0.1, a typical VFD/EC-fan minimum.
inline constexpr double kRejectionFanMinFrac = 0.1;

/// Chiller COP (-) at condenser temperature cond_c and leaving chilled water chw_c (C), the
/// §5.2 model
///   COP = cop_rated [1 - 0.025 (cond_c - cond_rated_c)] [1 + 0.02 (chw_c - chw_rated_c)],
/// clamped to [kChillerCopMin, kChillerCopMax]. Falls with lift (cond_c up) and rises with
/// warmer chilled water.
double chiller_cop(const ChillerParams& p, double cond_c, double chw_c);

/// Chiller-plant capacity (W) with chillers_available units running: clamp(n, 0, units) x
/// unit_capacity_w (a caller cannot run units that are not installed).
double chiller_capacity_w(const ChillerParams& p, int chillers_available);

/// Pump electrical power (W) at flow_kg_s, by the affinity laws on a system curve through the
/// origin (closed loop, no static head): P = design_power_w (s)^3 with speed fraction
/// s = max(flow / design_flow, min_speed_frac). Below the minimum speed the pump holds it and
/// the surplus recirculates, hence the floor. Zero flow means the pumps are stopped: 0 W.
double pump_power_w(const PumpParams& p, double flow_kg_s);

/// Coldest water (C) the towers can deliver: wet_bulb_c + approach_k.
double tower_supply_c(const TowerParams& p, double wet_bulb_c);

/// Coldest water (C) the dry coolers can deliver: dry_bulb_c + approach_k.
double dry_cooler_supply_c(const DryCoolerParams& p, double dry_bulb_c);

/// Tower make-up water (kg/s) while rejecting heat_rejected_w (W) to the atmosphere:
///   evaporation E = Q / h_fg (kWaterLatentHeatJPerKg),
///   blowdown    B = E / (cycles - 1)  (the salt balance: make-up (E + B) carries in what
///                                      blowdown at `cycles` times the concentration takes out),
///   make-up     = E + B = E cycles / (cycles - 1).
/// All heat is taken as latent, an upper bound (in cool dry weather a tower rejects some of
/// it sensibly). Drift is ignored: modern eliminators hold it near 0.001 % of the circulating
/// flow, well under 1 % of the make-up. cycles_of_concentration must be > 1 (at 1 there is
/// no finite blowdown); values <= 1 are treated as 1.01. Negative heat gives 0.
double tower_water_kg_s(const TowerParams& p, double heat_rejected_w);

/// Plant state for one tick.
///
/// Energy bookkeeping (W):
///   heat_rejected_w      = flow c_p (return - supply), heat taken out of the facility water;
///   heat_to_atmosphere_w = heat_rejected_w + chiller_power_w, what the tower / dry cooler
///                          rejects (the chillers' compressor work leaves through their
///                          condensers). Fan and pump power are electrical loads reported
///                          separately; their heat is not in these two numbers.
struct PlantResult {
  enum class Mode {
    free,        ///< the heat-rejection device alone meets the setpoint; no compressor
    partial,     ///< the device pre-cools, chillers trim to the setpoint
    mechanical,  ///< the device is no colder than the return water; chillers carry it all
  };
  Mode mode = Mode::free;
  double supply_c = 0;              ///< facility-water supply leaving the plant (C)
  double heat_rejected_w = 0;       ///< heat removed from the facility water (W)
  double heat_to_atmosphere_w = 0;  ///< heat_rejected_w + chiller_power_w (W)
  double chiller_load_w = 0;        ///< heat the chillers move from the facility water (W)
  double chiller_power_w = 0;       ///< compressor electrical power (W)
  double chiller_cop = 0;           ///< COP the chillers run at; 0 when they carry no load
  double rejection_fan_power_w = 0; ///< tower or dry-cooler fans (W)
  double facility_pump_power_w = 0; ///< facility-water pumps (W)
  double water_kg_s = 0;            ///< tower make-up water (kg/s); 0 for dry coolers
  bool capacity_short = false;      ///< the chillers could not reach the setpoint
};

/// Name of a plant mode for output ("free", "partial", "mechanical").
const char* plant_mode_name(PlantResult::Mode mode);

/// One tick of the plant: facility water returns at return_c (C) with flow_kg_s (kg/s) and is
/// cooled toward p.supply_setpoint_c, at outdoor dry_bulb_c and wet_bulb_c (C), with
/// chillers_available chiller units able to run.
///
/// With T_dev the heat-rejection device's coldest water (tower_supply_c or
/// dry_cooler_supply_c) and T_set the setpoint:
///   - return_c <= T_set: nothing to remove; the plant is bypassed (mode free, all zero,
///     supply = return).
///   - T_dev <= T_set: free. The device alone cools the water to T_set.
///   - T_set < T_dev < return_c: partial. The device pre-cools to T_dev; the chillers trim
///     flow c_p (T_dev - T_set).
///   - T_dev >= return_c: mechanical. The chillers carry flow c_p (return_c - T_set).
/// The trim is limited to chiller_capacity_w(chillers_available); past it the supply rises by
/// the shortfall / (flow c_p) and capacity_short is set. Chillers reject their load plus their
/// compressor power through the same device; their COP uses T_cond = T_dev + kCondenserRangeK
/// and T_chw = the supply reached. For a dry-cooler plant the chillers are taken as air-cooled
/// (see air_cooled_chiller_params), their condenser temperature following the dry bulb the
/// same way.
///
/// Fans: the device's airflow fraction is taken equal to its heat fraction
/// heat_to_atmosphere_w / capacity_w, clamped to [kRejectionFanMinFrac, 1], and fan power is
/// fan_w_per_w_design x capacity_w x fraction^3 (cubic fan law). A simplification: it assumes
/// the controls hold the design approach by slowing the fans at part load, whereas a real
/// tower at full airflow and part load would run a smaller approach; above capacity the fans
/// stay at 100 % and the approach is still assumed held. Water only for towers, from
/// tower_water_kg_s(heat_to_atmosphere_w). Facility water c_p is kWaterCpJPerKgK; pump power
/// is pump_power_w(facility_pumps, flow_kg_s).
PlantResult plant_step(const PlantParams& p, double return_c, double flow_kg_s, double dry_bulb_c,
                       double wet_bulb_c, int chillers_available);

/// Temperature (C) after dt_s (s) of a well-mixed loop of heat capacity heat_capacity_j_per_k
/// (J/K) at temp_c that receives heat_in_w (W) and is flushed by flow_kg_s (kg/s) of coolant
/// (specific heat cp_j_per_kg_k) entering at supply_c and leaving at the loop temperature:
///   C dT/dt = Q - m c_p (T - T_s).
/// Integrated exactly (the inputs held over dt): with k = m c_p / C and
/// T_inf = T_s + Q / (m c_p),
///   T(dt) = T_inf + (T - T_inf) e^(-k dt)
///         = T + (Q dt / C - (T - T_s) k dt) phi(k dt),  phi(x) = (1 - e^-x) / x,
/// the second form being the one evaluated: phi(0) = 1 gives the m = 0 limit T + Q dt / C
/// without dividing by zero, and phi(x) -> 1/x gives T_inf for dt >> 1/k. Stable for any dt.
/// Negative flow counts as 0. heat_capacity_j_per_k <= 0 (no thermal mass) returns the
/// steady state T_inf, or temp_c when there is no flow either.
double loop_temperature_step_c(double temp_c, double heat_in_w, double flow_kg_s, double supply_c,
                               double heat_capacity_j_per_k, double dt_s,
                               double cp_j_per_kg_k = kWaterCpJPerKgK);

/// TCS supply (C) of a CDU moving heat_w (W) from the TCS to facility water at
/// facility_supply_c: facility_supply_c + approach, where
///   approach = approach_k                         for heat_w <= capacity_w,
///   approach = approach_k x heat_w / capacity_w   above it.
/// Below capacity the CDU's control valve throttles the facility water to hold its design
/// approach (a conservative part-load reading; an unthrottled exchanger would run closer).
/// Above it the valve is wide open: a fixed-UA exchanger at fixed flows has a fixed
/// effectiveness, so every temperature difference across it, the approach included, grows in
/// proportion to the duty. capacity_w <= 0 means unrated: approach_k at any load.
double cdu_supply_c(const CduParams& p, double facility_supply_c, double heat_w);

/// TCS flow (kg/s) with pumps_running pumps: design_flow_kg_s when at least pumps_required run
/// (N+1: losing the spare costs nothing), design_flow_kg_s x n / pumps_required when fewer
/// run (each survivor held at its design point; this ignores survivors running out along
/// their curves onto the lower system head, so it is conservative), 0 with none.
double cdu_flow_kg_s(const CduParams& p, int pumps_running);

/// TCS pump power (W) with pumps_running pumps: min(n, pumps_required) x pump_power_w_design,
/// 0 with none. Running the spare as well does not add power: in a closed loop the
/// parallel pumps share the same flow against the same head, i.e. the same hydraulic power;
/// only their efficiency point moves, which is ignored.
double cdu_pump_power_w(const CduParams& p, int pumps_running);

}  // namespace aifsim::cooling
