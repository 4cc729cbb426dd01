// SPDX-License-Identifier: Apache-2.0
// sweep.csv / sweep.json: writing the table, reading it and the variants' summary.json back.
#include "sim/sweep/table.h"

#include <cmath>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>

#include "sim/core/error.h"
#include "sim/metrics/summary_keys.h"
#include "sim/output/csv_writer.h"
#include "sim/output/json_writer.h"
#include "sim/scenario/schema.h"

namespace aifsim::sweep {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string read_text_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path.string() + ": cannot open file");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

nlohmann::json parse_json_text(const std::string& text, const std::string& where) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw InputError(where + ": not valid JSON: " + e.what());
  }
}

nlohmann::json parse_json_file(const std::filesystem::path& path) {
  return parse_json_text(read_text_file(path), path.string());
}

double number_or_nan(const nlohmann::json& obj, const std::string& key) {
  const auto it = obj.find(key);
  return it != obj.end() && it->is_number() ? it->get<double>() : kNaN;
}

TableValue table_value(const FieldValue& v) {
  if (const auto x = scenario::parse_number(v.display)) return TableValue{*x, ""};
  return TableValue{std::nullopt, v.display};
}

std::vector<std::string> metric_keys() {
  std::vector<std::string> keys;
  for (const auto& k : metrics::summary_metric_keys()) keys.emplace_back(k.key);
  return keys;
}

}  // namespace

SweepTable make_table(const SweepPlan& plan, std::optional<Shard> shard) {
  SweepTable t;
  t.name = plan.name;
  t.base = plan.base_text;
  t.variants_total = plan.variants.size();
  t.fields = plan.fields;
  t.replications = plan.replications;
  t.shard = shard;
  return t;
}

SweepRow make_row(const SweepPlan& plan, const Variant& variant, VariantSummary summary) {
  SweepRow r;
  r.variant = variant.index;
  r.name = variant.name;
  for (std::size_t i = 0; i < plan.fields.size(); ++i)
    r.fields.push_back(variant.values[i] ? std::optional(table_value(*variant.values[i])) : std::nullopt);
  r.replication = variant.replication;
  r.summary = std::move(summary);
  return r;
}

std::vector<std::string> table_columns(const SweepTable& table) {
  std::vector<std::string> cols{"variant", "name"};
  cols.insert(cols.end(), table.fields.begin(), table.fields.end());
  if (table.replications) cols.emplace_back("replication");
  cols.emplace_back("completed");
  cols.emplace_back("checks_passed");
  for (auto& k : metric_keys()) cols.push_back(std::move(k));
  return cols;
}

std::optional<std::string> read_summary_text(const std::filesystem::path& run_dir) {
  const auto path = run_dir / "summary.json";
  if (!std::filesystem::exists(path)) return std::nullopt;
  return read_text_file(path);
}

std::optional<VariantSummary> read_variant_summary(const std::filesystem::path& run_dir) {
  const auto text = read_summary_text(run_dir);
  if (!text) return std::nullopt;
  return parse_variant_summary(*text, (run_dir / "summary.json").string());
}

VariantSummary parse_variant_summary(const std::string& json_text, const std::string& where) {
  const nlohmann::json j = parse_json_text(json_text, where);
  if (!j.is_object()) throw InputError(where + ": expected a JSON object");
  VariantSummary s;
  s.completed = j.value("completed", false);
  if (const auto checks = j.find("checks"); checks != j.end() && checks->is_array())
    for (const auto& c : *checks) s.checks_passed = s.checks_passed && c.value("passed", false);
  for (const auto& k : metric_keys()) s.metrics.push_back(number_or_nan(j, k));
  return s;
}

void write_sweep_table(const std::filesystem::path& dir, const SweepTable& table) {
  const auto cols = table_columns(table);
  const auto keys = metric_keys();
  output::CsvWriter csv(dir / "sweep.csv", cols);
  output::JsonArray rows;
  std::size_t done = 0;
  for (const SweepRow& r : table.rows) {
    output::CsvRow cells;
    output::JsonObject obj;
    cells.add(r.variant).add(r.name);
    obj.set("variant", r.variant).set("name", r.name);
    for (std::size_t i = 0; i < table.fields.size(); ++i) {
      const auto& v = r.fields[i];
      if (!v) {
        cells.add_empty();
        obj.set(table.fields[i], nullptr);
      } else if (v->number) {
        cells.add(*v->number);
        obj.set(table.fields[i], *v->number);
      } else {
        cells.add(v->text);
        obj.set(table.fields[i], v->text);
      }
    }
    if (table.replications) {
      cells.add(r.replication);
      obj.set("replication", r.replication);
    }
    cells.add(r.summary.completed ? 1 : 0).add(r.summary.checks_passed ? 1 : 0);
    obj.set("completed", r.summary.completed).set("checks_passed", r.summary.checks_passed);
    for (std::size_t k = 0; k < keys.size(); ++k) {
      cells.add(r.summary.metrics[k]);
      obj.set(keys[k], r.summary.metrics[k]);
    }
    csv.write_row(cells);
    rows.push(std::move(obj));
    done += r.summary.completed ? 1 : 0;
  }

  output::JsonObject j;
  j.set("sweep", table.name);
  j.set("aifsim_version", AIFSIM_VERSION);
  j.set("base", table.base);
  j.set("variants_total", table.variants_total);
  std::size_t planned = table.variants_total;
  if (table.shard) {
    output::JsonObject shard;
    shard.set("index", table.shard->index).set("count", table.shard->count);
    j.set("shard", std::move(shard));
    planned = 0;
    for (std::size_t i = 0; i < table.variants_total; ++i)
      planned += static_cast<int>(i % static_cast<std::size_t>(table.shard->count)) == table.shard->index;
  }
  j.set("variants_planned", planned);
  j.set("variants_done", done);
  j.set("complete", done == planned);
  output::JsonArray fields;
  for (const auto& f : table.fields) fields.push(f);
  j.set("fields", std::move(fields));
  j.set("replications", table.replications);
  output::JsonArray columns;
  for (const auto& c : cols) columns.push(c);
  j.set("columns", std::move(columns));
  j.set("rows", std::move(rows));
  // The JSON first: a reader that finds sweep.csv may assume sweep.json describes it.
  output::write_json_file(dir / "sweep.json", j);
  csv.commit();
}

SweepTable read_sweep_json(const std::filesystem::path& path) {
  const nlohmann::json j = parse_json_file(path);
  const auto bad = [&](const std::string& what) { return InputError(path.string() + ": " + what); };
  if (!j.is_object() || !j.contains("rows") || !j.contains("fields")) throw bad("not a sweep.json (no rows or fields)");
  SweepTable t;
  try {
    t.name = j.at("sweep").get<std::string>();
    t.base = j.at("base").get<std::string>();
    t.variants_total = j.at("variants_total").get<std::size_t>();
    t.fields = j.at("fields").get<std::vector<std::string>>();
    t.replications = j.at("replications").get<bool>();
    if (const auto s = j.find("shard"); s != j.end())
      t.shard = Shard{s->at("index").get<int>(), s->at("count").get<int>()};
    if (j.at("columns").get<std::vector<std::string>>() != table_columns(t))
      throw bad("its columns are not this aifsim's (written by aifsim " + j.value("aifsim_version", "?") + ")");
    const auto keys = metric_keys();
    for (const auto& row : j.at("rows")) {
      SweepRow r;
      r.variant = row.at("variant").get<std::size_t>();
      r.name = row.at("name").get<std::string>();
      for (const auto& f : t.fields) {
        const auto& v = row.at(f);
        if (v.is_null()) r.fields.emplace_back();
        else if (v.is_number()) r.fields.push_back(TableValue{v.get<double>(), ""});
        else r.fields.push_back(TableValue{std::nullopt, v.get<std::string>()});
      }
      if (t.replications) r.replication = row.at("replication").get<int>();
      r.summary.completed = row.at("completed").get<bool>();
      r.summary.checks_passed = row.at("checks_passed").get<bool>();
      for (const auto& k : keys) r.summary.metrics.push_back(number_or_nan(row, k));
      t.rows.push_back(std::move(r));
    }
  } catch (const nlohmann::json::exception& e) {
    throw bad(std::string("malformed sweep.json: ") + e.what());
  }
  return t;
}

}  // namespace aifsim::sweep
