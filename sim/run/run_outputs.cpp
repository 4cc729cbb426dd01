// SPDX-License-Identifier: Apache-2.0
// jobs.csv, the resolved scenario, the JUnit checks and summary.json of a finished run.
#include "sim/run/run_outputs.h"

#include <cmath>
#include <cstdint>

#include "sim/core/units.h"
#include "sim/metrics/summary_keys.h"
#include "sim/output/atomic_file.h"
#include "sim/output/csv_writer.h"
#include "sim/output/json_writer.h"
#include "sim/workload/training_cluster.h"

namespace aifsim::run {
namespace {

// Counts are whole numbers and read as JSON integers ("gpus": 6912, not 6912.0).
void set_metric(output::JsonObject& o, const std::string& key, double value) {
  if (metrics::is_count_metric(key)) {
    o.set(key, static_cast<std::int64_t>(std::llround(value)));
  } else {
    o.set(key, value);
  }
}

}  // namespace

void write_run_outputs(const RunOutputs& o, RunResult& result, const std::vector<ServiceSummary>& services) {
  const scenario::ScenarioSpec& spec = o.scenario.spec;
  if (o.training) {
    output::CsvWriter jobs(o.out_dir / "jobs.csv",
                           {"name", "gpus", "priority", "arrival_s", "start_s", "end_s", "wait_s", "work_s",
                            "progress_s", "failures", "checkpoints", "lost_work_s", "completed"});
    for (const auto& j : o.training->records()) {
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
    result.files.push_back(o.out_dir / "jobs.csv");
  }
  output::write_file_atomic(o.out_dir / "scenario.resolved.yaml", scenario::resolved_yaml(spec));
  result.files.push_back(o.out_dir / "scenario.resolved.yaml");
  if (!result.checks.empty()) {
    // time 0: a wall-clock time would break byte-identical outputs for the same seed.
    output::write_file_atomic(o.out_dir / "checks.xml",
                              output::junit_xml("aifsim." + spec.name, result.checks, 0.0));
    result.files.push_back(o.out_dir / "checks.xml");
  }

  output::JsonObject summary;
  summary.set("scenario", spec.name);
  summary.set("aifsim_version", AIFSIM_VERSION);
  summary.set("seed", spec.seed);
  summary.set("start", format_iso8601(o.scenario.start_unix_s, o.scenario.utc_offset_s));
  summary.set("backend", kernels::backend_name(o.backend));
  summary.set("completed", result.completed);
  summary.set("covers",
              "IT power at the rack inputs (GPUs, CPUs, other rack components, PSU losses), the "
              "facility power chain (busway/PDU, UPS, transformer), the cooling plant (CDU and "
              "facility pumps, CRAH fans, tower or dry-cooler fans, chillers) and misc site load");
  summary.set("weather", o.weather_source);
  for (const auto& [k, v] : result.metrics) set_metric(summary, k, v);
  output::JsonObject services_json;
  for (const ServiceSummary& svc : services) {
    output::JsonObject s;
    s.set("replicas", svc.replicas);
    for (const auto& [k, v] : svc.values) set_metric(s, k, v);
    services_json.set(svc.name, std::move(s));
  }
  summary.set("services", std::move(services_json));
  output::JsonArray checks;
  for (const auto& c : result.checks) {
    output::JsonObject check;
    check.set("name", c.name);
    check.set("metric", c.metric);
    check.set("bound", c.bound);
    check.set("limit", c.limit);
    check.set("value", c.value);
    check.set("passed", c.passed);
    checks.push(std::move(check));
  }
  summary.set("checks", std::move(checks));
  output::write_json_file(o.out_dir / "summary.json", summary);
  result.files.push_back(o.out_dir / "summary.json");
}

}  // namespace aifsim::run
