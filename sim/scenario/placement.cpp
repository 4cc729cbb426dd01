// SPDX-License-Identifier: Apache-2.0
// Packing replicas into NVLink domains and collecting the training pool.
#include "sim/scenario/placement.h"

#include <cmath>

namespace aifsim::scenario {
namespace {

struct GroupState {
  int gpus_per_rack = 0;
  int domain = 0;
  std::vector<std::vector<char>> held;  // [rack][gpu]
};

const ServingProfileSpec* find_profile(const ScenarioSpec& spec,
                                                 const InferenceServiceSpec& s) {
  const auto* model = spec.models.find(s.model);
  const auto* group = spec.racks.find(s.racks);
  if (!model || !group) return nullptr;
  const auto* rtype = spec.rack_types.find(group->type);
  return rtype ? model->profiles.find(rtype->gpu_type) : nullptr;
}

// First GPU of a free run of n GPUs inside one NVLink domain of the rack, or -1.
int find_slot(const std::vector<char>& held, int domain, int n) {
  const int gpus = static_cast<int>(held.size());
  for (int start = 0; start + domain <= gpus; start += domain)
    for (int o = start; o + n <= start + domain; o += n) {
      bool free = true;
      for (int k = 0; k < n && free; ++k) free = held[static_cast<std::size_t>(o + k)] == 0;
      if (free) return o;
    }
  return -1;
}

}  // namespace

int service_replica_gpus(const ScenarioSpec& spec, const InferenceServiceSpec& s) {
  if (s.replica_gpus > 0) return s.replica_gpus;
  const auto* p = find_profile(spec, s);
  return p ? p->replica_gpus : 0;
}

Placement plan_placement(const ScenarioSpec& spec, std::vector<PlacementError>& errors) {
  std::vector<GroupState> groups;
  for (const auto& [name, g] : spec.racks) {
    GroupState st;
    if (const auto* t = spec.rack_types.find(g.type)) {
      st.gpus_per_rack = t->gpus;
      st.domain = t->nvlink_domain_gpus > 0 && t->nvlink_domain_gpus <= t->gpus ? t->nvlink_domain_gpus : t->gpus;
    }
    st.held.assign(static_cast<std::size_t>(g.count), std::vector<char>(static_cast<std::size_t>(st.gpus_per_rack), 0));
    groups.push_back(std::move(st));
  }

  Placement out;
  for (const auto& [name, s] : spec.workloads.inference) {
    const std::string path = "workloads.inference." + name;
    ServicePlacement sp;
    sp.group = spec.racks.index_of(s.racks);
    sp.replica_gpus = service_replica_gpus(spec, s);
    if (sp.group < 0 || sp.replica_gpus <= 0) {
      out.services.push_back(sp);  // unknown group / model: reported by validation
      continue;
    }
    GroupState& g = groups[static_cast<std::size_t>(sp.group)];
    const int n = sp.replica_gpus;
    if (n > g.domain) {
      errors.push_back({path + (s.replica_gpus > 0 ? ".replica_gpus" : ".model"),
                        "a replica of " + std::to_string(n) + " GPUs does not fit an NVLink domain of " +
                            std::to_string(g.domain) + " GPUs in rack group '" + s.racks + "'"});
      out.services.push_back(sp);
      continue;
    }
    const int racks = static_cast<int>(g.held.size());
    int wanted = s.replicas;           // 0: not a count
    int racks_left = racks;            // racks the service may still start filling
    if (wanted == 0 && s.rack_share > 0) racks_left = static_cast<int>(std::lround(s.rack_share * racks));
    const bool fill = wanted == 0;     // rack_share or "all that remain": fill whole racks
    for (int r = 0; r < racks && (fill ? racks_left > 0 : wanted > 0); ++r) {
      auto& held = g.held[static_cast<std::size_t>(r)];
      bool used_rack = false;
      for (int o; (fill || wanted > 0) && (o = find_slot(held, g.domain, n)) >= 0;) {
        for (int k = 0; k < n; ++k) held[static_cast<std::size_t>(o + k)] = 1;
        sp.replica_first.push_back({sp.group, r, o});
        used_rack = true;
        if (!fill) --wanted;
      }
      if (fill && used_rack) --racks_left;
    }
    if (!fill && wanted > 0)
      errors.push_back({path + ".replicas", std::to_string(s.replicas) + " replicas of " + std::to_string(n) +
                                                " GPUs do not fit: rack group '" + s.racks + "' has room for " +
                                                std::to_string(s.replicas - wanted) + " more"});
    else if (sp.replica_first.empty())
      errors.push_back({path + ".racks", "no free GPUs left in rack group '" + s.racks + "' for this service"});
    out.services.push_back(std::move(sp));
  }

  const int tg = spec.workloads.training.racks.empty() ? -1 : spec.racks.index_of(spec.workloads.training.racks);
  if (tg >= 0) {
    const GroupState& g = groups[static_cast<std::size_t>(tg)];
    for (int r = 0; r < static_cast<int>(g.held.size()); ++r)
      for (int k = 0; k < g.gpus_per_rack; ++k)
        if (!g.held[static_cast<std::size_t>(r)][static_cast<std::size_t>(k)]) out.training_pool.push_back({tg, r, k});
  }
  return out;
}

}  // namespace aifsim::scenario
