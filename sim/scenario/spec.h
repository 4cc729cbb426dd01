// SPDX-License-Identifier: Apache-2.0
// Plain scenario spec structs: what a scenario file says, with C++ defaults. No YAML here;
// keys, units, ranges and docs are bound in spec_schema.cpp, defaults' sources in catalog.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/scenario/schema.h"

namespace aifsim::scenario {

/// One point of a load-dependent efficiency curve.
struct CurvePoint {
  double load_frac = 0;   ///< load / rating, 0..1.5
  double efficiency = 1;  ///< output / input, (0, 1]
};

// Default curves (defined in catalog.cpp with their sources).
std::vector<CurvePoint> titanium_psu_curve();
std::vector<CurvePoint> ups_double_conversion_curve();
std::vector<CurvePoint> ups_eco_curve();

struct TimeSpec {
  std::string start = "2026-01-01T00:00:00";  ///< ISO 8601; without an offset, site local time
  Duration duration{86400.0};
  double dt_s = 1.0;  ///< physics tick (DESIGN.md section 3: 1 s default)
};

struct LayoutSpec {
  int racks_per_row = 12;
  int rows_per_hall = 4;
};

enum class UpsMode { double_conversion, eco };

struct UpsSpec {
  UpsMode mode = UpsMode::double_conversion;
  double capacity_kw = 20000;
  std::vector<CurvePoint> double_conversion_curve = ups_double_conversion_curve();
  std::vector<CurvePoint> eco_curve = ups_eco_curve();
};

struct PowerChainSpec {
  double distribution_efficiency = 0.985;
  UpsSpec ups;
  double transformer_efficiency = 0.99;
  double misc_power_kw = 0;
};

struct SiteSpec {
  std::string location = "tainan";
  double utc_offset_h = 8.0;
  LayoutSpec layout;
  PowerChainSpec power;
};

struct GpuTypeSpec {
  std::string description;
  double tdp_w = 0;
  double idle_w = 0;
  double min_power_limit_w = 0;
  double max_power_limit_w = 0;
  double memory_gb = 0;
};

struct PsuSpec {
  int count = 0;
  double rating_w = 0;
  std::vector<CurvePoint> efficiency_curve = titanium_psu_curve();
};

struct RackTypeSpec {
  std::string description;
  std::string gpu_type;
  int gpus = 0;
  int cpus = 0;
  double cpu_idle_w = 0;
  double cpu_max_w = 0;
  double other_power_w = 0;
  PsuSpec psu;
};

enum class LoadProfile { constant, diurnal, schedule };

struct SchedulePoint {
  Duration at;
  double utilization = 0;
};

struct LoadSpec {
  LoadProfile profile = LoadProfile::constant;
  double utilization = 1.0;
  double min_utilization = 0.5;
  double max_utilization = 0.9;
  double peak_hour = 15.0;
  std::vector<SchedulePoint> schedule;
  Duration schedule_period{86400.0};
  double jitter = 0.0;
  double jitter_period_s = 10.0;
};

struct RackGroupSpec {
  std::string type;
  int count = 1;
  std::optional<double> gpu_power_limit_w;
  LoadSpec load;
};

struct OutputSpec {
  Duration interval{60.0};
  bool racks = true;
  Duration racks_interval{60.0};
};

struct CheckSpec {
  std::optional<double> max;
  std::optional<double> min;
};

struct ScenarioSpec {
  std::string name;
  std::string description;
  std::uint64_t seed = 1;
  TimeSpec time;
  SiteSpec site;
  NamedMap<GpuTypeSpec> gpu_types;
  NamedMap<RackTypeSpec> rack_types;
  NamedMap<RackGroupSpec> racks;
  OutputSpec output;
  NamedMap<CheckSpec> checks;
};

template <>
struct EnumNames<UpsMode> {
  static constexpr std::array<std::pair<UpsMode, const char*>, 2> names{
      {{UpsMode::double_conversion, "double_conversion"}, {UpsMode::eco, "eco"}}};
};

template <>
struct EnumNames<LoadProfile> {
  static constexpr std::array<std::pair<LoadProfile, const char*>, 3> names{
      {{LoadProfile::constant, "constant"},
       {LoadProfile::diurnal, "diurnal"},
       {LoadProfile::schedule, "schedule"}}};
};

}  // namespace aifsim::scenario
