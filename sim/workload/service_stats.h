// SPDX-License-Identifier: Apache-2.0
// What an inference service counts: requests by outcome, tokens, latency histograms (bounded
// memory, never a list of requests) and the time integrals behind Little's law. Counts and
// histograms add up exactly in any order, so threads may keep their own; the floating-point
// sums are kept per replica (ReplicaSums) and added in replica order, so results do not
// depend on the thread count.
#pragma once

#include <cstdint>

#include "sim/workload/latency_histogram.h"

namespace aifsim::workload {

/// Floating-point sums of one replica.
struct ReplicaSums {
  double in_system_req_s = 0;  ///< time integral of requests held (waiting or served)
  double e2e_sum_s = 0;        ///< sum of completed requests' latencies
  double prefill_tokens = 0;   ///< prompt tokens prefilled, as they are
  double decode_tokens = 0;    ///< output tokens emitted, as they are (prefill emits the first)
  // What the interval means of timeseries.csv (ttft_mean_s, tpot_mean_s) are made of: the
  // histograms hold the percentiles of the run, these let any window's mean be a difference.
  double first_tokens = 0;   ///< requests that got their first token
  double ttft_sum_s = 0;     ///< their times to first token, summed
  double tpot_requests = 0;  ///< completed requests with a TPOT (two or more output tokens)
  double tpot_sum_s = 0;     ///< their times per output token, summed

  void add(const ReplicaSums& o) {
    in_system_req_s += o.in_system_req_s;
    e2e_sum_s += o.e2e_sum_s;
    prefill_tokens += o.prefill_tokens;
    decode_tokens += o.decode_tokens;
    first_tokens += o.first_tokens;
    ttft_sum_s += o.ttft_sum_s;
    tpot_requests += o.tpot_requests;
    tpot_sum_s += o.tpot_sum_s;
  }
};

struct ServiceStats {
  std::uint64_t arrived = 0;
  std::uint64_t completed = 0;
  std::uint64_t dropped = 0;    ///< refused at arrival: queue full or larger than the KV cache
  std::uint64_t timed_out = 0;  ///< waited longer than the timeout for admission
  std::uint64_t slo_met = 0;    ///< completed within both the TTFT and the TPOT objective
  std::int64_t input_tokens = 0;   ///< prompt tokens of completed requests
  std::int64_t output_tokens = 0;  ///< generated tokens of completed requests
  LatencyHistogram ttft_s;  ///< arrival -> first token (end of prefill)
  LatencyHistogram tpot_s;  ///< (completion - first token) / (output tokens - 1), output >= 2
  ReplicaSums sums;  ///< over the replicas (in replica order)

  /// Adds another service's counts (histograms merge exactly).
  void merge(const ServiceStats& o) {
    arrived += o.arrived;
    completed += o.completed;
    dropped += o.dropped;
    timed_out += o.timed_out;
    slo_met += o.slo_met;
    input_tokens += o.input_tokens;
    output_tokens += o.output_tokens;
    ttft_s.merge(o.ttft_s);
    tpot_s.merge(o.tpot_s);
    sums.add(o.sums);
  }
};

}  // namespace aifsim::workload
