// SPDX-License-Identifier: Apache-2.0
// `aifsim report RUN_DIR [--baseline RUN_DIR] [--out FILE]` and `aifsim report SWEEP_DIR`:
// one self-contained HTML page of a finished run or sweep (the logic is sim/report/; this is
// the flag parsing).
#pragma once

#include <CLI/CLI.hpp>

#include <string>

namespace aifsim::cli {

struct ReportArgs {
  std::string dir;
  std::string baseline;
  std::string out_file;
  bool quiet = false;
};

/// Registers the subcommand on `app`, filling `args` when it is parsed.
CLI::App* add_report_command(CLI::App& app, ReportArgs& args);

/// Exit code: 0 written, 2 bad input (not a run or sweep directory, a missing or malformed
/// file in it, a baseline of another shape, an --out that cannot be written); nothing is
/// written then.
int report_command(const ReportArgs& args);

}  // namespace aifsim::cli
