// SPDX-License-Identifier: Apache-2.0
// End-to-end run: topology, fleet, engine and recorder, then the summary, the resolved
// scenario and the check results.
#include "sim/run/run.h"

#include <map>
#include <stdexcept>

#include "sim/core/units.h"
#include "sim/des/engine.h"
#include "sim/facility/fleet.h"
#include "sim/facility/topology.h"
#include "sim/metrics/recorder.h"
#include "sim/metrics/summary_keys.h"
#include "sim/output/atomic_file.h"
#include "sim/output/json_writer.h"
#include "sim/output/csv_writer.h"
#include "sim/run/facility_model.h"
#include "sim/run/power_management.h"
#include "sim/run/workload_set.h"
#include "sim/weather/weather.h"

#include <algorithm>
#include <cmath>

namespace aifsim::run {
namespace {

constexpr double kJPerMWh = 3.6e9;

// p-th percentile (0-100) by the nearest-rank method.
double percentile(std::vector<float> v, double p) {
  if (v.empty()) return 0;
  const auto rank = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(v.size())));
  const std::size_t k = rank == 0 ? 0 : rank - 1;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
  return v[k];
}

struct RunFacts {
  std::int64_t throttle_events = 0;
  std::int64_t shutdown_events = 0;
  double die_p99_c = 0;
  std::size_t weather_flagged_hours = 0;
  double ups_peak_load_frac = 0, transformer_peak_load_frac = 0, rack_psu_peak_load_frac = 0;
  double power_overload_s = 0;
  std::int64_t rack_trips = 0;
};

using Values = std::map<std::string_view, double>;

// Request-level keys of one service or of all: tokens of completed requests, outcomes,
// latency percentiles, SLO attainment and tokens per joule of the energy attributed to it.
Values request_values(const workload::ServiceStats& s, std::int64_t in_flight, double duration_s, double it_j,
                      double facility_j) {
  const double d = duration_s > 0 ? duration_s : 1.0;
  const auto tokens = static_cast<double>(s.input_tokens + s.output_tokens);
  const std::uint64_t resolved = s.completed + s.dropped + s.timed_out;
  return {
      {"tokens_per_s", tokens / d},
      {"output_tokens_per_s", static_cast<double>(s.output_tokens) / d},
      {"input_tokens", static_cast<double>(s.input_tokens)},
      {"output_tokens", static_cast<double>(s.output_tokens)},
      {"requests_arrived", static_cast<double>(s.arrived)},
      {"requests_completed", static_cast<double>(s.completed)},
      {"requests_dropped", static_cast<double>(s.dropped)},
      {"requests_timed_out", static_cast<double>(s.timed_out)},
      {"requests_in_flight", static_cast<double>(in_flight)},
      {"ttft_p50_s", s.ttft_s.percentile(50)},
      {"ttft_p90_s", s.ttft_s.percentile(90)},
      {"ttft_p99_s", s.ttft_s.percentile(99)},
      {"tpot_p50_s", s.tpot_s.percentile(50)},
      {"tpot_p90_s", s.tpot_s.percentile(90)},
      {"tpot_p99_s", s.tpot_s.percentile(99)},
      {"slo_attainment", resolved > 0 ? static_cast<double>(s.slo_met) / static_cast<double>(resolved) : 0.0},
      {"tokens_per_joule_it", it_j > 0 ? tokens / it_j : 0.0},
      {"tokens_per_joule_facility", facility_j > 0 ? tokens / facility_j : 0.0},
  };
}

// Cost, carbon, cap and swing keys. Per million tokens: of completed requests (0 without).
Values power_values(const PowerManagement& pm, double tokens) {
  const power::ElectricityBill& b = pm.bill();
  const auto periods = b.period_cost_ntd();
  const double mtok = tokens / 1e6;
  const auto& m = pm.meter_swings();
  const auto& g = pm.grid_swings();
  return {
      {"energy_cost_ntd", b.energy_cost_ntd()},
      {"energy_cost_peak_ntd", periods[static_cast<std::size_t>(power::TouPeriod::peak)]},
      {"energy_cost_semi_peak_ntd", periods[static_cast<std::size_t>(power::TouPeriod::semi_peak)]},
      {"energy_cost_off_peak_ntd", periods[static_cast<std::size_t>(power::TouPeriod::off_peak)]},
      {"demand_charge_ntd", b.demand_charge_ntd()},
      {"carbon_fee_ntd", b.carbon_fee_ntd()},
      {"total_cost_ntd", b.total_cost_ntd()},
      {"cost_ntd_per_million_tokens", mtok > 0 ? b.total_cost_ntd() / mtok : 0.0},
      {"co2_t", b.co2_t()},
      {"co2_g_per_million_tokens", mtok > 0 ? b.co2_t() * 1e6 / mtok : 0.0},
      {"peak_15min_demand_mw", b.peak_15min_kw() * 1e-3},
      {"peak_grid_power_mw", pm.peak_grid_w() * 1e-6},
      {"cap_violation_s", pm.cap_violation_s()},
      {"cap_max_overshoot_mw", pm.cap_overshoot_w() * 1e-6},
      {"ramp_up_mw_per_s", m.max_ramp_up_w_per_s() * 1e-6},
      {"ramp_down_mw_per_s", m.max_ramp_down_w_per_s() * 1e-6},
      {"peak_to_trough_mw", m.peak_to_trough_w() * 1e-6},
      {"band_energy_share", m.band_energy_share()},
      {"band_rms_mw", m.band_rms_w() * 1e-6},
      {"grid_ramp_up_mw_per_s", g.max_ramp_up_w_per_s() * 1e-6},
      {"grid_ramp_down_mw_per_s", g.max_ramp_down_w_per_s() * 1e-6},
      {"grid_peak_to_trough_mw", g.peak_to_trough_w() * 1e-6},
      {"grid_band_energy_share", g.band_energy_share()},
      {"grid_band_rms_mw", g.band_rms_w() * 1e-6},
      {"store_losses_mwh", pm.store().losses_j() / kJPerMWh},
  };
}

Values smoothing_values(const metrics::RunTotals& t) {
  return {{"smoothing_energy_mwh", t.integral.smoothing_w / kJPerMWh}};
}

Values training_values(const workload::TrainingCluster* t, std::size_t rejected) {
  if (!t) {
    return {{"jobs_submitted", 0.0},           {"jobs_completed", 0.0},   {"jobs_rejected", 0.0},
            {"job_queue_wait_p50_s", 0.0},     {"job_queue_wait_p99_s", 0.0},
            {"training_gpu_utilization", 0.0}, {"training_goodput", 0.0}};
  }
  return {{"jobs_submitted", static_cast<double>(t->jobs_submitted())},
          {"jobs_rejected", static_cast<double>(rejected)},
          {"jobs_completed", static_cast<double>(t->jobs_completed())},
          {"job_queue_wait_p50_s", t->queue_wait_percentile_s(50)},
          {"job_queue_wait_p99_s", t->queue_wait_percentile_s(99)},
          {"training_gpu_utilization", t->pool_gpu_s() > 0 ? t->busy_gpu_s() / t->pool_gpu_s() : 0.0},
          {"training_goodput", t->busy_gpu_s() > 0 ? t->useful_gpu_s() / t->busy_gpu_s() : 0.0}};
}

std::vector<std::pair<std::string, double>> summary_metrics(const metrics::RunTotals& t,
                                                            const facility::Topology& topo,
                                                            const RunFacts& f, Values values) {
  const double d = t.duration_s > 0 ? t.duration_s : 1.0;
  const metrics::TickSample& e = t.integral;  // J (utilization x s, kg, GPU x s)
  const double it_kwh = e.it_w / 3.6e6;
  values.insert({
      {"duration_s", t.duration_s},
      {"gpus", topo.gpus},
      {"racks", static_cast<double>(topo.racks.size())},
      {"it_energy_mwh", e.it_w / kJPerMWh},
      {"facility_energy_mwh", e.facility_w / kJPerMWh},
      {"peak_it_power_mw", t.peak_it_w * 1e-6},
      {"mean_it_power_mw", e.it_w / d * 1e-6},
      {"peak_facility_power_mw", t.peak_facility_w * 1e-6},
      {"mean_facility_power_mw", e.facility_w / d * 1e-6},
      {"gpu_energy_mwh", e.gpu_w / kJPerMWh},
      {"mean_gpu_utilization", e.gpu_utilization / d},
      {"mean_gpu_speed", e.gpu_speed / d},
      {"psu_loss_mwh", e.psu_loss_w / kJPerMWh},
      {"distribution_loss_mwh", e.distribution_loss_w / kJPerMWh},
      {"ups_loss_mwh", e.ups_loss_w / kJPerMWh},
      {"transformer_loss_mwh", e.transformer_loss_w / kJPerMWh},
      {"misc_energy_mwh", e.misc_w / kJPerMWh},
      {"pue", e.it_w > 0 ? e.facility_w / e.it_w : 0.0},
      {"ppue_cooling", e.it_w > 0 ? (e.it_w + e.cooling_w) / e.it_w : 0.0},
      {"ppue_power_chain",
       e.it_w > 0 ? (e.it_w + e.distribution_loss_w + e.ups_loss_w + e.transformer_loss_w) / e.it_w : 0.0},
      {"cooling_energy_mwh", e.cooling_w / kJPerMWh},
      {"chiller_energy_mwh", e.chillers_w / kJPerMWh},
      {"rejection_fan_energy_mwh", e.rejection_fans_w / kJPerMWh},
      {"pump_energy_mwh", (e.cdu_pumps_w + e.facility_pumps_w) / kJPerMWh},
      {"crah_fan_energy_mwh", e.crah_fans_w / kJPerMWh},
      {"water_m3", e.water_kg_s / 1000.0},
      {"wue_l_per_kwh", it_kwh > 0 ? e.water_kg_s / it_kwh : 0.0},  // 1 kg of water = 1 L
      {"free_cooling_hours", e.free_cooling / 3600.0},
      {"heat_to_water_mwh", e.heat_to_water_w / kJPerMWh},
      {"heat_from_water_mwh", e.heat_from_water_w / kJPerMWh},
      {"gpu_die_temp_max_c", t.die_max_c},
      {"gpu_die_temp_p99_c", f.die_p99_c},
      {"throttle_events", static_cast<double>(f.throttle_events)},
      {"shutdown_events", static_cast<double>(f.shutdown_events)},
      {"rack_trips", static_cast<double>(f.rack_trips)},
      {"throttled_gpu_hours", e.throttled_gpus / 3600.0},
      {"shutdown_gpu_hours", e.shutdown_gpus / 3600.0},
      {"ambient_dry_bulb_max_c", t.dry_bulb_max_c},
      {"ambient_dry_bulb_mean_c", e.dry_bulb_c / d},
      {"ambient_wet_bulb_mean_c", e.wet_bulb_c / d},
      {"weather_flagged_hours", static_cast<double>(f.weather_flagged_hours)},
      {"ups_peak_load_frac", f.ups_peak_load_frac},
      {"transformer_peak_load_frac", f.transformer_peak_load_frac},
      {"rack_psu_peak_load_frac", f.rack_psu_peak_load_frac},
      {"power_overload_s", f.power_overload_s},
  });
  std::vector<std::pair<std::string, double>> out;
  for (const auto& k : metrics::summary_metric_keys()) {
    const auto it = values.find(k.key);
    if (it == values.end()) throw std::logic_error("summary key without a value: " + std::string(k.key));
    out.emplace_back(std::string(k.key), it->second);
  }
  return out;
}

}  // namespace

std::vector<output::CheckResult> evaluate_checks(
    const scenario::ScenarioSpec& spec, const std::vector<std::pair<std::string, double>>& metrics) {
  std::vector<output::CheckResult> out;
  for (const auto& [key, check] : spec.checks) {
    double value = 0;
    for (const auto& [k, v] : metrics)
      if (k == key) value = v;
    const auto add = [&](const char* bound, double limit, bool passed) {
      output::CheckResult r;
      r.name = key + (std::string_view(bound) == "max" ? " <= " : " >= ") + scenario::format_number(limit);
      r.metric = key;
      r.bound = bound;
      r.limit = limit;
      r.value = value;
      r.passed = passed;
      out.push_back(std::move(r));
    };
    if (check.max) add("max", *check.max, value <= *check.max);
    if (check.min) add("min", *check.min, value >= *check.min);
  }
  return out;
}

RunResult run_scenario(const scenario::LoadedScenario& scenario, const RunOptions& options) {
  const scenario::ScenarioSpec& spec = scenario.spec;
  const facility::Topology topo = facility::build_topology(spec);
  cooling::CoolingSystem cooling(spec, topo);
  std::vector<float> supply_c(topo.racks.size()), flow_kg_s(topo.racks.size());
  cooling.rack_inputs(supply_c, flow_kg_s);
  std::unique_ptr<WorkloadSet> workloads;
  if (!spec.workloads.inference.empty() || !spec.workloads.training.racks.empty())
    workloads = std::make_unique<WorkloadSet>(spec, topo);
  facility::Fleet fleet(topo, spec, options.backend, supply_c,
                        workloads ? workloads->load_groups() : facility::rack_group_loads(topo, spec));
  // Static limits and cap priorities per GPU: the rack group's, then the workloads' own.
  std::vector<float> limit_w = fleet.initial_power_limits();
  std::vector<int> priority(limit_w.size());
  std::vector<float> min_limit_w(limit_w.size());
  for (std::size_t g = 0; g < limit_w.size(); ++g) {
    const auto& group = spec.racks.entries[static_cast<std::size_t>(topo.gpu_group[g])].second;
    priority[g] = group.cap_priority;
    const auto& rtype = *spec.rack_types.find(group.type);
    min_limit_w[g] = static_cast<float>(spec.gpu_types.find(rtype.gpu_type)->min_power_limit_w);
  }
  if (workloads) {
    workloads->apply_static_limits(spec, limit_w, priority);
    if (limit_w != fleet.initial_power_limits()) fleet.set_power_limits(limit_w);
  }
  PowerManagement power(spec, limit_w, priority, min_limit_w, topo.gpu_rack, static_cast<int>(topo.racks.size()),
                        topo.rack_row, topo.rows, scenario.start_unix_s, scenario.utc_offset_s);
  const int start_year = local_time(scenario.start_unix_s, scenario.utc_offset_s).year;
  const weather::WeatherSeries weather = weather::load_weather(
      spec.site.weather.file.empty() ? spec.site.weather.climate : spec.site.weather.file, start_year,
      scenario.utc_offset_s);

  std::vector<std::string> group_names;
  for (const auto& [name, g] : spec.racks) group_names.push_back(name);
  metrics::RecorderOptions ropt;
  ropt.out_dir = options.out_dir;
  ropt.interval_s = spec.output.interval.s;
  ropt.racks = spec.output.racks;
  ropt.racks_interval_s = spec.output.racks_interval.s;
  ropt.start_unix_s = scenario.start_unix_s;
  ropt.utc_offset_s = scenario.utc_offset_s;
  metrics::Recorder recorder(topo, group_names, ropt);

  const SimTime dt = from_seconds(spec.time.dt_s);
  const SimTime end = from_seconds(spec.time.duration.s);
  des::Engine engine(dt, end);
  FacilityModel facility({spec, topo, fleet, cooling, weather, recorder, workloads.get(), &power}, scenario.start_unix_s,
                         scenario.utc_offset_s, options.stop_requested);
  engine.add_model(facility);
  if (options.on_tick) {
    // One engine callback serves both: the hook every on_tick_every ticks, progress about as
    // often as without it.
    const double total_s = spec.time.duration.s;
    const std::uint64_t every = std::max<std::uint64_t>(1, options.on_tick_every);
    const std::uint64_t progress_every = std::max<std::uint64_t>(1, 256 / every);
    LiveRun live{spec, topo, fleet, cooling, recorder, facility, workloads.get(), power, engine, 0.0};
    std::uint64_t calls = 0;
    engine.set_progress(
        [&, total_s, progress_every](SimTime now, SimTime) {
          live.now_s = to_seconds(now);
          options.on_tick(live);
          if (options.progress && ++calls % progress_every == 0) options.progress(live.now_s, total_s);
        },
        every);
  } else if (options.progress) {
    const double total_s = spec.time.duration.s;
    auto progress = options.progress;
    engine.set_progress([progress, total_s](SimTime now, SimTime) { progress(to_seconds(now), total_s); },
                        256);
  }
  const des::RunResult rr = engine.run();
  recorder.finish();

  RunResult result;
  result.completed = !rr.stopped_early;
  result.simulated_s = to_seconds(rr.end_time);
  RunFacts facts;
  facts.throttle_events = facility.throttle_events();
  facts.shutdown_events = facility.shutdown_events();
  facts.rack_trips = facility.rack_trips();
  facts.weather_flagged_hours = weather.flagged_hours();
  facts.ups_peak_load_frac = facility.ratings().ups_peak_load_frac();
  facts.transformer_peak_load_frac = facility.ratings().transformer_peak_load_frac();
  facts.rack_psu_peak_load_frac = facility.ratings().rack_psu_peak_load_frac();
  facts.power_overload_s = facility.ratings().overload_s();
  std::vector<float> die_max(fleet.gpus());
  fleet.read_die_max(die_max);
  facts.die_p99_c = percentile(std::move(die_max), 99.0);
  const metrics::RunTotals& totals = recorder.totals();
  const double it_j = totals.integral.it_w, facility_j = totals.integral.facility_w;
  Values values = training_values(workloads ? workloads->training() : nullptr,
                                  workloads ? workloads->jobs_rejected() : 0);
  const workload::ServiceStats all = workloads ? workloads->total_stats() : workload::ServiceStats();
  values.merge(power_values(power, static_cast<double>(all.input_tokens + all.output_tokens)));
  values.merge(smoothing_values(totals));
  output::JsonObject services;
  if (workloads) {
    values.merge(request_values(all, workloads->requests_in_system(), totals.duration_s, it_j,
                                facility_j));
    // Each service is charged the IT and facility energy in proportion to its GPUs' energy.
    const double gpu_j = workloads->total_gpu_energy_j();
    for (std::size_t i = 0; i < workloads->services().size(); ++i) {
      const auto& svc = *workloads->services()[i];
      const double share = gpu_j > 0 ? workloads->service_gpu_energy_j(i) / gpu_j : 0.0;
      output::JsonObject o;
      o.set("replicas", svc.replicas());
      for (const auto& [k, v] : request_values(svc.stats(), svc.in_system(), totals.duration_s, share * it_j,
                                               share * facility_j))
        o.set(std::string(k), v);
      services.set(svc.name(), std::move(o));
    }
  } else {
    const workload::ServiceStats none;
    values.merge(request_values(none, 0, totals.duration_s, 0, 0));
  }
  result.metrics = summary_metrics(totals, topo, facts, std::move(values));
  result.checks = evaluate_checks(spec, result.metrics);
  for (const auto& c : result.checks) result.checks_passed = result.checks_passed && c.passed;
  result.files = recorder.files();

  if (workloads && workloads->training()) {
    output::CsvWriter jobs(options.out_dir / "jobs.csv",
                           {"name", "gpus", "priority", "arrival_s", "start_s", "end_s", "wait_s", "work_s",
                            "progress_s", "failures", "checkpoints", "lost_work_s", "completed"});
    for (const auto& j : workloads->training()->records()) {
      output::CsvRow row;
      row.add(j.name).add(j.gpus).add(j.priority).add(j.arrival_s);
      if (j.start_s >= 0) row.add(j.start_s); else row.add_empty();
      if (j.end_s >= 0) row.add(j.end_s); else row.add_empty();
      if (j.start_s >= 0) row.add(j.start_s - j.arrival_s); else row.add_empty();
      row.add(j.work_s).add(j.progress_s).add(j.failures).add(j.checkpoints).add(j.lost_work_s)
          .add(j.completed ? 1 : 0);
      jobs.write_row(row);
    }
    jobs.commit();
    result.files.push_back(options.out_dir / "jobs.csv");
  }
  output::write_file_atomic(options.out_dir / "scenario.resolved.yaml", scenario::resolved_yaml(spec));
  result.files.push_back(options.out_dir / "scenario.resolved.yaml");
  if (!result.checks.empty()) {
    // time 0: a wall-clock time would break byte-identical outputs for the same seed.
    output::write_file_atomic(options.out_dir / "checks.xml",
                              output::junit_xml("aifsim." + spec.name, result.checks, 0.0));
    result.files.push_back(options.out_dir / "checks.xml");
  }

  output::JsonObject summary;
  summary.set("scenario", spec.name);
  summary.set("aifsim_version", AIFSIM_VERSION);
  summary.set("seed", spec.seed);
  summary.set("start", format_iso8601(scenario.start_unix_s, scenario.utc_offset_s));
  summary.set("backend", kernels::backend_name(options.backend));
  summary.set("completed", result.completed);
  summary.set("covers",
              "IT power at the rack inputs (GPUs, CPUs, other rack components, PSU losses), the "
              "facility power chain (busway/PDU, UPS, transformer), the cooling plant (CDU and "
              "facility pumps, CRAH fans, tower or dry-cooler fans, chillers) and misc site load");
  summary.set("weather", weather.source());
  for (const auto& [k, v] : result.metrics) summary.set(k, v);
  summary.set("services", std::move(services));
  output::JsonArray checks;
  for (const auto& c : result.checks) {
    output::JsonObject o;
    o.set("name", c.name);
    o.set("metric", c.metric);
    o.set("bound", c.bound);
    o.set("limit", c.limit);
    o.set("value", c.value);
    o.set("passed", c.passed);
    checks.push(std::move(o));
  }
  summary.set("checks", std::move(checks));
  output::write_json_file(options.out_dir / "summary.json", summary);
  result.files.push_back(options.out_dir / "summary.json");
  return result;
}

}  // namespace aifsim::run
