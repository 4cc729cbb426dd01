// SPDX-License-Identifier: Apache-2.0
// The one front door to a run: the CLI, the GUI, tests and (later) the Python module and the
// sweep runner all open a Session, step it, turn its knobs between ticks, read immutable
// snapshots and finish it. Everything a front end shows comes from here, computed in sim/.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <variant>
#include <vector>

#include "kernels/backend.h"
#include "sim/core/thread_governor.h"
#include "sim/run/result.h"
#include "sim/run/snapshot.h"
#include "sim/scenario/load.h"

namespace aifsim::run {

struct SessionOptions {
  kernels::Backend backend = kernels::Backend::cpu;
  /// The run directory: created (with its parents) by open() once every input file has been
  /// read, and locked against other runs until the session ends. Files appear under their
  /// final names only at finish(); until then they are NAME.<pid>-<random>.tmp.
  std::filesystem::path out_dir;
  /// Called about every 256 ticks and once at the end with simulated seconds done and in total.
  std::function<void(double done_s, double total_s)> progress;
  /// When it becomes true (e.g. on SIGINT), run() and run_until() return after the current
  /// tick; finish() then writes everything computed so far ("completed": false).
  const std::atomic<bool>* stop_requested = nullptr;
  /// Threads of the CPU kernels and the request engine: 0 lets a ThreadGovernor pick 1 or
  /// all available threads tick by tick (available_threads()), N uses exactly N. Results are
  /// the same bytes for any value.
  int threads = 0;
  /// The governor's timing with threads 0 (max_threads is always available_threads()).
  ThreadGovernorParams governor;
};

/// How a session used its threads so far.
struct ThreadUse {
  int max_threads = 1;  ///< the larger team size (the fixed one with SessionOptions::threads)
  bool governed = false;  ///< chosen tick by tick
  std::int64_t ticks = 0;
  std::int64_t ticks_at_max = 0;  ///< ticks run with max_threads threads
};

/// Typed commands a front end applies between ticks; each takes effect from the next tick.
namespace command {
/// A facility cap in MW that replaces control.power_cap.target_mw (windows still apply);
/// <= 0 goes back to the scenario's own cap.
struct SetCap {
  double mw = 0;
  bool operator==(const SetCap&) const = default;
};
/// Multiplies an inference service's arrival rate (replays keep their trace's times).
struct SetArrivalMultiplier {
  std::size_t service = 0;  ///< in workloads.inference order
  double multiplier = 1;
  bool operator==(const SetArrivalMultiplier&) const = default;
};
/// Shifts the outdoor dry bulb by `k` kelvin at the same dew point.
struct SetAmbientOffset {
  double k = 0;
  bool operator==(const SetAmbientOffset&) const = default;
};
/// Facility-water supply set-point (C).
struct SetSupplySetpoint {
  double c = 0;
  bool operator==(const SetSupplySetpoint&) const = default;
};
/// The first `count` racks in topology order are in service, the others out.
struct SetRacksInService {
  int count = 0;
  bool operator==(const SetRacksInService&) const = default;
};
/// One rack in or out of service (out: powered off, no heat, coolant still flowing).
struct SetRackInService {
  int rack = 0;
  bool in_service = true;
  bool operator==(const SetRackInService&) const = default;
};
/// A fault now (or at fault.at if later), repaired after fault.duration (0: never). For a
/// CDU pump failure, count <= 0 means every pump of the CDU.
struct InjectFault {
  scenario::FaultSpec fault;
  bool operator==(const InjectFault&) const = default;
};
}  // namespace command

using Command = std::variant<command::SetCap, command::SetArrivalMultiplier, command::SetAmbientOffset,
                             command::SetSupplySetpoint, command::SetRacksInService, command::SetRackInService,
                             command::InjectFault>;

/// What snapshot() copies: everything, or the facility values and KPIs without per-rack and
/// per-GPU arrays (cheap enough to take every tick).
enum class SnapshotDetail { kpis, full };

class Session {
 public:
  /// Builds every model of the scenario, then makes and locks the run directory, and starts
  /// the engine at time 0. Throws InputError for an unreadable or malformed trace or weather
  /// file (before any directory is made), output::RunDirectoryError for a run directory that
  /// cannot be made or written or is in use by another run.
  static Session open(const scenario::LoadedScenario& scenario, SessionOptions options);

  Session(Session&&) noexcept;
  Session& operator=(Session&&) noexcept;
  ~Session();

  /// Runs one tick; false (and nothing done) once the run has reached its end or finished.
  bool step();
  /// Runs ticks until simulated second `t_s` is reached, the end, or a stop request.
  void run_until(double t_s);
  /// Runs to the end or a stop request.
  void run();
  /// Applies a command between ticks. Throws std::invalid_argument for an index out of
  /// range or a command the scenario cannot take (a service that does not exist).
  void apply(const Command& c);

  /// Simulated seconds done.
  double now_s() const;
  double duration_s() const;
  /// The run reached its end (every tick done).
  bool done() const;
  bool stop_requested() const;
  /// The team sizes the ticks so far ran with.
  ThreadUse thread_use() const;

  /// The run as it stands after the last tick: an immutable value.
  Snapshot snapshot(SnapshotDetail detail = SnapshotDetail::full) const;

  /// Ends the run where it stands and writes the run directory (summary.json,
  /// timeseries.csv, racks.csv, events.csv, jobs.csv, scenario.resolved.yaml, checks.xml).
  /// Call once; throws std::runtime_error on I/O failure (no final-named file half-written).
  RunResult finish();

 private:
  struct Impl;
  explicit Session(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace aifsim::run
