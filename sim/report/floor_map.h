// SPDX-License-Identifier: Apache-2.0
// The rack floor map at the run's peak: every rack, hall by hall and row by row in topology
// order, coloured by its IT power, its hottest GPU die and its coolant return, each map with
// its colour scale and every rack's values on hover (inline SVG).
#pragma once

#include <string>

#include "sim/report/run_data.h"

namespace aifsim::report {

/// The scale's colour for t in [0, 1] (blue, low, to red, high), "#rrggbb".
std::string scale_colour(double t);

/// The three maps side by side in `width` CSS pixels, as one HTML fragment.
std::string render_floor_maps(const PeakRacks& peak, int width);

}  // namespace aifsim::report
