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
  std::string max_memory;  ///< GiB (sets time.max_memory_gib)
  std::string summary_md;  ///< also write the KPI and checks tables as Markdown here
  std::string threads = "auto";  ///< "auto" or a positive count
  std::vector<std::string> sets;
  bool quiet = false;
};

/// `aifsim sweep`: a sweep file, or --merge with shard directories.
struct SweepArgs {
  std::string sweep_file;
  std::string out_dir;
  int jobs = 0;  ///< 0: one per core
  bool resume = false;
  std::string shard;               ///< "I/N"
  std::vector<std::string> merge;  ///< shard directories
  bool quiet = false;
};

int run_command(const RunArgs& args);
/// Exit 130 when Ctrl-C stopped it (the table of what is done is written).
int sweep_command(const SweepArgs& args);
int validate_command(const std::vector<std::string>& files, const std::vector<std::string>& sets);
int schema_command();
int docs_command(const std::string& out_file);

}  // namespace aifsim::cli
