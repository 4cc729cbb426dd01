// SPDX-License-Identifier: Apache-2.0
// Scaling a serving profile to a service's replica.
#include "sim/workload/serving_profile.h"

namespace aifsim::workload {

ReplicaParams replica_params(const scenario::ServingProfileSpec& profile, const scenario::InferenceServiceSpec& service,
                             int replica_gpus) {
  const double k = static_cast<double>(replica_gpus) / static_cast<double>(profile.replica_gpus);
  ReplicaParams p;
  p.prefill_tokens_per_s = profile.prefill_tokens_per_s * k;
  p.step_base_s = profile.decode_step_base_s / k;
  p.step_per_seq_s = profile.decode_step_per_seq_s;
  p.step_per_kv_token_s = profile.decode_step_per_kv_token_s / k;
  p.kv_cache_tokens = static_cast<std::int64_t>(static_cast<double>(profile.kv_cache_tokens) * k);
  p.max_batch = service.max_batch > 0 ? service.max_batch : profile.max_batch;
  p.max_queue = service.max_queue;
  p.timeout_s = service.timeout.s;
  p.slo_ttft_s = service.slo.ttft_s;
  p.slo_tpot_s = service.slo.tpot_s;
  p.prefill_activity = static_cast<float>(profile.prefill_activity);
  p.decode_activity_min = static_cast<float>(profile.decode_activity_min);
  p.decode_activity_max = static_cast<float>(profile.decode_activity_max);
  return p;
}

}  // namespace aifsim::workload
