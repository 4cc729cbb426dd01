// SPDX-License-Identifier: Apache-2.0
// The aifsim command line as a user meets it: exit codes, messages, the run directory, and
// what an interrupted or killed run leaves behind.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

#include "tests/cli/cli_support.h"

namespace aifsim {
namespace {

using Result = test::CliResult;

Result aifsim(const test::ScratchDir& dir, const std::string& args) { return test::run_cli(dir, args); }

std::string scenario(const char* rel) { return test::scenario_path(rel); }

TEST(cli_test, help_and_version_exit_zero) {
  test::ScratchDir dir;
  const Result help = aifsim(dir, "--help");
  EXPECT_EQ(help.code, 0);
  EXPECT_NE(help.out.find("run"), std::string::npos);
  EXPECT_NE(help.out.find("Exit codes"), std::string::npos);
  const Result version = aifsim(dir, "--version");
  EXPECT_EQ(version.code, 0);
  EXPECT_NE(version.out.find("aifsim " AIFSIM_VERSION), std::string::npos);
  EXPECT_EQ(aifsim(dir, "run --help").code, 0);
}

TEST(cli_test, bad_flags_exit_two) {
  test::ScratchDir dir;
  EXPECT_EQ(aifsim(dir, "run " + scenario("examples/one-rack.yaml") + " --no-such-flag").code, 2);
  EXPECT_EQ(aifsim(dir, "frobnicate").code, 2);
  const Result set = aifsim(dir, "run " + scenario("examples/one-rack.yaml") + " --set nonsense");
  EXPECT_EQ(set.code, 2);
  EXPECT_NE(set.err.find("--set: expected field.path=value"), std::string::npos) << set.err;
}

TEST(cli_test, threads_flag_takes_auto_or_a_count_and_never_changes_the_results) {
  test::ScratchDir dir;
  const std::string base = "run " + scenario("examples/one-rack.yaml") + " --duration 20m --out ";
  for (const char* bad : {"0", "-2", "two"}) {
    const Result r = aifsim(dir, base + (dir.path() / "bad").string() + " --threads " + bad);
    EXPECT_EQ(r.code, 2) << bad;
    EXPECT_NE(r.err.find("--threads"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(dir.path() / "bad")) << bad;
  }
  const Result one = aifsim(dir, base + (dir.path() / "one").string() + " --threads 1");
  ASSERT_EQ(one.code, 0) << one.err;
  EXPECT_NE(one.err.find(", threads 1\n"), std::string::npos) << one.err;
  const Result two = aifsim(dir, base + (dir.path() / "two").string() + " --threads 2");
  ASSERT_EQ(two.code, 0) << two.err;
  const Result governed = aifsim(dir, base + (dir.path() / "auto").string());
  ASSERT_EQ(governed.code, 0) << governed.err;
  EXPECT_NE(governed.err.find(", threads "), std::string::npos) << governed.err;
  for (const char* f : {"summary.json", "timeseries.csv", "racks.csv"}) {
    const std::string a = test::read_file(dir.path() / "one" / f);
    EXPECT_EQ(a, test::read_file(dir.path() / "two" / f)) << f;
    EXPECT_EQ(a, test::read_file(dir.path() / "auto" / f)) << f;
  }
}

TEST(cli_test, validate_accepts_good_files_and_locates_errors) {
  test::ScratchDir dir;
  const Result ok = aifsim(dir, "validate " + scenario("taiwan-ai-factory.yaml") + " " + scenario("nano4-tainan.yaml"));
  EXPECT_EQ(ok.code, 0) << ok.err;
  EXPECT_NE(ok.out.find("96 racks, 6912 GPUs"), std::string::npos) << ok.out;
  EXPECT_NE(ok.out.find("57 racks, 1904 GPUs"), std::string::npos) << ok.out;
  EXPECT_NE(ok.out.find("6912 GPUs, 2 inference services, 864 replicas)"), std::string::npos) << ok.out;
  EXPECT_NE(ok.out.find("66 replicas, training pool of 1504 GPUs)"), std::string::npos) << ok.out;
  const auto bad = dir.write("bad.yaml", "racks:\n  main:\n    type: gb300-nvl72\n    count: -3\n");
  const Result r = aifsim(dir, "validate " + bad.string());
  EXPECT_EQ(r.code, 2);
  EXPECT_EQ(r.err, bad.string() + ":4:12: racks.main.count: must be > 0 (got -3)\n");
}

TEST(cli_test, run_writes_the_run_directory) {
  test::ScratchDir dir;
  const auto out = dir.path() / "run";
  const Result r = aifsim(dir, "run " + scenario("examples/one-rack.yaml") + " --out " + out.string() +
                                   " --duration 20m --seed 5");
  ASSERT_EQ(r.code, 0) << r.err;
  for (const char* f : {"summary.json", "timeseries.csv", "racks.csv", "scenario.resolved.yaml"})
    EXPECT_TRUE(std::filesystem::exists(out / f)) << f;
  EXPECT_FALSE(std::filesystem::exists(out / "checks.xml"));  // the scenario has no checks
  for (const auto& e : std::filesystem::directory_iterator(out))
    EXPECT_NE(e.path().extension(), ".tmp") << e.path();
  const std::string summary = test::read_file(out / "summary.json");
  for (const char* key : {"\"scenario\": \"one-rack\"", "\"seed\": 5", "\"duration_s\": 1200.0", "\"gpus\": 72,",
                          "\"it_energy_mwh\"", "\"facility_energy_mwh\"", "\"peak_it_power_mw\"",
                          "\"mean_it_power_mw\"", "\"peak_facility_power_mw\"", "\"mean_facility_power_mw\"",
                          "\"checks\": []", "\"completed\": true"})
    EXPECT_NE(summary.find(key), std::string::npos) << key << "\n" << summary;
  EXPECT_NE(r.out.find("facility_energy_mwh"), std::string::npos);  // the summary table
  EXPECT_NE(test::read_file(out / "scenario.resolved.yaml").find("duration: 20m"), std::string::npos);
}

TEST(cli_test, violated_check_exits_three_with_junit) {
  test::ScratchDir dir;
  const auto out = dir.path() / "run";
  const Result r = aifsim(dir, "run " + scenario("examples/one-rack.yaml") + " --out " + out.string() +
                                   " --duration 5m --set 'checks.peak_it_power_mw={max: 0.01}'" +
                                   " --set 'checks.mean_it_power_mw={min: 0.01}'");
  EXPECT_EQ(r.code, 3) << r.err;
  EXPECT_NE(r.err.find("check failed: peak_it_power_mw <= 0.01"), std::string::npos) << r.err;
  const std::string xml = test::read_file(out / "checks.xml");
  EXPECT_NE(xml.find("tests=\"2\""), std::string::npos) << xml;
  EXPECT_NE(xml.find("failures=\"1\""), std::string::npos) << xml;
  EXPECT_NE(test::read_file(out / "summary.json").find("\"passed\": false"), std::string::npos);
}

TEST(cli_test, unavailable_cuda_backend_is_an_input_error) {
  test::ScratchDir dir;
  const char* force = std::getenv("AIFSIM_FORCE_CPU");
  setenv("AIFSIM_FORCE_CPU", "1", 1);
  const Result r = aifsim(dir, "run " + scenario("examples/one-rack.yaml") + " --backend cuda --out " +
                                   (dir.path() / "x").string());
  if (force) setenv("AIFSIM_FORCE_CPU", force, 1); else unsetenv("AIFSIM_FORCE_CPU");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--backend cuda"), std::string::npos) << r.err;
}

// Starts a long run in the background and waits until its streamed output exists.
pid_t start_long_run(const std::filesystem::path& out) {
  const pid_t pid = fork();
  if (pid == 0) {
    freopen("/dev/null", "w", stdout);
    freopen("/dev/null", "w", stderr);
    const std::string sc = scenario("taiwan-ai-factory.yaml");
    execl(AIFSIM_CLI_PATH, AIFSIM_CLI_PATH, "run", sc.c_str(), "--out", out.c_str(), "--duration", "30d",
          "--set", "output.interval=1s", static_cast<char*>(nullptr));
    _exit(127);
  }
  for (int i = 0; i < 600 && test::temporary_of(out, "timeseries.csv").empty(); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // let it compute a while
  return pid;
}

TEST(cli_test, killed_run_leaves_no_final_named_files) {
  test::ScratchDir dir;
  const auto out = dir.path() / "run";
  const pid_t pid = start_long_run(out);
  ASSERT_GT(pid, 0);
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status));
  for (const char* f : {"summary.json", "timeseries.csv", "racks.csv", "scenario.resolved.yaml"})
    EXPECT_FALSE(std::filesystem::exists(out / f)) << f << " exists after SIGKILL";
}

TEST(cli_test, interrupted_run_keeps_everything_computed) {
  test::ScratchDir dir;
  const auto out = dir.path() / "run";
  const pid_t pid = start_long_run(out);
  ASSERT_GT(pid, 0);
  kill(pid, SIGINT);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status)) << "SIGINT should end the run cleanly";
  EXPECT_EQ(WEXITSTATUS(status), 130);  // 128 + SIGINT, after writing everything
  const std::string summary = test::read_file(out / "summary.json");
  EXPECT_NE(summary.find("\"completed\": false"), std::string::npos) << summary;
  const std::string ts = test::read_file(out / "timeseries.csv");
  EXPECT_GT(std::count(ts.begin(), ts.end(), '\n'), 2) << "rows computed before the interrupt were lost";
  EXPECT_TRUE(std::filesystem::exists(out / "scenario.resolved.yaml"));
}

TEST(cli_test, second_run_into_the_same_out_is_refused_and_the_first_goes_on) {
  test::ScratchDir dir;
  const auto out = dir.path() / "run";
  const pid_t pid = start_long_run(out);
  ASSERT_GT(pid, 0);
  const Result second = aifsim(dir, "run " + scenario("examples/one-rack.yaml") + " --quiet --out " + out.string());
  EXPECT_EQ(second.code, 2);
  EXPECT_NE(second.err.find("in use by another aifsim run"), std::string::npos) << second.err;
  kill(pid, SIGINT);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 130);
  const std::string summary = test::read_file(out / "summary.json");
  EXPECT_NE(summary.find("\"scenario\": \"taiwan-ai-factory\""), std::string::npos) << "the first run's files";
}

// stderr is a pipe here, as in CI: a plain line per tenth of the run, no carriage returns.
TEST(cli_test, progress_without_a_terminal_is_a_plain_line_every_tenth) {
  test::ScratchDir dir;
  const Result r = aifsim(dir, "run " + scenario("examples/one-rack.yaml") + " --duration 2h --out " +
                                   (dir.path() / "run").string());
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err.find('\r'), std::string::npos) << r.err;
  // Progress comes every 256 ticks, so each line is the first report past its tenth.
  std::vector<int> percents;
  for (std::size_t at = r.err.find("aifsim: "); at != std::string::npos; at = r.err.find("aifsim: ", at + 1)) {
    int pct = 0;
    if (std::sscanf(r.err.c_str() + at, "aifsim: %d%% simulated (", &pct) == 1) percents.push_back(pct);
  }
  ASSERT_EQ(percents.size(), 9U) << r.err;
  for (std::size_t i = 0; i < percents.size(); ++i) {
    EXPECT_GE(percents[i], 10 * static_cast<int>(i + 1)) << r.err;
    EXPECT_LT(percents[i], 10 * static_cast<int>(i + 2)) << r.err;
  }
  EXPECT_NE(r.err.find(" of 2h), "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(" wall, ETA "), std::string::npos) << r.err;
  const Result quiet = aifsim(dir, "run " + scenario("examples/one-rack.yaml") + " --quiet --duration 2h --out " +
                                       (dir.path() / "quiet").string());
  EXPECT_EQ(quiet.err.find("simulated"), std::string::npos) << quiet.err;
}

TEST(cli_test, summary_md_writes_the_kpi_table_and_a_bad_path_exits_two_before_running) {
  test::ScratchDir dir;
  const auto md = dir.path() / "summary.md";
  const Result r = aifsim(dir, "run " + scenario("examples/one-rack.yaml") + " --quiet --duration 20m --out " +
                                   (dir.path() / "run").string() + " --summary-md " + md.string());
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string text = test::read_file(md);
  EXPECT_EQ(text.rfind("### aifsim run `one-rack`: completed\n", 0), 0U) << text;
  EXPECT_NE(text.find("| `peak_facility_power_mw` | "), std::string::npos) << text;

  const auto missing = dir.path() / "no-such-dir" / "summary.md";
  const Result bad = aifsim(dir, "run " + scenario("examples/one-rack.yaml") + " --quiet --duration 20m --out " +
                                     (dir.path() / "run2").string() + " --summary-md " + missing.string());
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("aifsim: --summary-md: cannot write '" + missing.string() + "'"), std::string::npos)
      << bad.err;
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "run2"));
}

TEST(cli_test, max_memory_below_the_estimate_exits_two_before_any_run_directory) {
  test::ScratchDir dir;
  const auto out = dir.path() / "run";
  const Result r = aifsim(dir, "run " + scenario("taiwan-ai-factory.yaml") + " --quiet --max-memory 0.01 --out " +
                                   out.string());
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_NE(r.err.find("racks: 6912 GPUs need an estimated 0.0349 GiB of memory, more than the limit of 0.01 GiB"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(std::filesystem::exists(out));
}

TEST(cli_test, unusable_weather_file_exits_two_before_any_run_directory) {
  test::ScratchDir dir;
  const auto header_only = dir.write("empty.csv", "time,dry_bulb_c,relative_humidity_pct,pressure_kpa\n");
  const auto out = dir.path() / "run";
  const Result r = aifsim(dir, "run " + scenario("examples/one-rack.yaml") + " --quiet --weather " +
                                   header_only.string() + " --out " + out.string());
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_NE(r.err.find(header_only.string()), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find("internal error"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(out)) << "a failed run left a run directory";
}

TEST(cli_test, trace_that_cannot_be_replayed_exits_two_naming_it) {
  test::ScratchDir dir;
  const auto one = dir.write("one.csv", "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:15:46.6805900,374,44\n");
  const auto out = dir.path() / "run";
  const Result r = aifsim(dir, "run " + scenario("examples/one-rack.yaml") + " --quiet --duration 10m --set " +
                                   "'workloads.inference={chat: {model: llama-3.1-405b, racks: r, arrivals: {trace: " +
                                   one.string() + "}}}' --out " + out.string());
  EXPECT_EQ(r.code, 2) << r.err;
  EXPECT_NE(r.err.find(one.string() + ": cannot replay this trace"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(out));
}

TEST(cli_test, out_that_is_a_file_exits_two) {
  test::ScratchDir dir;
  const auto file = dir.write("taken", "x");
  const Result r = aifsim(dir, "run " + scenario("examples/one-rack.yaml") + " --quiet --out " + file.string());
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("aifsim: --out: "), std::string::npos) << r.err;
  EXPECT_EQ(test::read_file(file), "x");
}

}  // namespace
}  // namespace aifsim
