// SPDX-License-Identifier: Apache-2.0
// aifsim: the headless command line over the simulation library.
#include <CLI/CLI.hpp>

#include <iostream>

#include "tools/aifsim/commands.h"
#include "tools/aifsim/compare_command.h"

int main(int argc, char** argv) {
  using namespace aifsim::cli;
  CLI::App app{"aifsim: a digital twin of an AI-factory datacenter (power, cooling, workloads)", "aifsim"};
  app.set_version_flag("--version", std::string("aifsim ") + AIFSIM_VERSION);
  app.require_subcommand(1);
  app.footer(
      "Exit codes: 0 success, 1 internal error, 2 invalid input, 3 a checks: limit was violated.\n"
      "Run 'aifsim <command> --help' for a command's options.");

  RunArgs run;
  auto* run_cmd = app.add_subcommand("run", "Run a scenario headless and write a run directory");
  run_cmd->add_option("scenario", run.scenario, "Scenario YAML file")->required();
  run_cmd->add_option("--out", run.out_dir, "Run directory (default runs/<scenario>-<UTC time>)");
  run_cmd->add_option("--duration", run.duration, "Simulated time, e.g. 24h, 90m, 3600s (sets time.duration)");
  run_cmd->add_option("--start", run.start, "Start time, ISO 8601, e.g. 2026-07-15T00:00:00+08:00 (sets time.start)");
  run_cmd->add_option("--seed", run.seed, "Seed of all random streams (sets seed)");
  run_cmd->add_option("--weather", run.weather,
                      "Hourly weather CSV (CWA station or generic format; sets site.weather.file)");
  run_cmd->add_option("--set", run.sets, "Override a scenario field: --set field.path=value (repeatable)");
  run_cmd->add_option("--backend", run.backend, "Compute backend: auto, cpu or cuda")
      ->check(CLI::IsMember({"auto", "cpu", "cuda"}));
  run_cmd->add_flag("--quiet,-q", run.quiet, "Print no progress and no summary table");

  std::vector<std::string> validate_files, validate_sets;
  auto* validate_cmd = app.add_subcommand("validate", "Check scenario files without running them");
  validate_cmd->add_option("scenarios", validate_files, "Scenario YAML files")->required();
  validate_cmd->add_option("--set", validate_sets, "Override a field before validating (repeatable)");

  app.add_subcommand("schema", "Print the JSON Schema of the scenario format (for editors)");
  std::string docs_out;
  auto* docs_cmd = app.add_subcommand("docs", "Print the scenario field reference (Markdown)");
  docs_cmd->add_option("--out", docs_out, "Write it to this file instead of stdout");

  CompareArgs compare;
  auto* compare_cmd = add_compare_command(app, compare);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "aifsim: " << e.what() << "\n";
    return kInvalidInput;
  }

  try {
    if (run_cmd->parsed()) return run_command(run);
    if (validate_cmd->parsed()) return validate_command(validate_files, validate_sets);
    if (app.got_subcommand("schema")) return schema_command();
    if (docs_cmd->parsed()) return docs_command(docs_out);
    if (compare_cmd->parsed()) return compare_command(compare);
  } catch (const std::exception& e) {
    std::cerr << "aifsim: internal error: " << e.what() << "\n";
    return kInternal;
  }
  return kInternal;
}
