// SPDX-License-Identifier: Apache-2.0
// events.csv in a run report: the rare events (faults, trips, cap actions of a quiet day) as
// markers on every chart over time, every kind as a lane on the time axis, a table of the
// kinds and a list of the rare events.
#pragma once

#include <string>
#include <vector>

#include "sim/report/chart.h"
#include "sim/report/run_data.h"
#include "sim/report/svg_chart.h"

namespace aifsim::report {

/// A kind with at most this many events is rare: each event gets a marker and a table row.
inline constexpr std::size_t kRareEventCount = 20;

/// Markers for the events of the rare kinds.
std::vector<Marker> event_markers(const std::vector<EventRecord>& events);

/// One lane per kind present (in the reference's order of kinds), a tick per chart bucket
/// holding events, with their count and the first one's detail on hover.
Chart event_lanes(const std::vector<EventRecord>& events, const XRange& range);

/// The kinds table and the list of rare events (HTML).
std::string render_event_tables(const std::vector<EventRecord>& events);

}  // namespace aifsim::report
