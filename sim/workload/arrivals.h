// SPDX-License-Identifier: Apache-2.0
// Request arrivals of one inference service: Poisson at a rate, a diurnal or scheduled rate
// (held over each physics tick; exact for a piecewise-constant rate, the exponential gaps
// being memoryless), or the replay of a request trace; and the sizes of generated requests.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>

#include "sim/core/rng.h"
#include "sim/scenario/spec.h"
#include "sim/workload/replica.h"
#include "sim/workload/request_trace.h"

namespace aifsim::workload {

/// Token counts of generated requests: two independent distributions, or joint draws from
/// a trace's rows.
class SizeSampler {
 public:
  SizeSampler(const scenario::RequestSizesSpec& spec, std::shared_ptr<const TokenSizeSampler> trace_sizes);
  /// One (input, output) pair: two draws of `rng` for a normal pair, plus one per
  /// exponential size (or the trace sampler's draws).
  Arrival draw(RandomStream& rng) const;

 private:
  /// z: a standard normal for the lognormal shape.
  static std::int32_t draw_one(const scenario::TokenSizeSpec& d, double mu, double sigma, double z, RandomStream& rng);
  scenario::RequestSizesSpec spec_;
  std::shared_ptr<const TokenSizeSampler> trace_;
  double in_mu_ = 0, in_sigma_ = 0, out_mu_ = 0, out_sigma_ = 0;
};

/// Arrival rate (1/s) of a Poisson-type process over the tick starting `elapsed_s` after the
/// run start, at local clock `local_hour` (hours since local midnight) mid-tick.
double arrival_rate_per_s(const scenario::ArrivalSpec& spec, double elapsed_s, double local_hour);

class ArrivalStream {
 public:
  /// A Poisson-type stream (process poisson, diurnal or schedule); random streams are keyed
  /// by (seed, entity), so each service has its own.
  ArrivalStream(const scenario::ArrivalSpec& spec, SizeSampler sizes, std::uint64_t seed, std::uint64_t entity);
  /// A trace replay (process trace): times from the run start, sizes from the rows.
  ArrivalStream(const scenario::ArrivalSpec& spec, RequestTrace trace);

  /// Starts the tick [t0_s, t0_s + dt_s) at arrival rate rate_per_s (ignored by a replay).
  void begin_tick(double t0_s, double rate_per_s);
  /// Time of the next arrival (kNever once a replay has ended or a zero rate holds).
  double peek_s() const { return pending_.time_s; }
  /// The next arrival, and draws the one after it. A generated arrival's sizes are left at
  /// -1 for fill_sizes, so they can be drawn on any thread.
  Arrival pop();
  /// Draws the sizes of a generated arrival from its own window of the size stream (a pure
  /// function of the seed, the stream and a.seq); thread-safe. Replayed arrivals are kept.
  void fill_sizes(Arrival& a) const;

 private:
  void draw_next_replay();
  std::optional<SizeSampler> sizes_;
  std::optional<TraceReplay> replay_;
  RandomStream gap_rng_, size_rng_;  // size_rng_ is only copied: each arrival owns draws [8 seq, 8 seq + 8)
  std::uint64_t next_seq_ = 0;
  double rate_per_s_ = 0.0;
  Arrival pending_;
};

}  // namespace aifsim::workload
