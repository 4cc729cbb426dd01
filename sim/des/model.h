// SPDX-License-Identifier: Apache-2.0
// The interface through which the engine drives a simulated system: start, one call per
// physics tick, finish. A run registers one model, run::FacilityModel, whose tick() calls
// the subsystems in their physical order (sim/README.md, "The order of one tick").
#pragma once

#include <string_view>

#include "sim/core/time.h"

namespace aifsim::des {

class Engine;

/// A simulated subsystem driven by des::Engine.
///
/// Models register with Engine::add_model(). The facility's subsystems (workloads, fleet
/// kernels, cooling plant, power chain, cap control) are not separate models: their call
/// order within a tick is the physics (each stage reads what the one before it wrote), so
/// it stays one explicit sequence rather than an order of registration. The engine calls,
/// in registration order:
///  - start(engine) once, at time 0, before the first tick: schedule initial events here
///    (arrivals, scheduled faults, weather updates) and keep the engine reference if the
///    model schedules more later;
///  - tick(now, dt) once per tick boundary, after every event at or before `now` has run;
///  - finish(end) once, after the last tick, with the time the run reached.
///
/// tick(now, dt) integrates the model's continuous state over [now, now + dt) (both µs)
/// with its inputs held constant over the interval (piecewise-constant inputs). Models
/// should integrate exactly over the interval (e.g. the RC step
/// T(t+dt) = T_ss + (T - T_ss) * exp(-dt/tau)) so a coarse dt stays stable. dt equals
/// Engine::dt() except on the last tick, which is shortened to end exactly at Engine::end().
///
/// Why a fixed tick rather than SimGrid's next_occurring_event() per model: the fleet
/// physics runs as one data-parallel kernel over every GPU, which wants a common step;
/// discrete happenings go through the event queue instead.
///
/// Override any subset of start/tick/finish; the defaults do nothing. The engine does not
/// own models: a model must outlive Engine::run().
class Model {
 public:
  virtual ~Model() = default;

  /// Short stable name for logs and error messages, e.g. "thermal".
  virtual std::string_view name() const = 0;

  /// Called once at time 0, before any tick; may schedule events.
  virtual void start(Engine& /*engine*/) {}

  /// Integrates continuous state over [now, now + dt) µs with inputs held constant.
  virtual void tick(SimTime /*now*/, SimTime /*dt*/) {}

  /// Called once after the run with the time reached (µs): Engine::end(), or earlier when
  /// the run was stopped.
  virtual void finish(SimTime /*end*/) {}
};

}  // namespace aifsim::des
