// SPDX-License-Identifier: Apache-2.0
// A session's models, its tick loop, its commands and its snapshots.
#include "sim/run/session.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <stdexcept>
#include <type_traits>

#include "sim/core/threads.h"
#include "sim/core/units.h"
#include "sim/des/engine.h"
#include "sim/facility/fleet.h"
#include "sim/facility/topology.h"
#include "sim/metrics/recorder.h"
#include "sim/output/run_directory.h"
#include "sim/run/build.h"
#include "sim/run/facility_model.h"
#include "sim/run/power_management.h"
#include "sim/run/run_outputs.h"
#include "sim/run/summary.h"
#include "sim/run/workload_set.h"
#include "sim/weather/weather.h"

namespace aifsim::run {

namespace {

// The largest team a session may use.
int session_max_threads(const SessionOptions& options) {
  if (options.threads < 0) throw std::invalid_argument("SessionOptions::threads must be 0 (auto) or positive");
  return options.threads > 0 ? options.threads : available_threads();
}

// Builds the run with the session's largest team in force (the request engine sizes its
// per-thread counters by it).
BuiltRun build_on_threads(const scenario::LoadedScenario& scenario, kernels::Backend backend, int threads) {
  const ScopedThreads team(threads);
  return build_run(scenario, backend);
}

ThreadGovernorParams governor_params(const SessionOptions& options, int max_threads) {
  ThreadGovernorParams p = options.governor;
  p.max_threads = options.threads == 0 ? max_threads : 1;  // 1: a fixed count is only counted
  return p;
}

}  // namespace

struct Session::Impl {
  Impl(const scenario::LoadedScenario& sc, SessionOptions opt)
      : scenario(sc),
        options(std::move(opt)),
        max_threads(session_max_threads(options)),
        governed(options.threads == 0 && max_threads > 1),
        governor(governor_params(options, max_threads)),
        built(build_on_threads(scenario, options.backend, max_threads)) {
    // Every input file has been read: only now does the run directory appear, and it is
    // this run's alone until the session ends.
    output::prepare_run_directory(options.out_dir);
    lock = std::make_unique<output::RunDirectoryLock>(options.out_dir);
    const scenario::ScenarioSpec& spec = scenario.spec;
    metrics::RecorderOptions ropt = built.recorder;
    ropt.out_dir = options.out_dir;
    recorder = std::make_unique<metrics::Recorder>(built.topo, built.group_names, ropt);
    engine = std::make_unique<des::Engine>(from_seconds(spec.time.dt_s), from_seconds(spec.time.duration.s));
    facility = std::make_unique<FacilityModel>(
        FacilityParts{built.facility, built.topo, *built.fleet, *built.cooling, built.weather, *recorder,
                      built.workloads.get(), built.power.get()},
        scenario.start_unix_s, scenario.utc_offset_s);
    engine->add_model(*facility);
    if (options.progress) {
      const double total_s = spec.time.duration.s;
      auto progress = options.progress;
      engine->set_progress([progress, total_s](SimTime now, SimTime) { progress(to_seconds(now), total_s); }, 256);
    }
    out_of_service.assign(built.topo.racks.size(), 0);
    layout = std::make_shared<const FloorLayout>(floor_layout());
    engine->begin();
  }

  FloorLayout floor_layout() const {
    FloorLayout l;
    l.rows = built.topo.rows;
    const auto usable_w = facility->ratings().rack_psu_usable_w();
    for (std::size_t r = 0; r < built.topo.racks.size(); ++r) {
      const auto& rack = built.topo.racks[r];
      std::string owners;
      if (built.workloads)
        for (int g = rack.first_gpu; g < rack.first_gpu + rack.gpus; ++g) {
          const std::string o = built.workloads->owner_of(g);
          if (!o.empty() && owners.find(o) == std::string::npos) owners += (owners.empty() ? "" : ", ") + o;
        }
      l.racks.push_back({rack.name, rack.hall, rack.row, rack.position, rack.first_gpu, rack.gpus,
                         usable_w[r] / 1e3, owners.empty() ? "rack-group load profile" : owners});
    }
    return l;
  }

  bool stop() const { return options.stop_requested && options.stop_requested->load(std::memory_order_relaxed); }

  SummaryInputs summary_inputs() const {
    return {built.topo, *built.fleet, *recorder, *facility, built.workloads.get(), *built.power, built.weather};
  }

  scenario::LoadedScenario scenario;
  SessionOptions options;
  int max_threads;
  bool governed;  // the team size is chosen tick by tick; otherwise it is max_threads
  ThreadGovernor governor;  // counts the ticks either way
  BuiltRun built;
  std::unique_ptr<output::RunDirectoryLock> lock;
  std::unique_ptr<metrics::Recorder> recorder;
  std::unique_ptr<des::Engine> engine;
  std::unique_ptr<FacilityModel> facility;
  std::vector<std::int8_t> out_of_service;
  std::shared_ptr<const FloorLayout> layout;
  double energy_cost_rate_ntd_per_h = 0;  // of the last tick
  bool finished = false;
};

Session::Session(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Session::Session(Session&&) noexcept = default;
Session& Session::operator=(Session&&) noexcept = default;
Session::~Session() = default;

Session Session::open(const scenario::LoadedScenario& scenario, SessionOptions options) {
  return Session(std::make_unique<Impl>(scenario, std::move(options)));
}

bool Session::step() {
  Impl& s = *impl_;
  if (s.finished || s.engine->done()) return false;
  const SimTime t0 = s.engine->reached();
  const double cost_before_ntd = s.built.power->bill().energy_cost_ntd();
  // Set on every tick: a front end may step the session from another thread than it opened it.
  const int team_size = s.governed ? s.governor.threads() : s.max_threads;
  {
    const ScopedThreads team(team_size);
    const auto started = std::chrono::steady_clock::now();
    s.engine->step();
    s.governor.record(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  }
  // Back to one thread: stop the idle workers now rather than let them spin.
  if (s.governed && team_size > 1 && s.governor.threads() == 1) release_idle_threads();
  const double dt_s = to_seconds(s.engine->reached() - t0);
  s.energy_cost_rate_ntd_per_h = (s.built.power->bill().energy_cost_ntd() - cost_before_ntd) / dt_s * 3600.0;
  return true;
}

void Session::run_until(double t_s) {
  const SimTime target = from_seconds(t_s);
  while (impl_->engine->reached() < target && !impl_->stop() && step()) {
  }
}

void Session::run() {
  while (!impl_->stop() && step()) {
  }
}

double Session::now_s() const { return to_seconds(impl_->engine->reached()); }
double Session::duration_s() const { return impl_->scenario.spec.time.duration.s; }
bool Session::done() const { return impl_->engine->done(); }
bool Session::stop_requested() const { return impl_->stop(); }

ThreadUse Session::thread_use() const {
  const Impl& s = *impl_;
  const std::int64_t ticks = s.governor.ticks();
  return {s.max_threads, s.governed, ticks, s.governed ? s.governor.ticks_at_max() : (s.max_threads > 1 ? ticks : 0)};
}

void Session::apply(const Command& c) {
  Impl& s = *impl_;
  if (s.finished) throw std::logic_error("Session::apply after finish()");
  const int racks = static_cast<int>(s.built.topo.racks.size());
  std::visit(
      [&](const auto& cmd) {
        using T = std::decay_t<decltype(cmd)>;
        if constexpr (std::is_same_v<T, command::SetCap>) {
          s.built.power->set_cap_override_mw(cmd.mw);
        } else if constexpr (std::is_same_v<T, command::SetArrivalMultiplier>) {
          const std::size_t n = s.built.workloads ? s.built.workloads->services().size() : 0;
          if (cmd.service >= n)
            throw std::invalid_argument("no inference service " + std::to_string(cmd.service) + " (the scenario has " +
                                        std::to_string(n) + ")");
          if (!(cmd.multiplier >= 0) || !std::isfinite(cmd.multiplier))
            throw std::invalid_argument("arrival multiplier must be finite and >= 0");
          s.built.workloads->set_rate_multiplier(cmd.service, cmd.multiplier);
        } else if constexpr (std::is_same_v<T, command::SetAmbientOffset>) {
          if (!std::isfinite(cmd.k)) throw std::invalid_argument("ambient offset must be finite");
          s.facility->set_dry_bulb_offset_k(cmd.k);
        } else if constexpr (std::is_same_v<T, command::SetSupplySetpoint>) {
          if (!std::isfinite(cmd.c)) throw std::invalid_argument("supply set-point must be finite");
          s.built.cooling->set_supply_setpoint_c(cmd.c);
        } else if constexpr (std::is_same_v<T, command::SetRacksInService>) {
          const int in = std::clamp(cmd.count, 0, racks);
          for (int r = 0; r < racks; ++r) s.out_of_service[static_cast<std::size_t>(r)] = r >= in ? 1 : 0;
          s.built.fleet->set_out_of_service(s.out_of_service);
        } else if constexpr (std::is_same_v<T, command::SetRackInService>) {
          if (cmd.rack < 0 || cmd.rack >= racks)
            throw std::invalid_argument("no rack " + std::to_string(cmd.rack) + " (the facility has " +
                                        std::to_string(racks) + ")");
          s.out_of_service[static_cast<std::size_t>(cmd.rack)] = cmd.in_service ? 0 : 1;
          s.built.fleet->set_out_of_service(s.out_of_service);
        } else if constexpr (std::is_same_v<T, command::InjectFault>) {
          scenario::FaultSpec f = cmd.fault;
          if (f.kind == scenario::FaultKind::cdu_pump_failure) {
            if (f.target < 0 || f.target >= s.built.cooling->cdus())
              throw std::invalid_argument("no CDU " + std::to_string(f.target) + " (the facility has " +
                                          std::to_string(s.built.cooling->cdus()) + ")");
            if (f.count <= 0) f.count = s.scenario.spec.site.cooling.cdu.pumps;
          } else if (f.count <= 0) {
            throw std::invalid_argument("a chiller trip needs a count > 0");
          }
          if (!(f.duration.s >= 0)) throw std::invalid_argument("fault duration must be >= 0");
          s.facility->schedule_fault(f);
        }
      },
      c);
}

Snapshot Session::snapshot(SnapshotDetail detail) const {
  const Impl& s = *impl_;
  Snapshot out;
  out.now_s = now_s();
  out.duration_s = duration_s();
  out.finished = done();
  out.local_time = format_iso8601(s.scenario.start_unix_s + static_cast<std::int64_t>(out.now_s),
                                  s.scenario.utc_offset_s);
  out.tick = s.facility->last_sample();
  out.die_max_c = s.built.fleet->totals().thermal.die_max_c;
  out.energy_cost_rate_ntd_per_h = s.energy_cost_rate_ntd_per_h;
  out.summary = summarize(s.summary_inputs()).metrics;
  out.cap_override_mw = s.built.power->cap_override_mw();
  out.dry_bulb_offset_k = s.facility->dry_bulb_offset_k();
  out.supply_setpoint_c = s.built.cooling->plant_params().supply_setpoint_c;
  const auto tripped = s.built.fleet->rack_tripped();
  for (const std::int8_t t : tripped)
    if ((t & 2) == 0) ++out.racks_in_service;
  if (const WorkloadSet* w = s.built.workloads.get())
    for (std::size_t i = 0; i < w->services().size(); ++i) {
      out.services.push_back(w->services()[i]->name());
      out.rate_multiplier.push_back(w->rate_multiplier(i));
    }
  if (detail == SnapshotDetail::kpis) return out;

  const facility::Fleet& fleet = *s.built.fleet;
  out.layout = s.layout;
  const auto in_uw = fleet.rack_input_power_uw();
  const auto dc_uw = fleet.rack_dc_power_uw();
  const auto act = fleet.rack_activity_micro();
  const auto die = fleet.rack_die_max_c();
  const auto ret = fleet.rack_return_c();
  const std::size_t racks = s.built.topo.racks.size();
  std::vector<float> flow_kg_s(racks);
  out.rack_supply_c.resize(racks);
  s.built.cooling->rack_inputs(out.rack_supply_c, flow_kg_s);
  for (std::size_t r = 0; r < racks; ++r) {
    const RackLayout& l = s.layout->racks[r];
    out.rack_it_kw.push_back(static_cast<float>(static_cast<double>(in_uw[r]) * 1e-9));
    out.rack_die_max_c.push_back(die[r]);
    out.rack_return_c.push_back(ret[r]);
    out.rack_utilization.push_back(l.gpus > 0 ? static_cast<float>(static_cast<double>(act[r]) * 1e-6 / l.gpus) : 0.0f);
    out.rack_headroom_kw.push_back(static_cast<float>(l.rating_kw - static_cast<double>(dc_uw[r]) * 1e-9));
    out.rack_tripped.push_back(tripped[r]);
  }
  const std::size_t n = fleet.gpus();
  out.gpu_power_w.resize(n);
  out.gpu_die_c.resize(n);
  out.gpu_clock.resize(n);
  out.gpu_state.resize(n);
  fleet.read_gpu_power(out.gpu_power_w);
  fleet.read_die_temp(out.gpu_die_c);
  fleet.read_power_frac(out.gpu_clock);
  fleet.read_thermal_state(out.gpu_state);
  return out;
}

RunResult Session::finish() {
  Impl& s = *impl_;
  if (s.finished) throw std::logic_error("Session::finish called twice");
  s.finished = true;
  const des::RunResult rr = s.engine->end_run();
  s.recorder->finish();
  RunResult result;
  result.completed = !rr.stopped_early;
  result.simulated_s = to_seconds(rr.end_time);
  Summary summary = summarize(s.summary_inputs());
  result.metrics = std::move(summary.metrics);
  result.checks = evaluate_checks(s.scenario.spec, result.metrics);
  for (const auto& c : result.checks) result.checks_passed = result.checks_passed && c.passed;
  result.files = s.recorder->files();
  write_run_outputs({s.scenario, s.options.backend, s.options.out_dir, s.built.weather.source(),
                     s.built.workloads ? s.built.workloads->training() : nullptr},
                    result, summary.services);
  return result;
}

}  // namespace aifsim::run
