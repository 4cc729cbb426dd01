// SPDX-License-Identifier: Apache-2.0
// The per-tick facility update and fault injection.
#include "sim/run/facility_model.h"

#include <cmath>
#include <cstdio>

#include "kernels/thermal_math.h"
#include "sim/weather/psychrometrics.h"
#include "sim/run/power_management.h"
#include "sim/run/workload_set.h"
#include "sim/workload/load_profile.h"

namespace aifsim::run {

FacilityModel::FacilityModel(FacilityParts parts, std::int64_t start_unix_s, int utc_offset_s)
    : p_(parts),
      ratings_(parts.params.ratings),
      start_unix_s_(start_unix_s),
      utc_offset_s_(utc_offset_s),
      gpus_(parts.topo.gpus),
      dry_bulb_offset_k_(parts.params.dry_bulb_offset_k),
      group_util_(parts.fleet.groups()),
      group_epoch_(parts.fleet.groups()),
      rack_supply_c_(parts.topo.racks.size()),
      rack_flow_kg_s_(parts.topo.racks.size()),
      rack_headroom_w_(parts.topo.racks.size()) {}

void FacilityModel::start(des::Engine& engine) {
  engine_ = &engine;
  for (const auto& f : p_.params.faults) schedule_fault(f);
  if (p_.power) p_.power->schedule_edges(engine);
}

void FacilityModel::schedule_fault(const scenario::FaultSpec& f) {
  des::Engine& engine = *engine_;
  const SimTime at = std::max(engine.now(), from_seconds(f.at.s));
  if (at >= engine.end()) return;
  const bool repaired = f.duration.s > 0;
  const SimTime repair_at = at + from_seconds(f.duration.s);
  char detail[160];
  if (f.kind == scenario::FaultKind::cdu_pump_failure) {
    const int cdu = f.target, count = f.count;
    std::snprintf(detail, sizeof detail, "CDU %d loses %d pump(s)", cdu, count);
    const std::string text = detail;
    engine.schedule_at(at, [this, cdu, count, at, text] {
      p_.cooling.set_cdu_pumps_running(cdu, p_.cooling.cdu_pumps_running(cdu) - count);
      p_.recorder.event(at, metrics::EventKind::cdu_pump_failure, "", -1, text);
    });
    if (repaired)
      engine.schedule_at(repair_at, [this, cdu, count, repair_at] {
        p_.cooling.set_cdu_pumps_running(cdu, p_.cooling.cdu_pumps_running(cdu) + count);
        p_.recorder.event(repair_at, metrics::EventKind::cdu_pump_repair, "", -1, "CDU " + std::to_string(cdu) + " pumps back");
      });
  } else {
    const int count = f.count;
    std::snprintf(detail, sizeof detail, "%d chiller(s) trip", count);
    const std::string text = detail;
    engine.schedule_at(at, [this, count, at, text] {
      p_.cooling.set_chillers_available(std::max(0, p_.cooling.chillers_available() - count));
      p_.recorder.event(at, metrics::EventKind::chiller_trip, "", -1, text);
    });
    if (repaired)
      engine.schedule_at(repair_at, [this, count, repair_at] {
        p_.cooling.set_chillers_available(p_.cooling.chillers_available() + count);
        p_.recorder.event(repair_at, metrics::EventKind::chiller_restart, "", -1, std::to_string(count) + " chiller(s) back");
      });
  }
}

// The order of one tick (sim/README.md, "The order of one tick"): each stage reads what the
// stages before it wrote into `x` or into the models, never what a later stage will write.
void FacilityModel::tick(SimTime now, SimTime dt) {
  TickExchange x = clock(now, dt);  // 0. the tick's times
  set_group_loads(x);               // 1. rack-group load profiles
  step_workloads(x);                // 2. requests and jobs -> workload group activity
  step_fleet(x);                    // 3-5. CDU outputs, fleet kernels, read-back for the coupling
  record_fleet_events(x);           // 6. thermal states entered, rack trips and service changes
  read_weather(x);                  // 7. outdoor air with any offset
  step_cooling(x);                  // 8. CDUs, facility water, plant
  step_power_chain(x);              // 9-10. losses up to the meter, ratings
  step_power_management(x);         // 11. store, bill, swings, cap controller -> next tick's limits
  record(x);                        // 12. the tick's sample into totals and interval rows
}

TickExchange FacilityModel::clock(SimTime now, SimTime dt) const {
  TickExchange x;
  x.now = now;
  x.dt = dt;
  x.elapsed_s = to_seconds(now);
  x.dt_s = to_seconds(dt);
  x.unix_s = start_unix_s_ + static_cast<std::int64_t>(std::floor(x.elapsed_s));
  x.local_hour = std::fmod((static_cast<double>(start_unix_s_ + utc_offset_s_) + x.elapsed_s) / 3600.0, 24.0);
  return x;
}

void FacilityModel::set_group_loads(const TickExchange& x) {
  for (std::size_t g = 0; g < p_.params.group_loads.size(); ++g) {
    const auto& load = p_.params.group_loads[g];
    group_util_[g] = static_cast<float>(workload::utilization_at(load, x.elapsed_s, x.local_hour));
    group_epoch_[g] = static_cast<std::uint64_t>(std::floor(x.elapsed_s / load.jitter_period_s));
  }
}

void FacilityModel::step_workloads(const TickExchange& x) {
  if (!p_.workloads) return;
  const auto dc = p_.fleet.rack_dc_power_uw();
  for (std::size_t r = 0; r < rack_headroom_w_.size(); ++r)
    rack_headroom_w_[r] = ratings_.rack_psu_usable_w()[r] - static_cast<double>(dc[r]) * 1e-6;
  const double mid_hour = std::fmod(x.local_hour + 0.5 * x.dt_s / 3600.0, 24.0);
  if (p_.power) p_.workloads->set_hold_deferrable(!p_.power->deferrable_may_start());
  p_.workloads->step(x.elapsed_s, x.dt_s, mid_hour, power_frac_, p_.fleet.rack_coolant_c(), rack_headroom_w_,
                     group_util_);
}

void FacilityModel::step_fleet(const TickExchange& x) {
  p_.cooling.rack_inputs(rack_supply_c_, rack_flow_kg_s_);
  p_.fleet.step({group_util_, group_epoch_, rack_supply_c_, rack_flow_kg_s_, x.dt_s});
  if (p_.workloads) {
    power_frac_.resize(p_.fleet.gpus());
    p_.fleet.read_power_frac(power_frac_);
  }
  const bool controlled = p_.power && p_.power->has_controller();
  const bool services = p_.workloads && !p_.workloads->services().empty();
  if (controlled || services) {
    gpu_power_w_.resize(p_.fleet.gpus());
    p_.fleet.read_gpu_power(gpu_power_w_);
    if (services) p_.workloads->account_gpu_energy(gpu_power_w_, x.dt_s);
  }
}

void FacilityModel::record_fleet_events(const TickExchange& x) {
  if (p_.fleet.totals().thermal.entered > 0) record_thermal_events(x.now);
  record_rack_trips(x.now + x.dt);
}

void FacilityModel::read_weather(TickExchange& x) const {
  x.weather = p_.weather.at(x.unix_s);
  if (dry_bulb_offset_k_ != 0.0) {
    // A shifted dry bulb at the same moisture: keep the dew point, recompute the wet bulb.
    weather::WeatherSample& w = x.weather;
    w.dry_bulb_c += dry_bulb_offset_k_;
    w.wet_bulb_c = weather::wet_bulb_from_dew_point_c(w.dry_bulb_c, std::min(w.dew_point_c, w.dry_bulb_c),
                                                      w.pressure_kpa);
  }
}

void FacilityModel::step_cooling(const TickExchange& x) {
  const double air_heat_w = static_cast<double>(p_.fleet.totals().air_heat_uw) * 1e-6;
  p_.cooling.step(p_.fleet.rack_liquid_heat_uw(), air_heat_w, x.weather.dry_bulb_c, x.weather.wet_bulb_c, x.dt_s);
}

void FacilityModel::step_power_chain(TickExchange& x) {
  x.it_w = static_cast<double>(p_.fleet.totals().input_power_uw) * 1e-6;
  x.chain = power::facility_power(p_.params.chain, x.it_w, p_.cooling.power().total_w());
  const double ups_out_w = x.it_w + x.chain.distribution_loss_w;
  const double tx_out_w = ups_out_w + x.chain.ups_loss_w + x.chain.cooling_w;
  for (const power::Overload& o : ratings_.add(ups_out_w, tx_out_w, p_.fleet.rack_dc_power_uw(), x.dt_s)) {
    const bool rack = o.element == power::Overload::Element::rack_psu;
    p_.recorder.event(x.now, metrics::EventKind::power_overload,
                      rack ? p_.topo.racks[static_cast<std::size_t>(o.rack)].name : std::string(), -1,
                      rack ? std::string("rack PSUs above their redundant (usable) capacity")
                           : std::string(power::element_name(o.element)) + " above its redundant (usable) capacity");
  }
}

void FacilityModel::step_power_management(const TickExchange& x) {
  if (!p_.power) return;
  const auto rack_in = p_.fleet.rack_input_power_uw();
  rack_it_w_.resize(rack_in.size());
  for (std::size_t r = 0; r < rack_in.size(); ++r) rack_it_w_[r] = static_cast<double>(rack_in[r]) * 1e-6;
  actions_.clear();
  if (p_.power->after_tick(x.elapsed_s, x.dt_s, x.chain.facility_w, x.it_w, gpu_power_w_, rack_it_w_, actions_))
    p_.fleet.set_power_limits(p_.power->limits());
  for (const auto& a : actions_)
    p_.recorder.event(from_seconds(a.time_s), a.kind,
                      a.rack >= 0 ? p_.topo.racks[static_cast<std::size_t>(a.rack)].name : std::string(), -1,
                      a.detail);
}

void FacilityModel::record(const TickExchange& x) {
  const auto& t = p_.fleet.totals();
  const cooling::CoolingPower& cp = p_.cooling.power();
  const cooling::CoolingState& cs = p_.cooling.state();
  const power::ChainPower& chain = x.chain;
  metrics::TickSample s;
  if (p_.power) {
    s.cap_w = p_.power->cap_w();
    s.grid_w = p_.power->grid_w();
    const double cost_ntd = p_.power->bill().energy_cost_ntd();
    s.energy_cost_ntd_per_h = (cost_ntd - energy_cost_so_far_ntd_) / x.dt_s * 3600.0;
    energy_cost_so_far_ntd_ = cost_ntd;
  } else {
    s.grid_w = chain.facility_w;
  }
  s.gpu_w = static_cast<double>(t.gpu_power_uw) * 1e-6;
  s.smoothing_w = t.smoothing_extra_w;
  s.it_w = x.it_w;
  s.psu_loss_w = static_cast<double>(t.input_power_uw - t.dc_power_uw) * 1e-6;
  s.distribution_loss_w = chain.distribution_loss_w;
  s.ups_loss_w = chain.ups_loss_w;
  s.transformer_loss_w = chain.transformer_loss_w;
  s.misc_w = chain.misc_w;
  s.cooling_w = cp.total_w();
  s.cdu_pumps_w = cp.cdu_pumps_w;
  s.facility_pumps_w = cp.facility_pumps_w;
  s.crah_fans_w = cp.crah_fans_w;
  s.rejection_fans_w = cp.rejection_fans_w;
  s.chillers_w = cp.chillers_w;
  s.facility_w = chain.facility_w;
  s.heat_to_water_w = cs.heat_to_water_w;
  s.heat_from_water_w = cs.heat_from_water_w;
  s.water_kg_s = cs.water_kg_s;
  s.free_cooling = cs.mode == cooling::PlantResult::Mode::free ? 1.0 : 0.0;
  s.throttled_gpus = static_cast<double>(t.thermal.throttled);
  s.shutdown_gpus = static_cast<double>(t.thermal.shut_down);
  s.dry_bulb_c = x.weather.dry_bulb_c;
  s.wet_bulb_c = x.weather.wet_bulb_c;
  s.facility_supply_c = cs.facility_supply_c;
  s.facility_return_c = cs.facility_return_c;
  s.gpu_utilization = static_cast<double>(t.activity_micro) * 1e-6 / gpus_;
  s.gpu_speed = static_cast<double>(t.speed_micro) * 1e-6 / gpus_;
  if (p_.workloads) {
    const TickServing& tok = p_.workloads->last_tick_serving();
    s.tokens_per_s = (tok.input + tok.output) / x.dt_s;
    s.output_tokens_per_s = tok.output / x.dt_s;
    s.first_tokens_per_s = tok.first_tokens / x.dt_s;
    s.ttft_sum_s_per_s = tok.ttft_sum_s / x.dt_s;
    s.tpot_requests_per_s = tok.tpot_requests / x.dt_s;
    s.tpot_sum_s_per_s = tok.tpot_sum_s / x.dt_s;
    s.requests_in_system = static_cast<double>(p_.workloads->requests_in_system());
    s.jobs_running = static_cast<double>(p_.workloads->jobs_running());
  }
  last_sample_ = s;
  metrics::RackSample racks{p_.fleet.rack_input_power_uw(), p_.fleet.rack_gpu_power_uw(),
                            p_.fleet.rack_activity_micro(),  rack_supply_c_,
                            p_.fleet.rack_return_c(),         p_.fleet.rack_die_max_c()};
  p_.recorder.record(x.now, x.dt, s, t.thermal.die_max_c, racks);
}

void FacilityModel::record_rack_trips(SimTime at) {
  const auto state = p_.fleet.rack_tripped();
  if (was_tripped_.empty()) was_tripped_.assign(state.size(), 0);
  for (std::size_t r = 0; r < state.size(); ++r) {
    const std::int8_t before = was_tripped_[r], now = state[r];
    if (now == before) continue;
    was_tripped_[r] = now;
    const std::string& name = p_.topo.racks[r].name;
    if ((now & 2) != (before & 2))
      p_.recorder.event(at, (now & 2) ? metrics::EventKind::rack_out_of_service : metrics::EventKind::rack_in_service, name, -1, "");
    if ((now & 1) != (before & 1)) {
      char detail[96];
      std::snprintf(detail, sizeof detail, "rack loop %.1f C", p_.fleet.rack_coolant_c()[r]);
      if (now & 1) ++rack_trips_;
      p_.recorder.event(at, (now & 1) ? metrics::EventKind::rack_trip : metrics::EventKind::rack_restart, name, -1, detail);
    }
  }
}

void FacilityModel::record_thermal_events(SimTime now) {
  entered_host_.resize(p_.fleet.gpus());
  die_host_.resize(p_.fleet.gpus());
  p_.fleet.read_entered(entered_host_);
  p_.fleet.read_die_temp(die_host_);
  const SimTime at = now;
  for (const auto& rack : p_.topo.racks) {
    for (int i = 0; i < rack.gpus; ++i) {
      const auto g = static_cast<std::size_t>(rack.first_gpu + i);
      const std::int8_t e = entered_host_[g];
      if (e == 0) continue;
      const metrics::EventKind kind = e == kernels::kThermalSlowdown     ? metrics::EventKind::thermal_slowdown
                                      : e == kernels::kThermalHwSlowdown ? metrics::EventKind::hw_slowdown
                                                                         : metrics::EventKind::thermal_shutdown;
      if (e == kernels::kThermalShutdown) {
        ++shutdown_events_;
      } else {
        ++throttle_events_;
      }
      char detail[96];
      std::snprintf(detail, sizeof detail, "die %.1f C, rack coolant %.1f C", die_host_[g],
                    p_.fleet.rack_coolant_c()[static_cast<std::size_t>(&rack - p_.topo.racks.data())]);
      p_.recorder.event(at, kind, rack.name, i, detail);
    }
  }
}

}  // namespace aifsim::run
