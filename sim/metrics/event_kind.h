// SPDX-License-Identifier: Apache-2.0
// The kinds of rows in events.csv: one enum and one table of names and meanings, used by every
// model that reports an event, by the recorder and by the generated reference.
#pragma once

#include <span>
#include <string_view>

namespace aifsim::metrics {

enum class EventKind {
  cdu_pump_failure,
  cdu_pump_repair,
  chiller_trip,
  chiller_restart,
  power_overload,
  rack_trip,
  rack_restart,
  rack_out_of_service,
  rack_in_service,
  thermal_slowdown,
  hw_slowdown,
  thermal_shutdown,
  cap_lower,
  cap_raise,
  cap_brake,
  row_cap,
  rack_cap,
};

struct EventKindInfo {
  EventKind kind;
  std::string_view name;     ///< as written in events.csv
  std::string_view meaning;
};

/// Every event kind, in enum order.
std::span<const EventKindInfo> event_kinds();

/// The name events.csv writes for `k`.
std::string_view event_kind_name(EventKind k);

}  // namespace aifsim::metrics
