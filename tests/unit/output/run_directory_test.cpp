// SPDX-License-Identifier: Apache-2.0
// Tests for run directory naming (UTC timestamp, sanitized scenario name) and creation.
#include "sim/output/run_directory.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

#include "tests/test_support.h"

namespace aifsim::output {
namespace {

namespace fs = std::filesystem;
using std::chrono::sys_days;
using test::ScratchDir;

std::chrono::system_clock::time_point at(sys_days day, int h, int m, int s, int ms = 0) {
  return day + std::chrono::hours(h) + std::chrono::minutes(m) + std::chrono::seconds(s) +
         std::chrono::milliseconds(ms);
}

TEST(run_directory_test, name_is_scenario_and_utc_timestamp) {
  using namespace std::chrono;
  const auto now = at(sys_days{2024y / March / 5}, 13, 7, 9, 999);
  EXPECT_EQ(default_run_directory("small-hall", now),
            fs::path("runs") / "small-hall-20240305-130709");
}

TEST(run_directory_test, timestamp_pads_fields_and_handles_year_boundaries) {
  using namespace std::chrono;
  EXPECT_EQ(default_run_directory("s", at(sys_days{1999y / December / 31}, 23, 59, 59, 500)),
            fs::path("runs") / "s-19991231-235959");
  EXPECT_EQ(default_run_directory("s", at(sys_days{2000y / January / 1}, 0, 0, 0)),
            fs::path("runs") / "s-20000101-000000");
  EXPECT_EQ(default_run_directory("s", at(sys_days{2024y / February / 29}, 1, 2, 3)),
            fs::path("runs") / "s-20240229-010203");
}

TEST(run_directory_test, sanitizes_scenario_name) {
  EXPECT_EQ(sanitize_scenario_name("Hall_A-v1.2"), "Hall_A-v1.2");
  EXPECT_EQ(sanitize_scenario_name("hall A/row 2:gpu*"), "hall_A_row_2_gpu_");
  EXPECT_EQ(sanitize_scenario_name("../../etc/passwd"), "_._.._etc_passwd");
  EXPECT_EQ(sanitize_scenario_name(".hidden"), "_hidden");
  EXPECT_EQ(sanitize_scenario_name(".."), "_.");
  EXPECT_EQ(sanitize_scenario_name("caf\xC3\xA9"), "caf__");
  EXPECT_EQ(sanitize_scenario_name(std::string("tab\tnl\nnul\0", 11)), "tab_nl_nul_");
  EXPECT_EQ(sanitize_scenario_name(""), "scenario");
  EXPECT_EQ(sanitize_scenario_name(std::string(300, 'x')), std::string(200, 'x'));
}

TEST(run_directory_test, sanitized_name_is_a_single_path_component) {
  using namespace std::chrono;
  const fs::path dir =
      default_run_directory("a/../../b c", at(sys_days{2024y / June / 1}, 0, 0, 0));
  EXPECT_EQ(dir.parent_path(), fs::path("runs"));
  EXPECT_EQ(dir.filename().string(), "a_.._.._b_c-20240601-000000");
}

TEST(run_directory_test, prepare_creates_directory_and_parents) {
  ScratchDir temp;
  const fs::path dir = temp.path() / "runs" / "nested" / "scenario-20240101-000000";
  prepare_run_directory(dir);
  EXPECT_TRUE(fs::is_directory(dir));
}

TEST(run_directory_test, prepare_accepts_existing_directory) {
  ScratchDir temp;
  const fs::path dir = temp.path() / "existing";
  fs::create_directory(dir);
  std::ofstream(dir / "keep.txt") << "kept";
  EXPECT_NO_THROW(prepare_run_directory(dir));
  EXPECT_TRUE(fs::exists(dir / "keep.txt"));
}

TEST(run_directory_test, prepare_throws_when_path_is_a_file) {
  ScratchDir temp;
  const fs::path file = temp.path() / "taken";
  std::ofstream(file) << "not a directory";
  try {
    prepare_run_directory(file);
    FAIL() << "expected std::runtime_error";
  } catch (const std::runtime_error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find(file.string()), std::string::npos) << message;
    EXPECT_NE(message.find("not a directory"), std::string::npos) << message;
  }
}

TEST(run_directory_test, prepare_throws_when_parent_is_a_file) {
  ScratchDir temp;
  const fs::path file = temp.path() / "blocker";
  std::ofstream(file) << "x";
  const fs::path dir = file / "run";
  try {
    prepare_run_directory(dir);
    FAIL() << "expected std::runtime_error";
  } catch (const std::runtime_error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("cannot create run directory"), std::string::npos) << message;
    EXPECT_NE(message.find(dir.string()), std::string::npos) << message;
  }
  EXPECT_FALSE(fs::exists(dir));
}

TEST(run_directory_test, prepare_rejects_empty_path) {
  EXPECT_THROW(prepare_run_directory(fs::path()), std::runtime_error);
}

TEST(run_directory_test, second_lock_on_one_directory_is_refused_until_the_first_ends) {
  ScratchDir scratch;
  {
    const RunDirectoryLock first(scratch.path());
    try {
      const RunDirectoryLock second(scratch.path());
      FAIL() << "a second lock was granted";
    } catch (const RunDirectoryError& e) {
      EXPECT_NE(std::string(e.what()).find("in use by another aifsim run"), std::string::npos) << e.what();
    }
  }
  EXPECT_NO_THROW(const RunDirectoryLock again(scratch.path()));
}

// A run killed with SIGKILL leaves its temporaries; the next run into that directory owns it
// once locked, and clears them so they neither pile up nor look like live output.
TEST(run_directory_test, lock_clears_temporaries_of_a_killed_run) {
  ScratchDir scratch;
  scratch.write("timeseries.csv.31337-deadbeef.tmp", "t,p\n1,");
  scratch.write("racks.csv", "complete\n");
  const RunDirectoryLock lock(scratch.path());
  EXPECT_TRUE(test::temporaries_in(scratch.path()).empty());
  EXPECT_TRUE(fs::exists(scratch.path() / "racks.csv"));
}

}  // namespace
}  // namespace aifsim::output
