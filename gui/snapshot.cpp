// SPDX-License-Identifier: Apache-2.0
// Reading a live run into a Snapshot.
#include "gui/snapshot.h"

#include <cmath>

#include "sim/cooling/cooling_system.h"
#include "sim/core/units.h"
#include "sim/facility/fleet.h"
#include "sim/facility/topology.h"
#include "sim/metrics/recorder.h"
#include "sim/run/facility_model.h"
#include "sim/run/power_management.h"
#include "sim/run/workload_set.h"

namespace aifsim::gui {

Snapshot make_snapshot(run::LiveRun& live, const Snapshot* previous) {
  Snapshot s;
  const auto& spec = live.spec;
  s.now_s = live.now_s;
  s.duration_s = spec.time.duration.s;
  s.finished = live.now_s >= spec.time.duration.s;
  const auto& t = live.facility.last_sample();
  s.facility_w = t.facility_w;
  s.it_w = t.it_w;
  s.cooling_w = t.cooling_w;
  s.gpu_w = t.gpu_w;
  s.cap_w = t.cap_w;
  s.grid_w = t.grid_w;
  s.tokens_per_s = t.tokens_per_s;
  s.dry_bulb_c = t.dry_bulb_c;
  s.wet_bulb_c = t.wet_bulb_c;
  const metrics::RunTotals& tot = live.recorder.totals();
  s.facility_mwh = tot.integral.facility_w / 3.6e9;
  s.it_mwh = tot.integral.it_w / 3.6e9;
  s.water_m3 = tot.integral.water_kg_s / 1000.0;
  s.pue = tot.integral.it_w > 0 ? tot.integral.facility_w / tot.integral.it_w : 0.0;
  s.wue_l_per_kwh = tot.integral.it_w > 0 ? tot.integral.water_kg_s / (tot.integral.it_w / 3.6e6) : 0.0;
  s.die_max_c = tot.die_max_c;
  const auto& bill = live.power.bill();
  s.cost_ntd = bill.total_cost_ntd();
  s.co2_t = bill.co2_t();
  if (previous && s.now_s > previous->now_s)
    s.cost_rate_ntd_per_h = (s.cost_ntd - previous->cost_ntd) / (s.now_s - previous->now_s) * 3600.0;
  s.cap_violation_s = live.power.cap_violation_s();
  s.cap_override_mw = live.power.cap_override_mw();
  s.throttle_events = live.facility.throttle_events();
  s.shutdown_events = live.facility.shutdown_events();
  s.rack_trips = live.facility.rack_trips();
  s.dry_bulb_offset_k = live.facility.dry_bulb_offset_k();
  s.supply_setpoint_c = live.cooling.plant_params().supply_setpoint_c;
  const int offset_s = static_cast<int>(std::lround(spec.site.utc_offset_h * 3600));
  const auto start_time = parse_iso8601(spec.time.start);  // validated by the loader
  const std::int64_t start = start_time ? start_time->resolve_unix_s(offset_s) : 0;
  s.local_time = format_iso8601(start + static_cast<std::int64_t>(live.now_s), offset_s);

  if (live.workloads) {
    const workload::ServiceStats st = live.workloads->total_stats();
    s.tokens = static_cast<double>(st.input_tokens + st.output_tokens);
    s.requests_completed = static_cast<double>(st.completed);
    const std::uint64_t resolved = st.completed + st.dropped + st.timed_out;
    s.slo_attainment = resolved > 0 ? static_cast<double>(st.slo_met) / static_cast<double>(resolved) : 0.0;
    s.ttft_p99_s = st.ttft_s.percentile(99);
    s.tpot_p99_s = st.tpot_s.percentile(99);
    if (const auto* tr = live.workloads->training())
      s.training_goodput = tr->busy_gpu_s() > 0 ? tr->useful_gpu_s() / tr->busy_gpu_s() : 0.0;
    for (std::size_t i = 0; i < live.workloads->services().size(); ++i) {
      s.services.push_back(live.workloads->services()[i]->name());
      s.rate_multiplier.push_back(live.workloads->rate_multiplier(i));
    }
  }

  const auto& topo = live.topo;
  s.rows = topo.rows;
  const auto in_uw = live.fleet.rack_input_power_uw();
  const auto dc_uw = live.fleet.rack_dc_power_uw();
  const auto act = live.fleet.rack_activity_micro();
  const auto die = live.fleet.rack_die_max_c();
  const auto ret = live.fleet.rack_return_c();
  const auto tripped = live.fleet.rack_tripped();
  std::vector<float> supply_c(topo.racks.size()), flow_kg_s(topo.racks.size());
  live.cooling.rack_inputs(supply_c, flow_kg_s);
  for (std::size_t r = 0; r < topo.racks.size(); ++r) {
    const auto& rack = topo.racks[r];
    RackLayout l{rack.name, rack.hall, rack.row,      rack.position,
                 rack.first_gpu, rack.gpus, live.facility.ratings().rack_psu_usable_w()[r] / 1e3};
    s.rack_it_kw.push_back(static_cast<float>(static_cast<double>(in_uw[r]) * 1e-9));
    s.rack_die_max_c.push_back(die[r]);
    s.rack_return_c.push_back(ret[r]);
    s.rack_utilization.push_back(rack.gpus > 0 ? static_cast<float>(static_cast<double>(act[r]) * 1e-6 / rack.gpus) : 0.0f);
    s.rack_headroom_kw.push_back(static_cast<float>(l.rating_kw - static_cast<double>(dc_uw[r]) * 1e-9));
    s.rack_tripped.push_back(tripped[r]);
    if ((tripped[r] & 2) == 0) ++s.racks_in_service;
    s.rack_supply_c.push_back(supply_c[r]);
    std::string owners;
    if (live.workloads)
      for (int g = rack.first_gpu; g < rack.first_gpu + rack.gpus; ++g) {
        const std::string o = live.workloads->owner_of(g);
        if (!o.empty() && owners.find(o) == std::string::npos) owners += (owners.empty() ? "" : ", ") + o;
      }
    s.rack_workload.push_back(owners.empty() ? "rack-group load profile" : owners);
    s.racks.push_back(std::move(l));
  }
  const std::size_t n = live.fleet.gpus();
  s.gpu_power_w.resize(n);
  s.gpu_die_c.resize(n);
  s.gpu_clock.resize(n);
  s.gpu_state.resize(n);
  live.fleet.read_gpu_power(s.gpu_power_w);
  live.fleet.read_die_temp(s.gpu_die_c);
  live.fleet.read_power_frac(s.gpu_clock);
  live.fleet.read_thermal_state(s.gpu_state);
  return s;
}

}  // namespace aifsim::gui
