// SPDX-License-Identifier: Apache-2.0
// KPI cards, the summary table, checks and changed fields of a run report.
#include "sim/report/kpi_section.h"

#include <array>
#include <cmath>
#include <optional>
#include <vector>

#include "sim/compare/format.h"
#include "sim/metrics/summary_keys.h"
#include "sim/report/html_page.h"
#include "sim/report/html_text.h"

namespace aifsim::report {
namespace {

constexpr std::array kHeadlines{
    Headline{"peak_facility_power_mw", "Peak facility power", "MW"},
    Headline{"mean_facility_power_mw", "Mean facility power", "MW"},
    Headline{"facility_energy_mwh", "Facility energy", "MWh"},
    Headline{"pue", "PUE", ""},
    Headline{"gpu_die_temp_max_c", "Hottest GPU die", "C"},
    Headline{"tokens_per_s", "Tokens per second", "M", 1e-6},
    Headline{"ttft_p99_s", "TTFT p99", "s"},
    Headline{"tpot_p99_s", "TPOT p99", "ms", 1e3},
    Headline{"slo_attainment", "SLO attainment", "%", 100},
    Headline{"training_goodput", "Training goodput", ""},
    Headline{"job_queue_wait_p99_s", "Job queue wait p99", "h", 1.0 / 3600},
    Headline{"total_cost_ntd", "Total cost", "NT$"},
    Headline{"cost_ntd_per_million_tokens", "Cost per million tokens", "NT$"},
    Headline{"co2_t", "CO2", "t"},
    Headline{"water_m3", "Water", "m3"},
    Headline{"cap_violation_s", "Above the cap", "s"},
    Headline{"throttle_events", "Throttle events", ""},
    Headline{"rack_trips", "Rack trips", ""},
};

// One summary key as the tables show it.
struct KeyRow {
  std::string key;
  std::optional<double> value, baseline, delta, pct;
};

std::vector<KeyRow> key_rows(const KpiInput& in) {
  std::vector<KeyRow> rows;
  if (in.comparison) {
    for (const compare::MetricRow& m : in.comparison->metrics)
      rows.push_back({m.key, m.values[1], m.values[0], m.delta[1], m.relative_delta_pct[1]});
  } else {
    for (const auto& [k, v] : in.run.metrics) rows.push_back({k, v, std::nullopt, std::nullopt, std::nullopt});
  }
  return rows;
}

const KeyRow* find_row(const std::vector<KeyRow>& rows, std::string_view key) {
  for (const KeyRow& r : rows)
    if (r.key == key) return &r;
  return nullptr;
}

double value_of(const std::vector<KeyRow>& rows, std::string_view key) {
  const KeyRow* r = find_row(rows, key);
  return r && r->value ? *r->value : 0.0;
}

bool applies(const std::vector<KeyRow>& rows, std::string_view key) {
  static constexpr std::array<std::string_view, 5> kInference{"tokens_per_s", "ttft_p99_s", "tpot_p99_s",
                                                              "slo_attainment", "cost_ntd_per_million_tokens"};
  for (const auto k : kInference)
    if (k == key) return value_of(rows, "requests_arrived") > 0 || value_of(rows, "requests_completed") > 0;
  if (key == "training_goodput" || key == "job_queue_wait_p99_s") return value_of(rows, "jobs_submitted") > 0;
  if (key == "cap_violation_s") return find_row(rows, key) != nullptr;
  return true;
}

std::string meaning_of(std::string_view key) {
  std::string_view base = key;
  std::string prefix;
  if (key.starts_with("services.")) {
    const std::size_t dot = key.find('.', 9);
    if (dot != std::string_view::npos) {
      prefix = "Service ";
      prefix += key.substr(9, dot - 9);
      prefix += ": ";
      base = key.substr(dot + 1);
    }
  }
  if (base == "replicas") return prefix + "replicas serving it";
  for (const metrics::SummaryKey& k : metrics::summary_metric_keys())
    if (k.key == base) return prefix + std::string(k.meaning);
  return prefix;
}

}  // namespace

std::span<const Headline> headline_kpis() { return kHeadlines; }

std::string render_kpi_cards(const KpiInput& in) {
  const auto rows = key_rows(in);
  std::string out = "<div class=\"cards\">";
  for (const Headline& h : kHeadlines) {
    const KeyRow* r = find_row(rows, h.key);
    if (!r || !r->value || !applies(rows, h.key)) continue;
    out += "<div class=\"card\"><div class=\"label\">";
    out += escape_html(h.label);
    out += "</div><div class=\"value\">";
    out += format_significant(*r->value * h.scale, 4);
    if (!h.unit.empty()) {
      out += " <span class=\"unit\">";
      out += escape_html(h.unit);
      out += "</span>";
    }
    out += "</div>";
    if (in.comparison) {
      out += "<div class=\"delta\">";
      if (r->delta) {
        out += "baseline ";
        out += r->baseline ? format_significant(*r->baseline * h.scale, 4) : "-";
        out += ", ";
        out += *r->delta > 0 ? "+" : "";
        out += format_significant(*r->delta * h.scale, 3);
        if (r->pct) {
          out += " (";
          out += escape_html(compare::format_relative_pct(r->pct));
          out += ")";
        }
      } else {
        out += "baseline: -";
      }
      out += "</div>";
    }
    out += "</div>";
  }
  out += "</div>\n";
  return out;
}

std::string render_checks(const KpiInput& in) {
  const auto cell = [](std::optional<bool> passed) -> std::string {
    if (!passed) return "-";
    return *passed ? "<span class=\"passed\">passed</span>" : "<span class=\"failed\">FAILED</span>";
  };
  HtmlTable t;
  t.css_class = "checks";
  if (in.comparison) {
    if (in.comparison->checks.empty()) return "";
    t.header = {"check", "this run", "baseline"};
    for (const compare::CheckRow& c : in.comparison->checks)
      t.rows.push_back({code_html(c.name), cell(c.passed[1]), cell(c.passed[0])});
  } else {
    if (in.run.checks.empty()) return "";
    t.header = {"check", "value", "result"};
    t.numeric = {false, true, false};
    for (const compare::CheckOutcome& c : in.run.checks)
      t.rows.push_back({code_html(c.name), format_significant(c.value, 6), cell(c.passed)});
  }
  return render_table(t);
}

std::string render_summary_table(const KpiInput& in) {
  const auto rows = key_rows(in);
  HtmlTable t;
  t.css_class = "summary";
  if (in.comparison) {
    t.header = {"summary key", "this run", "baseline", "change", "change %", "meaning"};
    t.numeric = {false, true, true, true, true, false};
  } else {
    t.header = {"summary key", "value", "meaning"};
    t.numeric = {false, true, false};
  }
  for (const KeyRow& r : rows) {
    std::vector<std::string> cells{code_html(r.key), escape_html(compare::format_value(r.value))};
    if (in.comparison) {
      cells.push_back(escape_html(compare::format_value(r.baseline)));
      cells.push_back(escape_html(compare::format_delta(r.delta)));
      cells.push_back(escape_html(compare::format_relative_pct(r.pct)));
    }
    cells.push_back(escape_html(meaning_of(r.key)));
    t.rows.push_back(std::move(cells));
  }
  std::string out = "<details><summary>Every summary key (";
  out += std::to_string(rows.size());
  out += ", as in summary.json)</summary>\n";
  out += render_table(t);
  out += "</details>\n";
  return out;
}

std::string render_field_diffs(const KpiInput& in) {
  if (!in.comparison || in.comparison->fields.empty()) return "";
  HtmlTable t;
  t.header = {"scenario field", "this run", "baseline"};
  for (const compare::FieldDiff& f : in.comparison->fields)
    t.rows.push_back({code_html(f.path), escape_html(f.values[1].value_or("-")), escape_html(f.values[0].value_or("-"))});
  return render_table(t);
}

}  // namespace aifsim::report
