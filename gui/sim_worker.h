// SPDX-License-Identifier: Apache-2.0
// Runs a scenario on its own thread for the UI: publishes a snapshot every few tens of
// milliseconds, takes commands (pause, step, speed, knobs, faults) through a queue applied
// between ticks. The UI never waits for the simulation, and the simulation never waits for a
// frame (except while paused).
#pragma once

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "sim/run/session.h"
#include "sim/scenario/load.h"

namespace aifsim::gui {

/// What the UI draws from: the session's snapshot and whether the run paused itself.
struct Snapshot : run::Snapshot {
  bool paused_by_sim = false;  ///< the simulation paused itself (reached a run-to time)
};

/// A request from the UI, applied on the simulation thread between ticks.
using Command = run::Command;

class SimWorker {
 public:
  /// Starts the run at once (paused when `paused`), writing its run directory to out_dir.
  SimWorker(scenario::LoadedScenario scenario, std::filesystem::path out_dir, bool paused = false);
  ~SimWorker();  ///< asks the run to stop and joins it

  /// The newest snapshot (null until the first one).
  std::shared_ptr<const Snapshot> latest() const;
  void post(const Command& c);
  void set_paused(bool paused);
  bool paused() const { return paused_.load(); }
  /// While paused: run `ticks` more ticks.
  void step(int ticks = 1);
  /// Runs as fast as it can to simulated second `t_s`, then pauses there.
  void run_to(double t_s);
  /// Simulated seconds per wall second (0: as fast as the machine goes).
  void set_speed(double sim_s_per_wall_s) { speed_.store(sim_s_per_wall_s); }
  double speed() const { return speed_.load(); }
  bool finished() const { return finished_.load(); }
  /// The error that ended the run early, if any.
  std::string error() const;
  /// Blocks until the run has simulated at least `sim_s` seconds or ended.
  void wait_until(double sim_s) const;

 private:
  void run(scenario::LoadedScenario scenario, std::filesystem::path out_dir);
  void after_tick(run::Session& session);

  mutable std::mutex mutex_;
  mutable std::condition_variable cv_;
  std::shared_ptr<const Snapshot> latest_;
  std::vector<Command> commands_;
  std::string error_;
  std::atomic<bool> paused_{false}, finished_{false}, stop_{false};
  std::atomic<double> speed_{0.0};
  std::atomic<double> sim_s_{0.0};
  int step_ticks_ = 0;  // guarded by mutex_
  std::atomic<double> run_to_s_{-1.0}, speed_before_run_to_{0.0};
  double wall_anchor_s_ = 0, sim_anchor_s_ = 0, last_publish_s_ = -1;
  std::thread thread_;
};

}  // namespace aifsim::gui
