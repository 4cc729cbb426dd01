// SPDX-License-Identifier: Apache-2.0
// Reads a run directory back: summary.json through nlohmann::json, the resolved scenario
// through the scenario's YAML reader.
#include "sim/compare/run_summary.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "sim/core/error.h"
#include "sim/scenario/yaml_io.h"

namespace aifsim::compare {
namespace {

[[noreturn]] void fail(const std::filesystem::path& where, std::string_view what) {
  std::string msg = where.string();
  msg += ": ";
  msg += what;
  throw InputError(msg);
}

// "LINE:COL" of a 1-based byte index as nlohmann reports it (the last byte it read).
std::string line_column(const std::string& text, std::size_t byte_1based) {
  const std::size_t offset = std::min(byte_1based > 0 ? byte_1based - 1 : 0, text.size());
  std::size_t line = 1, line_start = 0;
  for (std::size_t i = 0; i < offset; ++i)
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  std::string out = std::to_string(line);
  out += ':';
  out += std::to_string(offset - line_start + 1);
  return out;
}

// nlohmann's what() is "[json.exception.parse_error.101] parse error at line 1, column 5: <why>";
// keep <why> only, since the location is printed the way the scenario errors print it.
std::string parse_reason(const char* what) {
  const std::string_view w(what);
  const std::size_t at = w.find("parse error");
  const std::size_t colon = at == std::string_view::npos ? std::string_view::npos : w.find(": ", at);
  return std::string(colon == std::string_view::npos ? w : w.substr(colon + 2));
}

void add_numbers(const nlohmann::ordered_json& object, const std::string& prefix,
                 std::vector<std::pair<std::string, double>>& out) {
  for (const auto& [key, value] : object.items()) {
    // `seed` is a number but no result: it shows up among the scenario fields instead.
    if (prefix.empty() && key == "seed") continue;
    if (value.is_number()) out.emplace_back(prefix + key, value.get<double>());
  }
}

}  // namespace

RunSummary load_run_summary(const std::filesystem::path& dir) {
  std::error_code ec;
  if (!std::filesystem::exists(dir, ec)) fail(dir, "no such run directory");
  if (!std::filesystem::is_directory(dir, ec)) fail(dir, "not a directory (expected a run directory)");
  const std::filesystem::path summary_path = dir / "summary.json";
  if (!std::filesystem::exists(summary_path, ec))
    fail(summary_path, "missing (not a run directory, or its run has not finished)");

  std::ifstream in(summary_path, std::ios::binary);
  if (!in) fail(summary_path, "cannot be read");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();

  nlohmann::ordered_json doc;  // ordered: keys the comparison does not know keep their file order
  try {
    doc = nlohmann::ordered_json::parse(text);
  } catch (const nlohmann::ordered_json::parse_error& e) {
    std::string where = summary_path.string();
    where += ':';
    where += line_column(text, e.byte);
    fail(where, parse_reason(e.what()));
  }
  if (!doc.is_object()) fail(summary_path, "expected a JSON object");

  RunSummary run;
  run.dir = dir;
  if (const auto it = doc.find("scenario"); it != doc.end() && it->is_string()) run.scenario = it->get<std::string>();
  if (const auto it = doc.find("completed"); it != doc.end() && it->is_boolean()) run.completed = it->get<bool>();
  if (const auto it = doc.find("start"); it != doc.end() && it->is_string()) run.start = it->get<std::string>();
  add_numbers(doc, "", run.metrics);
  if (const auto it = doc.find("services"); it != doc.end() && it->is_object())
    for (const auto& [name, service] : it->items())
      if (service.is_object()) {
        std::string prefix = "services.";
        prefix += name;
        prefix += '.';
        add_numbers(service, prefix, run.metrics);
      }
  if (const auto it = doc.find("checks"); it != doc.end() && it->is_array()) {
    for (const auto& c : *it) {
      if (!c.is_object() || !c.contains("name") || !c["name"].is_string()) continue;
      CheckOutcome check;
      check.name = c["name"].get<std::string>();
      check.passed = c.value("passed", false);
      if (c.contains("value") && c["value"].is_number()) check.value = c["value"].get<double>();
      if (c.contains("metric") && c["metric"].is_string() && c.contains("bound") && c["bound"].is_string() &&
          c.contains("limit") && c["limit"].is_number())
        run.check_limits.push_back(
            {check.name, c["metric"].get<std::string>(), c["bound"].get<std::string>(), c["limit"].get<double>()});
      run.checks.push_back(std::move(check));
    }
  }

  const std::filesystem::path resolved_path = dir / "scenario.resolved.yaml";
  if (std::filesystem::exists(resolved_path, ec)) run.resolved = scenario::parse_yaml_file(resolved_path);
  return run;
}

}  // namespace aifsim::compare
