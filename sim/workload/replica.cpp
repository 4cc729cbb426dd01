// SPDX-License-Identifier: Apache-2.0
// The continuous-batching replica: fluid decode between request events (see replica.h).
#include "sim/workload/replica.h"

#include <algorithm>
#include <cmath>

namespace aifsim::workload {
namespace {

struct LaterEnd {
  template <class D>
  bool operator()(const D& a, const D& b) const {
    return a.v_end > b.v_end;
  }
};

}  // namespace

Replica::Replica(const ReplicaParams& params) : p_(params) { decode_.reserve(static_cast<std::size_t>(p_.max_batch)); }

void Replica::set_speed(double prefill_speed, double decode_speed) {
  prefill_speed_ = prefill_speed;
  decode_speed_ = decode_speed;
}

double Replica::step_s() const {
  const double b = static_cast<double>(decode_.size());
  return p_.step_base_s + p_.step_per_seq_s * b + p_.step_per_kv_token_s * (ctx_offset_ + b * v_);
}

double Replica::next_event_s() const {
  if (!prefill_.empty()) {
    const double rate = p_.prefill_tokens_per_s * prefill_speed_;
    return rate > 0.0 ? now_s_ + prefill_left_ / rate : kNever;
  }
  if (decode_.empty() || !(decode_speed_ > 0.0)) return kNever;
  // Step time grows linearly with v (the batch's context grows): time to gain dv tokens is
  // (a dv + B dv^2 / 2) / speed with a the current step time and B = per_kv x b.
  const double dv = std::max(0.0, decode_.front().v_end - v_);
  const double a = step_s();
  const double b_slope = p_.step_per_kv_token_s * static_cast<double>(decode_.size());
  return now_s_ + (a * dv + 0.5 * b_slope * dv * dv) / decode_speed_;
}

void Replica::flow_to(double t_s) {
  const double dt = t_s - now_s_;
  if (!(dt > 0.0)) return;
  sums_.in_system_req_s += static_cast<double>(outstanding()) * dt;
  if (!prefill_.empty()) {
    const double rate = p_.prefill_tokens_per_s * prefill_speed_;
    if (rate > 0.0) {
      const double done = std::min(prefill_left_, rate * dt);
      prefill_left_ -= done;
      sums_.prefill_tokens += done;
      activity_s_ += static_cast<double>(p_.prefill_activity) * dt;
    }
  } else if (!decode_.empty()) {
    const double s = decode_speed_;
    const double b = static_cast<double>(decode_.size());
    if (s > 0.0) {
      const double a = step_s();
      const double b_slope = p_.step_per_kv_token_s * b;
      // Solves a dv + B dv^2 / 2 = s dt for dv, in the form that stays accurate for B -> 0.
      const double dv = 2.0 * s * dt / (a + std::sqrt(a * a + 2.0 * b_slope * s * dt));
      v_ += dv;
      sums_.decode_tokens += b * dv;
      const double fill = p_.max_batch > 1 ? (b - 1.0) / static_cast<double>(p_.max_batch - 1) : 1.0;
      activity_s_ += (p_.decode_activity_min + (p_.decode_activity_max - p_.decode_activity_min) * fill) * dt;
    }
  }
  now_s_ = t_s;
}

void Replica::run_tick(std::span<const Arrival> inbox, double t1_s, ServiceStats& stats) {
  for (const Arrival& a : inbox) {
    advance_to(a.time_s, stats);
    arrive(a.time_s, a.input_tokens, a.output_tokens, stats);
  }
  advance_to(t1_s, stats);
}

void Replica::advance_to(double t_s, ServiceStats& stats) {
  for (;;) {
    const double next = next_event_s();
    if (!(next <= t_s)) break;
    flow_to(next);
    if (!prefill_.empty()) {
      finish_prefill(next, stats);
    } else {
      finish_decode(next, stats);
    }
  }
  flow_to(t_s);
}

void Replica::arrive(double t_s, std::int32_t input_tokens, std::int32_t output_tokens, ServiceStats& stats) {
  ++stats.arrived;
  const std::int64_t need = static_cast<std::int64_t>(input_tokens) + output_tokens;
  if (need > p_.kv_cache_tokens || waiting_.size() >= static_cast<std::size_t>(p_.max_queue)) {
    ++stats.dropped;
    return;
  }
  waiting_.push_back({t_s, input_tokens, output_tokens});
  outstanding_tokens_ += need;
  admit(t_s, stats);
}

void Replica::admit(double t_s, ServiceStats& stats) {
  while (!waiting_.empty()) {
    const Waiting w = waiting_.front();
    const std::int64_t need = static_cast<std::int64_t>(w.in) + w.out;
    if (p_.timeout_s > 0.0 && t_s - w.arrival_s > p_.timeout_s) {
      waiting_.pop_front();
      outstanding_tokens_ -= need;
      ++stats.timed_out;
      continue;
    }
    if (prefill_.size() + decode_.size() >= static_cast<std::size_t>(p_.max_batch)) break;
    if (kv_used_ + need > p_.kv_cache_tokens) break;
    waiting_.pop_front();
    kv_used_ += need;
    if (prefill_.empty()) prefill_left_ = w.in;
    prefill_.push_back(w);
  }
}

void Replica::finish_prefill(double t_s, ServiceStats& stats) {
  const Waiting w = prefill_.front();
  prefill_.pop_front();
  prefill_left_ = prefill_.empty() ? 0.0 : static_cast<double>(prefill_.front().in);
  stats.ttft_s.record(t_s - w.arrival_s);
  sums_.first_tokens += 1.0;
  sums_.ttft_sum_s += t_s - w.arrival_s;
  if (w.out >= 1) sums_.decode_tokens += 1.0;  // prefill emits the first output token
  if (w.out <= 1) {
    complete(t_s, w.arrival_s, t_s, w.in, w.out, stats);
    admit(t_s, stats);
    return;
  }
  heap_push({v_ + static_cast<double>(w.out - 1), v_, w.arrival_s, t_s, w.in, w.out});
  ctx_offset_ += static_cast<double>(w.in) - v_;
}

void Replica::finish_decode(double t_s, ServiceStats& stats) {
  v_ = std::max(v_, decode_.front().v_end);
  // Every sequence that has reached its end (ties included) leaves now.
  while (!decode_.empty() && decode_.front().v_end <= v_) {
    const Decoding d = decode_.front();
    heap_pop();
    ctx_offset_ -= static_cast<double>(d.in) - d.v_start;
    complete(t_s, d.arrival_s, d.first_token_s, d.in, d.out, stats);
  }
  if (decode_.empty()) {  // restart the virtual clock so it never grows large
    v_ = 0.0;
    ctx_offset_ = 0.0;
  }
  admit(t_s, stats);
}

void Replica::complete(double t_s, double arrival_s, double first_token_s, std::int32_t in, std::int32_t out,
                       ServiceStats& stats) {
  const std::int64_t tokens = static_cast<std::int64_t>(in) + out;
  kv_used_ -= tokens;
  outstanding_tokens_ -= tokens;
  ++stats.completed;
  stats.input_tokens += in;
  stats.output_tokens += out;
  const double e2e = t_s - arrival_s;
  sums_.e2e_sum_s += e2e;
  bool met = first_token_s - arrival_s <= p_.slo_ttft_s;
  if (out >= 2) {
    const double tpot = (t_s - first_token_s) / static_cast<double>(out - 1);
    stats.tpot_s.record(tpot);
    sums_.tpot_requests += 1.0;
    sums_.tpot_sum_s += tpot;
    met = met && tpot <= p_.slo_tpot_s;
  }
  if (met) ++stats.slo_met;
}

void Replica::heap_push(const Decoding& d) {
  decode_.push_back(d);
  std::push_heap(decode_.begin(), decode_.end(), LaterEnd{});
}

void Replica::heap_pop() {
  std::pop_heap(decode_.begin(), decode_.end(), LaterEnd{});
  decode_.pop_back();
}

}  // namespace aifsim::workload
