// SPDX-License-Identifier: Apache-2.0
// aifsim report: builds the page of a run or sweep directory and writes it atomically.
#include "tools/aifsim/report_command.h"

#include <iostream>
#include <optional>

#include "sim/core/error.h"
#include "sim/report/report.h"
#include "tools/aifsim/commands.h"

namespace aifsim::cli {

CLI::App* add_report_command(CLI::App& app, ReportArgs& args) {
  auto* cmd = app.add_subcommand(
      "report", "Write one self-contained HTML page of a finished run (KPIs, charts, floor map, events) or sweep");
  cmd->add_option("dir", args.dir, "Run directory, or sweep directory (one holding sweep.json)")->required();
  cmd->add_option("--baseline", args.baseline,
                  "Run directory to compare with: its lines overlaid, deltas in the KPIs (run reports only)");
  cmd->add_option("--out", args.out_file, "The HTML file to write (default DIR/report.html)");
  cmd->add_flag("--quiet,-q", args.quiet, "Print nothing on success");
  cmd->footer(
      "The page needs no network: charts are inline SVG, the script only shows values under the pointer.\n"
      "A run's report: the key figures (with changes against --baseline), its checks, facility power against\n"
      "the cap and the envelope, IT and cooling power, PUE, temperatures, tokens/s, TTFT, TPOT, energy cost\n"
      "rate, GPU activity, events on the time axis, the rack floor map at the peak, every summary key.\n"
      "A sweep's report: the variants, and every summary key that varies against every field the sweep varies.");
  return cmd;
}

int report_command(const ReportArgs& args) {
  const std::filesystem::path dir(args.dir);
  std::optional<std::filesystem::path> baseline;
  if (!args.baseline.empty()) baseline = args.baseline;
  report::Report page;
  try {
    page = report::build_report(dir, baseline);
  } catch (const InputError& e) {
    std::cerr << e.what() << "\n";
    return kInvalidInput;
  }
  const std::filesystem::path out = args.out_file.empty() ? report::default_report_path(dir) : std::filesystem::path(args.out_file);
  try {
    report::write_report(out, page);
  } catch (const std::exception& e) {
    std::cerr << "aifsim report: --out: " << e.what() << "\n";
    return kInvalidInput;
  }
  if (!args.quiet)
    std::cout << "aifsim report: wrote " << out.string() << " (" << (page.html.size() + 512) / 1024 << " KiB): "
              << page.outline << "\n";
  return kOk;
}

}  // namespace aifsim::cli
