// SPDX-License-Identifier: Apache-2.0
// A comparison as one JSON document, written by output::JsonObject (stable key order and
// number format), for scripts and dashboards.
#include "sim/compare/format.h"

#include "sim/output/json_writer.h"

namespace aifsim::compare {
namespace {

template <typename T>
output::JsonArray per_run(const std::vector<std::optional<T>>& values) {
  output::JsonArray a;
  for (const auto& v : values) {
    if (v) a.push(*v);
    else a.push(nullptr);
  }
  return a;
}

// {"<name_key>": name, "<values_key>": [per run]}: a scenario field or a check.
output::JsonObject named_per_run(std::string_view name_key, const std::string& name, std::string_view values_key,
                                 output::JsonArray values) {
  output::JsonObject o;
  o.set(name_key, name);
  o.set(values_key, std::move(values));
  return o;
}

}  // namespace

std::string format_json(const Comparison& c) {
  output::JsonObject doc;
  doc.set("baseline", c.runs.front().label);
  output::JsonArray runs;
  for (const RunInfo& r : c.runs) {
    output::JsonObject run;
    run.set("label", r.label);
    run.set("dir", r.dir);
    run.set("scenario", r.scenario);
    run.set("completed", r.completed);
    runs.push(std::move(run));
  }
  doc.set("runs", std::move(runs));

  output::JsonObject metrics;
  for (const MetricRow& m : c.metrics) {
    output::JsonObject row;
    row.set("values", per_run(m.values));
    row.set("delta", per_run(m.delta));
    row.set("relative_delta_pct", per_run(m.relative_delta_pct));
    metrics.set(m.key, std::move(row));
  }
  doc.set("metrics", std::move(metrics));

  output::JsonArray fields;
  for (const FieldDiff& f : c.fields) fields.push(named_per_run("path", f.path, "values", per_run(f.values)));
  doc.set("scenario_fields", std::move(fields));

  output::JsonArray checks;
  for (const CheckRow& k : c.checks) checks.push(named_per_run("name", k.name, "passed", per_run(k.passed)));
  doc.set("checks", std::move(checks));

  output::JsonArray notes;
  for (const auto& n : c.notes) notes.push(n);
  doc.set("notes", std::move(notes));
  std::string out = output::to_json(doc);
  out += '\n';
  return out;
}

}  // namespace aifsim::compare
