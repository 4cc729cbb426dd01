// SPDX-License-Identifier: Apache-2.0
// The summary KPIs from the live models: energies, PUE and WUE, request and training
// figures, cost, carbon, caps and swings, ratings and temperatures.
#include "sim/run/summary.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

#include "sim/facility/fleet.h"
#include "sim/facility/topology.h"
#include "sim/metrics/recorder.h"
#include "sim/metrics/summary_keys.h"
#include "sim/run/facility_model.h"
#include "sim/run/power_management.h"
#include "sim/run/workload_set.h"
#include "sim/weather/weather_series.h"

namespace aifsim::run {

double metric_value(const Metrics& m, std::string_view key) {
  for (const auto& [k, v] : m)
    if (k == key) return v;
  throw std::out_of_range("no summary key '" + std::string(key) + "'");
}

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

Metrics summary_metrics(const metrics::RunTotals& t,
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
  Metrics out;
  for (const auto& k : metrics::summary_metric_keys()) {
    const auto it = values.find(k.key);
    if (it == values.end()) throw std::logic_error("summary key without a value: " + std::string(k.key));
    out.emplace_back(std::string(k.key), it->second);
  }
  return out;
}

}  // namespace

std::vector<output::CheckResult> evaluate_checks(const scenario::ScenarioSpec& spec, const Metrics& metrics) {
  std::vector<output::CheckResult> out;
  for (const auto& entry : spec.checks) {
    // Named members, not a structured binding: clang (before C++20's P1091 in clang 16)
    // refuses to capture a binding in the lambda below.
    const std::string& key = entry.first;
    const auto& check = entry.second;
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

Summary summarize(const SummaryInputs& in) {
  RunFacts facts;
  facts.throttle_events = in.facility.throttle_events();
  facts.shutdown_events = in.facility.shutdown_events();
  facts.rack_trips = in.facility.rack_trips();
  facts.weather_flagged_hours = in.weather.flagged_hours();
  facts.ups_peak_load_frac = in.facility.ratings().ups_peak_load_frac();
  facts.transformer_peak_load_frac = in.facility.ratings().transformer_peak_load_frac();
  facts.rack_psu_peak_load_frac = in.facility.ratings().rack_psu_peak_load_frac();
  facts.power_overload_s = in.facility.ratings().overload_s();
  std::vector<float> die_max(in.fleet.gpus());
  in.fleet.read_die_max(die_max);
  facts.die_p99_c = percentile(std::move(die_max), 99.0);
  const metrics::RunTotals& totals = in.recorder.totals();
  const double it_j = totals.integral.it_w, facility_j = totals.integral.facility_w;
  const WorkloadSet* w = in.workloads;
  Values values = training_values(w ? w->training() : nullptr, w ? w->jobs_rejected() : 0);
  const workload::ServiceStats all = w ? w->total_stats() : workload::ServiceStats();
  values.merge(power_values(in.power, static_cast<double>(all.input_tokens + all.output_tokens)));
  values.merge(smoothing_values(totals));
  Summary out;
  if (w) {
    values.merge(request_values(all, w->requests_in_system(), totals.duration_s, it_j, facility_j));
    // Each service is charged the IT and facility energy in proportion to its GPUs' energy.
    const double gpu_j = w->total_gpu_energy_j();
    for (std::size_t i = 0; i < w->services().size(); ++i) {
      const auto& svc = *w->services()[i];
      const double share = gpu_j > 0 ? w->service_gpu_energy_j(i) / gpu_j : 0.0;
      ServiceSummary s{svc.name(), svc.replicas(), {}};
      for (const auto& [k, v] :
           request_values(svc.stats(), svc.in_system(), totals.duration_s, share * it_j, share * facility_j))
        s.values.emplace_back(std::string(k), v);
      out.services.push_back(std::move(s));
    }
  } else {
    const workload::ServiceStats none;
    values.merge(request_values(none, 0, totals.duration_s, 0, 0));
  }
  out.metrics = summary_metrics(totals, in.topo, facts, std::move(values));
  return out;
}

}  // namespace aifsim::run
