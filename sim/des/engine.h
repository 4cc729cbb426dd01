// SPDX-License-Identifier: Apache-2.0
// The simulation run loop: discrete events interleaved with a fixed physics tick, in an
// order that is fully determined by the scenario (integer time, (time, seq) event keys).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

#include "sim/core/time.h"
#include "sim/des/event_queue.h"
#include "sim/des/model.h"

namespace aifsim::des {

/// What Engine::run() did.
struct RunResult {
  SimTime end_time;        ///< µs reached: Engine::end(), or earlier if stopped early
  bool stopped_early;      ///< request_stop() ended the run before end()
  std::uint64_t ticks;     ///< tick boundaries processed (each ticks every model once)
  std::uint64_t events;    ///< event callbacks run (cancelled events not counted)
};

/// Progress report: `now` is the time reached and `end` the planned end, both µs.
using ProgressFn = std::function<void(SimTime now, SimTime end)>;

/// Runs registered models and the event queue from time 0 to end().
///
/// Loop (all times µs):
///  1. start(*this) on every model, in registration order, with now() == 0.
///  2. For each tick boundary t = 0, dt, 2dt, ... < end:
///     a. run every pending event with time <= t, in (time, seq) order, with now() set to
///        the event's own time. Events may schedule further events, including at the
///        current time; those with time <= t run in this same pass. Hence events scheduled
///        at times in (t - dt, t] run, in time order, before tick(t): an event between two
///        boundaries is processed at its own time, before the next tick.
///     b. tick(t, step) on every model, in registration order, with now() == t and
///        step = min(dt, end - t): the last tick is shortened so the run ends exactly at
///        end and the steps sum to end.
///     c. report progress if due, then stop if request_stop() was called: end_time = t + step.
///  3. Run the events with time < end_time that remain (those between the last boundary
///     and end_time), so on return every event before end_time has run and every model has
///     been integrated up to end_time. Events at time >= end_time never run.
///  4. Final progress report, then finish(end_time) on every model with now() == end_time.
///
/// Events scheduled during tick(t) for times in [t, t + dt) run before tick(t + dt). now()
/// never decreases. A run with end == 0 has no ticks and runs no events.
///
/// Not thread-safe except request_stop(). An exception thrown by a model or an event
/// propagates out of run() and leaves the engine unusable.
class Engine {
 public:
  /// dt: tick length (µs), > 0. end: run length (µs), >= 0. Throws std::invalid_argument.
  Engine(SimTime dt, SimTime end);

  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  /// Registers a model (not owned; must outlive run()). Models are started, ticked and
  /// finished in registration order. Throws std::logic_error once run() has begun.
  void add_model(Model& m);

  /// Schedules fn at absolute time t (µs). Throws std::invalid_argument if t < now().
  /// Times >= end() are accepted but never run.
  EventId schedule_at(SimTime t, EventFn fn);

  /// Schedules fn at now() + delay (µs); delay >= 0, else std::invalid_argument.
  EventId schedule_in(SimTime delay, EventFn fn);

  /// Cancels a pending event; returns false if it already ran, was cancelled or is unknown.
  bool cancel(EventId id);

  /// Current simulated time (µs): the running event's time, the tick boundary during
  /// tick(), 0 during start(), the end time during finish().
  SimTime now() const { return now_; }
  /// Tick length (µs).
  SimTime dt() const { return dt_; }
  /// Planned end of the run (µs).
  SimTime end() const { return end_; }
  /// 0-based index of the tick boundary being processed (boundary time = index * dt);
  /// after run(), the number of ticks done.
  std::uint64_t tick_index() const { return tick_index_; }
  /// Live events waiting in the queue.
  std::size_t pending_events() const { return queue_.size(); }

  /// Calls fn(now, end) after every `every_ticks` ticks (0: never periodically) and once
  /// at the end of the run, where now == end_time; the end call is skipped if the last
  /// periodic call already reported end_time. Pass an empty fn to remove.
  void set_progress(ProgressFn fn, std::uint64_t every_ticks);

  /// Asks run() to return after the current tick (see the loop above). Async-signal-safe:
  /// only stores to a lock-free std::atomic<bool>, so a SIGINT handler may call it. A
  /// request made before run() stops the run after its first tick.
  void request_stop() noexcept;

  /// Runs the loop described above. May be called once; a second call throws
  /// std::logic_error.
  RunResult run();

  // The same loop one tick at a time, for a caller that acts between ticks (a session
  // applying commands, a front end pacing the run). run() is begin(), step() until done()
  // or a stop request, then end_run().
  /// Step 1 of the loop. Throws std::logic_error when called twice or after run().
  void begin();
  /// True once the ticks have reached end() (or the run was ended).
  bool done() const { return t_ >= end_ || ended_; }
  /// Steps 2a-2b for the next tick boundary, then progress if due (2c without the stop).
  /// Throws std::logic_error before begin() or once done().
  void step();
  /// Time the ticks have reached (µs): the next tick boundary.
  SimTime reached() const { return t_; }
  /// Steps 3-4 with end_time = reached(); the run counts as stopped early when that is
  /// before end(). May be called once, after begin().
  RunResult end_run();

 private:
  void run_events_through(SimTime t);  // events with time <= t
  void report_progress(SimTime now);

  SimTime dt_;
  SimTime end_;
  SimTime now_ = 0;
  std::uint64_t tick_index_ = 0;
  std::uint64_t events_run_ = 0;
  bool running_ = false;
  bool ended_ = false;
  SimTime t_ = 0;  // next tick boundary
  EventQueue queue_;
  std::vector<Model*> models_;
  ProgressFn progress_;
  std::uint64_t progress_every_ = 0;
  SimTime last_progress_ = -1;  // time of the last progress call; -1: none yet
  // Written from a signal handler, so it must be lock-free (a mutex-based atomic would
  // deadlock if the signal landed while run() held it).
  static_assert(std::atomic<bool>::is_always_lock_free);
  std::atomic<bool> stop_requested_{false};
};

}  // namespace aifsim::des
