// SPDX-License-Identifier: Apache-2.0
// A what-if from the front end's knobs as a scenario overlay: a YAML file that `extends:` the
// scenario that was opened and sets the knobs' values from the start of the run, so
// `aifsim run OVERLAY` reproduces the what-if with the CLI.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "sim/scenario/spec.h"

namespace aifsim::gui {

struct Knobs {
  double cap_mw = 0;             ///< 0: keep the scenario's cap
  double dry_bulb_offset_k = 0;  ///< added to the scenario's own offset
  double supply_setpoint_c = 0;  ///< facility-water supply; 0 or the scenario's: unchanged
  std::vector<double> rate_multiplier;  ///< per inference service, in file order
};

/// The overlay's text. base: the opened scenario's path (written as given, relative paths
/// resolve against the overlay's folder, so write the overlay next to it or pass an absolute
/// path). Rates scale each service's arrival fields (poisson rate, diurnal min/max, schedule
/// points); a replayed trace is sped up by a shorter time_scale.
std::string overlay_yaml(const std::filesystem::path& base, const scenario::ScenarioSpec& spec, const Knobs& k);

}  // namespace aifsim::gui
