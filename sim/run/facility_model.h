// SPDX-License-Identifier: Apache-2.0
// The facility as a model of the engine: each tick it sets every rack group's activity from
// its load profile, feeds the rack loops from their CDUs, advances the fleet kernels (power,
// die temperatures, throttling, rack loops), advances the cooling plant against the weather,
// walks the power chain and records the tick. Faults, repairs, demand-response windows and
// tariff periods arrive as engine events, not polled.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/control/cap_controller.h"
#include "sim/cooling/cooling_system.h"
#include "sim/des/engine.h"
#include "sim/des/model.h"
#include "sim/facility/fleet.h"
#include "sim/metrics/recorder.h"
#include "sim/power/facility_chain.h"
#include "sim/power/ratings.h"
#include "sim/scenario/spec.h"
#include "sim/weather/weather_series.h"

namespace aifsim::run {
class WorkloadSet;
class PowerManagement;
}

namespace aifsim::run {

/// What the facility model itself is built from (sim/run/build.cpp).
struct FacilityParams {
  power::ChainParams chain;
  power::RatingParams ratings;
  double dry_bulb_offset_k = 0;                  ///< initial outdoor offset (site.weather)
  std::vector<scenario::LoadSpec> group_loads;   ///< per rack group: its load profile
  std::vector<scenario::FaultSpec> faults;       ///< scheduled at start
};

/// Everything a facility model works with; owned by the caller and outliving the model.
struct FacilityParts {
  const FacilityParams& params;
  const facility::Topology& topo;
  facility::Fleet& fleet;
  cooling::CoolingSystem& cooling;
  const weather::WeatherSeries& weather;
  metrics::Recorder& recorder;
  WorkloadSet* workloads = nullptr;  ///< request- and job-level work, if the scenario has any
  PowerManagement* power = nullptr;  ///< caps, store, bill and swing accounting
};

/// What the stages of one tick hand each other (the rest they exchange through the models'
/// own state: the fleet's totals, the cooling system's power).
struct TickExchange {
  SimTime now = 0, dt = 0;           ///< the tick [now, now + dt), µs
  double elapsed_s = 0, dt_s = 0;
  std::int64_t unix_s = 0;           ///< the tick's start, whole seconds
  double local_hour = 0;             ///< site clock at the tick's start, [0, 24)
  weather::WeatherSample weather;    ///< 7: outdoor air with any offset
  double it_w = 0;                   ///< 9: IT power at the rack inputs
  power::ChainPower chain;           ///< 9: losses and meter power
};

class FacilityModel final : public des::Model {
 public:
  FacilityModel(FacilityParts parts, std::int64_t start_unix_s, int utc_offset_s);

  std::string_view name() const override { return "facility"; }
  /// Schedules the scenario's faults.
  void start(des::Engine& engine) override;
  /// One tick: the numbered stages below, in this order.
  void tick(SimTime now, SimTime dt) override;

  /// Schedules a fault (and its repair) at max(now, f.at): scenario faults at start, and
  /// faults a front end injects between ticks.
  void schedule_fault(const scenario::FaultSpec& f);
  /// Outdoor dry-bulb offset (K) from the next tick, the wet bulb following at the same dew point.
  void set_dry_bulb_offset_k(double k) { dry_bulb_offset_k_ = k; }
  double dry_bulb_offset_k() const { return dry_bulb_offset_k_; }
  /// The facility quantities of the last tick.
  const metrics::TickSample& last_sample() const { return last_sample_; }

  std::int64_t throttle_events() const { return throttle_events_; }
  std::int64_t shutdown_events() const { return shutdown_events_; }
  std::int64_t rack_trips() const { return rack_trips_; }
  const power::RatingTracker& ratings() const { return ratings_; }

 private:
  TickExchange clock(SimTime now, SimTime dt) const;
  void set_group_loads(const TickExchange& x);
  void step_workloads(const TickExchange& x);
  void step_fleet(const TickExchange& x);
  void record_fleet_events(const TickExchange& x);
  void read_weather(TickExchange& x) const;
  void step_cooling(const TickExchange& x);
  void step_power_chain(TickExchange& x);
  void step_power_management(const TickExchange& x);
  void record(const TickExchange& x);
  void record_thermal_events(SimTime now);
  void record_rack_trips(SimTime at);

  FacilityParts p_;
  power::RatingTracker ratings_;
  std::int64_t start_unix_s_;
  int utc_offset_s_;
  des::Engine* engine_ = nullptr;
  double gpus_;
  double dry_bulb_offset_k_;
  std::vector<float> group_util_;
  std::vector<std::uint64_t> group_epoch_;
  std::vector<float> rack_supply_c_, rack_flow_kg_s_;
  std::vector<float> power_frac_, gpu_power_w_;         // per GPU, from the last fleet step (workloads)
  std::vector<double> rack_headroom_w_;
  std::vector<double> rack_it_w_;
  std::vector<control::CapAction> actions_;
  std::vector<std::int8_t> entered_host_;
  std::vector<float> die_host_;
  std::int64_t throttle_events_ = 0;
  std::int64_t shutdown_events_ = 0;
  std::int64_t rack_trips_ = 0;
  std::vector<std::int8_t> was_tripped_;
  metrics::TickSample last_sample_;
  double energy_cost_so_far_ntd_ = 0;  ///< the bill's energy cost up to the last tick (for its rate)
};

}  // namespace aifsim::run
