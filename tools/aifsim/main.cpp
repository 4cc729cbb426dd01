// SPDX-License-Identifier: Apache-2.0
// aifsim: the headless command line over the simulation library.
#include <CLI/CLI.hpp>

#include <iostream>

#include "tools/aifsim/commands.h"
#include "tools/aifsim/capacity_command.h"
#include "tools/aifsim/compare_command.h"
#include "tools/aifsim/report_command.h"

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
  run_cmd->add_option("--max-memory", run.max_memory,
                      "Memory a run may take in GiB before it is refused (default 90 % of this machine; "
                      "sets time.max_memory_gib)");
  run_cmd->add_option("--summary-md", run.summary_md,
                      "Also write the KPIs and checks as Markdown to this file (e.g. $GITHUB_STEP_SUMMARY)");
  run_cmd->add_option("--set", run.sets, "Override a scenario field: --set field.path=value (repeatable)");
  run_cmd->add_option("--backend", run.backend, "Compute backend: auto, cpu or cuda")
      ->check(CLI::IsMember({"auto", "cpu", "cuda"}));
  run_cmd->add_option("--threads", run.threads,
                      "CPU threads: auto (default: 1 or every available core, chosen tick by tick from "
                      "the ticks' wall time, so a busy machine never runs slower than one thread) or N")
      ->check(CLI::IsMember({"auto"}) | CLI::PositiveNumber);
  run_cmd->add_flag("--quiet,-q", run.quiet, "Print no progress and no summary table");

  std::vector<std::string> validate_files, validate_sets;
  auto* validate_cmd = app.add_subcommand("validate", "Check scenario files without running them");
  validate_cmd->add_option("scenarios", validate_files, "Scenario YAML files")->required();
  validate_cmd->add_option("--set", validate_sets, "Override a field before validating (repeatable)");

  SweepArgs sweep;
  auto* sweep_cmd = app.add_subcommand("sweep", "Run the variants of a sweep file in parallel and tabulate them");
  sweep_cmd->add_option("sweep_file", sweep.sweep_file, "Sweep YAML file");
  sweep_cmd->add_option("--out", sweep.out_dir,
                        "Sweep directory: sweep.csv, sweep.json, variants/NNNN-name/ (default runs/sweep-<name>)");
  sweep_cmd->add_option("-j,--jobs", sweep.jobs, "Variants at once, each single-threaded (default: one per core)")
      ->check(CLI::PositiveNumber);
  sweep_cmd->add_flag("--resume", sweep.resume,
                      "Continue a stopped or killed sweep in --out: finished variants are read back, not rerun");
  sweep_cmd->add_option("--shard", sweep.shard,
                        "Run only the variants with index % N == I (I/N, e.g. $SLURM_ARRAY_TASK_ID/4)");
  sweep_cmd->add_option("--merge", sweep.merge,
                        "Join the --out directories of all shards of a sweep into --out (no sweep file)")
      ->expected(1, -1);
  sweep_cmd->add_flag("--quiet,-q", sweep.quiet, "Print no progress and no summary line");
  sweep_cmd->footer(
      "Sweep file:\n"
      "  name: cap-sweep                     # default: the file's name\n"
      "  base: ../taiwan-ai-factory.yaml     # the scenario, relative to this file\n"
      "  set: {time.duration: 2h}            # --set for every variant\n"
      "  axes:                               # a full grid, last axis fastest\n"
      "    - {field: control.power_cap.target_mw, values: [12, 13, 14]}\n"
      "    - {field: racks.gb300.count, range: {from: 80, to: 96, step: 8}}\n"
      "  variants:                           # named variants, each x the grid\n"
      "    - {name: july, set: {time.start: \"2026-07-15T00:00:00+08:00\"}}\n"
      "  replications: 3                     # seeds base+0..2, a replication column\n"
      "  latin_hypercube: {samples: 20, seed: 1}   # or random: sample the range axes\n"
      "Writes OUT/sweep.csv and OUT/sweep.json: one row per variant (variant, name, the axis fields,\n"
      "replication, completed, checks_passed, every summary.json key). Ctrl-C stops the running\n"
      "variants, writes the table of what is done and exits 130; --resume continues.\n"
      "Across machines: aifsim sweep X.yaml --shard I/N --out runs/x-I for I = 0..N-1, then\n"
      "aifsim sweep --merge runs/x-0 ... runs/x-(N-1) --out runs/x: the same sweep.csv as one run.");

  app.add_subcommand("schema", "Print the JSON Schema of the scenario format (for editors)");
  std::string docs_out;
  auto* docs_cmd = app.add_subcommand("docs", "Print the scenario field reference (Markdown)");
  docs_cmd->add_option("--out", docs_out, "Write it to this file instead of stdout");

  CompareArgs compare;
  auto* compare_cmd = add_compare_command(app, compare);
  ReportArgs report;
  auto* report_cmd = add_report_command(app, report);
  CapacityArgs capacity;
  auto* capacity_cmd = add_capacity_command(app, capacity);

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
    if (sweep_cmd->parsed()) return sweep_command(sweep);
    if (validate_cmd->parsed()) return validate_command(validate_files, validate_sets);
    if (app.got_subcommand("schema")) return schema_command();
    if (docs_cmd->parsed()) return docs_command(docs_out);
    if (compare_cmd->parsed()) return compare_command(compare);
    if (report_cmd->parsed()) return report_command(report);
    if (capacity_cmd->parsed()) return capacity_command(capacity);
  } catch (const std::exception& e) {
    std::cerr << "aifsim: internal error: " << e.what() << "\n";
    return kInternal;
  }
  return kInternal;
}
