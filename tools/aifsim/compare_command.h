// SPDX-License-Identifier: Apache-2.0
// `aifsim compare RUN_A RUN_B [...]`: summary keys, changed scenario fields and checks of
// finished runs side by side (the logic is sim/compare/; this is the flag parsing).
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

namespace aifsim::cli {

struct CompareArgs {
  std::vector<std::string> run_dirs;
  std::string format = "text";
  std::string out_file;
};

/// Registers the subcommand on `app`, filling `args` when it is parsed.
CLI::App* add_compare_command(CLI::App& app, CompareArgs& args);

/// Exit code: 0 compared (whatever the deltas), 2 bad input (a missing or malformed run
/// directory, fewer than two runs, an --out that cannot be written).
int compare_command(const CompareArgs& args);

}  // namespace aifsim::cli
