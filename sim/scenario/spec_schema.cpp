// SPDX-License-Identifier: Apache-2.0
// The scenario schema: every key, its unit, range, default and meaning, bound to the spec
// structs. This one table drives the loader, the validator, `aifsim docs` and `aifsim schema`.
// The facility's structs are here; workloads and power management have files of their own
// (spec_schema_workloads.cpp, spec_schema_control.cpp).
#include "sim/scenario/spec_schema.h"

#include "sim/scenario/catalog.h"
#include "sim/scenario/spec_schema_parts.h"

namespace aifsim::scenario {

template <>
const StructDef<CurvePoint>& struct_def<CurvePoint>() {
  static const StructDef<CurvePoint> d = [] {
    StructDef<CurvePoint> s("CurvePoint", "One point of an efficiency curve; points must have "
                                          "increasing `load_frac`. Between points the curve is "
                                          "linear, beyond the ends flat.");
    s.field("load_frac", &CurvePoint::load_frac, "Load as a fraction of the element's rating")
        .within(0, 1.5).required();
    s.field("efficiency", &CurvePoint::efficiency, "Output power / input power at that load")
        .gt(0).le(1).required();
    return s;
  }();
  return d;
}

template <>
const StructDef<SpeedPoint>& struct_def<SpeedPoint>() {
  static const StructDef<SpeedPoint> d = [] {
    StructDef<SpeedPoint> s("SpeedPoint",
                            "One point of a throughput curve; points must have increasing `power_frac`; "
                            "linear between points, flat beyond the ends.");
    s.field("power_frac", &SpeedPoint::power_frac, "Power the GPU may draw / its TDP").within(0, 1.5).required();
    s.field("speed", &SpeedPoint::speed, "Throughput relative to the unconstrained GPU").within(0, 1).required();
    return s;
  }();
  return d;
}

template <>
const StructDef<WorkloadClassSpec>& struct_def<WorkloadClassSpec>() {
  static const StructDef<WorkloadClassSpec> d = [] {
    StructDef<WorkloadClassSpec> s("WorkloadClassSpec",
                                   "A workload class: how its throughput follows the power a GPU may "
                                   "draw (limit and thermal state). Built-in: `decode`, `inference`, "
                                   "`training` (REFERENCE.md §3.1; sources in sim/scenario/catalog.cpp).");
    s.field("description", &WorkloadClassSpec::description, "Free text");
    s.field("speed_curve", &WorkloadClassSpec::speed_curve, "Relative throughput vs power / TDP").required();
    return s;
  }();
  return d;
}

template <>
const StructDef<TimeSpec>& struct_def<TimeSpec>() {
  static const StructDef<TimeSpec> d = [] {
    StructDef<TimeSpec> s("TimeSpec", "When the run starts, how long it lasts and the physics tick.");
    s.field("start", &TimeSpec::start,
            "Start of the run, ISO 8601 (`2026-07-15T00:00:00+08:00`); without an offset it is "
            "site local time (`site.utc_offset_h`)");
    s.field("duration", &TimeSpec::duration, "Simulated time to run").unit("s").gt(0).le(366.0 * 86400);
    s.field("dt_s", &TimeSpec::dt_s,
            "Physics tick: GPU, rack and facility state advance in steps of this size "
            "(1 s default; 0.1 s for power-swing studies, 60 s for year-long runs)")
        .unit("s").ge(0.001).le(3600);
    s.field("max_gpu_ticks", &TimeSpec::max_gpu_ticks,
            "Refuse a run of more GPU-ticks (GPUs x duration / dt_s) than this, before it starts: a "
            "guard against a mistyped dt_s or rack count. The reference day is 6e8 GPU-ticks, about "
            "30 s of CPU; 1e12 is about 14 h at the fleet's ~50 ns per GPU-tick with its workloads. "
            "Raise it for a run that really is that large")
        .gt(0);
    s.field("max_memory_gib", &TimeSpec::max_memory_gib,
            "Refuse a run whose estimated memory (32 MiB + 560 B per GPU, measured up to 7.2 M GPUs) "
            "is above this many GiB, before anything is allocated. 0: 90 % of this machine's "
            "physical memory. Raise it (`--max-memory` on the command line) to run anyway")
        .unit("GiB").ge(0);
    return s;
  }();
  return d;
}

template <>
const StructDef<LayoutSpec>& struct_def<LayoutSpec>() {
  static const StructDef<LayoutSpec> d = [] {
    StructDef<LayoutSpec> s("LayoutSpec",
                            "How racks are placed: rack groups fill rows in file order, rows fill "
                            "halls; the number of halls follows from the rack count.");
    s.field("racks_per_row", &LayoutSpec::racks_per_row,
            "Racks in one row (naming and row sums only; no physics depends on it)")
        .ge(1).le(1000);
    s.field("rows_per_hall", &LayoutSpec::rows_per_hall,
            "Rows in one data hall (naming and hall sums only)")
        .ge(1).le(1000);
    return s;
  }();
  return d;
}

template <>
const StructDef<UpsSpec>& struct_def<UpsSpec>() {
  static const StructDef<UpsSpec> d = [] {
    StructDef<UpsSpec> s("UpsSpec", "The UPS between the transformer and the IT distribution.");
    s.field("mode", &UpsSpec::mode,
            "Operating mode: `double_conversion` (VFI) or `eco` (bypass with conditioning)");
    s.field("capacity_kw", &UpsSpec::capacity_kw,
            "Installed UPS capacity carrying the IT load; sets the load fraction of the "
            "efficiency curves (default sized for a 16 MW site: ASSUMPTION)")
        .unit("kW").gt(0);
    s.field("modules", &UpsSpec::modules, "UPS modules or systems sharing the capacity").ge(1);
    s.field("redundant_modules", &UpsSpec::redundant_modules,
            "Modules that may fail with the load still carried: 0 = N, 1 = N+1, modules/2 = 2N "
            "(REFERENCE.md §7: 2N systems usually run at or below 50 % load)")
        .ge(0);
    s.field("double_conversion_curve", &UpsSpec::double_conversion_curve,
            "Efficiency vs load in double-conversion mode (REFERENCE.md §4: 94-96 %)");
    s.field("eco_curve", &UpsSpec::eco_curve, "Efficiency vs load in eco mode (REFERENCE.md §4: 98-99 %)");
    return s;
  }();
  return d;
}

template <>
const StructDef<PowerChainSpec>& struct_def<PowerChainSpec>() {
  static const StructDef<PowerChainSpec> d = [] {
    StructDef<PowerChainSpec> s(
        "PowerChainSpec",
        "The facility power chain above the racks: utility meter -> transformer -> UPS -> "
        "busway/PDU -> rack power shelves (rack PSUs are part of each rack type).");
    s.field("distribution_efficiency", &PowerChainSpec::distribution_efficiency,
            "Busway and PDU efficiency (REFERENCE.md §4: busway 0.995 x PDU 0.99)")
        .gt(0).le(1);
    s.field("ups", &PowerChainSpec::ups, "The UPS");
    s.field("transformer_efficiency", &PowerChainSpec::transformer_efficiency,
            "MV/LV transformer efficiency (REFERENCE.md §4: 98-99.5 %, default 0.99)")
        .gt(0).le(1);
    s.field("transformer_rating_kw", &PowerChainSpec::transformer_rating_kw,
            "Rating of one transformer, unity power factor assumed (ASSUMPTION: 2 x 20 MW, 2N, "
            "covers the 16 MW site)")
        .unit("kW").gt(0);
    s.field("transformer_units", &PowerChainSpec::transformer_units, "Transformers sharing the load").ge(1);
    s.field("transformer_redundant_units", &PowerChainSpec::transformer_redundant_units,
            "Transformers that may fail with the load still carried (0 = N, 1 = N+1, units/2 = 2N)")
        .ge(0);
    s.field("misc_power_kw", &PowerChainSpec::misc_power_kw,
            "Constant site load at the meter outside IT and cooling (lighting, offices, security)")
        .unit("kW").ge(0);
    return s;
  }();
  return d;
}


template <>
const StructDef<CduSpec>& struct_def<CduSpec>() {
  static const StructDef<CduSpec> d = [] {
    StructDef<CduSpec> s("CduSpec",
                         "Coolant distribution units (liquid-to-liquid) between the rack loops and "
                         "the facility water. Racks are served in placement order, `racks_per_cdu` each.");
    s.field("racks_per_cdu", &CduSpec::racks_per_cdu,
            "Racks served by one CDU (ASSUMPTION: 8 x 135 kW fits the 1.2 MW default capacity; "
            "REFERENCE.md §2.1 row CDUs support 130 kW racks)")
        .ge(1);
    s.field("approach_k", &CduSpec::approach_k,
            "Rack-loop supply above facility-water supply at or below capacity (REFERENCE.md §2.1: 3-5 K)")
        .unit("K").ge(0);
    s.field("capacity_kw", &CduSpec::capacity_kw,
            "Heat one CDU moves at its approach; above it the approach grows in proportion "
            "(ASSUMPTION: Vertiv-class row CDU, REFERENCE.md §2.1)")
        .unit("kW").gt(0);
    s.field("pumps", &CduSpec::pumps, "Pumps installed per CDU (REFERENCE.md §2.1: N+1)").ge(1);
    s.field("pumps_required", &CduSpec::pumps_required, "Pumps needed for design flow").ge(1);
    s.field("pump_head_kpa", &CduSpec::pump_head_kpa,
            "Pressure the CDU pumps deliver at design flow (REFERENCE.md §2.1: 0.5-3 bar dP)")
        .unit("kPa").gt(0);
    s.field("pump_efficiency", &CduSpec::pump_efficiency, "Wire-to-water pump efficiency (ASSUMPTION)")
        .gt(0).le(1);
    return s;
  }();
  return d;
}

template <>
const StructDef<TowerSpec>& struct_def<TowerSpec>() {
  static const StructDef<TowerSpec> d = [] {
    StructDef<TowerSpec> s("TowerSpec", "Evaporative cooling towers (wet-bulb limited, use water).");
    s.field("approach_k", &TowerSpec::approach_k,
            "Coldest water above ambient wet bulb (REFERENCE.md §5.2, §10: 3-5 K)")
        .unit("K").ge(0);
    s.field("fan_kw_per_mw", &TowerSpec::fan_kw_per_mw,
            "Fan power per MW rejected at full airflow (ASHRAE 90.1 axial-fan tower minimum, "
            "38.2 gpm/hp at 95/85/75 F, is ~13 kW/MW)")
        .unit("kW/MW").ge(0);
    s.field("cycles_of_concentration", &TowerSpec::cycles_of_concentration,
            "Cycles of concentration; blowdown = evaporation / (cycles - 1) (ASSUMPTION: typical 3-6)")
        .gt(1);
    return s;
  }();
  return d;
}

template <>
const StructDef<DryCoolerSpec>& struct_def<DryCoolerSpec>() {
  static const StructDef<DryCoolerSpec> d = [] {
    StructDef<DryCoolerSpec> s("DryCoolerSpec", "Dry coolers (dry-bulb limited, no water).");
    s.field("approach_k", &DryCoolerSpec::approach_k,
            "Coldest water above ambient dry bulb (REFERENCE.md §5.2, §10: 5-12 K)")
        .unit("K").ge(0);
    s.field("fan_kw_per_mw", &DryCoolerSpec::fan_kw_per_mw,
            "Fan power per MW rejected at full airflow (ASSUMPTION: ~2 % of heat)")
        .unit("kW/MW").ge(0);
    return s;
  }();
  return d;
}

template <>
const StructDef<ChillerSpec>& struct_def<ChillerSpec>() {
  static const StructDef<ChillerSpec> d = [] {
    StructDef<ChillerSpec> s("ChillerSpec",
                             "Chillers trimming the facility water when free cooling cannot reach the "
                             "set-point. COP = cop_rated x [1 - 0.025 (T_cond - cond_rated_c)] x "
                             "[1 + 0.02 (T_chw - chw_rated_c)] (REFERENCE.md §5.2).");
    s.field("units", &ChillerSpec::units, "Chillers installed").ge(0);
    s.field("units_required", &ChillerSpec::units_required, "Chillers needed at design load (N of N+1)").ge(0);
    s.field("unit_capacity_kw", &ChillerSpec::unit_capacity_kw,
            "Cooling capacity of one chiller (ASSUMPTION: 3 x 3.5 MW carry the 8.4 MW trim of the "
            "96-rack site at the REFERENCE.md §6.3 design wet bulb of 28.5 C)")
        .unit("kW").gt(0);
    s.field("cop_rated", &ChillerSpec::cop_rated,
            "COP at the rating point (REFERENCE.md §5.2: water-cooled 6.0, air-cooled 2.8)")
        .gt(0);
    s.field("cond_rated_c", &ChillerSpec::cond_rated_c,
            "Condenser temperature at the rating point, as the model measures it (heat-rejection "
            "water + 5 K condenser range): AHRI 550/590 enters at 29.4 C, so 34.4 C; air-cooled "
            "chillers rated at 35 C dry bulb: 35 + dry-cooler approach + 5 K")
        .unit("C");
    s.field("chw_rated_c", &ChillerSpec::chw_rated_c, "Chilled water at the rating point (AHRI 550/590)")
        .unit("C");
    return s;
  }();
  return d;
}

template <>
const StructDef<FacilityWaterSpec>& struct_def<FacilityWaterSpec>() {
  static const StructDef<FacilityWaterSpec> d = [] {
    StructDef<FacilityWaterSpec> s("FacilityWaterSpec", "The facility water loop between the plant and the CDUs.");
    s.field("supply_setpoint_c", &FacilityWaterSpec::supply_setpoint_c,
            "Supply temperature the plant holds (REFERENCE.md §10: rack supply 30 C minus CDU approach 4 K)")
        .unit("C").within(5, 60);
    s.field("design_delta_t_k", &FacilityWaterSpec::design_delta_t_k,
            "Return minus supply at design heat; sets the design flow (REFERENCE.md §2.1: 8-12 K)")
        .unit("K").gt(0);
    s.field("loop_volume_m3", &FacilityWaterSpec::loop_volume_m3,
            "Water in the loop (pipes, tanks): its thermal mass makes a cooling loss warm the loop "
            "over minutes (ASSUMPTION: about 3 minutes of design flow, ~3 K/min rise at full load "
            "with no cooling)")
        .unit("m3").gt(0);
    s.field("pump_head_kpa", &FacilityWaterSpec::pump_head_kpa,
            "Pump head at design flow (ASSUMPTION: 3.5 bar; facility and CDU pumps then draw ~15 % "
            "of cooling energy, REFERENCE.md §5.2: 10-20 %)")
        .unit("kPa").gt(0);
    s.field("pump_efficiency", &FacilityWaterSpec::pump_efficiency, "Wire-to-water efficiency (ASSUMPTION)")
        .gt(0).le(1);
    return s;
  }();
  return d;
}

template <>
const StructDef<CoolingSpec>& struct_def<CoolingSpec>() {
  static const StructDef<CoolingSpec> d = [] {
    StructDef<CoolingSpec> s("CoolingSpec",
                             "The cooling tree: rack loops -> CDUs -> facility water -> heat rejection "
                             "(towers or dry coolers) with chillers for trim; the air share of rack "
                             "heat goes through CRAH units onto the same facility water.");
    s.field("air_supply_c", &CoolingSpec::air_supply_c,
            "Supply air to the racks (REFERENCE.md §5.1: ASHRAE recommended 18-27 C)")
        .unit("C").within(10, 45);
    s.field("crah_fan_kw_per_mw", &CoolingSpec::crah_fan_kw_per_mw,
            "CRAH / fan-wall fan power per MW of air-side heat (ASSUMPTION: 12 K air rise, 500 Pa, "
            "60 % fan efficiency)")
        .unit("kW/MW").ge(0);
    s.field("cdu", &CoolingSpec::cdu, "CDUs");
    s.field("facility_water", &CoolingSpec::facility_water, "Facility water loop");
    s.field("heat_rejection", &CoolingSpec::heat_rejection, "How heat leaves the site");
    s.field("tower", &CoolingSpec::tower, "Cooling towers (when heat_rejection is cooling_tower)");
    s.field("dry_cooler", &CoolingSpec::dry_cooler, "Dry coolers (when heat_rejection is dry_cooler)");
    s.field("chillers", &CoolingSpec::chillers, "Chillers");
    return s;
  }();
  return d;
}

template <>
const StructDef<WeatherSpec>& struct_def<WeatherSpec>() {
  static const StructDef<WeatherSpec> d = [] {
    StructDef<WeatherSpec> s("WeatherSpec",
                             "Outdoor air for the heat rejection plant: a built-in climate (monthly "
                             "normals plus a diurnal swing) or an hourly CSV (CWA station format or "
                             "aifsim's generic format), interpolated between hours.");
    s.field("climate", &WeatherSpec::climate, "Built-in climate used when no file is given: tainan or kaohsiung");
    s.field("file", &WeatherSpec::file,
            "Hourly weather CSV, relative to the scenario file (`aifsim run --weather` overrides)");
    s.field("dry_bulb_offset_k", &WeatherSpec::dry_bulb_offset_k,
            "Added to every dry bulb (dew point kept, wet bulb recomputed): heat waves and what-ifs")
        .unit("K").within(-30, 30);
    return s;
  }();
  return d;
}

template <>
const StructDef<GpuThermalSpec>& struct_def<GpuThermalSpec>() {
  static const StructDef<GpuThermalSpec> d = [] {
    StructDef<GpuThermalSpec> s("GpuThermalSpec",
                                "Thermal limits of a GPU type (REFERENCE.md §1.2: H100 87/89/92 C; "
                                "Blackwell not published, same values as ASSUMPTION).");
    s.field("slowdown_temp_c", &GpuThermalSpec::slowdown_temp_c,
            "Software slowdown: power is held so the die stays at this temperature")
        .unit("C");
    s.field("hw_slowdown_temp_c", &GpuThermalSpec::hw_slowdown_temp_c, "Hardware slowdown").unit("C");
    s.field("shutdown_temp_c", &GpuThermalSpec::shutdown_temp_c, "Thermal shutdown: the GPU turns off").unit("C");
    s.field("resume_temp_c", &GpuThermalSpec::resume_temp_c,
            "A shut-down GPU restarts when the die cools below this (ASSUMPTION)")
        .unit("C");
    s.field("heat_capacity_j_per_k", &GpuThermalSpec::heat_capacity_j_per_k,
            "Die, package and cold plate (ASSUMPTION: ~1.5 kg of copper and silicon)")
        .unit("J/K").gt(0);
    s.field("hw_slowdown_power_frac", &GpuThermalSpec::hw_slowdown_power_frac,
            "Share of the demanded power kept under hardware slowdown (ASSUMPTION: clocks halved)")
        .within(0, 1);
    return s;
  }();
  return d;
}

template <>
const StructDef<RackCoolingSpec>& struct_def<RackCoolingSpec>() {
  static const StructDef<RackCoolingSpec> d = [] {
    StructDef<RackCoolingSpec> s("RackCoolingSpec", "How a rack type is cooled: its liquid loop and its air share.");
    s.field("liquid_fraction", &RackCoolingSpec::liquid_fraction,
            "Share of rack DC power taken by the liquid loop; the rest, and PSU losses, go to room air "
            "(0 = air-cooled)")
        .within(0, 1);
    s.field("r_die_k_per_w", &RackCoolingSpec::r_die_k_per_w,
            "GPU die to local coolant (or inlet air) thermal resistance (REFERENCE.md §1.2: cold "
            "plate ~0.025; air-cooled HGX ~0.054, derived from 54-72 C dies at 700 W)")
        .unit("K/W").gt(0);
    s.field("flow_l_min_per_kw", &RackCoolingSpec::flow_l_min_per_kw,
            "Loop flow per kW of the rack's maximum DC power (REFERENCE.md §2.1: 1.2-2.0, design 1.5)")
        .unit("L/min/kW").gt(0);
    s.field("loop_heat_capacity_kj_per_k", &RackCoolingSpec::loop_heat_capacity_kj_per_k,
            "Coolant and metal of the rack loop (ASSUMPTION: ~40 L of coolant plus cold plates)")
        .unit("kJ/K").gt(0);
    s.field("coolant_cp_j_per_kg_k", &RackCoolingSpec::coolant_cp_j_per_kg_k,
            "Coolant specific heat (REFERENCE.md §2.1: 25-30 % propylene glycol)")
        .unit("J/kg/K").gt(0);
    s.field("coolant_density_kg_m3", &RackCoolingSpec::coolant_density_kg_m3, "Coolant density")
        .unit("kg/m3").gt(0);
    s.field("loop_trip_temp_c", &RackCoolingSpec::loop_trip_temp_c,
            "Loop temperature at which the rack's protection powers it off (ASSUMPTION: well above "
            "the 35-45 C normal return of REFERENCE.md §2.1, below the glycol loop's limits)")
        .unit("C");
    s.field("loop_resume_temp_c", &RackCoolingSpec::loop_resume_temp_c,
            "A tripped rack restarts once flow has cooled its loop below this (ASSUMPTION)")
        .unit("C");
    return s;
  }();
  return d;
}

template <>
const StructDef<FaultSpec>& struct_def<FaultSpec>() {
  static const StructDef<FaultSpec> d = [] {
    StructDef<FaultSpec> s("FaultSpec",
                           "A fault injected at a time: `cdu_pump_failure` stops `count` pumps of CDU "
                           "number `target` (0-based); `chiller_trip` takes `count` chillers offline.");
    s.field("at", &FaultSpec::at, "When, after the start of the run").unit("s").ge(0).required();
    s.field("kind", &FaultSpec::kind, "What fails").required();
    s.field("target", &FaultSpec::target, "CDU index for cdu_pump_failure").ge(0);
    s.field("count", &FaultSpec::count, "Pumps or chillers lost").ge(1);
    s.field("duration", &FaultSpec::duration, "Time until repair (0 = not repaired during the run)")
        .unit("s").ge(0);
    return s;
  }();
  return d;
}

template <>
const StructDef<SiteSpec>& struct_def<SiteSpec>() {
  static const StructDef<SiteSpec> d = [] {
    StructDef<SiteSpec> s("SiteSpec", "The site: where it is, how racks are laid out, its power chain.");
    s.field("location", &SiteSpec::location, "Site name or city (informational)");
    s.field("utc_offset_h", &SiteSpec::utc_offset_h,
            "Local time zone as hours from UTC (Taiwan: 8); load profiles follow local time")
        .unit("h").within(-12, 14);
    s.field("layout", &SiteSpec::layout, "Rack placement");
    s.field("power", &SiteSpec::power, "Power chain");
    s.field("cooling", &SiteSpec::cooling, "Cooling plant");
    s.field("weather", &SiteSpec::weather, "Outdoor weather");
    s.field("tariff", &SiteSpec::tariff, "Electricity tariff");
    s.field("carbon", &SiteSpec::carbon, "Grid carbon intensity and fee");
    return s;
  }();
  return d;
}

template <>
const StructDef<GpuTypeSpec>& struct_def<GpuTypeSpec>() {
  static const StructDef<GpuTypeSpec> d = [] {
    StructDef<GpuTypeSpec> s("GpuTypeSpec",
                             "A GPU type. Built-in: `h100-sxm`, `h200-sxm`, `b200-hgx`, "
                             "`b200-gb200`, `b300-gb300` (sources in sim/scenario/catalog.cpp).");
    s.field("description", &GpuTypeSpec::description, "Free text");
    s.field("tdp_w", &GpuTypeSpec::tdp_w, "Board power at full activity and default limit")
        .unit("W").gt(0).required();
    s.field("idle_w", &GpuTypeSpec::idle_w, "Board power at zero activity (P0, no load)")
        .unit("W").ge(0).required();
    s.field("min_power_limit_w", &GpuTypeSpec::min_power_limit_w, "Lowest settable power limit")
        .unit("W").gt(0).required();
    s.field("max_power_limit_w", &GpuTypeSpec::max_power_limit_w, "Highest settable power limit")
        .unit("W").gt(0).required();
    s.field("memory_gb", &GpuTypeSpec::memory_gb, "Usable HBM capacity").unit("GB").ge(0);
    s.field("thermal", &GpuTypeSpec::thermal, "Thermal limits and heat capacity");
    return s;
  }();
  return d;
}

template <>
const StructDef<PsuSpec>& struct_def<PsuSpec>() {
  static const StructDef<PsuSpec> d = [] {
    StructDef<PsuSpec> s("PsuSpec",
                         "Rack power supplies / power shelves. All units share the load, so the "
                         "load fraction is rack DC power / (count x rating_w).");
    s.field("count", &PsuSpec::count, "Installed units (including redundant ones)").ge(1).required();
    s.field("redundant_units", &PsuSpec::redundant_units,
            "Units that may fail with the rack still carried (N+N shelves: count/2)")
        .ge(0);
    s.field("rating_w", &PsuSpec::rating_w, "DC output rating of one unit").unit("W").gt(0).required();
    s.field("efficiency_curve", &PsuSpec::efficiency_curve,
            "Efficiency vs load fraction (default: 80 PLUS Titanium, REFERENCE.md §4)");
    return s;
  }();
  return d;
}

template <>
const StructDef<RackTypeSpec>& struct_def<RackTypeSpec>() {
  static const StructDef<RackTypeSpec> d = [] {
    StructDef<RackTypeSpec> s("RackTypeSpec",
                              "A rack type. Built-in: `gb300-nvl72`, `gb200-nvl72`, `hgx-h200-4u` "
                              "(sources in sim/scenario/catalog.cpp).");
    s.field("description", &RackTypeSpec::description, "Free text");
    s.field("gpu_type", &RackTypeSpec::gpu_type, "Name of a GPU type in `gpu_types`").required();
    s.field("gpus", &RackTypeSpec::gpus, "GPUs in one rack").ge(1).le(4096).required();
    s.field("nvlink_domain_gpus", &RackTypeSpec::nvlink_domain_gpus,
            "GPUs per NVLink domain (an inference replica never spans two); 0 = the whole rack")
        .ge(0).le(4096);
    s.field("cpus", &RackTypeSpec::cpus, "Host CPUs in one rack").ge(0);
    s.field("cpu_idle_w", &RackTypeSpec::cpu_idle_w, "One CPU's draw at zero utilization").unit("W").ge(0);
    s.field("cpu_max_w", &RackTypeSpec::cpu_max_w, "One CPU's draw at full utilization").unit("W").ge(0);
    s.field("other_power_w", &RackTypeSpec::other_power_w,
            "Load-independent draw of the rest of the rack: switches, NICs, fans, management")
        .unit("W").ge(0);
    s.field("psu", &RackTypeSpec::psu, "Power supplies").required();
    s.field("cooling", &RackTypeSpec::cooling, "Liquid loop and air share");
    return s;
  }();
  return d;
}

template <>
const StructDef<SchedulePoint>& struct_def<SchedulePoint>() {
  static const StructDef<SchedulePoint> d = [] {
    StructDef<SchedulePoint> s("SchedulePoint",
                               "A step of a piecewise-constant schedule: from `at` (time since "
                               "the start of each period) the utilization holds until the next point.");
    s.field("at", &SchedulePoint::at, "Offset within the period").unit("s").ge(0).required();
    s.field("utilization", &SchedulePoint::utilization, "GPU activity from this point").within(0, 1).required();
    return s;
  }();
  return d;
}

template <>
const StructDef<LoadSpec>& struct_def<LoadSpec>() {
  static const StructDef<LoadSpec> d = [] {
    StructDef<LoadSpec> s("LoadSpec",
                          "GPU activity of a rack group over time. `constant` holds "
                          "`utilization`; `diurnal` follows a cosine between `min_utilization` "
                          "(12 h from the peak) and `max_utilization` (at `peak_hour` local time); "
                          "`schedule` steps through `schedule`, repeating every `schedule_period`.");
    s.field("workload_class", &LoadSpec::workload_class,
            "Name of a class in `workload_classes`: how the group's throughput follows power");
    s.field("profile", &LoadSpec::profile, "Shape of the load over time");
    s.field("utilization", &LoadSpec::utilization, "Activity of the `constant` profile (1 = full load)")
        .within(0, 1);
    s.field("min_utilization", &LoadSpec::min_utilization,
            "Diurnal minimum (ASSUMPTION: scenarios should set their own)")
        .within(0, 1);
    s.field("max_utilization", &LoadSpec::max_utilization,
            "Diurnal maximum (ASSUMPTION: scenarios should set their own)")
        .within(0, 1);
    s.field("peak_hour", &LoadSpec::peak_hour,
            "Local hour of the diurnal maximum (ASSUMPTION: mid-afternoon, the daytime peak of "
            "interactive serving)")
        .unit("h").ge(0).lt(24);
    s.field("schedule", &LoadSpec::schedule, "Points of the `schedule` profile, in increasing `at`");
    s.field("schedule_period", &LoadSpec::schedule_period, "Repeat period of the schedule")
        .unit("s").gt(0);
    s.field("jitter", &LoadSpec::jitter,
            "Half-width of per-GPU uniform noise added to the activity, redrawn every "
            "`jitter_period_s` from a counter-based stream per GPU (0 = none)")
        .within(0, 0.5);
    s.field("jitter_period_s", &LoadSpec::jitter_period_s,
            "How often the noise is redrawn (ASSUMPTION: batches change on a seconds scale)")
        .unit("s").gt(0);
    return s;
  }();
  return d;
}

template <>
const StructDef<RackGroupSpec>& struct_def<RackGroupSpec>() {
  static const StructDef<RackGroupSpec> d = [] {
    StructDef<RackGroupSpec> s("RackGroupSpec", "A group of identical racks with one load profile.");
    s.field("type", &RackGroupSpec::type, "Name of a rack type in `rack_types`").required();
    s.field("count", &RackGroupSpec::count, "Number of racks").gt(0);
    s.field("gpu_power_limit_w", &RackGroupSpec::gpu_power_limit_w,
            "Power limit of every GPU in the group (default: the GPU type's TDP); must lie in "
            "the type's settable range")
        .unit("W").gt(0);
    s.field("load", &RackGroupSpec::load, "GPU activity over time");
    s.field("cap_priority", &RackGroupSpec::cap_priority,
            "Power-cap priority of the GPUs no workload holds: lower priorities are throttled first");
    return s;
  }();
  return d;
}

template <>
const StructDef<OutputSpec>& struct_def<OutputSpec>() {
  static const StructDef<OutputSpec> d = [] {
    StructDef<OutputSpec> s("OutputSpec", "What the run directory receives and how often.");
    s.field("interval", &OutputSpec::interval,
            "Output interval of timeseries.csv (a multiple of `time.dt_s`); rows hold interval means")
        .unit("s").gt(0);
    s.field("racks", &OutputSpec::racks, "Write racks.csv (one row per rack per racks interval)");
    s.field("racks_interval", &OutputSpec::racks_interval,
            "Output interval of racks.csv (a multiple of `time.dt_s`)")
        .unit("s").gt(0);
    return s;
  }();
  return d;
}

template <>
const StructDef<CheckSpec>& struct_def<CheckSpec>() {
  static const StructDef<CheckSpec> d = [] {
    StructDef<CheckSpec> s("CheckSpec",
                           "Limits on one summary.json key (the map key, e.g. "
                           "`peak_facility_power_mw`). A violated limit fails the run with exit "
                           "code 3 and a failure in checks.xml.");
    s.field("max", &CheckSpec::max, "The value must be <= max");
    s.field("min", &CheckSpec::min, "The value must be >= min");
    return s;
  }();
  return d;
}

template <>
const StructDef<ScenarioSpec>& struct_def<ScenarioSpec>() {
  static const StructDef<ScenarioSpec> d = [] {
    StructDef<ScenarioSpec> s("Scenario", "A scenario: the facility, its load and what to check.");
    s.field("name", &ScenarioSpec::name, "Scenario name (default: the file name without .yaml)");
    s.field("description", &ScenarioSpec::description, "Free text");
    s.field("seed", &ScenarioSpec::seed, "Seed of every random stream; same seed, same output").ge(0);
    s.field("time", &ScenarioSpec::time, "Run time");
    s.field("site", &ScenarioSpec::site, "The site");
    s.field("gpu_types", &ScenarioSpec::gpu_types,
            "GPU type catalog: built-in types plus any defined or overridden here");
    s.field("rack_types", &ScenarioSpec::rack_types,
            "Rack type catalog: built-in types plus any defined or overridden here");
    s.field("workload_classes", &ScenarioSpec::workload_classes,
            "Workload classes: built-in ones plus any defined or overridden here");
    s.field("racks", &ScenarioSpec::racks, "Rack groups, keyed by group name, placed in file order");
    s.field("models", &ScenarioSpec::models,
            "Model catalog: built-in serving profiles plus any defined or overridden here");
    s.field("workloads", &ScenarioSpec::workloads, "Inference services and training jobs");
    s.field("control", &ScenarioSpec::control, "Power management");
    s.field("output", &ScenarioSpec::output, "Outputs");
    s.field("faults", &ScenarioSpec::faults, "Faults injected at set times");
    s.field("checks", &ScenarioSpec::checks, "Limits keyed by summary.json key");
    return s;
  }();
  return d;
}

const StructInfo& scenario_schema_info() { return struct_def<ScenarioSpec>(); }

bool read_scenario_spec(const DocNode& doc, ScenarioSpec& out, ReadContext& ctx) {
  ctx.marks.record("", doc.mark());
  return struct_def<ScenarioSpec>().read(doc, out, "", ctx);
}

DocNode write_scenario_spec(const ScenarioSpec& spec) { return struct_def<ScenarioSpec>().write(spec); }

DocNode builtin_catalog_doc() {
  DocNode doc = DocNode::map({});
  doc.set("gpu_types", Codec<NamedMap<GpuTypeSpec>>::write(builtin_gpu_types()));
  doc.set("rack_types", Codec<NamedMap<RackTypeSpec>>::write(builtin_rack_types()));
  doc.set("workload_classes", Codec<NamedMap<WorkloadClassSpec>>::write(builtin_workload_classes()));
  doc.set("models", Codec<NamedMap<ModelSpec>>::write(builtin_models()));
  return doc;
}

}  // namespace aifsim::scenario
