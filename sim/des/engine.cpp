// SPDX-License-Identifier: Apache-2.0
// The run loop of des::Engine: events up to each tick boundary, then one tick of every model.
#include "sim/des/engine.h"

#include <algorithm>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>

namespace aifsim::des {

Engine::Engine(SimTime dt, SimTime end) : dt_(dt), end_(end) {
  if (dt <= 0) {
    throw std::invalid_argument("Engine: dt must be > 0 (got " + std::to_string(dt) + " us)");
  }
  if (end < 0) {
    throw std::invalid_argument("Engine: end must be >= 0 (got " + std::to_string(end) + " us)");
  }
}

void Engine::add_model(Model& m) {
  // Adding while running would tick a model that was never started.
  if (running_) throw std::logic_error("Engine::add_model after run() began");
  models_.push_back(&m);
}

EventId Engine::schedule_at(SimTime t, EventFn fn) {
  // An event in the past would run out of order and break now()'s monotonicity.
  if (t < now_) {
    throw std::invalid_argument("Engine::schedule_at: time " + std::to_string(t) +
                                " us is before now " + std::to_string(now_) + " us");
  }
  return queue_.push(t, std::move(fn));
}

EventId Engine::schedule_in(SimTime delay, EventFn fn) {
  if (delay < 0) {
    throw std::invalid_argument("Engine::schedule_in: negative delay " + std::to_string(delay) +
                                " us");
  }
  if (delay > std::numeric_limits<SimTime>::max() - now_) {
    throw std::invalid_argument("Engine::schedule_in: now + delay overflows SimTime");
  }
  return queue_.push(now_ + delay, std::move(fn));
}

bool Engine::cancel(EventId id) { return queue_.cancel(id); }

void Engine::set_progress(ProgressFn fn, std::uint64_t every_ticks) {
  progress_ = std::move(fn);
  progress_every_ = every_ticks;
}

void Engine::request_stop() noexcept {
  // Relaxed is enough: the loop only needs to see the flag eventually, and no other data
  // is published through it.
  stop_requested_.store(true, std::memory_order_relaxed);
}

void Engine::run_events_through(SimTime t) {
  // Re-check the queue each time: a callback may schedule at the current time, and that
  // event belongs to this pass.
  while (queue_.next_time() <= t) {
    Event ev = queue_.pop();
    now_ = ev.time;
    ev.fn();
    ++events_run_;
  }
}

void Engine::report_progress(SimTime now) {
  if (!progress_) return;
  progress_(now, end_);
  last_progress_ = now;
}

void Engine::begin() {
  if (running_) throw std::logic_error("Engine::run may be called once");
  running_ = true;
  now_ = 0;
  t_ = 0;
  for (Model* m : models_) m->start(*this);
}

void Engine::step() {
  if (!running_ || done()) throw std::logic_error("Engine::step outside a running engine");
  run_events_through(t_);
  now_ = t_;
  // end_ - t_ > 0 here, so no overflow; the last step is shortened to land on end_.
  const SimTime step = std::min(dt_, end_ - t_);
  for (Model* m : models_) m->tick(t_, step);
  t_ += step;
  ++tick_index_;
  if (progress_every_ != 0 && tick_index_ % progress_every_ == 0) report_progress(t_);
}

RunResult Engine::end_run() {
  if (!running_ || ended_) throw std::logic_error("Engine::end_run outside a running engine");
  ended_ = true;
  const SimTime end_time = t_;
  // Events between the last boundary and end_time: they precede end_time, so they run
  // (at their own times) even though no tick follows them.
  if (end_time > 0) run_events_through(end_time - 1);
  now_ = end_time;

  if (last_progress_ != end_time) report_progress(end_time);
  for (Model* m : models_) m->finish(end_time);

  return RunResult{end_time, end_time < end_, tick_index_, events_run_};
}

RunResult Engine::run() {
  begin();
  while (!done()) {
    step();
    if (stop_requested_.load(std::memory_order_relaxed)) break;
  }
  return end_run();
}

}  // namespace aifsim::des
