// SPDX-License-Identifier: Apache-2.0
// Markdown of a run's summary (one table of checks, one of KPIs).
#include "sim/run/summary_markdown.h"

#include <cmath>
#include <cstdio>

#include "sim/core/units.h"
#include "sim/metrics/summary_keys.h"

namespace aifsim::run {
namespace {

std::string cell(std::string_view text) {
  std::string out;
  for (const char c : text) {
    if (c == '|') out += "\\|";
    else if (c == '\n' || c == '\r') out += ' ';
    else out += c;
  }
  return out;
}

std::string number(double v) {
  if (!std::isfinite(v)) return "-";
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", v);
  return text;
}

std::string meaning_of(std::string_view key) {
  for (const auto& k : metrics::summary_metric_keys())
    if (k.key == key) return std::string(k.meaning);
  return "";
}

}  // namespace

std::string summary_markdown(const std::string& scenario_name, const RunResult& result) {
  std::size_t failed = 0;
  for (const auto& c : result.checks) failed += c.passed ? 0 : 1;
  std::string status;
  if (!result.completed) status = "stopped early at " + format_duration(result.simulated_s) + " simulated";
  else if (failed > 0) status = std::to_string(failed) + " of " + std::to_string(result.checks.size()) + " checks FAILED";
  else status = result.checks.empty() ? "completed" : "all " + std::to_string(result.checks.size()) + " checks passed";

  std::string md = "### aifsim run `" + cell(scenario_name) + "`: " + status + "\n\n";
  md += "Simulated " + format_duration(result.simulated_s) + ".\n\n";
  if (!result.checks.empty()) {
    md += "| check | metric | limit | value | result |\n|---|---|---:|---:|---|\n";
    for (const auto& c : result.checks)
      md += "| " + cell(c.name) + " | `" + cell(c.metric) + "` | " + cell(c.bound) + " " + number(c.limit) + " | " +
            number(c.value) + " | " + (c.passed ? "ok" : "**FAIL**") + " |\n";
    md += "\n";
  }
  md += "| summary key | value | meaning |\n|---|---:|---|\n";
  for (const auto& [key, value] : result.metrics)
    md += "| `" + cell(key) + "` | " + number(value) + " | " + cell(meaning_of(key)) + " |\n";
  return md;
}

}  // namespace aifsim::run
