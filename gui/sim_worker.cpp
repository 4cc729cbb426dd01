// SPDX-License-Identifier: Apache-2.0
// The simulation thread: a session stepped tick by tick, applying commands, pacing, pausing
// and publishing snapshots between ticks.
#include "gui/sim_worker.h"

#include <chrono>
#include <algorithm>
#include <exception>

#include <omp.h>


namespace aifsim::gui {
namespace {

double wall_s() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

constexpr double kPublishEveryS = 0.03;  // ~33 snapshots a second: smooth plots, cheap copies

}  // namespace

SimWorker::SimWorker(scenario::LoadedScenario scenario, std::filesystem::path out_dir, bool paused) {
  paused_.store(paused);
  thread_ = std::thread([this, sc = std::move(scenario), out = std::move(out_dir)]() mutable { run(std::move(sc), std::move(out)); });
}

SimWorker::~SimWorker() {
  stop_.store(true);
  {
    std::lock_guard lock(mutex_);
    paused_.store(false);
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

std::shared_ptr<const Snapshot> SimWorker::latest() const {
  std::lock_guard lock(mutex_);
  return latest_;
}

void SimWorker::post(const Command& c) {
  std::lock_guard lock(mutex_);
  commands_.push_back(c);
}

void SimWorker::set_paused(bool paused) {
  {
    std::lock_guard lock(mutex_);
    paused_.store(paused);
  }
  cv_.notify_all();
}

void SimWorker::run_to(double t_s) {
  speed_before_run_to_.store(speed_.load());
  speed_.store(0.0);
  run_to_s_.store(t_s);
  set_paused(false);
}

void SimWorker::step(int ticks) {
  {
    std::lock_guard lock(mutex_);
    step_ticks_ += ticks;
  }
  cv_.notify_all();
}

std::string SimWorker::error() const {
  std::lock_guard lock(mutex_);
  return error_;
}

void SimWorker::wait_until(double sim_s) const {
  std::unique_lock lock(mutex_);
  cv_.wait(lock, [&] { return finished_.load() || sim_s_.load() >= sim_s; });
}

void SimWorker::run(scenario::LoadedScenario scenario, std::filesystem::path out_dir) {
  // Leave a core to the UI thread: the simulation's kernels run on the others (on a 2-core
  // machine, one), so frames keep their pace while the run goes as fast as it can.
  omp_set_num_threads(std::max(1, omp_get_num_procs() - 1));
  try {
    std::filesystem::create_directories(out_dir);
    run::SessionOptions opt;
    opt.out_dir = out_dir;
    opt.stop_requested = &stop_;
    run::Session session = run::Session::open(scenario, opt);
    wall_anchor_s_ = wall_s();
    while (!stop_.load() && session.step()) after_tick(session);
    session.finish();
  } catch (const std::exception& e) {
    std::lock_guard lock(mutex_);
    error_ = e.what();
  }
  finished_.store(true);
  cv_.notify_all();
}

void SimWorker::after_tick(run::Session& session) {
  std::vector<Command> todo;
  {
    std::lock_guard lock(mutex_);
    todo.swap(commands_);
  }
  for (const Command& c : todo) {
    try {
      session.apply(c);
    } catch (const std::invalid_argument&) {
      // A knob the scenario cannot take (a CDU it does not have): the UI offers it freely.
    }
  }
  const double now_s = session.now_s();
  sim_s_.store(now_s);
  bool self_paused = false;
  if (const double target = run_to_s_.load(); target >= 0 && now_s >= target) {
    run_to_s_.store(-1.0);
    speed_.store(speed_before_run_to_.load());
    paused_.store(true);
    self_paused = true;
  }
  const double now_wall = wall_s();
  if (session.done() || self_paused || paused_.load() || now_wall - last_publish_s_ >= kPublishEveryS) {
    Snapshot fresh;
    static_cast<run::Snapshot&>(fresh) = session.snapshot();
    fresh.paused_by_sim = self_paused;
    auto snap = std::make_shared<const Snapshot>(std::move(fresh));
    std::lock_guard lock(mutex_);
    latest_ = std::move(snap);
    last_publish_s_ = now_wall;
  }
  cv_.notify_all();
  // Pause: wait for resume, a step or stop. Steps count ticks.
  {
    std::unique_lock lock(mutex_);
    if (step_ticks_ > 0) {
      --step_ticks_;
    } else {
      cv_.wait(lock, [&] { return !paused_.load() || step_ticks_ > 0 || stop_.load(); });
      if (paused_.load() && step_ticks_ > 0) --step_ticks_;
    }
  }
  // Pace: keep simulated time at speed x wall time (re-anchored after pauses and changes).
  const double speed = speed_.load();
  if (speed > 0 && !stop_.load()) {
    const double target_wall = wall_anchor_s_ + (now_s - sim_anchor_s_) / speed;
    const double w = wall_s();
    if (target_wall > w + 1.0) {  // fell far ahead (e.g. after a pause): re-anchor
      wall_anchor_s_ = w;
      sim_anchor_s_ = now_s;
    } else if (target_wall > w) {
      std::this_thread::sleep_for(std::chrono::duration<double>(target_wall - w));
    } else if (w - target_wall > 1.0) {  // behind (the machine is slower): do not catch up
      wall_anchor_s_ = w;
      sim_anchor_s_ = now_s;
    }
  } else {
    wall_anchor_s_ = wall_s();
    sim_anchor_s_ = now_s;
  }
}

}  // namespace aifsim::gui
