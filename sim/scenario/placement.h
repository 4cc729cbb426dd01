// SPDX-License-Identifier: Apache-2.0
// Where the workloads sit: inference replicas packed into their rack group's NVLink domains
// (services in file order, racks in order), and the training pool on the GPUs left over. A
// pure function of the scenario spec, so validation reports a service that does not fit
// with its file position before anything runs.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/scenario/spec.h"

namespace aifsim::scenario {

/// A GPU by (rack group, rack ordinal within the group, GPU index within the rack).
struct GroupGpu {
  int group = 0;
  int rack = 0;
  int gpu = 0;
};

struct ServicePlacement {
  int group = -1;   ///< rack group index
  int replica_gpus = 0;
  std::vector<GroupGpu> replica_first;  ///< first GPU of each replica (its GPUs are consecutive)
};

struct Placement {
  std::vector<ServicePlacement> services;  ///< in workloads.inference order
  std::vector<GroupGpu> training_pool;     ///< GPUs of the training group no service holds
};

struct PlacementError {
  std::string path;  ///< scenario field path
  std::string message;
};

/// Plans the placement; problems (unknown groups, a replica larger than an NVLink domain, too
/// few free GPUs) are appended to `errors` and the offending service is left empty.
Placement plan_placement(const ScenarioSpec& spec, std::vector<PlacementError>& errors);

/// The replica size a service runs with: its replica_gpus, else its model profile's.
int service_replica_gpus(const ScenarioSpec& spec, const InferenceServiceSpec& s);

}  // namespace aifsim::scenario
