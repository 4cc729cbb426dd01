// SPDX-License-Identifier: Apache-2.0
// From a model's serving profile on a GPU type to the figures of one replica of a service.
#pragma once

#include "sim/scenario/spec.h"
#include "sim/workload/replica.h"

namespace aifsim::workload {

/// The replica a service runs: the profile scaled ideally from its replica_gpus to
/// `replica_gpus` (prefill throughput and KV cache in proportion, decode step times
/// inversely: the same weights and cache spread over more GPUs' memory bandwidth), with the
/// service's batch, queue, timeout and SLOs.
ReplicaParams replica_params(const scenario::ServingProfileSpec& profile, const scenario::InferenceServiceSpec& service,
                             int replica_gpus);

}  // namespace aifsim::workload
