// SPDX-License-Identifier: Apache-2.0
// Parameters of the cooling plant (CDUs, heat-rejection device, chillers, pumps), each default
// with its source. Sized defaults describe the reference site: GMI Cloud Tainan, 96 GB300
// NVL72 racks at 135 kW (REFERENCE.md §0, §10), i.e. 12.96 MW of heat into the facility water.
#pragma once

#include "sim/cooling/water.h"

namespace aifsim::cooling {

/// Heat (W) the reference site puts into the facility water at full load: 96 racks (§0) x
/// 135 kW GB300 NVL72 rack IT power (§10), all of it taken as liquid-side (GB300 boards are
/// "designed to be 100 % liquid-cooled", §2). Only used to size the defaults below.
inline constexpr double kReferenceSiteHeatW = 96 * 135e3;

/// Condenser-water range (K) the plant adds to the heat-rejection device's supply temperature
/// to get the condenser temperature the COP model sees. ASSUMPTION, taken from the AHRI
/// 550/590 rating point (§5.2): condenser water enters at 29.4 C and leaves at 34.6 C, a
/// 5.2 K range. The compressor lift is set by the condensing temperature, which sits above the
/// leaving condenser water, so the leaving temperature (supply + range) is the better proxy.
/// The rated condenser temperatures below are shifted by the same range so that the COP
/// equals its rated value exactly at the rating conditions.
inline constexpr double kCondenserRangeK = 5.0;

/// One coolant distribution unit: a liquid-to-liquid heat exchanger between the facility
/// water and the TCS (rack) loop, with N+1 pumps on the TCS side.
struct CduParams {
  /// Facility-water to TCS supply approach at or below capacity (K). §10 (range 3-5, §2.1).
  double approach_k = 4;
  /// Rated heat transfer (W). ASSUMPTION: a row CDU for eight GB300 NVL72 racks,
  /// 8 x 135 kW (§10) = 1.08 MW, plus ~10 % margin; row CDUs are sold in the 1-2 MW class.
  double capacity_w = 1.2e6;
  /// Installed TCS pumps. §2.1: N+1 pumps ("dual VFD pumps" in Vertiv 360AI #020).
  int pumps = 2;
  /// Pumps needed to deliver the design flow (the N of N+1).
  int pumps_required = 1;
  /// Electrical power of one pump at its design point (W), i.e. delivering
  /// design_flow_kg_s / pumps_required. ASSUMPTION: design flow 0.030 m3/s (1,800 L/min)
  /// against 2.5 bar (rack manifolds, cold plates and the CDU's own 0.5-3 bar, §2.1; the OCP
  /// rack spec allows 40 psi = 2.8 bar) at a wire-to-water efficiency of 0.6 (pump x motor x
  /// VFD): 0.030 m3/s x 2.5e5 Pa / 0.6 = 12.5 kW, about 1 % of the CDU capacity.
  double pump_power_w_design = 1800.0 / 60e3 * 2.5e5 / 0.6;
  /// TCS design flow (kg/s): 1.5 L/min per kW (§2.1, §10) x 1,200 kW = 1,800 L/min of 25 %
  /// propylene glycol = 30.4 kg/s, which carries the capacity at 10.0 K (§10 TCS dT 10 K).
  double design_flow_kg_s = flow_kg_s_from_l_min(1.5 * 1200.0, kPg25DensityKgM3);
};

/// Open evaporative cooling towers (all cells taken together).
struct TowerParams {
  /// Supply water above ambient wet bulb (K). §5.2 (design 3-5 K), §10.
  double approach_k = 4;
  /// Fan electrical power per W of heat rejected at design (W/W). Derived from the ASHRAE
  /// 90.1 (Table 6.8.1-7) minimum for propeller/axial-fan open-circuit towers, 38.2 gpm/hp
  /// at 95 F entering water, 85 F leaving, 75 F wet bulb: 1 gpm cooled 10 F is
  /// 500 Btu/h/(gpm F) x 10 F = 5,000 Btu/h, so 38.2 gpm is 191,000 Btu/h = 55.98 kW per
  /// 0.7457 kW of fan motor: 0.0133 W/W (about 0.013 kW per kW). A code-minimum tower, so
  /// an upper bound for new plant.
  double fan_w_per_w_design = 0.7457 / (38.2 * 500.0 * 10.0 / 3412.14);
  /// Ratio of dissolved solids in the basin to the make-up water. ASSUMPTION: 4, mid of the
  /// typical 3-6 (set by make-up water quality and treatment).
  double cycles_of_concentration = 4;
  /// Heat rejected at design conditions (W), which sets the fans' design power.
  /// ASSUMPTION: the reference site heat (12.96 MW) with the chillers carrying all of it at
  /// rated COP 6 (§10), so the towers also take the compressor heat: 12.96 x (1 + 1/6) =
  /// 15.1 MW.
  double capacity_w = kReferenceSiteHeatW * (1.0 + 1.0 / 6.0);
};

/// Dry (sensible-only, no water) coolers, all units taken together.
struct DryCoolerParams {
  /// Supply water above ambient dry bulb (K). §10 (range 5-12; §5.2 says 5-10).
  double approach_k = 8;
  /// Fan electrical power per W rejected at design (W/W). ASSUMPTION: 0.02. A dry cooler
  /// rejects heat only sensibly, warming the air ~10 K, so it moves several times the air a
  /// tower moves for the same heat; EC-fan dry-cooler catalogues sit around 15-30 W of fan
  /// per kW at design. Not in REFERENCE.md.
  double fan_w_per_w_design = 0.02;
  /// Heat rejected at design (W). ASSUMPTION: the reference site heat with air-cooled
  /// chillers at rated COP 2.8 (§5.2) carrying all of it: 12.96 x (1 + 1/2.8) = 17.6 MW.
  double capacity_w = kReferenceSiteHeatW * (1.0 + 1.0 / 2.8);
};

/// The chiller plant: identical units in parallel trimming the facility water.
///
/// COP model (§5.2, DERIVED there from the condenser and chilled-water sensitivities):
///   COP = cop_rated x [1 - 0.025 (T_cond - cond_rated_c)] x [1 + 0.02 (T_chw - chw_rated_c)]
/// where T_cond is the condenser temperature as plant_step computes it (heat-rejection
/// device supply + kCondenserRangeK) and T_chw the chiller's leaving (facility supply)
/// temperature. The defaults are a water-cooled plant; air_cooled_chiller_params() gives the
/// dry-cooler plant's air-cooled units.
struct ChillerParams {
  /// COP at the rating point. §5.2 / §10: water-cooled centrifugal 6.0 (typical 5.8-6.4).
  double cop_rated = 6.0;
  /// Condenser temperature at the rating point (C) in plant_step's convention: AHRI 550/590
  /// entering condenser water 29.4 C (§5.2) + kCondenserRangeK = 34.4 C (AHRI's own leaving
  /// condenser water is 34.6 C).
  double cond_rated_c = 29.4 + kCondenserRangeK;
  /// Leaving chilled water at the rating point (C). AHRI 550/590, §5.2.
  double chw_rated_c = 6.7;
  /// Installed units. ASSUMPTION: 3 duty + 1 spare (N+1), see unit_capacity_w.
  int units = 4;
  /// Units needed at design (the N of N+1).
  int units_required = 3;
  /// Cooling capacity of one unit (W). ASSUMPTION: 3.5 MW (~1,000 refrigeration tons, a
  /// common centrifugal size). Sizing: at the Tainan 0.4 % wet-bulb design of ~28.5 C
  /// (§6.3) the towers deliver 32.5 C; trimming a 10 K facility dT (36 -> 26 C) down from
  /// there is 6.5/10 of 12.96 MW = 8.4 MW, which three units (10.5 MW) carry.
  double unit_capacity_w = 3.5e6;
};

/// Facility-water (primary loop) pumps, all taken together, variable speed.
struct PumpParams {
  /// Flow at design (kg/s): the reference site heat at a 10 K facility-water dT,
  /// 12.96 MW / (4180 J/kg/K x 10 K) = 310 kg/s. ASSUMPTION: the 10 K TCS dT of §10
  /// mirrored on the facility side (equal capacity rates across the CDUs).
  double design_flow_kg_s = kReferenceSiteHeatW / (kWaterCpJPerKgK * 10.0);
  /// Electrical power at design flow (W). ASSUMPTION: 0.311 m3/s against 3.5 bar (CDU and
  /// chiller/tower heat exchangers, headers, valves) at a wire-to-water efficiency of 0.7:
  /// 156 kW. With the chillers trimming at the design wet bulb this puts pumps (facility +
  /// CDU) near 15 % of cooling energy, inside the 10-20 % of §5.2.
  double design_power_w = kReferenceSiteHeatW / (kWaterCpJPerKgK * 10.0) / kWaterDensityKgM3 * 3.5e5 / 0.7;
  /// Lowest VFD speed as a fraction of design. ASSUMPTION: 0.3, a common VFD minimum for
  /// motor cooling and minimum-flow protection.
  double min_speed_frac = 0.3;
};

/// What carries the plant's heat to the atmosphere.
enum class HeatRejection { cooling_tower, dry_cooler };

/// The whole plant. The defaults are the water-cooled tower plant; make_plant_params() also
/// fits the chillers to the dry-cooler choice.
struct PlantParams {
  /// ASSUMPTION: towers. Tainan dry bulbs reach 34-36 C (§6.1, §6.3); dry coolers at an 8 K
  /// approach would then give 42-44 C water, far above a 30 C TCS supply, while towers at
  /// the ~28.5 C design wet bulb give 32.5 C.
  HeatRejection rejection = HeatRejection::cooling_tower;
  TowerParams tower;
  DryCoolerParams dry_cooler;
  ChillerParams chiller;
  PumpParams facility_pumps;
  /// Facility-water supply setpoint (C): TCS supply 30 C (§10) less the CDU approach 4 K
  /// (§10) = 26 C.
  double supply_setpoint_c = 30.0 - 4.0;
  /// Facility-water volume (m3), the loop's thermal mass. ASSUMPTION: about 3 minutes of
  /// design flow (pipes, headers, heat exchangers, no buffer tank): 0.311 m3/s x 180 s =
  /// 56 m3, rounded to 60. Its heat capacity, 60 x 995.7 x 4180 = 2.5e8 J/K, heats at about
  /// 3 K/min under the full 12.96 MW with no cooling, "over minutes" (DESIGN.md §4).
  double loop_volume_m3 = 60;
  /// CRAH / fan-wall fan power per W of air-side heat (W/W). ASSUMPTION from physics: air
  /// warmed 12 K across the IT needs 1 / (1.2 kg/m3 x 1006 J/kg/K x 12 K) = 6.9e-5 m3/s per
  /// W; against 500 Pa (coil, filters, plenums) at a fan-motor-VFD efficiency of 0.6 that
  /// is 0.058 W/W.
  double crah_fan_w_per_w_air = 1.0 / (1.2 * 1006.0 * 12.0) * 500.0 / 0.6;
};

/// Air-cooled chillers for a dry-cooler plant: rated COP 2.8 at 35 C entering air (the
/// AHRI/CEC Path A minimum, 9.562 EER, §5.2, §10), with the rated condenser temperature put
/// in plant_step's convention for that plant (dry bulb + dry-cooler approach +
/// kCondenserRangeK), so at a 35 C dry bulb the COP is exactly 2.8 and the same -2.5 %/K
/// applies (§10). Unit count and capacity as the water-cooled defaults.
constexpr ChillerParams air_cooled_chiller_params(const DryCoolerParams& dry_cooler) {
  ChillerParams c;
  c.cop_rated = 2.8;
  c.cond_rated_c = 35.0 + dry_cooler.approach_k + kCondenserRangeK;
  return c;
}

/// Default plant for a heat-rejection choice: air-cooled chillers with dry coolers,
/// water-cooled chillers with towers.
constexpr PlantParams make_plant_params(HeatRejection rejection) {
  PlantParams p;
  p.rejection = rejection;
  if (rejection == HeatRejection::dry_cooler) p.chiller = air_cooled_chiller_params(p.dry_cooler);
  return p;
}

}  // namespace aifsim::cooling
