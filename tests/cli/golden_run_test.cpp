// SPDX-License-Identifier: Apache-2.0
// Byte-identity of whole run directories: the reference day, the CDU-pump failure and the
// 14 MW cap what-if, each against the SHA-256 of every file recorded in tests/golden/.
// Refactors of the run (the Session, the tick pipeline, the channel table) must not move
// one byte. A deliberate change of output re-records the manifests with
// AIFSIM_UPDATE_GOLDEN=1 and says why in its commit.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <vector>

#include "tests/cli/cli_support.h"

namespace aifsim {
namespace {

namespace fs = std::filesystem;

// "<sha256>  <file name>" per regular file of `dir`, sorted by name, as sha256sum writes them.
std::string manifest_of(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_regular_file()) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  std::string out;
  for (const auto& name : names) {
    const std::string cmd = "sha256sum '" + (dir / name).string() + "'";
    FILE* pipe = popen(cmd.c_str(), "r");
    if (!pipe) return "popen failed: " + cmd;
    char hex[65] = {};
    const std::size_t got = std::fread(hex, 1, 64, pipe);
    pclose(pipe);
    out += std::string(hex, got) + "  " + name + "\n";
  }
  return out;
}

// The lines of `actual` that `expected` lacks and the other way round, for a readable failure.
std::string difference(const std::string& expected, const std::string& actual) {
  auto lines = [](const std::string& s) {
    std::vector<std::string> v;
    std::istringstream in(s);
    for (std::string l; std::getline(in, l);) v.push_back(l);
    return v;
  };
  const auto e = lines(expected), a = lines(actual);
  std::string d;
  for (const auto& l : e)
    if (std::find(a.begin(), a.end(), l) == a.end()) d += "  recorded: " + l + "\n";
  for (const auto& l : a)
    if (std::find(e.begin(), e.end(), l) == e.end()) d += "  now:      " + l + "\n";
  return d;
}

void expect_same_bytes(const char* scenario_rel, const char* golden_name) {
  test::ScratchDir dir;
  const fs::path out = dir.path() / "run";
  const test::CliResult r =
      test::run_cli(dir, "run " + test::scenario_path(scenario_rel) + " --out '" + out.string() + "' --quiet");
  // Exit 3 is a violated scenario check, still a complete run directory.
  ASSERT_TRUE(r.code == 0 || r.code == 3) << r.err;
  const std::string actual = manifest_of(out);
  ASSERT_FALSE(actual.empty());
  const fs::path golden = test::source_dir() / "tests" / "golden" / golden_name;
  if (std::getenv("AIFSIM_UPDATE_GOLDEN")) {
    std::ofstream(golden, std::ios::binary) << actual;
    GTEST_SKIP() << "re-recorded " << golden;
  }
  const std::string expected = test::read_file(golden);
  ASSERT_FALSE(expected.empty()) << "no recorded manifest " << golden;
  EXPECT_EQ(expected, actual) << scenario_rel << " changed:\n" << difference(expected, actual);
}

TEST(golden_run_test, reference_day_is_byte_identical) {
  expect_same_bytes("taiwan-ai-factory.yaml", "taiwan-ai-factory.sha256");
}

TEST(golden_run_test, cdu_pump_failure_is_byte_identical) {
  expect_same_bytes("whatif/cdu-pump-failure.yaml", "cdu-pump-failure.sha256");
}

TEST(golden_run_test, cap_what_if_is_byte_identical) {
  expect_same_bytes("whatif/cap-14mw.yaml", "cap-14mw.sha256");
}

}  // namespace
}  // namespace aifsim
