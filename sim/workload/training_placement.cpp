// SPDX-License-Identifier: Apache-2.0
// Placing a starting gang on free pool GPUs by the placement policy (pack, spread, thermal,
// power). Which GPUs form the pool is decided earlier, from the scenario, in sim/scenario/placement.cpp.
#include "sim/workload/training_cluster.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "sim/workload/training_common.h"

namespace aifsim::workload {

using training_detail::kInf;

void TrainingCluster::place(int count, std::span<const RackView> racks,
                            std::vector<std::int32_t>& out) {
  const std::size_t n = racks_.size();
  scratch_take_.assign(n, 0);
  const auto avail = [&](std::size_t r) { return rack_free_[r] - scratch_take_[r]; };
  int remaining = count;

  if (placement_ == PlacementPolicy::pack) {
    // Best fit: the fullest rack that fits what is left; when none does, empty the rack with
    // the most free GPUs (fewest racks overall) and look again.
    while (remaining > 0) {
      std::size_t fit = n;
      std::size_t biggest = n;
      for (std::size_t r = 0; r < n; ++r) {
        const int a = avail(r);
        if (a <= 0) continue;
        if (a >= remaining && (fit == n || a < avail(fit))) fit = r;
        if (biggest == n || a > avail(biggest)) biggest = r;
      }
      if (fit != n) {
        scratch_take_[fit] += remaining;
        remaining = 0;
      } else {
        const int a = avail(biggest);
        scratch_take_[biggest] += a;
        remaining -= a;
      }
    }
  } else {
    scratch_racks_.clear();
    for (std::size_t r = 0; r < n; ++r) {
      if (rack_free_[r] > 0) scratch_racks_.push_back(r);
    }
    // Rack order of the policy, ties (and NaN views, ranked last) by rack order.
    const auto key = [&](std::size_t r) -> double {
      switch (placement_) {
        case PlacementPolicy::spread:
          return -static_cast<double>(rack_free_[r]);
        case PlacementPolicy::thermal: {
          const double c = static_cast<double>(racks[r].coolant_c);
          return std::isnan(c) ? kInf : c;
        }
        case PlacementPolicy::power: {
          const double h = racks[r].power_headroom_w;
          return std::isnan(h) ? kInf : -h;
        }
        case PlacementPolicy::pack:
          break;
      }
      return 0.0;
    };
    std::sort(scratch_racks_.begin(), scratch_racks_.end(), [&](std::size_t a, std::size_t b) {
      const double ka = key(a);
      const double kb = key(b);
      return ka != kb ? ka < kb : a < b;
    });
    if (placement_ == PlacementPolicy::spread) {
      while (remaining > 0) {
        for (const std::size_t r : scratch_racks_) {
          if (remaining == 0) break;
          if (avail(r) > 0) {
            ++scratch_take_[r];
            --remaining;
          }
        }
      }
    } else {
      for (const std::size_t r : scratch_racks_) {
        const int take = std::min(remaining, avail(r));
        scratch_take_[r] += take;
        remaining -= take;
        if (remaining == 0) break;
      }
    }
  }

  // The lowest free GPUs (in the rack's listed order) of each chosen rack, racks in pool order.
  out.clear();
  out.reserve(static_cast<std::size_t>(count));
  for (std::size_t r = 0; r < n; ++r) {
    int take = scratch_take_[r];
    for (const std::int32_t g : racks_[r].gpus) {
      if (take == 0) break;
      if (gpu_free_[static_cast<std::size_t>(g)] != 0) {
        out.push_back(g);
        --take;
      }
    }
  }
}

}  // namespace aifsim::workload
