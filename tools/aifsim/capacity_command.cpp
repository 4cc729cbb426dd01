// SPDX-License-Identifier: Apache-2.0
// aifsim capacity: parses the flags into a CapacityRequest, runs the search with progress on
// stderr, prints the answer and writes the search's directory.
#include "tools/aifsim/capacity_command.h"

#include <cstdio>
#include <iostream>
#include <thread>

#include "kernels/backend.h"
#include "sim/capacity/capacity.h"
#include "sim/capacity/capacity_report.h"
#include "sim/core/error.h"
#include "sim/output/run_directory.h"
#include "sim/scenario/schema.h"
#include "tools/aifsim/commands.h"
#include "tools/aifsim/progress.h"
#include "tools/aifsim/stop_signal.h"

namespace aifsim::cli {
namespace {

std::optional<std::int64_t> integer_flag(const std::string& flag, const std::string& text) {
  if (text.empty()) return std::nullopt;
  const auto v = scenario::parse_integer(text);
  if (!v) throw InputError(flag + " '" + text + "': expected an integer");
  return v;
}

capacity::CapacityRequest make_request(const CapacityArgs& args) {
  capacity::CapacityRequest r;
  r.scenario = args.scenario;
  for (const auto& s : args.sets) r.sets.push_back(scenario::parse_override(s));
  r.field = args.grow;
  if (args.until.empty()) throw InputError("aifsim capacity: --until 'KEY<=X' is required (the limit to hold)");
  for (const auto& u : args.until) r.conditions.push_back(capacity::parse_condition(u, "--until"));
  r.scenario_checks = !args.no_checks;
  r.equipment_limits = !args.no_equipment_limits;
  r.design_days = args.design_days;
  if (!args.window.empty()) r.window = capacity::parse_window(args.window);
  r.min = integer_flag("--min", args.min);
  r.max = integer_flag("--max", args.max);
  r.step = integer_flag("--step", args.step).value_or(1);
  return r;
}

std::string probe_line(const capacity::CapacityPlan& plan, const capacity::Probe& p) {
  std::string where = plan.request.field + " = " + std::to_string(p.value);
  if (p.day) where += " on " + plan.days[*p.day].date();
  if (!p.refused.empty()) return where + ": refused: " + p.refused;
  if (p.passed) return where + ": holds";
  std::string out = where + ": fails:";
  for (const auto& l : p.limits)
    if (!l.holds) out += " " + capacity::describe_limit(l) + ";";
  out.pop_back();
  return out;
}

}  // namespace

CLI::App* add_capacity_command(CLI::App& app, CapacityArgs& args) {
  auto* cmd = app.add_subcommand(
      "capacity", "Find the largest value of an integer field (racks, replicas) for which every limit holds");
  cmd->add_option("scenario", args.scenario, "Scenario YAML file")->required();
  cmd->add_option("--grow", args.grow, "The integer field to grow, e.g. racks.gb300.count")->required();
  cmd->add_option("--until,--and", args.until,
                  "A condition on a summary key that must hold, e.g. 'peak_facility_power_mw<=16' (repeatable)");
  cmd->add_option("--design-day", args.design_days,
                  "Run every value on this local date (YYYY-MM-DD) or on the hottest day of the site's weather "
                  "('hottest'); repeatable. Default: the scenario's own start and duration");
  cmd->add_option("--window", args.window, "Only this part of each design day, HH:MM-HH:MM (e.g. 12:00-18:00)");
  cmd->add_option("--min", args.min, "Lowest value to try (default 1, or the scenario's value if lower)");
  cmd->add_option("--max", args.max, "Highest value to try (default: none, the search doubles until a limit fails)");
  cmd->add_option("--step", args.step, "Values are --min + k x step (default 1)");
  cmd->add_option("--set", args.sets, "Override a scenario field for every run: field.path=value (repeatable)");
  cmd->add_flag("--no-checks", args.no_checks, "Do not hold the scenario's own `checks:`");
  cmd->add_flag("--no-equipment-limits", args.no_equipment_limits,
                "Do not hold the equipment limits (UPS, transformer and PSU ratings, rack trips, GPU shutdowns)");
  cmd->add_option("--out", args.out_dir,
                  "Search directory: capacity.json, capacity.md, sweep.csv, variants/NNNN-VALUE/ "
                  "(default runs/capacity-<scenario>-<field>)");
  cmd->add_option("-j,--jobs", args.jobs, "Runs at once, each single-threaded (default: one per core)")
      ->check(CLI::PositiveNumber);
  cmd->add_flag("--resume", args.resume, "Continue a stopped search in --out: finished runs are read back");
  cmd->add_option("--backend", args.backend, "Kernel backend: cpu (default), cuda or auto");
  cmd->add_flag("--quiet,-q", args.quiet, "Print no progress, only the answer");
  cmd->footer(
      "\nLimits held on every run: the --until conditions, the scenario's `checks:` and the equipment\n"
      "limits (ups/transformer/rack_psu_peak_load_frac <= 1, rack_trips <= 0, shutdown_events <= 0).\n"
      "The search starts at the field's value in the scenario, doubles its step until a limit fails and\n"
      "bisects (with -j N, N values per round); the answer holds and one step above it fails, and the\n"
      "limit that fails there is the binding constraint. Demand grows with a service's replicas only\n"
      "when its arrivals say `scale_with: replicas`; the output says which services do.\n"
      "Exit: 0 an answer, 2 bad input or the lowest value already fails, 130 stopped (--resume continues).");
  return cmd;
}

int capacity_command(const CapacityArgs& args) {
  capacity::CapacityPlan plan;
  capacity::SearchOptions options;
  try {
    plan = capacity::plan_capacity(make_request(args));
    options.backend = kernels::select_backend(kernels::parse_backend_choice(args.backend));
  } catch (const InputError& e) {
    std::cerr << e.what() << "\n";
    return kInvalidInput;
  } catch (const std::runtime_error& e) {  // backend unavailable
    std::cerr << "aifsim capacity: --backend " << args.backend << ": " << e.what() << "\n";
    return kInvalidInput;
  }
  options.out_dir = args.out_dir.empty()
                        ? std::filesystem::path("runs") / output::sanitize_scenario_name(plan.sweep.name)
                        : std::filesystem::path(args.out_dir);
  options.jobs = args.jobs > 0 ? args.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  options.resume = args.resume;
  try {
    capacity::check_capacity_out_dir(options);
    output::prepare_run_directory(options.out_dir);
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    return kInvalidInput;
  }

  if (!args.quiet) {
    std::fprintf(stderr, "aifsim %s: capacity of %s in %s from %lld (step %lld), %d runs at a time -> %s\n",
                 AIFSIM_VERSION, plan.request.field.c_str(), plan.base.spec.name.c_str(),
                 static_cast<long long>(plan.grid.start), static_cast<long long>(plan.grid.step), options.jobs,
                 options.out_dir.string().c_str());
    for (const auto& d : plan.days) std::fprintf(stderr, "  design day %s: %s\n", d.date().c_str(), d.basis.c_str());
    for (const auto& d : plan.demand) std::fprintf(stderr, "  demand: %s\n", d.text.c_str());
  }
  ProgressLine line(stderr);
  if (!args.quiet) {
    options.on_round = [&](const capacity::CapacityProgress& p) {
      line.finish();
      std::string values;
      for (auto v : p.values) values += (values.empty() ? "" : ", ") + std::to_string(v);
      std::fprintf(stderr, "round %zu: %s\n", p.round, values.c_str());
    };
    options.on_progress = [&](const sweep::SweepProgress& p) {
      line.update_variants(p.variants_done, p.variants_total, p.sim_s_done, p.sim_s_total);
    };
    options.on_probe = [&](const capacity::Probe& p, const sweep::VariantReport& r) {
      line.finish();
      char took[48] = "";
      if (r.reused) std::snprintf(took, sizeof took, " (read back)");
      else if (p.refused.empty()) std::snprintf(took, sizeof took, " (%.1f s)", r.wall_s);
      std::fprintf(stderr, "  %s%s\n", probe_line(plan, p).c_str(), took);
    };
  }

  capacity::CapacityResult result;
  {
    const StopSignals stop;
    options.stop_requested = stop.flag();
    try {
      result = capacity::search_capacity(plan, options);
    } catch (const InputError& e) {
      line.finish();
      std::cerr << e.what() << "\n";
      return kInvalidInput;
    } catch (const std::exception& e) {
      line.finish();
      std::cerr << "aifsim capacity: internal error: " << e.what() << "\n";
      return kInternal;
    }
    result.stopped = result.stopped || stop.requested();
  }
  line.finish();
  try {
    capacity::write_capacity(options.out_dir, plan, result);
  } catch (const std::exception& e) {
    std::cerr << "aifsim capacity: " << options.out_dir.string() << ": " << e.what() << "\n";
    return kInternal;
  }
  if (result.stopped) {
    std::printf("stopped early after %zu runs: aifsim capacity ... --resume --out %s continues\n", result.runs,
                options.out_dir.string().c_str());
    return kInterrupted;
  }
  if (!result.answer) {
    std::string why;
    for (const auto& p : result.probes)
      if (p.value == plan.grid.min && !p.passed) {
        why = probe_line(plan, p);
        break;
      }
    std::cerr << "aifsim capacity: " << plan.request.field << ": the lowest value " << plan.grid.min
              << " already fails (" << why << "); lower --min or relax the limits\n";
    return kInvalidInput;
  }
  std::cout << capacity::format_text(plan, result);
  if (!args.quiet) std::printf("  -> %s\n", (options.out_dir / "capacity.json").string().c_str());
  return kOk;
}

}  // namespace aifsim::cli
