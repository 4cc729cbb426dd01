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

/// One point of a relative-throughput curve: throughput at a power (both relative).
struct SpeedPoint {
  double power_frac = 0;  ///< power the GPU may draw / its TDP
  double speed = 0;       ///< throughput relative to the unconstrained GPU
};

struct WorkloadClassSpec {
  std::string description;
  std::vector<SpeedPoint> speed_curve;
};

// Default curves (defined in catalog.cpp with their sources).
std::vector<CurvePoint> titanium_psu_curve();
std::vector<CurvePoint> ups_double_conversion_curve();
std::vector<CurvePoint> ups_eco_curve();

struct TimeSpec {
  std::string start = "2026-01-01T00:00:00";  ///< ISO 8601; without an offset, site local time
  Duration duration{86400.0};
  double dt_s = 1.0;  ///< physics tick (DESIGN.md section 3: 1 s default)
  double max_gpu_ticks = 1e12;  ///< refuse runs larger than this (GPUs x duration / dt_s)
  double max_memory_gib = 0;    ///< refuse runs estimated above this; 0: 90 % of the machine
};

struct LayoutSpec {
  int racks_per_row = 12;
  int rows_per_hall = 4;
};

enum class UpsMode { double_conversion, eco };

struct UpsSpec {
  UpsMode mode = UpsMode::double_conversion;
  double capacity_kw = 20000;
  int modules = 2;
  int redundant_modules = 1;
  std::vector<CurvePoint> double_conversion_curve = ups_double_conversion_curve();
  std::vector<CurvePoint> eco_curve = ups_eco_curve();
};

struct PowerChainSpec {
  double distribution_efficiency = 0.985;
  UpsSpec ups;
  double transformer_efficiency = 0.99;
  double transformer_rating_kw = 20000;
  int transformer_units = 2;
  int transformer_redundant_units = 1;
  double misc_power_kw = 0;
};

struct CduSpec {
  int racks_per_cdu = 8;
  double approach_k = 4.0;
  double capacity_kw = 1200.0;
  int pumps = 2;
  int pumps_required = 1;
  double pump_head_kpa = 250.0;
  double pump_efficiency = 0.6;
};

enum class HeatRejection { cooling_tower, dry_cooler };

struct TowerSpec {
  double approach_k = 4.0;
  double fan_kw_per_mw = 13.0;
  double cycles_of_concentration = 4.0;
};

struct DryCoolerSpec {
  double approach_k = 8.0;
  double fan_kw_per_mw = 20.0;
};

struct ChillerSpec {
  int units = 4;
  int units_required = 3;
  double unit_capacity_kw = 3500.0;
  double cop_rated = 6.0;
  double cond_rated_c = 34.4;
  double chw_rated_c = 6.7;
};

struct FacilityWaterSpec {
  double supply_setpoint_c = 26.0;
  double design_delta_t_k = 10.0;
  double loop_volume_m3 = 60.0;
  double pump_head_kpa = 350.0;
  double pump_efficiency = 0.7;
};

struct CoolingSpec {
  double air_supply_c = 25.0;
  double crah_fan_kw_per_mw = 57.5;
  CduSpec cdu;
  FacilityWaterSpec facility_water;
  HeatRejection heat_rejection = HeatRejection::cooling_tower;
  TowerSpec tower;
  DryCoolerSpec dry_cooler;
  ChillerSpec chillers;
};

struct WeatherSpec {
  std::string climate = "tainan";
  std::string file;
  double dry_bulb_offset_k = 0.0;
};

enum class TariffPreset { taipower_hv_three_stage, flat };

struct TariffSpec {
  TariffPreset preset = TariffPreset::taipower_hv_three_stage;
  double flat_ntd_per_kwh = 4.27;
  double rate_scale = 1.0;
  double contract_kw = 0;
};

struct CarbonSpec {
  double kg_per_kwh = 0.494;
  std::vector<double> hourly_kg_per_kwh;
  double fee_ntd_per_t = 300.0;
};

struct SiteSpec {
  std::string location = "tainan";
  double utc_offset_h = 8.0;
  LayoutSpec layout;
  PowerChainSpec power;
  CoolingSpec cooling;
  WeatherSpec weather;
  TariffSpec tariff;
  CarbonSpec carbon;
};

struct GpuThermalSpec {
  double slowdown_temp_c = 87.0;
  double hw_slowdown_temp_c = 89.0;
  double shutdown_temp_c = 92.0;
  double resume_temp_c = 75.0;
  double heat_capacity_j_per_k = 600.0;
  double hw_slowdown_power_frac = 0.5;
};

struct GpuTypeSpec {
  std::string description;
  double tdp_w = 0;
  double idle_w = 0;
  double min_power_limit_w = 0;
  double max_power_limit_w = 0;
  double memory_gb = 0;
  GpuThermalSpec thermal;
};

struct RackCoolingSpec {
  double liquid_fraction = 1.0;
  double r_die_k_per_w = 0.025;
  double flow_l_min_per_kw = 1.5;
  double loop_heat_capacity_kj_per_k = 200.0;
  double coolant_cp_j_per_kg_k = 3900.0;
  double coolant_density_kg_m3 = 1025.0;
  double loop_trip_temp_c = 65.0;
  double loop_resume_temp_c = 45.0;
};

struct PsuSpec {
  int count = 0;
  int redundant_units = 0;
  double rating_w = 0;
  std::vector<CurvePoint> efficiency_curve = titanium_psu_curve();
};

struct RackTypeSpec {
  std::string description;
  std::string gpu_type;
  int gpus = 0;
  int nvlink_domain_gpus = 0;  ///< GPUs per NVLink domain; 0 = the whole rack
  int cpus = 0;
  double cpu_idle_w = 0;
  double cpu_max_w = 0;
  double other_power_w = 0;
  PsuSpec psu;
  RackCoolingSpec cooling;
};

enum class LoadProfile { constant, diurnal, schedule };

struct SchedulePoint {
  Duration at;
  double utilization = 0;
};

struct LoadSpec {
  std::string workload_class = "inference";
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
  int cap_priority = 0;
};

/// How one model serves on one GPU type: the replica's throughput at full clocks. Derived
/// per-replica figures scale from `replica_gpus` to a service's replica size (sim/workload/
/// serving_profile.h); defaults and their sources in catalog.cpp.
struct ServingProfileSpec {
  int replica_gpus = 8;                      ///< tensor x pipeline parallel size the figures are for
  double prefill_tokens_per_s = 0;           ///< prompt tokens the replica prefills per second
  double decode_step_base_s = 0;             ///< decode step time at batch 0 (weights streamed once)
  double decode_step_per_seq_s = 0;          ///< added per sequence in the batch
  double decode_step_per_kv_token_s = 0;     ///< added per context token held in the batch
  std::int64_t kv_cache_tokens = 0;          ///< KV-cache capacity of the replica, tokens
  int max_batch = 256;                       ///< most sequences in flight (prefill + decode)
  double prefill_activity = 1.0;             ///< GPU activity while prefilling
  double decode_activity_min = 0.3;          ///< GPU activity decoding a batch of 1
  double decode_activity_max = 1.0;          ///< GPU activity decoding a full batch
};

struct ModelSpec {
  std::string description;
  NamedMap<ServingProfileSpec> profiles;  ///< keyed by GPU type name
};

enum class ArrivalProcess { poisson, diurnal, schedule, trace };
/// What a service's arrival rates are written for: as they stand (`none`), or per replica
/// (`replicas`: they scale with replicas / base_replicas, so growing racks grows demand).
enum class DemandScaling { none, replicas };
enum class TokenDistribution { fixed, exponential, lognormal };
enum class RouterPolicy { round_robin, join_shortest_queue, least_tokens };

struct RatePoint {
  Duration at;
  double rate_per_s = 0;
};

struct ArrivalSpec {
  ArrivalProcess process = ArrivalProcess::poisson;
  double rate_per_s = 1.0;
  double min_rate_per_s = 0.5;
  double max_rate_per_s = 1.0;
  double peak_hour = 15.0;
  std::vector<RatePoint> schedule;
  Duration schedule_period{86400.0};
  std::string trace;
  std::string format = "auto";
  double time_scale = 1.0;
  bool loop = true;
  DemandScaling scale_with = DemandScaling::none;
  int base_replicas = 0;  ///< the replica count the rates (or the trace) are written for
};

struct TokenSizeSpec {
  TokenDistribution distribution = TokenDistribution::lognormal;
  double mean = 1000;
  double cv = 1.0;
  std::int64_t max = 131072;
};

struct RequestSizesSpec {
  std::string trace;             ///< draw (input, output) pairs from this trace's rows
  std::string format = "auto";
  TokenSizeSpec input_tokens;
  TokenSizeSpec output_tokens{TokenDistribution::lognormal, 250, 1.0, 32768};
};

struct SloSpec {
  double ttft_s = 2.0;
  double tpot_s = 0.1;
};

struct InferenceServiceSpec {
  std::string description;
  std::string model;
  std::string racks;
  int replicas = 0;
  double rack_share = 0;
  int replica_gpus = 0;
  int max_batch = 0;
  RouterPolicy router = RouterPolicy::join_shortest_queue;
  int max_queue = 4096;
  Duration timeout{0.0};
  ArrivalSpec arrivals;
  RequestSizesSpec sizes;
  SloSpec slo;
  std::string prefill_class = "training";
  std::string decode_class = "decode";
  int cap_priority = 1;
  std::optional<double> gpu_power_limit_w;
};

enum class SchedulerKind { fifo, backfill, priority };
enum class PlacementKind { pack, spread, thermal, power };

struct TrainingJobSpec {
  std::string name;
  Duration at;
  int gpus = 8;
  Duration work{3600.0};
  int priority = 0;
  bool deferrable = false;
};

struct JobGeneratorSpec {
  double jobs_per_h = 0;
  std::vector<int> gpus{8, 16, 64};
  Duration mean_work{7200.0};
};

struct TrainingSpec {
  std::string racks;
  SchedulerKind scheduler = SchedulerKind::backfill;
  PlacementKind placement = PlacementKind::pack;
  std::vector<TrainingJobSpec> jobs;
  JobGeneratorSpec generator;
  std::string trace;
  std::string trace_format = "auto";
  double trace_time_scale = 1.0;
  double iteration_s = 10.0;
  double comm_fraction = 0.2;
  Duration checkpoint_interval{1800.0};
  double checkpoint_write_s = 60.0;
  double restart_s = 300.0;
  std::string workload_class = "training";
  int cap_priority = 0;
  std::optional<double> gpu_power_limit_w;
  bool deferrable = false;
};

struct WorkloadsSpec {
  NamedMap<InferenceServiceSpec> inference;
  TrainingSpec training;
};

enum class CapMeasure { facility, it };

struct PowerCapSpec {
  double target_mw = 0;
  CapMeasure measure = CapMeasure::facility;
  double period_s = 5.0;
  double delay_s = 40.0;
  double hysteresis_mw = 0.2;
  double hard_limit_mw = 0;
  double brake_delay_s = 2.0;
  double rack_cap_kw = 0;
  double row_cap_kw = 0;
};

struct DemandResponseSpec {
  Duration at;
  Duration duration{3600.0};
  double target_mw = 0;
};

struct SmoothingSpec {
  double floor_frac = 0;
  double ramp_up_w_per_s = 0;
  double ramp_down_w_per_s = 0;
  double ramp_down_hysteresis_s = 0;
};

struct StoreSpec {
  double capacity_kwh = 0;
  double power_kw = 0;
  double round_trip_efficiency = 0.9;
  double smoothing_tau_s = 30.0;
};

struct SwingSpec {
  double band_lo_hz = 0.1;
  double band_hi_hz = 20.0;
  int block_samples = 4096;
  double window_s = 10.0;
  Duration skip{0.0};
};

struct ControlSpec {
  PowerCapSpec power_cap;
  std::vector<DemandResponseSpec> demand_response;
  SmoothingSpec gpu_smoothing;
  StoreSpec energy_store;
  SwingSpec swings;
  bool tariff_shift = false;
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

enum class FaultKind { cdu_pump_failure, chiller_trip };

struct FaultSpec {
  Duration at;
  FaultKind kind = FaultKind::cdu_pump_failure;
  int target = 0;
  int count = 1;
  Duration duration{0.0};
  bool operator==(const FaultSpec&) const = default;
};

struct ScenarioSpec {
  std::string name;
  std::string description;
  std::uint64_t seed = 1;
  TimeSpec time;
  SiteSpec site;
  NamedMap<GpuTypeSpec> gpu_types;
  NamedMap<RackTypeSpec> rack_types;
  NamedMap<WorkloadClassSpec> workload_classes;
  NamedMap<RackGroupSpec> racks;
  NamedMap<ModelSpec> models;
  WorkloadsSpec workloads;
  ControlSpec control;
  OutputSpec output;
  std::vector<FaultSpec> faults;
  NamedMap<CheckSpec> checks;
};

template <>
struct EnumNames<UpsMode> {
  static constexpr std::array<std::pair<UpsMode, const char*>, 2> names{
      {{UpsMode::double_conversion, "double_conversion"}, {UpsMode::eco, "eco"}}};
};

template <>
struct EnumNames<HeatRejection> {
  static constexpr std::array<std::pair<HeatRejection, const char*>, 2> names{
      {{HeatRejection::cooling_tower, "cooling_tower"}, {HeatRejection::dry_cooler, "dry_cooler"}}};
};

template <>
struct EnumNames<FaultKind> {
  static constexpr std::array<std::pair<FaultKind, const char*>, 2> names{
      {{FaultKind::cdu_pump_failure, "cdu_pump_failure"}, {FaultKind::chiller_trip, "chiller_trip"}}};
};

template <>
struct EnumNames<LoadProfile> {
  static constexpr std::array<std::pair<LoadProfile, const char*>, 3> names{
      {{LoadProfile::constant, "constant"},
       {LoadProfile::diurnal, "diurnal"},
       {LoadProfile::schedule, "schedule"}}};
};

template <>
struct EnumNames<DemandScaling> {
  static constexpr std::array<std::pair<DemandScaling, const char*>, 2> names{
      {{DemandScaling::none, "none"}, {DemandScaling::replicas, "replicas"}}};
};

template <>
struct EnumNames<ArrivalProcess> {
  static constexpr std::array<std::pair<ArrivalProcess, const char*>, 4> names{
      {{ArrivalProcess::poisson, "poisson"},
       {ArrivalProcess::diurnal, "diurnal"},
       {ArrivalProcess::schedule, "schedule"},
       {ArrivalProcess::trace, "trace"}}};
};

template <>
struct EnumNames<TokenDistribution> {
  static constexpr std::array<std::pair<TokenDistribution, const char*>, 3> names{
      {{TokenDistribution::fixed, "fixed"},
       {TokenDistribution::exponential, "exponential"},
       {TokenDistribution::lognormal, "lognormal"}}};
};

template <>
struct EnumNames<RouterPolicy> {
  static constexpr std::array<std::pair<RouterPolicy, const char*>, 3> names{
      {{RouterPolicy::round_robin, "round_robin"},
       {RouterPolicy::join_shortest_queue, "join_shortest_queue"},
       {RouterPolicy::least_tokens, "least_tokens"}}};
};

template <>
struct EnumNames<SchedulerKind> {
  static constexpr std::array<std::pair<SchedulerKind, const char*>, 3> names{
      {{SchedulerKind::fifo, "fifo"}, {SchedulerKind::backfill, "backfill"}, {SchedulerKind::priority, "priority"}}};
};

template <>
struct EnumNames<PlacementKind> {
  static constexpr std::array<std::pair<PlacementKind, const char*>, 4> names{
      {{PlacementKind::pack, "pack"},
       {PlacementKind::spread, "spread"},
       {PlacementKind::thermal, "thermal"},
       {PlacementKind::power, "power"}}};
};

template <>
struct EnumNames<TariffPreset> {
  static constexpr std::array<std::pair<TariffPreset, const char*>, 2> names{
      {{TariffPreset::taipower_hv_three_stage, "taipower_hv_three_stage"}, {TariffPreset::flat, "flat"}}};
};

template <>
struct EnumNames<CapMeasure> {
  static constexpr std::array<std::pair<CapMeasure, const char*>, 2> names{
      {{CapMeasure::facility, "facility"}, {CapMeasure::it, "it"}}};
};

}  // namespace aifsim::scenario
