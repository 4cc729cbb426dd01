// SPDX-License-Identifier: Apache-2.0
// Arrival processes and request-size distributions.
#include "sim/workload/arrivals.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "sim/workload/load_profile.h"
#include "sim/workload/replica.h"

namespace aifsim::workload {
namespace {

// Stream purposes of the request engine (>= 1000, see sim/core/rng.h).
constexpr std::uint64_t kRequestArrival = 1000;
constexpr std::uint64_t kRequestSize = 1001;

std::int32_t clamp_tokens(double v, std::int64_t max) {
  const double hi = static_cast<double>(std::min<std::int64_t>(max, std::numeric_limits<std::int32_t>::max()));
  return static_cast<std::int32_t>(std::clamp(std::round(v), 1.0, hi));
}

}  // namespace

SizeSampler::SizeSampler(const scenario::RequestSizesSpec& spec, std::shared_ptr<const TokenSizeSampler> trace_sizes)
    : spec_(spec), trace_(std::move(trace_sizes)) {
  // Lognormal with the given mean m and coefficient of variation cv:
  // sigma^2 = ln(1 + cv^2), mu = ln m - sigma^2 / 2.
  const auto fit = [](const scenario::TokenSizeSpec& d, double& mu, double& sigma) {
    const double s2 = std::log1p(d.cv * d.cv);
    sigma = std::sqrt(s2);
    mu = std::log(d.mean) - 0.5 * s2;
  };
  fit(spec_.input_tokens, in_mu_, in_sigma_);
  fit(spec_.output_tokens, out_mu_, out_sigma_);
}

std::int32_t SizeSampler::draw_one(const scenario::TokenSizeSpec& d, double mu, double sigma, double z,
                                   RandomStream& rng) {
  switch (d.distribution) {
    case scenario::TokenDistribution::fixed:
      return clamp_tokens(d.mean, d.max);
    case scenario::TokenDistribution::exponential: {
      // Geometric on 1, 2, ... with mean m: P(X > k) = (1 - 1/m)^k.
      if (d.mean <= 1.0) return 1;
      const double q = std::log1p(-1.0 / d.mean);
      return clamp_tokens(1.0 + std::floor(std::log1p(-rng.uniform()) / q), d.max);
    }
    case scenario::TokenDistribution::lognormal:
      return clamp_tokens(std::exp(mu + sigma * z), d.max);
  }
  return 1;
}

// Draws of one request: a pair of independent normals from one Box-Muller transform (two
// uniform draws) feeds both lognormal sizes.
Arrival SizeSampler::draw(RandomStream& rng) const {
  Arrival a;
  if (trace_) {
    const TraceRequest r = trace_->sample(rng);
    constexpr auto kMax = static_cast<std::int64_t>(std::numeric_limits<std::int32_t>::max());
    a.input_tokens = static_cast<std::int32_t>(std::min(r.input_tokens, kMax));
    a.output_tokens = static_cast<std::int32_t>(std::min(r.output_tokens, kMax));
    return a;
  }
  const double u1 = 1.0 - rng.uniform();  // (0, 1]: log(u1) is finite
  const double radius = std::sqrt(-2.0 * std::log(u1));
  const double angle = 2.0 * std::numbers::pi * rng.uniform();
  const double z[2] = {radius * std::cos(angle), radius * std::sin(angle)};
  a.input_tokens = draw_one(spec_.input_tokens, in_mu_, in_sigma_, z[0], rng);
  a.output_tokens = draw_one(spec_.output_tokens, out_mu_, out_sigma_, z[1], rng);
  return a;
}

double arrival_rate_per_s(const scenario::ArrivalSpec& spec, double elapsed_s, double local_hour) {
  switch (spec.process) {
    case scenario::ArrivalProcess::poisson:
      return spec.rate_per_s;
    case scenario::ArrivalProcess::diurnal:
      return diurnal_value(spec.min_rate_per_s, spec.max_rate_per_s, spec.peak_hour, local_hour);
    case scenario::ArrivalProcess::schedule:
      return schedule_value(spec.schedule, &scenario::RatePoint::rate_per_s, spec.schedule_period.s, elapsed_s);
    case scenario::ArrivalProcess::trace:
      return 0.0;
  }
  return 0.0;
}

ArrivalStream::ArrivalStream(const scenario::ArrivalSpec& spec, SizeSampler sizes, std::uint64_t seed,
                             std::uint64_t entity)
    : sizes_(std::move(sizes)),
      gap_rng_(seed, entity, kRequestArrival),
      size_rng_(seed, entity, kRequestSize),
      rate_per_s_(spec.rate_per_s) {
  pending_.time_s = kNever;
}

ArrivalStream::ArrivalStream(const scenario::ArrivalSpec& spec, RequestTrace trace)
    : replay_(TraceReplay(std::move(trace), spec.time_scale, spec.loop)), gap_rng_(0, 0, 0), size_rng_(0, 0, 0) {
  draw_next_replay();
}

void ArrivalStream::draw_next_replay() {
  if (auto r = replay_->next()) {
    constexpr auto kMax = static_cast<std::int64_t>(std::numeric_limits<std::int32_t>::max());
    pending_ = {r->time_s, static_cast<std::int32_t>(std::min(r->input_tokens, kMax)),
                static_cast<std::int32_t>(std::min(r->output_tokens, kMax)), next_seq_++};
  } else {
    pending_.time_s = kNever;
  }
}

void ArrivalStream::begin_tick(double t0_s, double rate_per_s) {
  if (replay_) return;
  // A Poisson process restarted at every tick boundary with that tick's rate: exact for a
  // rate held constant over each tick, since the gaps are memoryless.
  rate_per_s_ = rate_per_s;
  pending_ = {rate_per_s_ > 0.0 ? t0_s + gap_rng_.exponential(rate_per_s_) : kNever, -1, -1, next_seq_};
}

void ArrivalStream::fill_sizes(Arrival& a) const {
  if (a.input_tokens >= 0) return;
  // Eight draws per arrival cover every size distribution (the trace sampler's rare
  // rejections may reach into the next window: still a pure function of seq).
  RandomStream rng = size_rng_;
  rng.set_counter(a.seq * 8);
  const Arrival s = sizes_->draw(rng);
  a.input_tokens = s.input_tokens;
  a.output_tokens = s.output_tokens;
}

Arrival ArrivalStream::pop() {
  const Arrival a = pending_;
  if (replay_) {
    draw_next_replay();
    return a;
  }
  ++next_seq_;
  pending_ = {a.time_s + gap_rng_.exponential(rate_per_s_), -1, -1, next_seq_};
  return a;
}

}  // namespace aifsim::workload
