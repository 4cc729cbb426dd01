// SPDX-License-Identifier: Apache-2.0
// The scenario schema: every key, its unit, range, default and meaning, bound to the spec
// structs. This one table drives the loader, the validator, `aifsim docs` and `aifsim schema`.
#include "sim/scenario/spec_schema.h"

#include "sim/scenario/catalog.h"

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
    s.field("racks_per_row", &LayoutSpec::racks_per_row, "Racks in one row").ge(1).le(1000);
    s.field("rows_per_hall", &LayoutSpec::rows_per_hall, "Rows in one data hall").ge(1).le(1000);
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
    s.field("misc_power_kw", &PowerChainSpec::misc_power_kw,
            "Constant site load at the meter outside IT and cooling (lighting, offices, security)")
        .unit("kW").ge(0);
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
    s.field("cpus", &RackTypeSpec::cpus, "Host CPUs in one rack").ge(0);
    s.field("cpu_idle_w", &RackTypeSpec::cpu_idle_w, "One CPU's draw at zero utilization").unit("W").ge(0);
    s.field("cpu_max_w", &RackTypeSpec::cpu_max_w, "One CPU's draw at full utilization").unit("W").ge(0);
    s.field("other_power_w", &RackTypeSpec::other_power_w,
            "Load-independent draw of the rest of the rack: switches, NICs, fans, management")
        .unit("W").ge(0);
    s.field("psu", &RackTypeSpec::psu, "Power supplies").required();
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
    s.field("profile", &LoadSpec::profile, "Shape of the load over time");
    s.field("utilization", &LoadSpec::utilization, "Activity of the `constant` profile (1 = full load)")
        .within(0, 1);
    s.field("min_utilization", &LoadSpec::min_utilization, "Diurnal minimum").within(0, 1);
    s.field("max_utilization", &LoadSpec::max_utilization, "Diurnal maximum").within(0, 1);
    s.field("peak_hour", &LoadSpec::peak_hour, "Local hour of the diurnal maximum").unit("h").ge(0).lt(24);
    s.field("schedule", &LoadSpec::schedule, "Points of the `schedule` profile, in increasing `at`");
    s.field("schedule_period", &LoadSpec::schedule_period, "Repeat period of the schedule")
        .unit("s").gt(0);
    s.field("jitter", &LoadSpec::jitter,
            "Half-width of per-GPU uniform noise added to the activity, redrawn every "
            "`jitter_period_s` from a counter-based stream per GPU (0 = none)")
        .within(0, 0.5);
    s.field("jitter_period_s", &LoadSpec::jitter_period_s, "How often the noise is redrawn").unit("s").gt(0);
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
    s.field("racks", &ScenarioSpec::racks, "Rack groups, keyed by group name, placed in file order");
    s.field("output", &ScenarioSpec::output, "Outputs");
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
  return doc;
}

}  // namespace aifsim::scenario
