// SPDX-License-Identifier: Apache-2.0
// The request engine against queueing theory (M/M/1, M/M/c, Little's law), its batching
// model (decode throughput vs speed and batch, KV limit) and its routers.
#include <gtest/gtest.h>

#include <cmath>

#include "sim/workload/inference_service.h"

namespace aifsim::workload {
namespace {

// Exponential service times: no prefill cost, a constant decode step, geometric output sizes,
// so a request holds its slot (out - 1) x step seconds, ~Exp with mean 100 x step.
ReplicaParams exponential_server(int slots, double mean_service_s) {
  ReplicaParams p;
  p.prefill_tokens_per_s = 1e15;
  p.step_base_s = mean_service_s / 100.0;
  p.max_batch = slots;
  return p;
}

scenario::ArrivalSpec poisson(double rate) {
  scenario::ArrivalSpec a;
  a.rate_per_s = rate;
  return a;
}

scenario::RequestSizesSpec geometric_sizes() {
  scenario::RequestSizesSpec s;
  s.input_tokens = {scenario::TokenDistribution::fixed, 1, 0, 1};
  s.output_tokens = {scenario::TokenDistribution::exponential, 101, 0, 1 << 30};
  return s;
}

InferenceService make_service(const ReplicaParams& p, int replicas, double rate, std::uint64_t seed = 7,
                              scenario::RouterPolicy router = scenario::RouterPolicy::join_shortest_queue,
                              const scenario::RequestSizesSpec& sizes = geometric_sizes()) {
  const auto spec = poisson(rate);
  return InferenceService("s", p, replicas, router, ArrivalStream(spec, SizeSampler(sizes, nullptr), seed, 0));
}

void run(InferenceService& s, double duration_s, double rate, double dt_s = 1.0) {
  for (double t = 0; t < duration_s; t += dt_s) s.run_tick(t, t + dt_s, rate);
}

// Erlang C: probability that an arrival waits in an M/M/c queue with offered load a = lambda/mu.
double erlang_c(int c, double a) {
  double term = 1.0, sum = 1.0;
  for (int k = 1; k < c; ++k) {
    term *= a / k;
    sum += term;
  }
  const double last = term * a / c / (1.0 - a / c);
  return last / (sum + last);
}

TEST(inference_service_test, mm1_mean_wait_matches_formula) {
  const double lambda = 0.7, mu = 1.0;
  auto s = make_service(exponential_server(1, 1.0 / mu), 1, lambda);
  run(s, 2.0e6, lambda);
  const double expected = lambda / (mu * (mu - lambda));  // Wq of M/M/1
  ASSERT_GT(s.stats().completed, 1'000'000u);
  EXPECT_NEAR(s.stats().ttft_s.mean(), expected, 0.05 * expected);
}

TEST(inference_service_test, mmc_mean_wait_matches_erlang_c) {
  const int c = 4;
  const double lambda = 3.2, mu = 1.0;  // 80 % load
  auto s = make_service(exponential_server(c, 1.0 / mu), 1, lambda);
  run(s, 5.0e5, lambda);
  const double expected = erlang_c(c, lambda / mu) / (c * mu - lambda);
  EXPECT_NEAR(s.stats().ttft_s.mean(), expected, 0.05 * expected);
}

TEST(inference_service_test, littles_law_holds) {
  ReplicaParams p;
  p.prefill_tokens_per_s = 20000;
  p.step_base_s = 0.02;
  p.step_per_seq_s = 2e-4;
  p.step_per_kv_token_s = 1e-7;
  p.max_batch = 32;
  scenario::RequestSizesSpec sizes;  // lognormal defaults
  const double lambda = 6.0;
  auto s = make_service(p, 4, lambda, 3, scenario::RouterPolicy::least_tokens, sizes);
  const double duration = 2.0e4;
  run(s, duration, lambda);
  const auto& st = s.stats();
  const double mean_in_system = st.sums.in_system_req_s / duration;
  const double throughput = static_cast<double>(st.completed) / duration;
  const double mean_sojourn = st.sums.e2e_sum_s / static_cast<double>(st.completed);
  EXPECT_GT(mean_in_system, 1.0);
  EXPECT_NEAR(mean_in_system, throughput * mean_sojourn, 0.01 * mean_in_system);
}

// Saturated replica, fixed sizes: decode tokens/s scale with the decode speed.
TEST(inference_service_test, decode_throughput_follows_speed) {
  ReplicaParams p;
  p.prefill_tokens_per_s = 1e12;
  p.step_base_s = 0.02;
  p.step_per_seq_s = 1e-4;
  p.max_batch = 64;
  scenario::RequestSizesSpec sizes;
  sizes.input_tokens = {scenario::TokenDistribution::fixed, 10, 0, 100};
  sizes.output_tokens = {scenario::TokenDistribution::fixed, 200, 0, 1000};
  double tokens[2];
  for (int i = 0; i < 2; ++i) {
    auto s = make_service(p, 1, 1000.0, 5, scenario::RouterPolicy::round_robin, sizes);
    s.set_speed(0, 1.0, i == 0 ? 1.0 : 0.8);
    run(s, 600, 1000.0);
    tokens[i] = s.stats().sums.decode_tokens;
  }
  // Full batch of 64: step 0.0264 s -> 64 / 0.0264 tokens/s at speed 1.
  EXPECT_NEAR(tokens[0] / 600.0, 64 / 0.0264, 0.01 * 64 / 0.0264);
  EXPECT_NEAR(tokens[1] / tokens[0], 0.8, 0.005);
}

TEST(inference_service_test, kv_cache_bounds_the_batch) {
  ReplicaParams p;
  p.prefill_tokens_per_s = 1e12;
  p.step_base_s = 0.01;
  p.max_batch = 1000;
  p.kv_cache_tokens = 5 * 300;  // five requests of 100 + 200 tokens
  scenario::RequestSizesSpec sizes;
  sizes.input_tokens = {scenario::TokenDistribution::fixed, 100, 0, 1000};
  sizes.output_tokens = {scenario::TokenDistribution::fixed, 200, 0, 1000};
  auto s = make_service(p, 1, 100.0, 5, scenario::RouterPolicy::round_robin, sizes);
  run(s, 100, 100.0);
  // Five sequences of 199 decode steps at 10 ms: 5 / 1.99 s completions per second.
  EXPECT_NEAR(static_cast<double>(s.stats().completed) / 100.0, 5.0 / 1.99, 0.05);
}

TEST(inference_service_test, oversized_request_and_full_queue_are_dropped) {
  ReplicaParams p = exponential_server(1, 10.0);
  p.max_queue = 2;
  p.kv_cache_tokens = 1000;
  scenario::RequestSizesSpec sizes;
  sizes.input_tokens = {scenario::TokenDistribution::fixed, 10, 0, 100};
  sizes.output_tokens = {scenario::TokenDistribution::fixed, 100, 0, 1000};
  auto s = make_service(p, 1, 5.0, 1, scenario::RouterPolicy::round_robin, sizes);
  run(s, 100, 5.0);
  const auto& st = s.stats();
  EXPECT_GT(st.dropped, 300u);
  EXPECT_EQ(st.arrived, st.completed + st.dropped + st.timed_out + static_cast<std::uint64_t>(s.in_system()));
  sizes.input_tokens = {scenario::TokenDistribution::fixed, 2000, 0, 5000};  // never fits the KV cache
  auto big = make_service(p, 1, 5.0, 1, scenario::RouterPolicy::round_robin, sizes);
  run(big, 10, 5.0);
  EXPECT_EQ(big.stats().dropped, big.stats().arrived);
}

TEST(inference_service_test, timeout_counts_requests_never_admitted) {
  ReplicaParams p = exponential_server(1, 10.0);
  p.timeout_s = 5.0;
  auto s = make_service(p, 1, 2.0);
  run(s, 1000, 2.0);
  const auto& st = s.stats();
  EXPECT_GT(st.timed_out, 1000u);
  EXPECT_LE(st.ttft_s.max(), 5.0 + 1e-9);  // no admitted request waited past the timeout
}

TEST(inference_service_test, join_shortest_queue_beats_round_robin_on_waits) {
  const double lambda = 3.4;
  auto rr = make_service(exponential_server(1, 1.0), 4, lambda, 11, scenario::RouterPolicy::round_robin);
  auto jsq = make_service(exponential_server(1, 1.0), 4, lambda, 11, scenario::RouterPolicy::join_shortest_queue);
  run(rr, 1e5, lambda);
  run(jsq, 1e5, lambda);
  EXPECT_LT(jsq.stats().ttft_s.mean(), 0.6 * rr.stats().ttft_s.mean());
}

TEST(inference_service_test, same_seed_same_results_other_seed_differs) {
  ReplicaParams p;
  p.step_base_s = 0.015;
  p.step_per_kv_token_s = 1e-8;
  auto a = make_service(p, 3, 20.0, 9, scenario::RouterPolicy::join_shortest_queue, scenario::RequestSizesSpec{});
  auto b = make_service(p, 3, 20.0, 9, scenario::RouterPolicy::join_shortest_queue, scenario::RequestSizesSpec{});
  run(a, 3000, 20.0);
  run(b, 3000, 20.0);
  EXPECT_EQ(a.stats().completed, b.stats().completed);
  EXPECT_EQ(a.stats().output_tokens, b.stats().output_tokens);
  EXPECT_EQ(a.stats().ttft_s.percentile(99), b.stats().ttft_s.percentile(99));
  auto c = make_service(p, 3, 20.0, 10, scenario::RouterPolicy::join_shortest_queue, scenario::RequestSizesSpec{});
  run(c, 3000, 20.0);
  EXPECT_NE(a.stats().output_tokens, c.stats().output_tokens);
}

}  // namespace
}  // namespace aifsim::workload
