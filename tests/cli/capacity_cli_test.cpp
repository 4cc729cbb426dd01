// SPDX-License-Identifier: Apache-2.0
// aifsim capacity end to end: on the reference site's hottest afternoon it names a rack count
// and the binding constraint, and a run of one more rack from the search's own resolved
// scenario breaks the limit; a resumed search reads its runs back; bad input exits 2 with one
// line and writes nothing.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "tests/cli/cli_support.h"
#include "tests/unit/capacity/small_site.h"

namespace aifsim {
namespace {

namespace fs = std::filesystem;
using test::CliResult;

CliResult aifsim(const test::ScratchDir& dir, const std::string& args) { return test::run_cli(dir, args); }

TEST(capacity_cli_test, reference_site_names_a_rack_count_and_one_more_rack_breaks_it) {
  test::ScratchDir dir;
  const fs::path out = dir.path() / "cap";
  // The hottest day's afternoon hour (wet bulb and chat demand peak at 14:00-15:00).
  const CliResult r = aifsim(dir, "capacity " + test::scenario_path("taiwan-ai-factory.yaml") +
                                      " --grow racks.gb300.count --until 'peak_facility_power_mw<=16'"
                                      " --design-day hottest --window 14:00-15:00 -j 2 --out " + out.string());
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(test::read_file(out / "capacity.json"));
  const int answer = j["answer"].get<int>();
  EXPECT_EQ(j["breaks_at"].get<int>(), answer + 1);
  EXPECT_GT(answer, 96) << "96 racks peak well inside 16 MW";
  ASSERT_FALSE(j["binding"].empty());
  const std::string binding_key = j["binding"][0]["key"];
  EXPECT_NE(r.out.find("answer: " + std::to_string(answer) + " (" + std::to_string(answer + 1) + " breaks it)"),
            std::string::npos) << r.out;
  EXPECT_NE(r.out.find("binding at " + std::to_string(answer + 1) + ": "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("chat: arrivals scale with its replicas"), std::string::npos) << r.out;
  EXPECT_EQ(j["design_days"][0]["date"].get<std::string>().substr(0, 5), "2026-");
  EXPECT_NE(r.err.find("design day 2026-"), std::string::npos) << r.err;

  // Outside the search: the answer's own resolved scenario, run again as it is and with one
  // more rack. The binding limit holds at the answer and breaks one rack above.
  std::string answer_dir;
  for (const auto& p : j["probes"])
    if (p["value"].get<int>() == answer) answer_dir = p["dir"];
  ASSERT_FALSE(answer_dir.empty());
  const fs::path resolved = out / answer_dir / "scenario.resolved.yaml";
  const auto run_at = [&](int racks, const std::string& name) {
    const CliResult run = aifsim(dir, "run " + resolved.string() + " --quiet --set racks.gb300.count=" +
                                          std::to_string(racks) + " --out " + (dir.path() / name).string());
    const auto s = nlohmann::json::parse(test::read_file(dir.path() / name / "summary.json"));
    return std::make_pair(run.code, s[binding_key].get<double>());
  };
  const double bound = j["binding"][0]["value"].get<double>();
  const auto [code_at, value_at] = run_at(answer, "at");
  const auto [code_above, value_above] = run_at(answer + 1, "above");
  EXPECT_EQ(value_above, bound) << "the same run as the search's";
  if (binding_key == "peak_facility_power_mw") {
    EXPECT_EQ(code_at, 0);
    EXPECT_EQ(code_above, 3) << "the scenario's check on facility power fails";
    EXPECT_LE(value_at, 16.0);
    EXPECT_GT(value_above, 16.0);
  }
}

const char* const kSmall = test::kSmallCapacitySite;

TEST(capacity_cli_test, a_resumed_search_reads_its_runs_back_to_the_same_answer) {
  test::ScratchDir dir;
  const auto scenario = dir.write("small.yaml", kSmall);
  const std::string args = "capacity " + scenario.string() + " --grow racks.main.count --until 'peak_it_power_mw<=0.5' -j 2 --out " +
                           (dir.path() / "s").string();
  const CliResult first = aifsim(dir, args);
  ASSERT_EQ(first.code, 0) << first.err;
  const std::string table = test::read_file(dir.path() / "s" / "sweep.csv");
  // Without --resume the directory is refused.
  const CliResult again = aifsim(dir, args);
  EXPECT_EQ(again.code, 2);
  EXPECT_NE(again.err.find("holds a capacity search or sweep already; --resume continues it"), std::string::npos);
  const CliResult resumed = aifsim(dir, args + " --resume");
  ASSERT_EQ(resumed.code, 0) << resumed.err;
  EXPECT_NE(resumed.err.find("(read back)"), std::string::npos) << resumed.err;
  EXPECT_EQ(resumed.out.substr(0, resumed.out.find("  runs:")), first.out.substr(0, first.out.find("  runs:")));
  EXPECT_EQ(test::read_file(dir.path() / "s" / "sweep.csv"), table);
}

TEST(capacity_cli_test, ctrl_c_keeps_finished_runs_and_resume_reaches_the_same_answer) {
  test::ScratchDir dir;
  const auto scenario = dir.write("small.yaml", kSmall);
  const std::string limits = " --grow racks.main.count --until 'peak_it_power_mw<=0.5' -j 1 --set time.duration=20m";
  const CliResult whole = aifsim(dir, "capacity " + scenario.string() + limits + " --out " + (dir.path() / "whole").string());
  ASSERT_EQ(whole.code, 0) << whole.err;

  const fs::path stopped = dir.path() / "stopped";
  const pid_t pid = fork();
  if (pid == 0) {
    freopen("/dev/null", "w", stdout);
    freopen("/dev/null", "w", stderr);
    execl(AIFSIM_CLI_PATH, AIFSIM_CLI_PATH, "capacity", scenario.c_str(), "--grow", "racks.main.count", "--until",
          "peak_it_power_mw<=0.5", "-j", "1", "--set", "time.duration=20m", "--out", stopped.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  const fs::path first = stopped / "variants/0000-count-2/summary.json";
  for (int i = 0; i < 10000 && !fs::exists(first); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  kill(pid, SIGINT);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 130);
  EXPECT_TRUE(fs::exists(first));
  EXPECT_FALSE(fs::exists(stopped / "capacity.json"));
  EXPECT_TRUE(fs::exists(stopped / "sweep.csv"));

  const CliResult resumed = aifsim(dir, "capacity " + scenario.string() + limits + " --resume --out " + stopped.string());
  ASSERT_EQ(resumed.code, 0) << resumed.err;
  EXPECT_EQ(resumed.out.substr(0, resumed.out.find("  runs:")), whole.out.substr(0, whole.out.find("  runs:")));
  EXPECT_EQ(test::read_file(stopped / "sweep.csv"), test::read_file(dir.path() / "whole" / "sweep.csv"));
}

TEST(capacity_cli_test, bad_input_exits_two_with_one_line_and_writes_nothing) {
  test::ScratchDir dir;
  const auto scenario = dir.write("small.yaml", kSmall);
  const std::string head = "capacity " + scenario.string() + " --out " + (dir.path() / "x").string() + " ";
  const struct {
    std::string args, error;
  } cases[] = {
      {"--grow racks.main.count --until 'peak_facility_power_mx<=16'",
       "--until 'peak_facility_power_mx<=16': unknown summary key 'peak_facility_power_mx' (did you mean "
       "'peak_facility_power_mw'?); `aifsim docs` lists the keys"},
      {"--grow racks.main.cuont --until 'pue<=2'",
       "--grow 'racks.main.cuont': unknown field 'cuont' in racks.main (did you mean 'count'?)"},
      {"--grow time.dt_s --until 'pue<=2'",
       "--grow 'time.dt_s': is a number; --grow takes an integer field (a rack count, replicas, GPUs)"},
      {"--grow racks.main.count", "aifsim capacity: --until 'KEY<=X' is required (the limit to hold)"},
      {"--grow racks.main.count --until 'pue<=2' --window 12:00-13:00",
       "--window: needs --design-day (the window is part of a design day)"},
      {"--grow racks.main.count --until 'pue<=2' --design-day 2026-13-01",
       "--design-day '2026-13-01': expected a date YYYY-MM-DD or 'hottest'"},
      {"--grow racks.main.count --until 'pue<=2' --min 5 --max 3", "--max 3: below --min 5"},
      {"--grow racks.main.count --until 'pue<=2' --set racks.main.type=gb900",
       ""},  // the loader's located message
  };
  for (const auto& c : cases) {
    const CliResult r = aifsim(dir, head + c.args);
    EXPECT_EQ(r.code, 2) << c.args;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << c.args << ": " << r.err;
    if (!c.error.empty()) {
      EXPECT_EQ(r.err, c.error + "\n") << c.args;
    }
    EXPECT_TRUE(r.out.empty()) << c.args;
    EXPECT_FALSE(fs::exists(dir.path() / "x")) << c.args;
  }
  // A search whose lowest value already fails: exit 2, saying why.
  const CliResult low = aifsim(dir, head + "--grow racks.main.count --until 'peak_it_power_mw<=0.001'");
  EXPECT_EQ(low.code, 2);
  EXPECT_NE(low.err.find("aifsim capacity: racks.main.count: the lowest value 1 already fails (racks.main.count = 1: "
                         "fails: IT power: peak_it_power_mw = "),
            std::string::npos)
      << low.err;
  EXPECT_FALSE(fs::exists(dir.path() / "x" / "capacity.json"));
}

}  // namespace
}  // namespace aifsim
