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
#include "sim/run/facility_model.h"

namespace aifsim::run {
namespace {

constexpr double kJPerMWh = 3.6e9;

std::vector<std::pair<std::string, double>> summary_metrics(const metrics::RunTotals& t,
                                                            const facility::Topology& topo) {
  const double d = t.duration_s > 0 ? t.duration_s : 1.0;
  const metrics::TickSample& e = t.integral;  // J (utilization x s)
  const std::map<std::string_view, double> values{
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
      {"psu_loss_mwh", e.psu_loss_w / kJPerMWh},
      {"distribution_loss_mwh", e.distribution_loss_w / kJPerMWh},
      {"ups_loss_mwh", e.ups_loss_w / kJPerMWh},
      {"transformer_loss_mwh", e.transformer_loss_w / kJPerMWh},
      {"misc_energy_mwh", e.misc_w / kJPerMWh},
      {"power_chain_efficiency", e.facility_w > 0 ? e.it_w / e.facility_w : 0.0},
  };
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
  facility::Fleet fleet(topo, spec, options.backend);

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
  FacilityModel facility(spec, topo, fleet, recorder, scenario.start_unix_s, scenario.utc_offset_s,
                         options.stop_requested);
  engine.add_model(facility);
  if (options.progress) {
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
  result.metrics = summary_metrics(recorder.totals(), topo);
  result.checks = evaluate_checks(spec, result.metrics);
  for (const auto& c : result.checks) result.checks_passed = result.checks_passed && c.passed;
  result.files = recorder.files();

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
              "IT power at the rack inputs (GPUs, CPUs, other rack components, PSU losses) and "
              "the facility power chain (busway/PDU, UPS, transformer) plus misc site load; "
              "cooling is not modelled yet and is not in facility power");
  for (const auto& [k, v] : result.metrics) summary.set(k, v);
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
