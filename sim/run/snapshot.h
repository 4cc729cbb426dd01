// SPDX-License-Identifier: Apache-2.0
// An immutable picture of a running session after a tick: this tick's facility values,
// every summary KPI so far (the same values summary.json would hold at this time), the
// knobs as applied, and per-rack and per-GPU values for a floor map. Plain data.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "sim/metrics/recorder.h"
#include "sim/run/result.h"

namespace aifsim::run {

/// The racks as laid out on the floor; the same for the whole run.
struct RackLayout {
  std::string name;
  int hall = 0, row = 0, position = 0;  ///< row: global row index; position within the row
  int first_gpu = 0, gpus = 0;
  double rating_kw = 0;                 ///< usable PSU capacity (DC)
  std::string workload;                 ///< what its GPUs serve: services, "training", or its load profile
};

struct FloorLayout {
  std::vector<RackLayout> racks;
  int rows = 0;
};

struct Snapshot {
  double now_s = 0, duration_s = 0;
  std::string local_time;  ///< ISO 8601 with the site's offset
  bool finished = false;   ///< every tick done
  /// This tick's facility quantities (W, C, ...), as the timeseries channels.
  metrics::TickSample tick;
  double die_max_c = 0;                   ///< hottest GPU die this tick
  double energy_cost_rate_ntd_per_h = 0;  ///< this tick's energy cost, per hour
  /// Every summary key over the run so far, in key order.
  Metrics summary;
  /// A summary value; throws std::out_of_range for a key the summary does not hold.
  double kpi(std::string_view key) const { return metric_value(summary, key); }
  /// A summary value, or null (e.g. before the first tick).
  const double* find_kpi(std::string_view key) const {
    for (const auto& [k, v] : summary)
      if (k == key) return &v;
    return nullptr;
  }
  // Knobs as the session last applied them
  double cap_override_mw = 0, dry_bulb_offset_k = 0, supply_setpoint_c = 0;
  int racks_in_service = 0;
  std::vector<std::string> services;
  std::vector<double> rate_multiplier;
  // Floor map (empty with SnapshotDetail::kpis)
  std::shared_ptr<const FloorLayout> layout;
  std::vector<float> rack_it_kw, rack_die_max_c, rack_return_c, rack_utilization, rack_headroom_kw, rack_supply_c;
  std::vector<std::int8_t> rack_tripped;  ///< bit 0: protection trip, bit 1: out of service
  std::vector<float> gpu_power_w, gpu_die_c, gpu_clock;  ///< clock: power the GPU may draw / TDP
  std::vector<std::int8_t> gpu_state;                    ///< 0 normal, 1 slowdown, 2 hw slowdown, 3 shutdown
};

}  // namespace aifsim::run
