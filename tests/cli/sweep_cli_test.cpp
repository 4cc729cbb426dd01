// SPDX-License-Identifier: Apache-2.0
// aifsim sweep end to end: one sweep run in parallel, as two merged shards, and stopped then
// resumed gives the same sweep.csv and sweep.json bytes; bad input exits 2 writing nothing.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <thread>

#include "tests/cli/cli_support.h"
#include "tests/unit/sweep/sweep_support.h"

namespace aifsim {
namespace {

namespace fs = std::filesystem;
using test::CliResult;

using test::write_four_variant_sweep;

CliResult aifsim(const test::ScratchDir& dir, const std::string& args) { return test::run_cli(dir, args); }

TEST(sweep_cli_test, parallel_sharded_and_resumed_sweeps_write_the_same_table) {
  test::ScratchDir dir;
  const fs::path sweep = write_four_variant_sweep(dir);
  const fs::path whole = dir.path() / "whole";
  const CliResult r = aifsim(dir, "sweep " + sweep.string() + " -j 2 --out " + whole.string());
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string csv = test::read_file(whole / "sweep.csv");
  const std::string json = test::read_file(whole / "sweep.json");
  EXPECT_EQ(csv.substr(0, csv.find('\n')).substr(0, 91),
            "variant,name,racks.r.load.utilization,replication,completed,checks_passed,duration_s,gpus,r");
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 5) << csv;
  EXPECT_NE(csv.find("\n1,\"utilization=0.3,rep=1\",0.3,1,1,1,600,144,"), std::string::npos) << csv;
  EXPECT_NE(json.find("\"complete\": true"), std::string::npos);
  for (const char* v : {"0000-utilization-0.3_rep-0", "0003-utilization-0.6_rep-1"})
    EXPECT_TRUE(fs::exists(whole / "variants" / v / "summary.json")) << v;
  EXPECT_NE(r.out.find("4 of 4 variants done"), std::string::npos) << r.out;
  // Replications differ in their seeds, so in their results (the load has per-GPU jitter).
  const std::string rep0 = test::read_file(whole / "variants/0000-utilization-0.3_rep-0/summary.json");
  const std::string rep1 = test::read_file(whole / "variants/0001-utilization-0.3_rep-1/summary.json");
  EXPECT_NE(rep0.find("\"seed\": 7,"), std::string::npos);
  EXPECT_NE(rep1.find("\"seed\": 8,"), std::string::npos);
  const auto energy = [](const std::string& s) { return s.substr(s.find("\"it_energy_mwh\""), 40); };
  EXPECT_NE(energy(rep0), energy(rep1));

  // Two shards, each on its own, merged.
  for (int i = 0; i < 2; ++i) {
    const std::string out = (dir.path() / ("shard" + std::to_string(i))).string();
    const CliResult s = aifsim(dir, "sweep " + sweep.string() + " -j 1 --shard " + std::to_string(i) + "/2 --out " + out);
    ASSERT_EQ(s.code, 0) << s.err;
    EXPECT_NE(test::read_file(fs::path(out) / "sweep.json").find("\"shard\": {"), std::string::npos);
  }
  const fs::path merged = dir.path() / "merged";
  const CliResult m = aifsim(dir, "sweep --merge " + (dir.path() / "shard0").string() + " " +
                                      (dir.path() / "shard1").string() + " --out " + merged.string());
  ASSERT_EQ(m.code, 0) << m.err;
  EXPECT_EQ(test::read_file(merged / "sweep.csv"), csv);
  EXPECT_EQ(test::read_file(merged / "sweep.json"), json);
  EXPECT_TRUE(fs::exists(merged / "variants/0001-utilization-0.3_rep-1/summary.json"));
  // A missing shard is refused, writing nothing.
  const CliResult half = aifsim(dir, "sweep --merge " + (dir.path() / "shard1").string() + " --out " +
                                         (dir.path() / "half").string());
  EXPECT_EQ(half.code, 2);
  EXPECT_NE(half.err.find("shard 0/2 of sweep 'tiny-sweep' is missing"), std::string::npos) << half.err;
  EXPECT_FALSE(fs::exists(dir.path() / "half"));

  // Ctrl-C once the first variant has finished: the running one stops, the table holds what
  // is done, exit 130; --resume then finishes the sweep with the same bytes.
  const fs::path stopped = dir.path() / "stopped";
  const pid_t pid = fork();
  if (pid == 0) {
    freopen("/dev/null", "w", stdout);
    freopen("/dev/null", "w", stderr);
    execl(AIFSIM_CLI_PATH, AIFSIM_CLI_PATH, "sweep", sweep.c_str(), "-j", "1", "--out", stopped.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  const fs::path first = stopped / "variants/0000-utilization-0.3_rep-0/summary.json";
  for (int i = 0; i < 6000 && !fs::exists(first); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  kill(pid, SIGINT);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 130);
  const std::string partial = test::read_file(stopped / "sweep.csv");
  EXPECT_LT(std::count(partial.begin(), partial.end(), '\n'), 5) << partial;
  EXPECT_NE(test::read_file(stopped / "sweep.json").find("\"complete\": false"), std::string::npos);
  // Without --resume the directory is refused rather than mixed.
  EXPECT_EQ(aifsim(dir, "sweep " + sweep.string() + " --out " + stopped.string()).code, 2);
  const CliResult resumed = aifsim(dir, "sweep " + sweep.string() + " -j 2 --resume --out " + stopped.string());
  ASSERT_EQ(resumed.code, 0) << resumed.err;
  EXPECT_NE(resumed.err.find("read back"), std::string::npos) << resumed.err;
  EXPECT_EQ(test::read_file(stopped / "sweep.csv"), csv);
  EXPECT_EQ(test::read_file(stopped / "sweep.json"), json);
}

TEST(sweep_cli_test, a_variant_that_cannot_run_exits_two_and_keeps_the_finished_ones) {
  test::ScratchDir dir;
  const fs::path sweep = write_four_variant_sweep(dir);
  const fs::path out = dir.path() / "out";
  dir.write("out/variants/0001-utilization-0.3_rep-1", "a file where the run directory should be\n");
  const CliResult r = aifsim(dir, "sweep " + sweep.string() + " -j 1 --resume --out " + out.string());
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("0001-utilization-0.3_rep-1' as run directory"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("(finished variants are kept; --resume continues)"), std::string::npos) << r.err;
  EXPECT_TRUE(fs::exists(out / "variants/0000-utilization-0.3_rep-0/summary.json"));
  EXPECT_FALSE(fs::exists(out / "sweep.csv"));
}

TEST(sweep_cli_test, bad_input_exits_two_and_writes_nothing) {
  test::ScratchDir dir;
  const fs::path sweep = test::write_sweep(dir, "axes: [{field: racks.r.cuont, values: [1, 2]}]\n");
  const fs::path out = dir.path() / "out";
  const CliResult r = aifsim(dir, "sweep " + sweep.string() + " --out " + out.string());
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, sweep.string() + ":2:40: racks.r.cuont: unknown field (did you mean 'count'?)\n");
  EXPECT_FALSE(fs::exists(out));
  EXPECT_EQ(aifsim(dir, "sweep " + sweep.string() + " --shard 2/2").code, 2);
  EXPECT_EQ(aifsim(dir, "sweep").code, 2);
  const CliResult help = aifsim(dir, "sweep --help");
  EXPECT_EQ(help.code, 0);
  for (const char* s : {"--shard", "--merge", "--resume", "axes:", "replications"})
    EXPECT_NE(help.out.find(s), std::string::npos) << s;
}

}  // namespace
}  // namespace aifsim
