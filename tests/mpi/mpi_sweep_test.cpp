// SPDX-License-Identifier: Apache-2.0
// aifsim-mpi sweep end to end under mpirun: any number of ranks writes the local sweep's
// sweep.csv and sweep.json byte for byte; Ctrl-C keeps the finished variants and --resume
// completes the same table; a dead rank or a failed variant leaves no table; bad input
// exits 2 with one message and nothing written.
#include <gtest/gtest.h>

#include "tests/mpi/mpi_support.h"
#include "tests/unit/sweep/sweep_support.h"

namespace aifsim {
namespace {

namespace fs = std::filesystem;
using test::CliResult;


// Two short variants (ten minutes), then two long ones (15 days, ~3 s of CPU each): the short
// ones finish first, and the long ones are still running a second after that, when mpirun
// passes a Ctrl-C on to the ranks as SIGTERM.
fs::path write_short_then_long_sweep(const test::ScratchDir& dir) {
  return test::write_sweep(dir,
                           "name: short-then-long\n"
                           "set: {output.interval: 1h, output.racks_interval: 1h}\n"
                           "axes:\n"
                           "  - {field: time.duration, values: [10m, 360h]}\n"
                           "replications: 2\n");
}

std::string quoted(const fs::path& p) { return "'" + p.string() + "'"; }

TEST(mpi_sweep_test, any_number_of_ranks_writes_the_bytes_of_the_local_sweep) {
  test::ScratchDir dir;
  const fs::path sweep = test::write_four_variant_sweep(dir);
  const fs::path local = dir.path() / "local";
  const CliResult l = test::run_cli(dir, "sweep " + quoted(sweep) + " -j 2 --out " + quoted(local));
  ASSERT_EQ(l.code, 0) << l.err;
  const std::string csv = test::read_file(local / "sweep.csv");
  const std::string json = test::read_file(local / "sweep.json");
  ASSERT_EQ(std::count(csv.begin(), csv.end(), '\n'), 5) << csv;

  for (const int ranks : {2, 1, 3}) {
    SCOPED_TRACE("ranks: " + std::to_string(ranks));
    const fs::path out = dir.path() / ("np" + std::to_string(ranks));
    const CliResult r = test::run_mpi(dir, ranks, "sweep " + quoted(sweep) + " --out " + quoted(out));
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(test::read_file(out / "sweep.csv"), csv);
    EXPECT_EQ(test::read_file(out / "sweep.json"), json);
    for (const auto& v : fs::directory_iterator(local / "variants"))
      EXPECT_TRUE(fs::exists(out / "variants" / v.path().filename() / "summary.json")) << v.path().filename();
    EXPECT_NE(r.out.find("4 of 4 variants done"), std::string::npos) << r.out;
    EXPECT_NE(r.err.find(std::to_string(ranks) + " MPI rank"), std::string::npos) << r.err;
    // Rank 0 runs variants too, and each worker asks for its first one as soon as it starts.
    for (int rank = 0; rank < std::min(ranks, 2); ++rank)
      EXPECT_NE(r.err.find("on rank " + std::to_string(rank) + "\n"), std::string::npos) << r.err;
  }
}

TEST(mpi_sweep_test, bad_input_exits_two_with_one_message_and_writes_nothing) {
  test::ScratchDir dir;
  const fs::path sweep = test::write_sweep(dir, "axes: [{field: racks.r.cuont, values: [1, 2]}]\n");
  const fs::path out = dir.path() / "out";
  const CliResult r = test::run_mpi(dir, 2, "sweep " + quoted(sweep) + " --out " + quoted(out));
  EXPECT_EQ(r.code, 2);
  // The local sweep's message, once (only rank 0 speaks), before mpirun's note that a rank
  // exited non-zero.
  const std::string message = sweep.string() + ":2:40: racks.r.cuont: unknown field (did you mean 'count'?)\n";
  EXPECT_EQ(r.err.substr(0, message.size()), message);
  EXPECT_EQ(r.err.find(message, 1), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(out));
  const CliResult flags = test::run_mpi(dir, 2, "sweep " + quoted(sweep) + " --shard 0/2");
  EXPECT_EQ(flags.code, 2);
  EXPECT_EQ(flags.err.rfind("aifsim-mpi: "), 0u) << flags.err;

  // A directory that holds a sweep is refused without --resume.
  const fs::path tiny = test::write_four_variant_sweep(dir);
  ASSERT_EQ(test::run_cli(dir, "sweep " + quoted(tiny) + " -q --out " + quoted(out)).code, 0);
  const CliResult again = test::run_mpi(dir, 2, "sweep " + quoted(tiny) + " --out " + quoted(out));
  EXPECT_EQ(again.code, 2);
  EXPECT_NE(again.err.find("holds a sweep already"), std::string::npos) << again.err;

  // --help works without mpirun (a singleton MPI job).
  const CliResult help = test::run_command(dir, std::string(AIFSIM_MPI_PATH) + " sweep --help");
  EXPECT_EQ(help.code, 0);
  for (const char* s : {"mpirun -np", "--resume", "--out", "byte for byte"})
    EXPECT_NE(help.out.find(s), std::string::npos) << s;
}

TEST(mpi_sweep_test, ctrl_c_keeps_finished_variants_and_resume_completes_the_same_table) {
  test::ScratchDir dir;
  const fs::path sweep = write_short_then_long_sweep(dir);
  const fs::path out = dir.path() / "out";
  const pid_t mpirun = test::spawn_mpi(2, {"sweep", sweep.string(), "--out", out.string()}, dir.path() / "log.txt");
  const fs::path short0 = out / "variants/0000-duration-10m_rep-0/summary.json";
  const fs::path short1 = out / "variants/0001-duration-10m_rep-1/summary.json";
  const bool started = test::wait_for_file(short0, std::chrono::seconds(60)) &&
                       test::wait_for_file(short1, std::chrono::seconds(60));
  kill(mpirun, SIGINT);
  const int code = test::wait_exit_code(mpirun);
  const std::string log = test::read_file(dir.path() / "log.txt");
  ASSERT_TRUE(started) << log;
  EXPECT_NE(code, 0) << log;
  // The short variants are kept, the long ones stopped (or killed) before their end, and
  // there is no table of a stopped sweep.
  EXPECT_NE(test::read_file(short0).find("\"completed\": true"), std::string::npos);
  EXPECT_EQ(test::read_file(out / "variants/0002-duration-360h_rep-0/summary.json").find("\"completed\": true"),
            std::string::npos)
      << log;
  EXPECT_FALSE(fs::exists(out / "sweep.csv")) << log;

  const CliResult resumed = test::run_mpi(dir, 2, "sweep " + quoted(sweep) + " --resume --out " + quoted(out));
  ASSERT_EQ(resumed.code, 0) << resumed.err;
  EXPECT_NE(resumed.err.find("variants/0000-duration-10m_rep-0: read back"), std::string::npos) << resumed.err;
  EXPECT_EQ(resumed.err.find("variants/0002-duration-360h_rep-0: read back"), std::string::npos) << resumed.err;
  const fs::path local = dir.path() / "local";
  ASSERT_EQ(test::run_cli(dir, "sweep " + quoted(sweep) + " -j 2 -q --out " + quoted(local)).code, 0);
  EXPECT_EQ(test::read_file(out / "sweep.csv"), test::read_file(local / "sweep.csv"));
  EXPECT_EQ(test::read_file(out / "sweep.json"), test::read_file(local / "sweep.json"));
}

TEST(mpi_sweep_test, a_dead_rank_or_a_failed_variant_leaves_no_table) {
  test::ScratchDir dir;
  const fs::path sweep = write_short_then_long_sweep(dir);
  const fs::path out = dir.path() / "out";
  const pid_t mpirun = test::spawn_mpi(2, {"sweep", sweep.string(), "--out", out.string()}, dir.path() / "log.txt");
  const bool started = test::wait_for_file(out / "variants/0000-duration-10m_rep-0/summary.json",
                                           std::chrono::seconds(60));
  const pid_t worker = test::rank_pid(mpirun, 1);
  if (worker > 0) kill(worker, SIGKILL);
  const int code = test::wait_exit_code(mpirun);
  const std::string log = test::read_file(dir.path() / "log.txt");
  ASSERT_TRUE(started) << log;
  ASSERT_GT(worker, 0) << "rank 1 not found among mpirun's children";
  EXPECT_NE(code, 0) << log;
  EXPECT_NE(log.find("rank 1"), std::string::npos) << log;  // mpirun names the rank that died
  EXPECT_FALSE(fs::exists(out / "sweep.csv")) << log;
  EXPECT_FALSE(fs::exists(out / "sweep.json")) << log;

  // A variant whose directory cannot be made fails; the others finish and are kept.
  const fs::path tiny = test::write_four_variant_sweep(dir);
  const fs::path blocked = dir.path() / "blocked";
  dir.write("blocked/variants/0001-utilization-0.3_rep-1", "not a directory\n");
  const CliResult r = test::run_mpi(dir, 2, "sweep " + quoted(tiny) + " --resume --out " + quoted(blocked));
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("0001-utilization-0.3_rep-1"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("finished variants are kept; --resume continues"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(blocked / "sweep.csv"));
  EXPECT_TRUE(fs::exists(blocked / "variants/0000-utilization-0.3_rep-0/summary.json"));
}

}  // namespace
}  // namespace aifsim
