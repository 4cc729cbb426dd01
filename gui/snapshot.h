// SPDX-License-Identifier: Apache-2.0
// An immutable picture of a running simulation, taken on the simulation's thread between
// ticks and read by the UI: facility totals so far, this tick's powers and temperatures,
// and per-rack and per-GPU values for the floor map.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/run/run.h"

namespace aifsim::gui {

struct RackLayout {
  std::string name;
  int hall = 0, row = 0, position = 0;  ///< row: global row index; position within the row
  int first_gpu = 0, gpus = 0;
  double rating_kw = 0;                 ///< usable PSU capacity (DC)
};

struct Snapshot {
  double now_s = 0, duration_s = 0;
  std::string local_time;
  bool finished = false;
  bool paused_by_sim = false;  ///< the simulation paused itself (reached a run-to time)
  // This tick (W, C)
  double facility_w = 0, it_w = 0, cooling_w = 0, gpu_w = 0, cap_w = 0, grid_w = 0;
  double tokens_per_s = 0, die_max_c = 0, dry_bulb_c = 0, wet_bulb_c = 0;
  double cost_rate_ntd_per_h = 0;
  // Run so far
  double facility_mwh = 0, it_mwh = 0, water_m3 = 0, cost_ntd = 0, co2_t = 0;
  double pue = 0, wue_l_per_kwh = 0;
  double tokens = 0, requests_completed = 0, slo_attainment = 0, ttft_p99_s = 0, tpot_p99_s = 0;
  double training_goodput = 0;
  std::int64_t throttle_events = 0, shutdown_events = 0, rack_trips = 0;
  double cap_violation_s = 0;
  // Floor map
  std::vector<RackLayout> racks;
  int rows = 0;
  std::vector<float> rack_it_kw, rack_die_max_c, rack_return_c, rack_utilization, rack_headroom_kw;
  std::vector<std::int8_t> rack_tripped;
  std::vector<float> rack_supply_c;
  std::vector<std::string> rack_workload;  ///< what its GPUs serve: services, "training", or 
  std::vector<float> gpu_power_w, gpu_die_c, gpu_clock;  ///< per GPU; clock: power the GPU may draw / TDP
  std::vector<std::int8_t> gpu_state;                    ///< 0 normal, 1 slowdown, 2 hw slowdown, 3 shutdown
  // Knobs as the simulation last applied them
  double cap_override_mw = 0, dry_bulb_offset_k = 0, supply_setpoint_c = 0;
  int racks_in_service = 0;
  std::vector<std::string> services;
  std::vector<double> rate_multiplier;
};

/// Builds a snapshot of the live run. `previous` (may be null) gives the cost rate.
Snapshot make_snapshot(run::LiveRun& live, const Snapshot* previous);

}  // namespace aifsim::gui
