// SPDX-License-Identifier: Apache-2.0
// Sweep test helpers: a sweep file written beside a tiny base scenario.
#pragma once

#include <string>

#include "sim/sweep/plan.h"
#include "tests/test_support.h"

namespace aifsim::test {

// Two GB300 racks at constant load for ten minutes: a few hundred milliseconds a run.
inline constexpr const char* kTinyScenario =
    "name: tiny\n"
    "seed: 7\n"
    "time: {start: \"2026-07-15T12:00:00+08:00\", duration: 10m, dt_s: 1}\n"
    "site: {power: {ups: {capacity_kw: 500}}}\n"
    "racks:\n"
    "  r: {type: gb300-nvl72, count: 2, load: {profile: constant, utilization: 0.5, jitter: 0.1}}\n"
    "output: {interval: 60s, racks_interval: 60s}\n";

/// Writes base.yaml and sweep.yaml (`body` after a `base:` line) into `dir`.
inline std::filesystem::path write_sweep(const ScratchDir& dir, const std::string& body) {
  dir.write("base.yaml", kTinyScenario);
  return dir.write("sweep.yaml", "base: base.yaml\n" + body);
}

/// Four variants of the tiny scenario: two load levels x two replications.
inline std::filesystem::path write_four_variant_sweep(const ScratchDir& dir) {
  return write_sweep(dir,
                     "name: tiny-sweep\n"
                     "axes:\n"
                     "  - {field: racks.r.load.utilization, values: [0.3, 0.6]}\n"
                     "replications: 2\n");
}

}  // namespace aifsim::test
