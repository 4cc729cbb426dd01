// SPDX-License-Identifier: Apache-2.0
// One inference replica batching continuously, simulated event by event per request but
// without a step per decode iteration: between events the batch decodes as a fluid, every
// sequence gaining tokens at 1 / step_time, where the step time grows with the batch and
// with the context it holds. That is exact for the model below and costs O(log batch) per
// request, which is what lets a 24 h run of ~10^8 requests finish in a minute.
//
// Model (vLLM-style, prefill first, no chunking):
// - an arrival waits in a FIFO queue (max_queue, else dropped) until a batch slot and its
//   KV reservation (input + output tokens) are free; requests that can never fit are dropped;
// - admitted requests prefill one after another at prefill_tokens_per_s x prefill speed;
//   decoding pauses meanwhile; the end of prefill emits the first token (TTFT);
// - the decoding batch b advances by one token per step of
//   base + per_seq x b + per_kv_token x (context held by the batch), scaled by the decode speed;
//   a request leaves after output - 1 decode tokens (TPOT) and frees its slot and KV cache.
#pragma once

#include <cstdint>
#include <deque>
#include <limits>
#include <span>
#include <vector>

#include "sim/workload/service_stats.h"

namespace aifsim::workload {

/// One request as it arrives.
struct Arrival {
  double time_s = 0;              ///< since the run start
  std::int32_t input_tokens = 0;  ///< -1 until drawn (ArrivalStream::fill_sizes)
  std::int32_t output_tokens = 0;
  std::uint64_t seq = 0;          ///< arrival number within its stream
};

/// A replica's figures at full clocks (speed 1).
struct ReplicaParams {
  double prefill_tokens_per_s = 1e4;
  double step_base_s = 0.01;
  double step_per_seq_s = 0.0;
  double step_per_kv_token_s = 0.0;
  std::int64_t kv_cache_tokens = std::numeric_limits<std::int64_t>::max() / 4;
  int max_batch = 256;
  int max_queue = 1 << 30;
  double timeout_s = 0.0;  ///< 0 = never
  double slo_ttft_s = std::numeric_limits<double>::infinity();
  double slo_tpot_s = std::numeric_limits<double>::infinity();
  float prefill_activity = 1.0f;
  float decode_activity_min = 0.3f;
  float decode_activity_max = 1.0f;
};

inline constexpr double kNever = std::numeric_limits<double>::infinity();

class Replica {
 public:
  explicit Replica(const ReplicaParams& params);

  /// Relative speeds (0..1) from now on; 0 stalls that phase. Call after advance_to(now).
  void set_speed(double prefill_speed, double decode_speed);

  /// Time of the next internal event (end of a prefill or of a request), kNever if none.
  double next_event_s() const;

  /// Processes every internal event at or before t_s and advances the batch to t_s.
  void advance_to(double t_s, ServiceStats& stats);

  /// One tick: the arrivals routed to it (in time order, inside the tick), then on to t1_s.
  void run_tick(std::span<const Arrival> inbox, double t1_s, ServiceStats& stats);

  /// A request arriving at t_s (the replica must have been advanced to t_s).
  void arrive(double t_s, std::int32_t input_tokens, std::int32_t output_tokens, ServiceStats& stats);

  /// Requests waiting, prefilling or decoding.
  std::int64_t outstanding() const { return static_cast<std::int64_t>(waiting_.size() + prefill_.size()) + batch(); }
  /// Input + output tokens of those requests (the least-tokens router's load).
  std::int64_t outstanding_tokens() const { return outstanding_tokens_; }
  int batch() const { return static_cast<int>(decode_.size()); }
  /// Integral of GPU activity over time since the last call, and resets it.
  const ReplicaSums& sums() const { return sums_; }
  double take_activity_s() {
    const double a = activity_s_;
    activity_s_ = 0.0;
    return a;
  }

 private:
  struct Waiting {
    double arrival_s;
    std::int32_t in, out;
  };
  struct Decoding {
    double v_end;        ///< virtual token count at which it completes
    double v_start;      ///< virtual token count when it joined
    double arrival_s;
    double first_token_s;
    std::int32_t in, out;
  };

  void flow_to(double t_s);
  void admit(double t_s, ServiceStats& stats);
  void finish_prefill(double t_s, ServiceStats& stats);
  void finish_decode(double t_s, ServiceStats& stats);
  void complete(double t_s, double arrival_s, double first_token_s, std::int32_t in, std::int32_t out,
                ServiceStats& stats);
  double step_s() const;  ///< current decode step time at speed 1
  void heap_push(const Decoding& d);
  void heap_pop();

  ReplicaParams p_;
  double prefill_speed_ = 1.0, decode_speed_ = 1.0;
  double now_s_ = 0.0;
  std::deque<Waiting> waiting_;
  std::deque<Waiting> prefill_;
  double prefill_left_ = 0.0;       ///< tokens of the head of prefill_ still to prefill
  double head_first_token_s_ = 0.0;
  std::vector<Decoding> decode_;    ///< min-heap on v_end
  double v_ = 0.0;                  ///< tokens each decoding sequence has gained (virtual time)
  double ctx_offset_ = 0.0;         ///< sum over the batch of (in - v_start): context = this + b v
  std::int64_t kv_used_ = 0;
  std::int64_t outstanding_tokens_ = 0;
  double activity_s_ = 0.0;
  ReplicaSums sums_;
};

}  // namespace aifsim::workload
