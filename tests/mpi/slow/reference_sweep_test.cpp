// SPDX-License-Identifier: Apache-2.0
// Eight variants of the reference facility, two hours each, run the three ways a sweep can
// spread (threads with -j 2, two shards merged, two MPI ranks): one sweep.csv and sweep.json.
// About two minutes of CPU (24 runs), hence the "slow" label.
#include <gtest/gtest.h>

#include "tests/mpi/mpi_support.h"

namespace aifsim {
namespace {

namespace fs = std::filesystem;
using test::CliResult;

TEST(reference_sweep_test, threads_shards_and_mpi_ranks_write_one_table) {
  test::ScratchDir dir;
  // Four caps around the facility's ~13.7 MW peak on a July afternoon, two seeds each.
  const fs::path sweep = dir.write("reference.yaml",
                                   "name: reference-caps\n"
                                   "base: " + test::scenario_path("taiwan-ai-factory.yaml") + "\n"
                                   "set:\n"
                                   "  time.start: \"2026-07-15T13:00:00+08:00\"\n"
                                   "  time.duration: 2h\n"
                                   "  output.interval: 10m\n"
                                   "  output.racks_interval: 1h\n"
                                   "axes:\n"
                                   "  - {field: control.power_cap.target_mw, values: [12, 13, 14, 15]}\n"
                                   "replications: 2\n");
  const std::string file = "'" + sweep.string() + "'";
  const auto at = [&](const char* name) { return "'" + (dir.path() / name).string() + "'"; };

  const CliResult local = test::run_cli(dir, "sweep " + file + " -j 2 -q --out " + at("local"));
  ASSERT_EQ(local.code, 0) << local.err;
  // The two shards at once, one core each, as two tasks of a job array would run.
  const std::string shard = std::string(AIFSIM_CLI_PATH) + " sweep " + file + " -j 1 -q --shard ";
  const CliResult shards = test::run_command(
      dir, "{ " + shard + "0/2 --out " + at("shard0") + " & " + shard + "1/2 --out " + at("shard1") + " && wait $!; }");
  ASSERT_EQ(shards.code, 0) << shards.err;
  const CliResult merged = test::run_cli(dir, "sweep --merge " + at("shard0") + " " + at("shard1") + " -q --out " +
                                                  at("merged"));
  ASSERT_EQ(merged.code, 0) << merged.err;
  const CliResult mpi = test::run_mpi(dir, 2, "sweep " + file + " -q --out " + at("mpi"));
  ASSERT_EQ(mpi.code, 0) << mpi.err;

  const std::string csv = test::read_file(dir.path() / "local/sweep.csv");
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 9) << csv;  // header + 8 variants
  EXPECT_NE(csv.find("\n7,\"target_mw=15,rep=1\",15,1,1,"), std::string::npos) << csv;
  for (const char* way : {"merged", "mpi"}) {
    EXPECT_EQ(test::read_file(dir.path() / way / "sweep.csv"), csv) << way;
    EXPECT_EQ(test::read_file(dir.path() / way / "sweep.json"), test::read_file(dir.path() / "local/sweep.json"))
        << way;
  }
}

}  // namespace
}  // namespace aifsim
