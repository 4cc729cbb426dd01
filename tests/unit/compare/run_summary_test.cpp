// SPDX-License-Identifier: Apache-2.0
// Tests for reading a run directory back, and for the one-line errors when it is not one.
#include "sim/compare/run_summary.h"

#include <gtest/gtest.h>

#include "sim/core/error.h"
#include "tests/test_support.h"

namespace aifsim::compare {
namespace {

using test::ScratchDir;

std::string error_of(const std::filesystem::path& dir) {
  try {
    load_run_summary(dir);
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(compare_run_summary_test, reads_numbers_services_and_checks) {
  ScratchDir dir;
  dir.write("summary.json", R"({"scenario": "s", "seed": 7, "completed": false, "pue": 1.2, "gpus": 72,
    "weather": "climate", "ttft_p99_s": null,
    "services": {"chat": {"replicas": 2, "tokens_per_s": 10.5}},
    "checks": [{"name": "pue", "metric": "pue", "passed": true, "value": 1.2}]})");
  dir.write("scenario.resolved.yaml", "name: s\n");
  const RunSummary r = load_run_summary(dir.path());
  EXPECT_EQ(r.scenario, "s");
  EXPECT_FALSE(r.completed);
  const std::vector<std::pair<std::string, double>> expected{
      {"pue", 1.2}, {"gpus", 72}, {"services.chat.replicas", 2}, {"services.chat.tokens_per_s", 10.5}};
  EXPECT_EQ(r.metrics, expected);  // no seed (a scenario field), no null, no strings
  ASSERT_EQ(r.checks.size(), 1u);
  EXPECT_TRUE(r.checks[0].passed);
  ASSERT_TRUE(r.resolved.has_value());
  EXPECT_NE(r.resolved->find("name"), nullptr);
}

TEST(compare_run_summary_test, a_run_without_a_resolved_scenario_still_loads) {
  ScratchDir dir;
  dir.write("summary.json", R"({"pue": 1.2})");
  EXPECT_FALSE(load_run_summary(dir.path()).resolved.has_value());
}

TEST(compare_run_summary_test, errors_name_the_path) {
  ScratchDir dir;
  EXPECT_EQ(error_of(dir.path() / "nope"), (dir.path() / "nope").string() + ": no such run directory");
  const auto file = dir.write("plain.txt", "x");
  EXPECT_EQ(error_of(file), file.string() + ": not a directory (expected a run directory)");
  EXPECT_EQ(error_of(dir.path()),
            (dir.path() / "summary.json").string() + ": missing (not a run directory, or its run has not finished)");
  dir.write("summary.json", "[1, 2]");
  EXPECT_EQ(error_of(dir.path()), (dir.path() / "summary.json").string() + ": expected a JSON object");
}

TEST(compare_run_summary_test, malformed_json_is_located_by_line_and_column) {
  ScratchDir dir;
  dir.write("summary.json", "{\n  \"pue\": 1.2,\n  \"x\": nope\n}\n");
  const std::string err = error_of(dir.path());
  // Column 9 is the "o" of "nope": nlohmann stops at the first byte that cannot continue a literal.
  EXPECT_EQ(err.rfind((dir.path() / "summary.json").string() + ":3:9: ", 0), 0u) << err;
  EXPECT_EQ(err.find("json.exception"), std::string::npos) << err;  // the library's prefix is dropped
  EXPECT_EQ(err.find('\n'), std::string::npos) << err;
}

TEST(compare_run_summary_test, a_malformed_resolved_scenario_is_located) {
  ScratchDir dir;
  dir.write("summary.json", "{}");
  dir.write("scenario.resolved.yaml", "a: [1, 2\n");
  EXPECT_NE(error_of(dir.path()).find("scenario.resolved.yaml:"), std::string::npos) << error_of(dir.path());
}

}  // namespace
}  // namespace aifsim::compare
