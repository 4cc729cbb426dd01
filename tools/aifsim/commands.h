// SPDX-License-Identifier: Apache-2.0
// The aifsim subcommands. Each returns the process exit code: 0 success, 1 internal error,
// 2 invalid input (scenario, flags, files), 3 a `checks:` limit was violated.
#pragma once

#include <string>
#include <vector>

namespace aifsim::cli {

/// 130: stopped by SIGINT / SIGTERM after writing what was computed (128 + SIGINT, as shells report it).
enum ExitCode : int { kOk = 0, kInternal = 1, kInvalidInput = 2, kCheckFailed = 3, kInterrupted = 130 };

struct RunArgs {
  std::string scenario;
  std::string out_dir;
  std::string duration;
  std::string start;
  std::string seed;
  std::string backend = "auto";
  std::string weather;
  std::vector<std::string> sets;
  bool quiet = false;
};

int run_command(const RunArgs& args);
int validate_command(const std::vector<std::string>& files, const std::vector<std::string>& sets);
int schema_command();
int docs_command(const std::string& out_file);

}  // namespace aifsim::cli
