// SPDX-License-Identifier: Apache-2.0
// An inference service: its arrivals, router and replicas, simulated one physics tick at a
// time in two phases. route_tick draws the tick's arrivals and routes each one; the router
// sees every replica's load as of the tick's start plus what it has sent it since (as a
// router working from load reports would). Then each replica runs its tick on its own
// (run_replica), so replicas of all services can run in parallel.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/scenario/spec.h"
#include "sim/workload/arrivals.h"
#include "sim/workload/indexed_heap.h"
#include "sim/workload/replica.h"
#include "sim/workload/service_stats.h"

namespace aifsim::workload {

class InferenceService {
 public:
  /// stat_slots: how many threads may run replicas at once (each gets its own counters).
  InferenceService(std::string name, const ReplicaParams& params, int replicas, scenario::RouterPolicy router,
                   ArrivalStream arrivals, int stat_slots = 1);

  const std::string& name() const { return name_; }
  int replicas() const { return static_cast<int>(replicas_.size()); }

  /// Relative prefill and decode speed of replica r for the ticks that follow.
  void set_speed(int r, double prefill_speed, double decode_speed) {
    replicas_[static_cast<std::size_t>(r)].set_speed(prefill_speed, decode_speed);
  }

  /// Phase 1 of the tick [t0_s, t1_s): draws its arrivals (Poisson-type at rate_per_s; a
  /// replay follows its trace) and routes them to the replicas' inboxes.
  void route_tick(double t0_s, double t1_s, double rate_per_s);
  /// Phase 2, for every replica r (any order, any thread; `slot` < stat_slots names the
  /// thread's counters): runs the replica to t1_s and sets activity(r) to its mean over the tick.
  void run_replica(int r, double t0_s, double t1_s, int slot);
  /// Both phases on the calling thread.
  void run_tick(double t0_s, double t1_s, double rate_per_s);

  float activity(int r) const { return activity_[static_cast<std::size_t>(r)]; }
  /// Counts, histograms and sums so far, merged over threads and replicas.
  ServiceStats stats() const;
  /// Tokens processed so far (prefill, output), summed over replicas in order.
  ReplicaSums sums() const;
  /// Requests held by the replicas (waiting or served).
  std::int64_t in_system() const;

 private:
  std::string name_;
  scenario::RouterPolicy router_;
  std::vector<Replica> replicas_;
  std::vector<std::vector<Arrival>> inbox_;
  ArrivalStream arrivals_;
  IndexedMinHeap<std::int64_t> loads_;  // join_shortest_queue / least_tokens view of each replica
  std::vector<std::int64_t> load_keys_;
  std::int32_t next_rr_ = 0;
  std::vector<float> activity_;
  std::vector<ServiceStats> slot_stats_;
};

}  // namespace aifsim::workload
