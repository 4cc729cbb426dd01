// SPDX-License-Identifier: Apache-2.0
// Builds the flat topology arrays from the rack groups and the layout.
#include "sim/facility/topology.h"

#include <cstdio>
#include <stdexcept>

namespace aifsim::facility {

Topology build_topology(const scenario::ScenarioSpec& spec) {
  Topology t;
  const int per_row = spec.site.layout.racks_per_row;
  const int rows_per_hall = spec.site.layout.rows_per_hall;
  int rack_index = 0;
  for (std::size_t g = 0; g < spec.racks.entries.size(); ++g) {
    const auto& group = spec.racks.entries[g].second;
    const int type = spec.rack_types.index_of(group.type);
    if (type < 0) throw std::logic_error("build_topology: unvalidated rack type " + group.type);
    const int gpus = spec.rack_types.entries[static_cast<std::size_t>(type)].second.gpus;
    for (int i = 0; i < group.count; ++i, ++rack_index) {
      RackInfo r;
      r.row = rack_index / per_row;
      r.position = rack_index % per_row;
      r.hall = r.row / rows_per_hall;
      r.group = static_cast<int>(g);
      r.type = type;
      r.first_gpu = t.gpus;
      r.gpus = gpus;
      char name[48];
      std::snprintf(name, sizeof name, "h%d-r%02d-%02d", r.hall + 1, r.row % rows_per_hall + 1,
                    r.position + 1);
      r.name = name;
      t.gpus += gpus;
      t.gpu_rack.insert(t.gpu_rack.end(), static_cast<std::size_t>(gpus), rack_index);
      t.gpu_group.insert(t.gpu_group.end(), static_cast<std::size_t>(gpus), static_cast<std::int32_t>(g));
      t.rack_row.push_back(r.row);
      t.racks.push_back(std::move(r));
    }
  }
  t.rows = t.racks.empty() ? 0 : t.racks.back().row + 1;
  t.halls = t.racks.empty() ? 0 : t.racks.back().hall + 1;
  for (int row = 0; row < t.rows; ++row) t.row_hall.push_back(row / rows_per_hall);
  return t;
}

}  // namespace aifsim::facility
