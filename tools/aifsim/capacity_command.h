// SPDX-License-Identifier: Apache-2.0
// `aifsim capacity SCENARIO --grow FIELD --until 'KEY<=X'`: the largest value of an integer
// field for which every limit holds on the design day(s) (the search is sim/capacity/; this
// is the flag parsing and the printing).
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace aifsim::cli {

struct CapacityArgs {
  std::string scenario;
  std::string grow;
  std::vector<std::string> until;  ///< --until and --and
  std::vector<std::string> design_days;
  std::string window;
  std::string min, max;
  std::string step = "1";
  std::vector<std::string> sets;
  bool no_checks = false;
  bool no_equipment_limits = false;
  std::string out_dir;
  int jobs = 0;  ///< 0: one per core
  bool resume = false;
  std::string backend = "cpu";
  bool quiet = false;
};

CLI::App* add_capacity_command(CLI::App& app, CapacityArgs& args);

/// Exit code: 0 an answer (printed, and capacity.json written), 2 bad input or a lowest value
/// that already fails, 130 stopped (the finished runs are kept; --resume continues).
int capacity_command(const CapacityArgs& args);

}  // namespace aifsim::cli
