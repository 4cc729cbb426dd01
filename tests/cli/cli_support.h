// SPDX-License-Identifier: Apache-2.0
// Runs the aifsim binary (or another command) from a test and captures its exit code, stdout
// and stderr.
#pragma once

#include <sys/wait.h>

#include <cstdlib>
#include <string>

#include "tests/test_support.h"

namespace aifsim::test {

struct CliResult {
  int code = -1;
  std::string out, err;
};

// Runs the shell command `command` (a program and its arguments, quoted by the caller),
// stdin from /dev/null.
inline CliResult run_command(const ScratchDir& dir, const std::string& command) {
  const auto out = dir.path() / "stdout.txt";
  const auto err = dir.path() / "stderr.txt";
  const std::string cmd = command + " > '" + out.string() + "' 2> '" + err.string() + "' < /dev/null";
  const int status = std::system(cmd.c_str());
  CliResult r;
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = read_file(out);
  r.err = read_file(err);
  return r;
}

// Runs aifsim with `args` (shell-quoted by the caller).
inline CliResult run_cli(const ScratchDir& dir, const std::string& args) {
  return run_command(dir, std::string(AIFSIM_CLI_PATH) + " " + args);
}

inline std::string scenario_path(const char* rel) { return (source_dir() / "scenarios" / rel).string(); }

}  // namespace aifsim::test
