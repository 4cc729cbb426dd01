// SPDX-License-Identifier: Apache-2.0
// Evaluates load profiles.
#include "sim/workload/load_profile.h"

#include <cmath>
#include <numbers>

namespace aifsim::workload {

double utilization_at(const scenario::LoadSpec& load, double elapsed_s, double local_hour) {
  switch (load.profile) {
    case scenario::LoadProfile::constant:
      return load.utilization;
    case scenario::LoadProfile::diurnal: {
      const double phase = 2.0 * std::numbers::pi * (local_hour - load.peak_hour) / 24.0;
      return load.min_utilization +
             (load.max_utilization - load.min_utilization) * 0.5 * (1.0 + std::cos(phase));
    }
    case scenario::LoadProfile::schedule: {
      if (load.schedule.empty()) return 0.0;
      const double t = std::fmod(elapsed_s, load.schedule_period.s);
      // Before the first point the previous period's last step still holds.
      double u = load.schedule.back().utilization;
      for (const auto& p : load.schedule) {
        if (p.at.s > t) break;
        u = p.utilization;
      }
      return u;
    }
  }
  return 0.0;
}

}  // namespace aifsim::workload
