// SPDX-License-Identifier: Apache-2.0
// Training/batch jobs on a GPU pool: gang scheduling (FIFO, EASY backfill, priority),
// placement (pack, spread, thermal, power), progress paced by the slowest GPU, the
// compute/communication power swing of iterations, checkpoints, failures and restarts.
// Pure: no I/O, no randomness; the facility loop feeds GPU speeds and rack views each tick
// and reads back per-GPU activity.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace aifsim::workload {

/// Order in which queued jobs start.
enum class SchedulerPolicy {
  fifo,      ///< strict arrival order; the head blocks everyone behind it
  backfill,  ///< EASY backfill: FIFO head gets a reservation, later jobs may jump it if harmless
  priority,  ///< highest priority first (ties: arrival, then submission order); head blocks
};

/// Which free GPUs a starting job gets.
enum class PlacementPolicy {
  pack,     ///< best fit: as few racks as possible, fullest fitting rack first
  spread,   ///< one GPU at a time round-robin over racks, most free racks first
  thermal,  ///< coolest racks (RackView::coolant_c ascending) filled first
  power,    ///< racks with the most RackView::power_headroom_w filled first
};

/// One job as submitted.
struct TrainingJob {
  std::string name;
  double arrival_s = 0.0;              ///< submission time, s since run start (finite)
  int gpus = 1;                        ///< gang size, 1..pool GPUs; all start and stop together
  double work_s = 0.0;                 ///< run time at full speed (speed 1), excluding
                                       ///< checkpoints and restarts, s (> 0)
  int priority = 0;                    ///< higher first (priority policy)
  double iteration_s = 0.0;            ///< compute + communication period at full speed, s;
                                       ///< 0 = no phases (always compute)
  double comm_fraction = 0.0;          ///< share of each iteration in communication, [0, 1)
  double checkpoint_interval_s = 0.0;  ///< wall time between checkpoint starts while running,
                                       ///< s; 0 = never
  double checkpoint_write_s = 0.0;     ///< wall time a checkpoint takes (no progress), s;
                                       ///< < checkpoint_interval_s when checkpointing
  double restart_s = 0.0;              ///< wall time to restart after a failure (no progress), s
  bool deferrable = false;             ///< may wait for set_hold_deferrable(false) to start
};

/// GPU activity in [0, 1] of each job phase. The defaults are assumptions, not measurements:
/// compute saturates the GPU; collective communication (all-reduce) leaves it mostly waiting
/// on the network, ~35 %; checkpoint writes and restarts (I/O, process start) ~10 %; a job
/// stalled by a GPU at speed 0 does nothing.
struct PhaseActivity {
  float compute = 1.0f;
  float comm = 0.35f;
  float checkpoint = 0.1f;
  float restart = 0.1f;
  float stalled = 0.0f;
};

/// A rack of the pool: its index in the facility and the global GPU indices it contributes.
struct PoolRack {
  int rack = 0;
  std::vector<std::int32_t> gpus;
};

/// What placement policies see of a rack at scheduling time.
struct RackView {
  float coolant_c = 0.0f;         ///< coolant (or inlet) temperature, degC
  double power_headroom_w = 0.0;  ///< power the rack may still draw, W
};

/// One job's outcome (finished or, at the end, unfinished), one row of jobs.csv.
struct JobRecord {
  std::string name;
  int gpus = 0;
  int priority = 0;
  double arrival_s = 0.0;
  double start_s = -1.0;    ///< first start, s; -1 if never started
  double end_s = -1.0;      ///< completion, s; -1 if not finished
  double work_s = 0.0;      ///< requested work at full speed, s
  double progress_s = 0.0;  ///< work kept so far (work_s when completed), s
  int failures = 0;
  int checkpoints = 0;      ///< checkpoints started
  double lost_work_s = 0.0; ///< work thrown away by failures, s
  bool completed = false;
};

/// A pool of GPUs running gang-scheduled training jobs.
///
/// Time advances through step() over contiguous intervals. Inside an interval the model is
/// event-driven and exact: arrivals are admitted at their own arrival time and may start
/// right then (not at the next tick); completions, checkpoint starts/ends and restart ends
/// happen at their exact times; GPUs freed by a completion may start queued jobs at that
/// instant. Within one interval each GPU's speed is constant.
///
/// A running job is in one of three modes:
///  - run: progresses at rate = min speed over its GPUs (the slowest GPU paces a synchronous
///    job); with iteration_s > 0 its activity follows the work clock (progress): the first
///    (1 - comm_fraction) of each iteration is compute, the rest communication. At rate 0 it
///    is stalled (no progress, activity `stalled`).
///  - checkpoint: for checkpoint_write_s of wall time, no progress. Checkpoints start every
///    checkpoint_interval_s of wall time counted from the job's start or from the end of its
///    last restart; the progress is saved at the start of the write. A checkpoint due at the
///    exact completion time is not taken.
///  - restart: for restart_s of wall time after a failure, no progress.
/// Checkpoints and restarts take wall time whatever the GPU speed (speed 0 included), with
/// their own activity. All GPUs of a job report the same activity (faster GPUs wait for the
/// slowest at each synchronisation).
class TrainingCluster {
 public:
  /// `racks` lists the pool's racks and their global GPU indices (each index >= 0, at most
  /// once in the pool). Throws std::invalid_argument for a duplicated or negative GPU index
  /// or a phase activity outside [0, 1]. An empty pool is allowed (every submit then throws).
  TrainingCluster(std::vector<PoolRack> racks, SchedulerPolicy scheduler,
                  PlacementPolicy placement, PhaseActivity activity = {});

  /// Adds a job; it queues at its arrival_s (a job whose arrival is already past queues at the
  /// start of the next step; its queue wait still counts from arrival_s). Returns its index
  /// (submission order). Throws std::invalid_argument for gpus outside 1..pool GPUs, work_s
  /// <= 0, non-finite times, negative iteration/checkpoint/restart times, comm_fraction
  /// outside [0, 1), or checkpoint_write_s >= checkpoint_interval_s when checkpointing.
  std::size_t submit(TrainingJob job);

  /// Advances the interval [t0_s, t0_s + dt_s). The first step may start at any t0_s (jobs
  /// arriving earlier queue at t0_s); later steps must continue the previous one (t0_s equal
  /// to the previous end within 1e-9 s + 1e-12 relative), else std::invalid_argument.
  /// gpu_speed[g] is the speed of global GPU g (>= 0, 1 = full speed; negative or NaN count as
  /// 0). racks holds one RackView per PoolRack in constructor order. gpu_activity_out[g]
  /// receives the exact tick-mean activity of every pool GPU g (0 when idle); entries of
  /// non-pool GPUs are left untouched. Events exactly at t0_s + dt_s (completions,
  /// checkpoint starts...) are processed in this step, but jobs start there only in the next.
  /// Throws std::invalid_argument for dt_s <= 0, a span too short for the pool's GPU indices,
  /// or racks.size() != pool racks.
  void step(double t0_s, double dt_s, std::span<const float> gpu_speed,
            std::span<const RackView> racks, std::span<float> gpu_activity_out);

  /// A failure of running job `job_index` at at_s, which must lie within the last stepped
  /// interval or at its end (std::invalid_argument otherwise, or when earlier than a failure of
  /// the same job already applied). The job loses its progress since its last checkpoint
  /// start (lost_work_s += ...; a failure during a checkpoint write or a restart loses
  /// nothing), counts a failure, spends restart_s restarting on the same GPUs, then runs again
  /// with its checkpoint clock restarted. The job's state is replayed exactly from at_s to the
  /// end of the interval (constant speeds), but the activity already reported for that
  /// interval and the scheduling decisions taken in it are not revised. Returns false if the
  /// job was not running both at at_s and at the end of the interval. Throws std::out_of_range
  /// for an unknown index.
  bool fail_job(std::size_t job_index, double at_s);

  // --- statistics ---------------------------------------------------------------------------
  std::size_t jobs_submitted() const { return jobs_.size(); }
  std::size_t jobs_completed() const { return completed_; }
  std::size_t jobs_running() const { return running_.size(); }
  /// Jobs that arrived and wait to start (jobs not yet arrived are not counted).
  std::size_t jobs_queued() const { return queue_.size() + parked_.size(); }

  /// While held, deferrable jobs do not start (they step aside: jobs behind them may start);
  /// on release they rejoin the queue in policy order. Tariff-aware shifting holds them
  /// outside off-peak periods.
  void set_hold_deferrable(bool hold);
  /// GPU-seconds allocated to jobs so far (gpus x wall time held, whatever the mode).
  double busy_gpu_s() const { return busy_gpu_s_; }
  /// GPU-seconds of progress kept: sum over jobs of progress_s x gpus (lost work excluded).
  double useful_gpu_s() const;
  /// Pool GPUs x elapsed stepped time.
  double pool_gpu_s() const { return static_cast<double>(pool_size_) * elapsed_s_; }
  /// start_s - arrival_s of every started job, in start order, s.
  const std::vector<double>& queue_waits_s() const { return queue_waits_s_; }
  /// Nearest-rank percentile p (0..100) of queue_waits_s(): the wait of rank
  /// max(1, ceil(p / 100 x n)) in ascending order; 0 when no job started. Throws
  /// std::invalid_argument for p outside [0, 100] or NaN.
  double queue_wait_percentile_s(double p) const;
  /// Every submitted job, in submission order.
  std::vector<JobRecord> records() const;
  /// GPUs (global indices) of a running job; empty otherwise (or for an unknown index).
  std::span<const std::int32_t> job_gpus(std::size_t job_index) const;

  // --- configuration ------------------------------------------------------------------------
  const std::vector<PoolRack>& pool_racks() const { return racks_; }

 private:
  enum class Mode : std::uint8_t { run, checkpoint, restart };
  enum class Status : std::uint8_t { pending, queued, running, done };

  /// The part of a running job's state that evolves with time.
  struct Dynamics {
    Mode mode = Mode::run;
    double progress_s = 0.0;        ///< work clock, s at full speed
    double saved_progress_s = 0.0;  ///< progress at the last checkpoint start
    double mode_end_s = 0.0;        ///< end of the checkpoint write or restart, wall s
    double next_checkpoint_s = std::numeric_limits<double>::infinity();  ///< wall s
    int checkpoints = 0;
  };

  struct Job {
    TrainingJob spec;
    Status status = Status::pending;
    Dynamics dyn;
    double start_s = -1.0;
    double end_s = -1.0;
    int failures = 0;
    double lost_work_s = 0.0;
    double rate = 0.0;              ///< progress per wall second in the current interval
    double tick_activity = 0.0;     ///< activity integral (activity x s) not yet flushed
    Dynamics snapshot;              ///< dyn at snapshot_s (replay base for fail_job)
    double snapshot_s = 0.0;
    std::vector<std::int32_t> gpus;
  };

  // training_job_dynamics.cpp
  static double next_event_s(const TrainingJob& spec, const Dynamics& dyn, double rate,
                             double t);
  static double advance(const TrainingJob& spec, Dynamics& dyn, double rate, double dt_s,
                        const PhaseActivity& activity);
  static bool process_events(const TrainingJob& spec, Dynamics& dyn, double rate, double t);
  static double replay(const TrainingJob& spec, Dynamics& dyn, double rate, double t_from,
                       double t_to, const PhaseActivity& activity);
  static double estimated_end_s(const TrainingJob& spec, const Dynamics& dyn, double t);
  // training_scheduler.cpp
  void admit(double t);
  void schedule(double t, std::span<const float> gpu_speed, std::span<const RackView> racks);
  void start_job(std::size_t index, double t, std::span<const float> gpu_speed,
                 std::span<const RackView> racks);
  bool before_in_queue(std::size_t a, std::size_t b) const;
  // training_placement.cpp
  void place(int count, std::span<const RackView> racks, std::vector<std::int32_t>& out);
  // training_cluster.cpp
  void complete(std::size_t index, double t);
  void flush_activity(Job& job);

  std::vector<PoolRack> racks_;
  SchedulerPolicy scheduler_;
  PlacementPolicy placement_;
  PhaseActivity activity_;
  std::size_t pool_size_ = 0;
  std::size_t gpu_span_ = 0;                 ///< max pool GPU index + 1

  std::vector<Job> jobs_;
  std::vector<std::size_t> pending_;         ///< not yet arrived, by (arrival, index)
  std::vector<std::size_t> queue_;           ///< arrived, waiting, in policy order
  std::vector<std::size_t> parked_;          ///< deferrable jobs held back, in policy order
  bool hold_deferrable_ = false;
  std::vector<std::size_t> running_;         ///< running jobs, in start order
  std::vector<std::uint8_t> gpu_free_;       ///< by global GPU index (pool GPUs only)
  std::vector<int> rack_free_;               ///< free GPUs per pool rack
  std::vector<std::int32_t> gpu_rack_;       ///< pool rack of a global GPU, -1 if not pooled
  std::size_t free_gpus_ = 0;

  std::vector<double> gpu_activity_;         ///< per-tick activity integrals, by global GPU
  std::vector<std::pair<double, int>> scratch_ends_;  ///< backfill: (estimated end, gpus)
  std::vector<std::size_t> scratch_racks_;   ///< placement rack order
  std::vector<int> scratch_take_;            ///< placement: GPUs taken per rack

  std::size_t completed_ = 0;
  double busy_gpu_s_ = 0.0;
  double elapsed_s_ = 0.0;
  double now_s_ = 0.0;
  double last_t0_s_ = 0.0;
  bool stepped_ = false;
  std::vector<double> queue_waits_s_;
};

}  // namespace aifsim::workload
