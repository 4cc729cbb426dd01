// SPDX-License-Identifier: Apache-2.0
// aifsim compare: loads the run directories, builds the comparison and prints or writes it.
#include "tools/aifsim/compare_command.h"

#include <iostream>

#include "sim/compare/comparison.h"
#include "sim/compare/format.h"
#include "sim/core/error.h"
#include "sim/output/atomic_file.h"
#include "tools/aifsim/commands.h"

namespace aifsim::cli {

CLI::App* add_compare_command(CLI::App& app, CompareArgs& args) {
  auto* cmd = app.add_subcommand(
      "compare", "Compare finished runs: summary keys with deltas against the first, changed scenario fields, checks");
  cmd->add_option("runs", args.run_dirs, "Run directories (two or more; the first is the baseline)");
  cmd->add_option("--format", args.format, "text (default), markdown (e.g. for $GITHUB_STEP_SUMMARY) or json")
      ->check(CLI::IsMember({"text", "markdown", "json"}));
  cmd->add_option("--out", args.out_file, "Write the comparison to this file instead of stdout");
  return cmd;
}

int compare_command(const CompareArgs& args) {
  if (args.run_dirs.size() < 2) {
    std::cerr << "aifsim compare: needs at least two run directories (got " << args.run_dirs.size() << ")\n";
    return kInvalidInput;
  }
  std::vector<compare::RunSummary> runs;
  try {
    for (const auto& dir : args.run_dirs) runs.push_back(compare::load_run_summary(dir));
  } catch (const InputError& e) {
    std::cerr << e.what() << "\n";
    return kInvalidInput;
  }

  const compare::Comparison comparison = compare::compare_runs(runs);
  const std::string text = args.format == "markdown" ? compare::format_markdown(comparison)
                           : args.format == "json"   ? compare::format_json(comparison)
                                                     : compare::format_text(comparison);
  if (args.out_file.empty()) {
    std::cout << text;
    return kOk;
  }
  try {
    output::write_file_atomic(args.out_file, text);
  } catch (const std::exception& e) {
    std::cerr << "aifsim compare: --out: " << e.what() << "\n";
    return kInvalidInput;
  }
  return kOk;
}

}  // namespace aifsim::cli
