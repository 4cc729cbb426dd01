// SPDX-License-Identifier: Apache-2.0
// A whole run in one call, for front ends that only want the result (the CLI's `run`, tests,
// benchmarks): opens a Session, runs it to the end (or a stop request) and finishes it.
#pragma once

#include "sim/run/session.h"

namespace aifsim::run {

using RunOptions = SessionOptions;

/// Runs the scenario and writes its run directory; throws std::runtime_error on I/O failure
/// (no final-named file is left half-written).
RunResult run_scenario(const scenario::LoadedScenario& scenario, const RunOptions& options);

}  // namespace aifsim::run
