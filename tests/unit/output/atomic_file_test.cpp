// SPDX-License-Identifier: Apache-2.0
// Tests for AtomicFile: content appears under the final name only on commit, never after an
// abandoned write or a SIGKILL mid-write.
#include "sim/output/atomic_file.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <utility>

#include "tests/test_support.h"

namespace aifsim::output {
namespace {

namespace fs = std::filesystem;
using test::ScratchDir;
using test::read_file;

TEST(atomic_file_test, temp_file_sits_next_to_final_path) {
  ScratchDir dir;
  AtomicFile file(dir.path() / "out.csv");
  EXPECT_EQ(file.path(), dir.path() / "out.csv");
  EXPECT_EQ(file.temp_path().parent_path(), dir.path());
  EXPECT_TRUE(is_temporary_name(file.temp_path().filename().string())) << file.temp_path();
  EXPECT_TRUE(file.temp_path().filename().string().starts_with("out.csv.")) << file.temp_path();
  EXPECT_EQ(test::temporaries_in(dir.path()), std::vector<fs::path>{file.temp_path()});
  EXPECT_FALSE(fs::exists(dir.path() / "out.csv"));
}

// Two writers of one path (two runs into one --out, a sweep racing a run) must never write
// into the same temporary: each publishes its own complete file, the last rename wins.
TEST(atomic_file_test, two_writers_of_one_path_never_share_a_temporary) {
  ScratchDir dir;
  const fs::path target = dir.path() / "timeseries.csv";
  AtomicFile first(target);
  AtomicFile second(target);
  EXPECT_NE(first.temp_path(), second.temp_path());
  first.write("first,complete\n");
  second.write("second,complete,longer\n");
  second.commit();
  EXPECT_EQ(read_file(target), "second,complete,longer\n");
  first.commit();
  EXPECT_EQ(read_file(target), "first,complete\n");
  EXPECT_TRUE(test::temporaries_in(dir.path()).empty());
}

TEST(atomic_file_test, temporary_names_are_recognised_exactly) {
  EXPECT_TRUE(is_temporary_name("timeseries.csv.4242-0a1b2c3d.tmp"));
  EXPECT_TRUE(is_temporary_name("summary.json.1-ffffffff.tmp"));
  EXPECT_FALSE(is_temporary_name("timeseries.csv.tmp"));          // no tag
  EXPECT_FALSE(is_temporary_name("notes.4242-0a1b2c3.tmp"));      // 7 hex digits
  EXPECT_FALSE(is_temporary_name("notes.4242-0A1B2C3D.tmp"));     // upper case
  EXPECT_FALSE(is_temporary_name("notes.42x2-0a1b2c3d.tmp"));     // pid not digits
  EXPECT_FALSE(is_temporary_name(".4242-0a1b2c3d.tmp"));          // no name before the tag
  EXPECT_FALSE(is_temporary_name("timeseries.csv.4242-0a1b2c3d"));  // no suffix
}

TEST(atomic_file_test, remove_stale_temporaries_deletes_only_temporaries) {
  ScratchDir dir;
  dir.write("timeseries.csv.4242-0a1b2c3d.tmp", "torn,ro");
  dir.write("summary.json.77-00000000.tmp", "{");
  dir.write("summary.json", "{}\n");
  dir.write("my-notes.tmp", "a user's file");
  fs::create_directories(dir.path() / "variants.9-12345678.tmp");  // a directory is left alone
  EXPECT_EQ(remove_stale_temporaries(dir.path()), 2U);
  EXPECT_TRUE(fs::exists(dir.path() / "summary.json"));
  EXPECT_TRUE(fs::exists(dir.path() / "my-notes.tmp"));
  EXPECT_TRUE(fs::is_directory(dir.path() / "variants.9-12345678.tmp"));
  EXPECT_FALSE(fs::exists(dir.path() / "timeseries.csv.4242-0a1b2c3d.tmp"));
}

TEST(atomic_file_test, commit_publishes_content_and_removes_temp) {
  ScratchDir dir;
  const fs::path target = dir.path() / "summary.json";
  AtomicFile file(target);
  file.write("hello, ");
  file.write("world\n");
  EXPECT_FALSE(fs::exists(target));
  EXPECT_EQ(file.bytes_written(), 13U);
  file.commit();
  EXPECT_TRUE(file.committed());
  EXPECT_EQ(read_file(target), "hello, world\n");
  EXPECT_TRUE(test::temporaries_in(dir.path()).empty());
}

TEST(atomic_file_test, destructor_without_commit_removes_temp_and_creates_nothing) {
  ScratchDir dir;
  const fs::path target = dir.path() / "abandoned.csv";
  {
    AtomicFile file(target);
    file.write(std::string(200'000, 'x'));  // more than the buffer, so bytes reached disk
    file.flush();
    EXPECT_TRUE(fs::exists(file.temp_path()));
  }
  EXPECT_FALSE(fs::exists(target));
  EXPECT_TRUE(test::temporaries_in(dir.path()).empty());
  EXPECT_TRUE(fs::is_empty(dir.path()));
}

TEST(atomic_file_test, abandoned_rewrite_keeps_previous_file_intact) {
  ScratchDir dir;
  const fs::path target = dir.path() / "timeseries.csv";
  write_file_atomic(target, "old complete content\n");
  try {
    AtomicFile file(target);
    file.write("new but tor");
    throw std::runtime_error("simulated failure mid-run");
  } catch (const std::runtime_error&) {
  }
  EXPECT_EQ(read_file(target), "old complete content\n");
  EXPECT_TRUE(test::temporaries_in(dir.path()).empty());
}

TEST(atomic_file_test, commit_replaces_existing_file) {
  ScratchDir dir;
  const fs::path target = dir.path() / "a.txt";
  write_file_atomic(target, "first version, longer than the second\n");
  write_file_atomic(target, "second\n");
  EXPECT_EQ(read_file(target), "second\n");
}

TEST(atomic_file_test, large_and_small_writes_keep_exact_byte_order) {
  ScratchDir dir;
  const fs::path target = dir.path() / "mixed.bin";
  std::string expected;
  AtomicFile file(target);
  for (int i = 0; i < 50; ++i) {
    // Sizes straddle the internal buffer size so every buffering path is taken.
    const std::string piece(static_cast<std::size_t>(i) * 4099 % 150'000,
                            static_cast<char>('a' + i % 26));
    file.write(piece);
    file.write(std::to_string(i));
    expected += piece;
    expected += std::to_string(i);
  }
  file.commit();
  EXPECT_EQ(file.bytes_written(), expected.size());
  EXPECT_EQ(read_file(target), expected);
}

TEST(atomic_file_test, flush_makes_bytes_visible_in_temp) {
  ScratchDir dir;
  AtomicFile file(dir.path() / "live.csv");
  file.write("row 1\n");
  file.flush();
  EXPECT_EQ(read_file(file.temp_path()), "row 1\n");
}

TEST(atomic_file_test, open_in_missing_directory_throws_naming_path_and_reason) {
  ScratchDir dir;
  const fs::path target = dir.path() / "no-such-dir" / "out.csv";
  try {
    AtomicFile file(target);
    FAIL() << "expected std::runtime_error";
  } catch (const std::runtime_error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find((dir.path() / "no-such-dir" / "out.csv").string()), std::string::npos)
        << message;
    EXPECT_NE(message.find("No such file or directory"), std::string::npos) << message;
  }
}

TEST(atomic_file_test, path_without_file_name_is_rejected) {
  ScratchDir dir;
  EXPECT_THROW(AtomicFile(dir.path() / ""), std::invalid_argument);
}

TEST(atomic_file_test, failed_rename_throws_and_removes_temp) {
  ScratchDir dir;
  // A non-empty directory under the final name cannot be replaced by a file.
  const fs::path target = dir.path() / "occupied";
  fs::create_directories(target / "child");
  try {
    write_file_atomic(target, "data");
    FAIL() << "expected std::runtime_error";
  } catch (const std::runtime_error& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("cannot rename"), std::string::npos) << message;
    EXPECT_NE(message.find(target.string()), std::string::npos) << message;
  }
  EXPECT_TRUE(fs::is_directory(target / "child"));
  EXPECT_TRUE(test::temporaries_in(dir.path()).empty());
}

TEST(atomic_file_test, write_or_commit_after_commit_is_a_logic_error) {
  ScratchDir dir;
  AtomicFile file(dir.path() / "once.txt");
  file.write("x");
  file.commit();
  EXPECT_THROW(file.write("y"), std::logic_error);
  EXPECT_THROW(file.commit(), std::logic_error);
  EXPECT_EQ(read_file(dir.path() / "once.txt"), "x");
}

TEST(atomic_file_test, move_transfers_ownership_of_temp) {
  ScratchDir dir;
  const fs::path target = dir.path() / "moved.txt";
  AtomicFile first(target);
  first.write("abc");
  AtomicFile second(std::move(first));
  {
    AtomicFile scratch(dir.path() / "scratch.txt");
    scratch = std::move(second);  // abandons scratch's own temporary
    EXPECT_EQ(test::temporaries_in(dir.path()).size(), 1U);  // only the moved one's
    scratch.write("def");
    scratch.commit();
  }
  EXPECT_EQ(read_file(target), "abcdef");
  EXPECT_FALSE(fs::exists(dir.path() / "scratch.txt"));
}

TEST(atomic_file_test, write_file_atomic_writes_exact_bytes) {
  ScratchDir dir;
  const std::string content("binary\0with nul\r\n", 18);
  write_file_atomic(dir.path() / "exact.bin", content);
  EXPECT_EQ(read_file(dir.path() / "exact.bin"), content);
  EXPECT_TRUE(test::temporaries_in(dir.path()).empty());
}

// The reason AtomicFile exists: SIGKILL (OOM killer, Ctrl-\ in a batch system, a timeout)
// in the middle of writing must leave no file under the final name.
TEST(atomic_file_test, leaves_no_final_file_when_killed_mid_write) {
  ScratchDir dir;
  const fs::path target = dir.path() / "big.csv";
  int ready_pipe[2];
  ASSERT_EQ(::pipe(ready_pipe), 0);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0) << "fork failed";
  if (child == 0) {
    // Child: no gtest macros here, only _exit codes the parent does not expect.
    ::close(ready_pipe[0]);
    try {
      AtomicFile file(target);
      std::string row = "0,rack-01,1532.25,0.87,41.5\n";
      row.resize(4096, 'x');
      for (int i = 0; i < 256; ++i) {  // 1 MiB
        file.write(row);
      }
      file.flush();
      const char ready = 'r';
      if (::write(ready_pipe[1], &ready, 1) != 1) {
        ::_exit(3);
      }
      // Keeps writing until killed; if the kill never comes it commits, and the parent's
      // check on the final file fails.
      for (int i = 0; i < 10'000; ++i) {
        file.write(row);
        ::usleep(1000);
      }
      file.commit();
      ::_exit(0);
    } catch (...) {
      ::_exit(2);
    }
  }
  ::close(ready_pipe[1]);
  char ready = 0;
  ssize_t n = 0;
  do {
    n = ::read(ready_pipe[0], &ready, 1);
  } while (n < 0 && errno == EINTR);
  ::close(ready_pipe[0]);
  ASSERT_EQ(::kill(child, SIGKILL), 0);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_EQ(n, 1) << "child did not reach the mid-write point (exit status " << status << ")";
  ASSERT_TRUE(WIFSIGNALED(status)) << "child exited with " << WEXITSTATUS(status);
  EXPECT_EQ(WTERMSIG(status), SIGKILL);

  EXPECT_FALSE(fs::exists(target)) << "a killed writer left a file under the final name";
  const fs::path temp = test::temporary_of(dir.path(), "big.csv");
  ASSERT_FALSE(temp.empty()) << "the killed writer's temporary should remain";
  EXPECT_GE(fs::file_size(temp), 1U << 20U);
}

}  // namespace
}  // namespace aifsim::output
