// SPDX-License-Identifier: Apache-2.0
// The facility's static topology: site -> halls -> rows -> racks -> GPUs, flattened into
// index arrays in one fixed order (the order every kernel and roll-up uses).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace aifsim::facility {

struct RackInfo {
  std::string name;     ///< "h1-r02-07": hall 1, row 2 of that hall, position 7
  int hall = 0;         ///< global hall index
  int row = 0;          ///< global row index
  int position = 0;     ///< index within the row
  int group = 0;        ///< rack group (scenario racks, file order)
  int type = 0;         ///< rack type (scenario rack_types, file order)
  int first_gpu = 0;    ///< index of the rack's first GPU
  int gpus = 0;         ///< GPUs in the rack
};

struct Topology {
  std::vector<RackInfo> racks;
  std::vector<std::int32_t> gpu_rack;   ///< per GPU: its rack (non-decreasing)
  std::vector<std::int32_t> gpu_group;  ///< per GPU: its rack group
  std::vector<std::int32_t> rack_row;   ///< per rack: its global row (non-decreasing)
  std::vector<std::int32_t> row_hall;   ///< per row: its hall (non-decreasing)
  int rows = 0;
  int halls = 0;
  int gpus = 0;
};

}  // namespace aifsim::facility
