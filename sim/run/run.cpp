// SPDX-License-Identifier: Apache-2.0
// run_scenario: the session loop without a front end between ticks.
#include "sim/run/run.h"

namespace aifsim::run {

RunResult run_scenario(const scenario::LoadedScenario& scenario, const RunOptions& options) {
  Session session = Session::open(scenario, options);
  session.run();
  return session.finish();
}

}  // namespace aifsim::run
