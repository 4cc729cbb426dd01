// SPDX-License-Identifier: Apache-2.0
// A capacity search: the largest value of an integer field (racks, replicas, GPUs) for which
// every limit holds on every design day, found by running the scenario at trial values
// (each a normal single-threaded run, several at once, through the sweep runner) and
// bracketing and bisecting on the results. It says which limit binds one step above the
// answer, what demand it assumed and where GPUs sit idle.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "kernels/backend.h"
#include "sim/capacity/condition.h"
#include "sim/capacity/design_day.h"
#include "sim/capacity/search.h"
#include "sim/scenario/load.h"
#include "sim/sweep/plan.h"
#include "sim/sweep/runner.h"

namespace aifsim::capacity {

struct CapacityRequest {
  std::filesystem::path scenario;
  std::vector<scenario::Override> sets;  ///< applied to every run, before the grown field
  std::string field;                     ///< --grow
  std::vector<Condition> conditions;     ///< --until and --and
  bool scenario_checks = true;           ///< hold the scenario's own `checks:` too
  bool equipment_limits = true;          ///< hold equipment_conditions() too
  std::vector<std::string> design_days;  ///< "hottest" or YYYY-MM-DD; empty: the scenario's own time
  std::optional<DayWindow> window;       ///< part of each design day (default: all of it)
  std::optional<std::int64_t> min, max;
  std::int64_t step = 1;
};

/// One limit at one run: its value there.
struct LimitValue {
  Condition condition;
  double value = 0;  ///< NaN when the run has no value for the key
  bool holds = false;
  double headroom = 0;  ///< see capacity::headroom
};

/// One run of the search: a value on a design day.
struct Probe {
  std::int64_t value = 0;
  std::optional<std::size_t> day;  ///< index into CapacityPlan::days (none: scenario's own time)
  std::size_t variant = 0;         ///< its variant in CapacityPlan::sweep (its run directory)
  bool passed = false;
  std::string refused;             ///< the scenario refused this value (the loader's message)
  std::vector<LimitValue> limits;  ///< every limit, in CapacityPlan::limits order
  bool reused = false;             ///< read back from an earlier search (--resume)
  double wall_s = 0;
};

/// How a service's demand follows the grown field.
struct DemandNote {
  std::string service;
  bool scales = false;  ///< arrivals.scale_with: replicas
  int base_replicas = 0;
  std::string text;     ///< e.g. "chat: arrivals scale with replicas (written for 144)"
};

struct CapacityPlan {
  CapacityRequest request;
  scenario::LoadedScenario base;         ///< with request.sets applied
  std::optional<std::int64_t> base_value;  ///< the field's value in the scenario
  SearchGrid grid;
  std::vector<DesignDay> days;
  std::vector<Condition> limits;         ///< conditions, then scenario checks, then equipment
  std::vector<DemandNote> demand;
  sweep::SweepPlan sweep;                ///< one variant per run, appended as the search goes
};

/// Loads the scenario, checks the field, the conditions, the bounds and the design days
/// (finding the hottest in the weather), and plans the grid; nothing runs and nothing is
/// written. Throws InputError (one located line) for bad input.
CapacityPlan plan_capacity(const CapacityRequest& request);

struct CapacityProgress {
  std::size_t runs_done = 0, runs_in_round = 0, round = 0;
  std::vector<std::int64_t> values;  ///< the values of this round
};

struct SearchOptions {
  std::filesystem::path out_dir;
  int jobs = 1;           ///< runs at once (values x design days of a round)
  bool resume = false;    ///< read back runs an earlier search of the same plan finished
  kernels::Backend backend = kernels::Backend::cpu;
  const std::atomic<bool>* stop_requested = nullptr;
  std::function<void(const CapacityProgress&)> on_round;    ///< a round starts
  std::function<void(const sweep::SweepProgress&)> on_progress;
  std::function<void(const Probe&, const sweep::VariantReport&)> on_probe;  ///< a run finished
};

struct CapacityResult {
  std::optional<std::int64_t> answer;     ///< the largest value that holds (none: not even the lowest)
  std::optional<std::int64_t> breaks_at;  ///< the smallest value that fails (none: none failed)
  bool hit_max = false;                   ///< the answer is --max: no limit was met in range
  bool stopped = false;                   ///< a stop request ended the search early
  std::vector<Probe> probes;              ///< in the order they ran
  /// At breaks_at: the limits that fail, worst (most negative headroom) first, over the days.
  std::vector<LimitValue> binding;
  /// At the answer: every limit with its tightest value over the days, least headroom first.
  std::vector<LimitValue> margins;
  std::string refused_above;              ///< breaks_at was refused by the scenario: why
  std::vector<std::string> warnings;      ///< idle GPUs, a non-monotone result, ...
  std::size_t runs = 0, runs_reused = 0;
};

/// Runs the search into options.out_dir/variants/ and returns what it found; writes nothing
/// else (write_capacity writes the tables). Throws InputError for a run directory that
/// cannot be used, and what a run throws.
CapacityResult search_capacity(CapacityPlan& plan, const SearchOptions& options);

/// Checks options.out_dir before anything runs: without resume it must not hold a capacity
/// search or sweep already. Throws InputError naming it.
void check_capacity_out_dir(const SearchOptions& options);

}  // namespace aifsim::capacity
