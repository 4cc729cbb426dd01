// SPDX-License-Identifier: Apache-2.0
// Tests for workload::TrainingCluster: FIFO/backfill/priority gang scheduling, placement,
// slowest-GPU pacing, the iteration activity square wave, checkpoints, failures and statistics.
#include "sim/workload/training_cluster.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace aifsim::workload {
namespace {

constexpr double kTimeTol = 1e-9;

// One rack per entry of `sizes`, GPUs numbered consecutively from 0; facility rack index 10+r.
std::vector<PoolRack> racks_of(const std::vector<int>& sizes) {
  std::vector<PoolRack> racks;
  std::int32_t next = 0;
  for (std::size_t r = 0; r < sizes.size(); ++r) {
    PoolRack rack;
    rack.rack = 10 + static_cast<int>(r);
    for (int i = 0; i < sizes[r]; ++i) rack.gpus.push_back(next++);
    racks.push_back(rack);
  }
  return racks;
}

TrainingJob job(const std::string& name, double arrival_s, int gpus, double work_s,
                int priority = 0) {
  TrainingJob j;
  j.name = name;
  j.arrival_s = arrival_s;
  j.gpus = gpus;
  j.work_s = work_s;
  j.priority = priority;
  return j;
}

// A cluster with the per-GPU and per-rack buffers a facility loop would hand it.
struct Harness {
  TrainingCluster cluster;
  std::vector<float> speed;
  std::vector<RackView> views;
  std::vector<float> activity;
  double t = 0.0;
  double activity_integral = 0.0;  // sum over ticks and pool GPUs of activity x dt

  Harness(const std::vector<int>& sizes, SchedulerPolicy s,
          PlacementPolicy p = PlacementPolicy::pack, PhaseActivity a = {})
      : cluster(racks_of(sizes), s, p, a) {
    int total = 0;
    for (const int n : sizes) total += n;
    speed.assign(static_cast<std::size_t>(total), 1.0f);
    views.assign(sizes.size(), RackView{});
    activity.assign(static_cast<std::size_t>(total), -1.0f);
  }

  void tick(double dt) {
    cluster.step(t, dt, speed, views, activity);
    for (const float a : activity) activity_integral += static_cast<double>(a) * dt;
    t += dt;
  }
  // Ticks of dt until t reaches t_end (t_end a multiple of dt from the current t).
  void run_until(double t_end, double dt) {
    while (t < t_end - 1e-9) tick(dt);
  }
};

JobRecord record(const TrainingCluster& c, std::size_t i) { return c.records().at(i); }

// --- scheduling ------------------------------------------------------------------------------

TEST(training_cluster_test, fifo_gang_job_blocks_later_smaller_job) {
  Harness h({2}, SchedulerPolicy::fifo);
  h.cluster.submit(job("A", 0.0, 2, 10.0));
  h.cluster.submit(job("B", 1.0, 1, 5.0));
  h.run_until(5.0, 1.0);
  EXPECT_EQ(h.cluster.jobs_running(), 1u);
  EXPECT_EQ(h.cluster.jobs_queued(), 1u);
  EXPECT_EQ(h.cluster.job_gpus(0).size(), 2u);
  EXPECT_TRUE(h.cluster.job_gpus(1).empty());
  h.run_until(20.0, 1.0);
  const auto recs = h.cluster.records();
  EXPECT_DOUBLE_EQ(recs[0].start_s, 0.0);
  EXPECT_NEAR(recs[0].end_s, 10.0, kTimeTol);
  EXPECT_NEAR(recs[1].start_s, 10.0, kTimeTol);  // waits for the gang of A
  EXPECT_NEAR(recs[1].end_s, 15.0, kTimeTol);
  EXPECT_TRUE(recs[1].completed);
  EXPECT_EQ(h.cluster.jobs_completed(), 2u);
  EXPECT_TRUE(h.cluster.job_gpus(0).empty());
}

TEST(training_cluster_test, fifo_head_blocks_job_that_would_fit) {
  Harness h({4}, SchedulerPolicy::fifo);
  h.cluster.submit(job("running", 0.0, 3, 100.0));
  h.cluster.submit(job("head", 1.0, 4, 10.0));
  h.cluster.submit(job("short", 2.0, 1, 50.0));
  h.run_until(200.0, 1.0);
  EXPECT_NEAR(record(h.cluster, 1).start_s, 100.0, kTimeTol);
  EXPECT_NEAR(record(h.cluster, 2).start_s, 110.0, kTimeTol);  // behind the head despite a free GPU
}

// Start time of the 4-GPU head behind a 3-GPU, 100 s job on 4 GPUs, with or without a later job.
struct BackfillOutcome {
  double head_start_s;
  double other_start_s;
};
BackfillOutcome backfill_case(SchedulerPolicy policy, double other_work_s, bool with_other,
                              int pool = 4) {
  Harness h({pool}, policy);
  h.cluster.submit(job("running", 0.0, 3, 100.0));
  h.cluster.submit(job("head", 1.0, 4, 10.0));
  if (with_other) h.cluster.submit(job("other", 2.0, 1, other_work_s));
  h.run_until(400.0, 1.0);
  return {record(h.cluster, 1).start_s, with_other ? record(h.cluster, 2).start_s : -1.0};
}

TEST(training_cluster_test, backfill_starts_short_job_without_delaying_head) {
  const BackfillOutcome alone = backfill_case(SchedulerPolicy::backfill, 0.0, false);
  EXPECT_NEAR(alone.head_start_s, 100.0, kTimeTol);

  const BackfillOutcome with_short = backfill_case(SchedulerPolicy::backfill, 50.0, true);
  EXPECT_NEAR(with_short.other_start_s, 2.0, kTimeTol);  // immediately on arrival
  EXPECT_NEAR(with_short.head_start_s, alone.head_start_s, kTimeTol);

  // Ending exactly at the reservation still backfills.
  const BackfillOutcome exact = backfill_case(SchedulerPolicy::backfill, 98.0, true);
  EXPECT_NEAR(exact.other_start_s, 2.0, kTimeTol);
  EXPECT_NEAR(exact.head_start_s, 100.0, kTimeTol);

  const BackfillOutcome fifo = backfill_case(SchedulerPolicy::fifo, 50.0, true);
  EXPECT_NEAR(fifo.other_start_s, 110.0, kTimeTol);
}

TEST(training_cluster_test, backfill_refuses_long_job_that_would_delay_head) {
  const BackfillOutcome r = backfill_case(SchedulerPolicy::backfill, 200.0, true);
  EXPECT_NEAR(r.head_start_s, 100.0, kTimeTol);
  EXPECT_NEAR(r.other_start_s, 110.0, kTimeTol);  // after the head, not at 2
}

TEST(training_cluster_test, backfill_long_job_may_use_gpus_the_head_does_not_need) {
  // 5 GPUs: at the reservation (t = 100) 5 are free and the head needs 4: one extra GPU.
  const BackfillOutcome r = backfill_case(SchedulerPolicy::backfill, 200.0, true, 5);
  EXPECT_NEAR(r.other_start_s, 2.0, kTimeTol);
  EXPECT_NEAR(r.head_start_s, 100.0, kTimeTol);
}

TEST(training_cluster_test, backfill_reservation_counts_checkpoint_writes_of_running_jobs) {
  // The running job writes checkpoints at 50 and 100 for 10 s each, so it ends at 120, not
  // 100: a 115 s job arriving at 2 (done at 117) fits before the reservation.
  Harness h({4}, SchedulerPolicy::backfill);
  TrainingJob running = job("running", 0.0, 3, 100.0);
  running.checkpoint_interval_s = 50.0;
  running.checkpoint_write_s = 10.0;
  h.cluster.submit(running);
  h.cluster.submit(job("head", 1.0, 4, 10.0));
  h.cluster.submit(job("other", 2.0, 1, 115.0));
  h.run_until(200.0, 1.0);
  EXPECT_NEAR(record(h.cluster, 0).end_s, 120.0, kTimeTol);
  EXPECT_NEAR(record(h.cluster, 2).start_s, 2.0, kTimeTol);
  EXPECT_NEAR(record(h.cluster, 1).start_s, 120.0, kTimeTol);
}

TEST(training_cluster_test, priority_policy_starts_highest_priority_first) {
  for (const SchedulerPolicy policy : {SchedulerPolicy::priority, SchedulerPolicy::fifo}) {
    Harness h({2}, policy);
    h.cluster.submit(job("blocker", 0.0, 2, 10.0));
    h.cluster.submit(job("low", 1.0, 2, 10.0, 0));
    h.cluster.submit(job("high-early", 2.0, 2, 10.0, 5));
    h.cluster.submit(job("high-late", 3.0, 2, 10.0, 5));
    h.run_until(50.0, 1.0);
    const auto recs = h.cluster.records();
    if (policy == SchedulerPolicy::priority) {
      EXPECT_NEAR(recs[2].start_s, 10.0, kTimeTol);  // ties by arrival
      EXPECT_NEAR(recs[3].start_s, 20.0, kTimeTol);
      EXPECT_NEAR(recs[1].start_s, 30.0, kTimeTol);
    } else {
      EXPECT_NEAR(recs[1].start_s, 10.0, kTimeTol);
      EXPECT_NEAR(recs[2].start_s, 20.0, kTimeTol);
      EXPECT_NEAR(recs[3].start_s, 30.0, kTimeTol);
    }
  }
}

TEST(training_cluster_test, priority_head_blocks_lower_priority_job_that_would_fit) {
  Harness h({2}, SchedulerPolicy::priority);
  h.cluster.submit(job("running", 0.0, 1, 100.0));
  h.cluster.submit(job("low", 1.0, 1, 10.0, 0));
  h.cluster.submit(job("high", 1.0, 2, 10.0, 9));
  h.run_until(5.0, 1.0);
  // "low" arrived with "high" at t = 1; "high" heads the queue, so "low" may not skip it.
  EXPECT_EQ(h.cluster.jobs_queued(), 2u);
  h.run_until(200.0, 1.0);
  EXPECT_NEAR(record(h.cluster, 2).start_s, 100.0, kTimeTol);
  EXPECT_NEAR(record(h.cluster, 1).start_s, 110.0, kTimeTol);
}

// --- placement -------------------------------------------------------------------------------

// GPUs a job of `gpus` gets on racks of 4, 2 and 3 free GPUs (GPUs 0-3, 4-5, 6-8).
std::vector<std::int32_t> placed(PlacementPolicy p, int gpus,
                                 const std::vector<RackView>& views = {}) {
  Harness h({4, 2, 3}, SchedulerPolicy::fifo, p);
  if (!views.empty()) h.views = views;
  h.cluster.submit(job("j", 0.0, gpus, 10.0));
  h.tick(1.0);
  const auto span = h.cluster.job_gpus(0);
  return {span.begin(), span.end()};
}

using Gpus = std::vector<std::int32_t>;

TEST(training_cluster_test, pack_places_in_fullest_rack_that_fits) {
  EXPECT_EQ(placed(PlacementPolicy::pack, 2), (Gpus{4, 5}));
  EXPECT_EQ(placed(PlacementPolicy::pack, 3), (Gpus{6, 7, 8}));
  EXPECT_EQ(placed(PlacementPolicy::pack, 4), (Gpus{0, 1, 2, 3}));
  // No rack holds 5: the biggest rack, then the fullest rack that fits the remaining one.
  EXPECT_EQ(placed(PlacementPolicy::pack, 5), (Gpus{0, 1, 2, 3, 4}));
}

TEST(training_cluster_test, spread_places_round_robin_from_emptiest_rack) {
  EXPECT_EQ(placed(PlacementPolicy::spread, 2), (Gpus{0, 6}));
  EXPECT_EQ(placed(PlacementPolicy::spread, 4), (Gpus{0, 1, 4, 6}));
}

TEST(training_cluster_test, thermal_places_in_coolest_racks) {
  const std::vector<RackView> views{{30.0f, 0.0}, {25.0f, 0.0}, {20.0f, 0.0}};
  EXPECT_EQ(placed(PlacementPolicy::thermal, 2, views), (Gpus{6, 7}));
  EXPECT_EQ(placed(PlacementPolicy::thermal, 4, views), (Gpus{4, 6, 7, 8}));
  // Ties by rack order.
  EXPECT_EQ(placed(PlacementPolicy::thermal, 2, {{20.0f, 0.0}, {20.0f, 0.0}, {20.0f, 0.0}}),
            (Gpus{0, 1}));
}

TEST(training_cluster_test, power_places_in_racks_with_most_headroom) {
  const std::vector<RackView> views{{0.0f, 500.0}, {0.0f, 100.0}, {0.0f, 300.0}};
  EXPECT_EQ(placed(PlacementPolicy::power, 2, views), (Gpus{0, 1}));
  EXPECT_EQ(placed(PlacementPolicy::power, 6, views), (Gpus{0, 1, 2, 3, 6, 7}));
  const std::vector<RackView> views2{{0.0f, 100.0}, {0.0f, 900.0}, {0.0f, 300.0}};
  EXPECT_EQ(placed(PlacementPolicy::power, 2, views2), (Gpus{4, 5}));
}

TEST(training_cluster_test, placement_skips_busy_gpus) {
  Harness h({4, 2, 3}, SchedulerPolicy::fifo, PlacementPolicy::pack);
  h.cluster.submit(job("a", 0.0, 3, 100.0));  // best fit: rack of 3 -> GPUs 6-8
  h.cluster.submit(job("b", 0.0, 3, 100.0));  // racks free 4, 2: rack of 4 -> GPUs 0-2
  h.cluster.submit(job("c", 0.0, 3, 100.0));  // free 1, 2: none fits, rack of 2 then GPU 3
  h.tick(1.0);
  const auto a = h.cluster.job_gpus(0);
  const auto b = h.cluster.job_gpus(1);
  const auto c = h.cluster.job_gpus(2);
  EXPECT_EQ(Gpus(a.begin(), a.end()), (Gpus{6, 7, 8}));
  EXPECT_EQ(Gpus(b.begin(), b.end()), (Gpus{0, 1, 2}));
  EXPECT_EQ(Gpus(c.begin(), c.end()), (Gpus{3, 4, 5}));
}

// --- progress and activity -------------------------------------------------------------------

TEST(training_cluster_test, slowest_gpu_paces_the_gang) {
  Harness h({2}, SchedulerPolicy::fifo);
  h.speed = {1.0f, 0.5f};
  h.cluster.submit(job("j", 0.0, 2, 10.0));
  h.run_until(19.5, 0.75);
  EXPECT_EQ(h.cluster.jobs_running(), 1u);
  h.tick(0.75);  // [19.5, 20.25): completes at 20, two thirds in
  EXPECT_EQ(h.cluster.jobs_completed(), 1u);
  EXPECT_NEAR(record(h.cluster, 0).end_s, 20.0, kTimeTol);
  EXPECT_NEAR(h.activity[0], 0.5 / 0.75, 1e-6);
  EXPECT_NEAR(h.activity[1], 0.5 / 0.75, 1e-6);
  EXPECT_NEAR(h.cluster.busy_gpu_s(), 2 * 20.0, 1e-9);
}

TEST(training_cluster_test, zero_speed_stalls_job) {
  PhaseActivity act;
  act.stalled = 0.05f;
  Harness h({1}, SchedulerPolicy::fifo, PlacementPolicy::pack, act);
  h.cluster.submit(job("j", 0.0, 1, 10.0));
  h.tick(4.0);
  h.speed[0] = 0.0f;
  h.tick(5.0);
  EXPECT_NEAR(h.activity[0], 0.05, 1e-7);
  EXPECT_NEAR(record(h.cluster, 0).progress_s, 4.0, 1e-12);
  h.speed[0] = 1.0f;
  h.run_until(20.0, 1.0);
  EXPECT_NEAR(record(h.cluster, 0).end_s, 15.0, kTimeTol);
}

TEST(training_cluster_test, completion_frees_gpus_for_queued_job_within_the_tick) {
  Harness h({1}, SchedulerPolicy::fifo);
  h.cluster.submit(job("a", 0.0, 1, 2.5));
  h.cluster.submit(job("b", 0.0, 1, 2.5));
  h.cluster.submit(job("c", 5.4, 1, 1.0));  // arrives inside the tick [5, 6)
  h.tick(1.0);
  h.tick(1.0);
  h.tick(1.0);  // [2, 3): a ends and b starts at 2.5
  EXPECT_NEAR(h.activity[0], 1.0, 1e-6);
  EXPECT_NEAR(record(h.cluster, 1).start_s, 2.5, kTimeTol);
  h.run_until(5.0, 1.0);
  EXPECT_NEAR(record(h.cluster, 1).end_s, 5.0, kTimeTol);
  EXPECT_EQ(h.cluster.jobs_running(), 0u);
  h.tick(1.0);  // [5, 6): c starts on arrival at 5.4
  EXPECT_NEAR(record(h.cluster, 2).start_s, 5.4, kTimeTol);
  EXPECT_NEAR(h.activity[0], 0.6, 1e-6);
  h.tick(1.0);  // [6, 7): c ends at 6.4, then idle
  EXPECT_NEAR(h.activity[0], 0.4, 1e-6);
  h.tick(1.0);
  EXPECT_EQ(h.activity[0], 0.0f);
}

TrainingJob wave_job() {
  TrainingJob j = job("wave", 0.0, 1, 20.0);  // 10 iterations
  j.iteration_s = 2.0;
  j.comm_fraction = 0.25;
  return j;
}
constexpr double kWaveIntegral = 10 * (1.5 * 1.0 + 0.5 * 0.35);  // activity x s, whole job

TEST(training_cluster_test, short_ticks_show_iteration_square_wave) {
  Harness h({1}, SchedulerPolicy::fifo);
  h.cluster.submit(wave_job());
  for (int k = 0; k < 200; ++k) {
    h.tick(0.1);
    const double expected = (k % 20) < 15 ? 1.0 : 0.35;
    ASSERT_NEAR(h.activity[0], expected, 1e-6) << "tick " << k;
  }
  h.run_until(21.0, 0.1);
  EXPECT_NEAR(record(h.cluster, 0).end_s, 20.0, 1e-6);
  EXPECT_NEAR(h.activity_integral, kWaveIntegral, 1e-6);
}

TEST(training_cluster_test, long_ticks_show_iteration_mean) {
  Harness h({1}, SchedulerPolicy::fifo);
  h.cluster.submit(wave_job());
  for (int k = 0; k < 10; ++k) {
    h.tick(1.0);
    const double first = h.activity[0];
    h.tick(1.0);
    const double second = h.activity[0];
    EXPECT_NEAR(first, 1.0, 1e-6);
    EXPECT_NEAR(second, 0.5 * 1.0 + 0.5 * 0.35, 1e-6);
    EXPECT_NEAR(0.5 * (first + second), 0.75 * 1.0 + 0.25 * 0.35, 1e-6);
  }
  // A tick of one whole iteration reports the mean directly.
  Harness whole({1}, SchedulerPolicy::fifo);
  whole.cluster.submit(wave_job());
  whole.tick(2.0);
  EXPECT_NEAR(whole.activity[0], 0.75 * 1.0 + 0.25 * 0.35, 1e-6);
}

TEST(training_cluster_test, activity_integral_matches_analytic_for_any_tick) {
  for (const double dt : {0.07, 0.3, 0.7, 1.3, 3.0}) {
    Harness h({1}, SchedulerPolicy::fifo);
    h.cluster.submit(wave_job());
    h.run_until(std::ceil(25.0 / dt) * dt, dt);
    EXPECT_EQ(h.cluster.jobs_completed(), 1u) << "dt " << dt;
    EXPECT_NEAR(h.activity_integral, kWaveIntegral, 1e-6) << "dt " << dt;
  }
}

TEST(training_cluster_test, slow_gpu_stretches_iteration_phases_in_wall_time) {
  Harness h({1}, SchedulerPolicy::fifo);
  h.speed[0] = 0.5f;
  h.cluster.submit(wave_job());  // an iteration now takes 4 s: 3 s compute, 1 s comm
  const double expected[4] = {1.0, 1.0, 1.0, 0.35};
  for (int k = 0; k < 8; ++k) {
    h.tick(1.0);
    EXPECT_NEAR(h.activity[0], expected[k % 4], 1e-6) << "tick " << k;
  }
  h.run_until(45.0, 1.0);
  EXPECT_NEAR(record(h.cluster, 0).end_s, 40.0, kTimeTol);
  EXPECT_NEAR(h.activity_integral, 2.0 * kWaveIntegral, 1e-6);  // same work, half the rate
}

// --- checkpoints and failures ----------------------------------------------------------------

TrainingJob checkpointed_job() {
  TrainingJob j = job("ckpt", 0.0, 1, 400.0);
  j.checkpoint_interval_s = 100.0;
  j.checkpoint_write_s = 10.0;
  j.restart_s = 30.0;
  return j;
}

TEST(training_cluster_test, checkpoints_pause_progress) {
  Harness h({1}, SchedulerPolicy::fifo);
  h.cluster.submit(checkpointed_job());
  h.run_until(100.0, 1.0);
  h.tick(1.0);  // [100, 101): writing
  EXPECT_NEAR(h.activity[0], 0.1, 1e-6);
  h.run_until(500.0, 1.0);
  const JobRecord r = record(h.cluster, 0);
  // 100 s of work per 100 s, then 90 per 110: checkpoints at 100, 200, 300, 400; done at 440.
  EXPECT_NEAR(r.end_s, 440.0, kTimeTol);
  EXPECT_EQ(r.checkpoints, 4);
  EXPECT_EQ(r.failures, 0);
}

// Analytic run of checkpointed_job failing at 250: progress 230 (saved 190 at the checkpoint
// starting at 200), 40 s lost, restart 250-280, checkpoints at 380 (progress 290) and 490
// (progress 390), done at 510.
void expect_failed_at_250(const TrainingCluster& c) {
  const JobRecord r = c.records().at(0);
  EXPECT_TRUE(r.completed);
  EXPECT_NEAR(r.end_s, 510.0, 1e-6);
  EXPECT_NEAR(r.lost_work_s, 40.0, 1e-6);
  EXPECT_EQ(r.failures, 1);
  EXPECT_EQ(r.checkpoints, 4);
  EXPECT_NEAR(c.busy_gpu_s(), 510.0, 1e-6);
  EXPECT_NEAR(c.useful_gpu_s(), 400.0, 1e-9);
}

TEST(training_cluster_test, failure_at_tick_end_loses_work_since_checkpoint) {
  Harness h({1}, SchedulerPolicy::fifo);
  h.cluster.submit(checkpointed_job());
  h.run_until(250.0, 1.0);
  EXPECT_NEAR(record(h.cluster, 0).progress_s, 230.0, 1e-9);
  ASSERT_TRUE(h.cluster.fail_job(0, 250.0));
  EXPECT_NEAR(record(h.cluster, 0).progress_s, 190.0, 1e-9);
  h.tick(1.0);  // restarting
  EXPECT_NEAR(h.activity[0], 0.1, 1e-6);
  EXPECT_NEAR(record(h.cluster, 0).progress_s, 190.0, 1e-9);
  h.run_until(600.0, 1.0);
  expect_failed_at_250(h.cluster);
}

TEST(training_cluster_test, failure_inside_tick_is_replayed_exactly) {
  Harness h({1}, SchedulerPolicy::fifo);
  h.cluster.submit(checkpointed_job());
  h.run_until(252.0, 7.0);  // last tick [245, 252)
  ASSERT_TRUE(h.cluster.fail_job(0, 250.0));
  // At 252: restarting since 250 with the progress of the checkpoint at 200.
  EXPECT_NEAR(record(h.cluster, 0).progress_s, 190.0, 1e-9);
  h.run_until(602.0, 7.0);
  expect_failed_at_250(h.cluster);
}

TEST(training_cluster_test, failure_during_checkpoint_write_loses_nothing) {
  Harness h({1}, SchedulerPolicy::fifo);
  h.cluster.submit(checkpointed_job());
  h.run_until(220.0, 20.0);  // last tick [200, 220) holds the write 200-210
  ASSERT_TRUE(h.cluster.fail_job(0, 205.0));
  JobRecord r = record(h.cluster, 0);
  EXPECT_DOUBLE_EQ(r.lost_work_s, 0.0);
  EXPECT_NEAR(r.progress_s, 190.0, 1e-9);  // restarting until 235
  h.run_until(600.0, 20.0);
  r = record(h.cluster, 0);
  // 210 s of work left from 235, checkpoints at 335 (progress 290), 445 (390): done at 465.
  EXPECT_NEAR(r.end_s, 465.0, 1e-6);
  EXPECT_EQ(r.checkpoints, 4);
}

TEST(training_cluster_test, failure_without_checkpoint_restarts_from_zero) {
  Harness h({2}, SchedulerPolicy::fifo);
  TrainingJob j = job("nockpt", 0.0, 2, 10.0);
  j.restart_s = 2.0;
  h.cluster.submit(j);
  h.run_until(4.0, 1.0);
  ASSERT_TRUE(h.cluster.fail_job(0, 4.0));
  h.run_until(30.0, 1.0);
  const JobRecord r = record(h.cluster, 0);
  EXPECT_NEAR(r.end_s, 16.0, kTimeTol);  // 4 lost + 2 restart + 10
  EXPECT_NEAR(r.lost_work_s, 4.0, 1e-9);
  EXPECT_NEAR(h.cluster.busy_gpu_s(), 2 * 16.0, 1e-9);
  EXPECT_NEAR(h.cluster.useful_gpu_s(), 2 * 10.0, 1e-9);
}

TEST(training_cluster_test, fail_job_rejects_jobs_not_running_and_times_outside_last_tick) {
  Harness h({1}, SchedulerPolicy::fifo);
  h.cluster.submit(job("a", 0.0, 1, 5.0));
  h.cluster.submit(job("b", 0.0, 1, 5.0));
  EXPECT_FALSE(h.cluster.fail_job(0, 0.0));  // nothing stepped yet: not running
  h.run_until(3.0, 1.0);
  EXPECT_FALSE(h.cluster.fail_job(1, 2.5));  // queued
  EXPECT_THROW(h.cluster.fail_job(0, 1.5), std::invalid_argument);  // before [2, 3)
  EXPECT_THROW(h.cluster.fail_job(0, 3.5), std::invalid_argument);
  EXPECT_THROW(h.cluster.fail_job(7, 3.0), std::out_of_range);
  h.tick(3.0);  // [3, 6): a ends at 5 and b starts then
  EXPECT_FALSE(h.cluster.fail_job(0, 5.5));  // done
  EXPECT_FALSE(h.cluster.fail_job(1, 4.0));  // b was still queued at 4
  EXPECT_TRUE(h.cluster.fail_job(1, 5.5));
  EXPECT_NEAR(record(h.cluster, 1).lost_work_s, 0.5, 1e-9);
}

// --- statistics ------------------------------------------------------------------------------

TEST(training_cluster_test, statistics_match_hand_computed_example) {
  Harness h({4}, SchedulerPolicy::fifo);
  h.cluster.submit(job("A", 0.0, 2, 10.0));  // 0-10
  h.cluster.submit(job("B", 0.0, 4, 5.0));   // waits for A: 10-15
  h.cluster.submit(job("C", 2.0, 1, 4.0));   // behind B: 15-19
  h.run_until(30.0, 1.0);
  EXPECT_EQ(h.cluster.jobs_submitted(), 3u);
  EXPECT_EQ(h.cluster.jobs_completed(), 3u);
  EXPECT_EQ(h.cluster.jobs_running(), 0u);
  EXPECT_EQ(h.cluster.jobs_queued(), 0u);
  EXPECT_NEAR(h.cluster.busy_gpu_s(), 2 * 10.0 + 4 * 5.0 + 1 * 4.0, 1e-9);
  EXPECT_NEAR(h.cluster.useful_gpu_s(), 44.0, 1e-9);
  EXPECT_NEAR(h.cluster.pool_gpu_s(), 4 * 30.0, 1e-9);
  ASSERT_EQ(h.cluster.queue_waits_s().size(), 3u);
  EXPECT_NEAR(h.cluster.queue_wait_percentile_s(50.0), 10.0, kTimeTol);   // waits 0, 10, 13
  EXPECT_NEAR(h.cluster.queue_wait_percentile_s(99.0), 13.0, kTimeTol);
  EXPECT_NEAR(h.cluster.queue_wait_percentile_s(0.0), 0.0, kTimeTol);
  EXPECT_THROW((void)h.cluster.queue_wait_percentile_s(101.0), std::invalid_argument);
  const auto recs = h.cluster.records();
  EXPECT_EQ(recs[2].name, "C");
  EXPECT_NEAR(recs[2].start_s, 15.0, kTimeTol);
  EXPECT_NEAR(recs[2].end_s, 19.0, kTimeTol);
  // Sum of tick activities equals the busy GPU-seconds at compute activity 1.
  EXPECT_NEAR(h.activity_integral, 44.0, 1e-5);
}

TEST(training_cluster_test, unfinished_jobs_are_recorded_as_such) {
  Harness h({1}, SchedulerPolicy::fifo);
  h.cluster.submit(job("long", 0.0, 1, 100.0));
  h.cluster.submit(job("never", 0.0, 1, 1.0));
  h.cluster.submit(job("future", 1000.0, 1, 1.0));
  h.run_until(10.0, 1.0);
  const auto recs = h.cluster.records();
  EXPECT_FALSE(recs[0].completed);
  EXPECT_DOUBLE_EQ(recs[0].end_s, -1.0);
  EXPECT_NEAR(recs[0].progress_s, 10.0, 1e-9);
  EXPECT_DOUBLE_EQ(recs[1].start_s, -1.0);
  EXPECT_DOUBLE_EQ(recs[1].progress_s, 0.0);
  EXPECT_EQ(h.cluster.jobs_queued(), 1u);  // "future" has not arrived
  EXPECT_EQ(h.cluster.queue_wait_percentile_s(50.0), 0.0);
}

// --- validation ------------------------------------------------------------------------------

TEST(training_cluster_test, rejects_invalid_jobs_pools_and_steps) {
  TrainingCluster c(racks_of({2}), SchedulerPolicy::fifo, PlacementPolicy::pack);
  EXPECT_THROW(c.submit(job("big", 0.0, 3, 1.0)), std::invalid_argument);
  EXPECT_THROW(c.submit(job("none", 0.0, 0, 1.0)), std::invalid_argument);
  EXPECT_THROW(c.submit(job("nowork", 0.0, 1, 0.0)), std::invalid_argument);
  TrainingJob j = job("comm", 0.0, 1, 1.0);
  j.comm_fraction = 1.0;
  EXPECT_THROW(c.submit(j), std::invalid_argument);
  j = job("ckpt", 0.0, 1, 1.0);
  j.checkpoint_interval_s = 10.0;
  j.checkpoint_write_s = 10.0;
  EXPECT_THROW(c.submit(j), std::invalid_argument);
  j.arrival_s = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW(c.submit(j), std::invalid_argument);
  EXPECT_EQ(c.jobs_submitted(), 0u);

  std::vector<float> speed(2, 1.0f);
  std::vector<float> out(2, 0.0f);
  std::vector<RackView> views(1);
  EXPECT_THROW(c.step(0.0, 0.0, speed, views, out), std::invalid_argument);
  std::vector<float> short_speed(1, 1.0f);
  EXPECT_THROW(c.step(0.0, 1.0, short_speed, views, out), std::invalid_argument);
  EXPECT_THROW(c.step(0.0, 1.0, speed, std::vector<RackView>(2), out), std::invalid_argument);
  c.step(0.0, 1.0, speed, views, out);
  EXPECT_THROW(c.step(5.0, 1.0, speed, views, out), std::invalid_argument);  // a gap
  EXPECT_NO_THROW(c.step(1.0, 1.0, speed, views, out));

  std::vector<PoolRack> dup = racks_of({2, 1});
  dup[1].gpus[0] = 1;
  EXPECT_THROW(TrainingCluster(dup, SchedulerPolicy::fifo, PlacementPolicy::pack),
               std::invalid_argument);
  PhaseActivity bad;
  bad.comm = 1.5f;
  EXPECT_THROW(TrainingCluster(racks_of({1}), SchedulerPolicy::fifo, PlacementPolicy::pack, bad),
               std::invalid_argument);
}

TEST(training_cluster_test, leaves_non_pool_gpus_untouched) {
  PoolRack rack;
  rack.rack = 3;
  rack.gpus = {1, 3};  // GPUs 0 and 2 belong to other workloads
  TrainingCluster c({rack}, SchedulerPolicy::fifo, PlacementPolicy::pack);
  c.submit(job("j", 0.0, 2, 10.0));
  std::vector<float> speed(4, 1.0f);
  std::vector<float> out(4, 7.0f);
  std::vector<RackView> views(1);
  c.step(0.0, 1.0, speed, views, out);
  EXPECT_EQ(out, (std::vector<float>{7.0f, 1.0f, 7.0f, 1.0f}));
}

}  // namespace
}  // namespace aifsim::workload
