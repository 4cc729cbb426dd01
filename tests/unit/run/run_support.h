// SPDX-License-Identifier: Apache-2.0
// Helpers of the whole-run tests: run a scenario text into a scratch directory, read a metric.
#pragma once

#include <omp.h>

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sim/run/run.h"
#include "sim/scenario/load.h"
#include "tests/test_support.h"

namespace aifsim::run::test_support {

inline double metric(const RunResult& r, const std::string& key) {
  for (const auto& [k, v] : r.metrics)
    if (k == key) return v;
  ADD_FAILURE() << "no metric " << key;
  return 0;
}

/// Writes `yaml` as DIR/NAME.yaml, loads it with `sets` and runs it into DIR/NAME/.
inline RunResult run_yaml(const test::ScratchDir& dir, const std::string& name, const std::string& yaml,
                          const std::vector<scenario::Override>& sets = {}, RunOptions opt = {}) {
  const auto path = dir.write(name + ".yaml", yaml);
  const auto sc = scenario::load_scenario(path, sets);
  opt.out_dir = dir.path() / name;
  std::filesystem::create_directories(opt.out_dir);
  return run_scenario(sc, opt);
}

/// Options of a run on exactly `threads` threads (0: governed, between 1 and 2 threads, trying
/// the other team size every few ticks so that a short run switches many times).
inline RunOptions on_threads(int threads) {
  RunOptions opt;
  opt.threads = threads;
  if (threads == 0) {
    omp_set_num_threads(2);  // what the governor may use
    opt.governor.warmup_ticks = 0;
    opt.governor.sample_ticks = 2;
    opt.governor.first_window = 3;
    opt.governor.max_window = 5;
    opt.governor.trial_budget = 1e9;  // however the trials go
  }
  return opt;
}

}  // namespace aifsim::run::test_support
