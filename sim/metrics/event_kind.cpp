// SPDX-License-Identifier: Apache-2.0
// The event-kind table.
#include "sim/metrics/event_kind.h"

#include <array>

namespace aifsim::metrics {
namespace {

constexpr std::array kKinds{
    EventKindInfo{EventKind::cdu_pump_failure, "cdu_pump_failure", "pumps of a CDU stop (a scheduled or injected fault)"},
    EventKindInfo{EventKind::cdu_pump_repair, "cdu_pump_repair", "the failed pumps of a CDU run again"},
    EventKindInfo{EventKind::chiller_trip, "chiller_trip", "chillers trip (a scheduled or injected fault)"},
    EventKindInfo{EventKind::chiller_restart, "chiller_restart", "the tripped chillers are available again"},
    EventKindInfo{EventKind::power_overload, "power_overload",
                  "the UPS, the transformers or a rack's PSUs go above their redundant (usable) capacity"},
    EventKindInfo{EventKind::rack_trip, "rack_trip", "a rack's loop over-temperature protection powers it off"},
    EventKindInfo{EventKind::rack_restart, "rack_restart", "a tripped rack's loop has cooled and it powers on"},
    EventKindInfo{EventKind::rack_out_of_service, "rack_out_of_service", "a rack is taken out of service (a command)"},
    EventKindInfo{EventKind::rack_in_service, "rack_in_service", "a rack returns to service (a command)"},
    EventKindInfo{EventKind::thermal_slowdown, "thermal_slowdown", "a GPU's die reaches its slowdown temperature"},
    EventKindInfo{EventKind::hw_slowdown, "hw_slowdown", "a GPU's die reaches its hardware slowdown temperature"},
    EventKindInfo{EventKind::thermal_shutdown, "thermal_shutdown", "a GPU's die reaches its shutdown temperature"},
    EventKindInfo{EventKind::cap_lower, "cap_lower", "the cap controller lowers the limits of a cap priority"},
    EventKindInfo{EventKind::cap_raise, "cap_raise", "the cap controller raises (or restores) the limits of a cap priority"},
    EventKindInfo{EventKind::cap_brake, "cap_brake", "above the hard limit: every GPU below the top priority to its lowest limit"},
    EventKindInfo{EventKind::row_cap, "row_cap", "a row above its cap has its GPUs' limits scaled (or recovering)"},
    EventKindInfo{EventKind::rack_cap, "rack_cap", "a rack above its cap has its GPUs' limits scaled (or recovering)"},
};

constexpr bool in_enum_order() {
  for (std::size_t i = 0; i < kKinds.size(); ++i)
    if (static_cast<std::size_t>(kKinds[i].kind) != i) return false;
  return true;
}
static_assert(in_enum_order(), "kKinds must list every EventKind in enum order");
static_assert(kKinds.size() == static_cast<std::size_t>(EventKind::rack_cap) + 1, "an EventKind without a row");

}  // namespace

std::span<const EventKindInfo> event_kinds() { return kKinds; }

std::string_view event_kind_name(EventKind k) { return kKinds[static_cast<std::size_t>(k)].name; }

}  // namespace aifsim::metrics
