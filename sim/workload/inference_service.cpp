// SPDX-License-Identifier: Apache-2.0
// The service's per-tick routing and replica runs.
#include "sim/workload/inference_service.h"

namespace aifsim::workload {

InferenceService::InferenceService(std::string name, const ReplicaParams& params, int replicas,
                                   scenario::RouterPolicy router, ArrivalStream arrivals, int stat_slots)
    : name_(std::move(name)), router_(router), arrivals_(std::move(arrivals)) {
  replicas_.reserve(static_cast<std::size_t>(replicas));
  for (int r = 0; r < replicas; ++r) replicas_.emplace_back(params);
  inbox_.resize(static_cast<std::size_t>(replicas));
  load_keys_.assign(static_cast<std::size_t>(replicas), 0);
  loads_.assign(load_keys_);
  activity_.assign(static_cast<std::size_t>(replicas), 0.0f);
  slot_stats_.resize(static_cast<std::size_t>(stat_slots < 1 ? 1 : stat_slots));
}

void InferenceService::route_tick(double t0_s, double t1_s, double rate_per_s) {
  if (replicas_.empty()) return;
  for (auto& in : inbox_) in.clear();
  const bool by_load = router_ != scenario::RouterPolicy::round_robin;
  const bool by_tokens = router_ == scenario::RouterPolicy::least_tokens;
  if (by_load) {
    for (std::size_t r = 0; r < replicas_.size(); ++r)
      load_keys_[r] = by_tokens ? replicas_[r].outstanding_tokens() : replicas_[r].outstanding();
    loads_.reset_keys(load_keys_);
  }
  arrivals_.begin_tick(t0_s, rate_per_s);
  while (arrivals_.peek_s() < t1_s) {
    Arrival a = arrivals_.pop();
    if (by_tokens) arrivals_.fill_sizes(a);  // the router weighs the sizes; others draw them later
    std::int32_t r;
    if (by_load) {
      r = loads_.top();
      const std::int64_t add = by_tokens ? static_cast<std::int64_t>(a.input_tokens) + a.output_tokens : 1;
      loads_.update(r, loads_.key(r) + add);
    } else {
      r = next_rr_;
      next_rr_ = (next_rr_ + 1) % static_cast<std::int32_t>(replicas_.size());
    }
    inbox_[static_cast<std::size_t>(r)].push_back(a);
  }
}

void InferenceService::run_replica(int r, double t0_s, double t1_s, int slot) {
  const auto i = static_cast<std::size_t>(r);
  for (Arrival& a : inbox_[i]) arrivals_.fill_sizes(a);
  replicas_[i].run_tick(inbox_[i], t1_s, slot_stats_[static_cast<std::size_t>(slot)]);
  activity_[i] = static_cast<float>(replicas_[i].take_activity_s() / (t1_s - t0_s));
}

void InferenceService::run_tick(double t0_s, double t1_s, double rate_per_s) {
  route_tick(t0_s, t1_s, rate_per_s);
  for (int r = 0; r < replicas(); ++r) run_replica(r, t0_s, t1_s, 0);
}

ServiceStats InferenceService::stats() const {
  ServiceStats s;
  for (const auto& slot : slot_stats_) s.merge(slot);
  s.sums = sums();
  return s;
}

ReplicaSums InferenceService::sums() const {
  ReplicaSums total;
  for (const auto& r : replicas_) total.add(r.sums());
  return total;
}

std::int64_t InferenceService::in_system() const {
  std::int64_t n = 0;
  for (const auto& r : replicas_) n += r.outstanding();
  return n;
}

}  // namespace aifsim::workload
