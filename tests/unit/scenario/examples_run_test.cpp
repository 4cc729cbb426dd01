// SPDX-License-Identifier: Apache-2.0
// Every small scenario in scenarios/examples/ runs to completion and passes its own checks.
#include <gtest/gtest.h>

#include <filesystem>

#include "sim/run/run.h"
#include "sim/scenario/load.h"
#include "tests/test_support.h"

namespace aifsim::run {
namespace {

TEST(examples_run_test, every_example_runs_and_passes_its_checks) {
  test::ScratchDir dir;
  int count = 0;
  for (const auto& e : std::filesystem::directory_iterator(test::source_dir() / "scenarios" / "examples")) {
    if (e.path().extension() != ".yaml") continue;
    ++count;
    const auto sc = scenario::load_scenario(e.path());
    RunOptions opt;
    opt.out_dir = dir.path() / e.path().stem();
    std::filesystem::create_directories(opt.out_dir);
    const RunResult r = run_scenario(sc, opt);
    EXPECT_TRUE(r.completed) << e.path();
    EXPECT_TRUE(r.checks_passed) << e.path();
    EXPECT_TRUE(std::filesystem::exists(opt.out_dir / "summary.json")) << e.path();
  }
  EXPECT_GE(count, 3);
}

}  // namespace
}  // namespace aifsim::run
