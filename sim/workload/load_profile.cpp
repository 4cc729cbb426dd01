// SPDX-License-Identifier: Apache-2.0
// Evaluates load profiles.
#include "sim/workload/load_profile.h"

#include <cmath>
#include <numbers>

namespace aifsim::workload {

double diurnal_value(double lo, double hi, double peak_hour, double local_hour) {
  const double phase = 2.0 * std::numbers::pi * (local_hour - peak_hour) / 24.0;
  return lo + (hi - lo) * 0.5 * (1.0 + std::cos(phase));
}

double utilization_at(const scenario::LoadSpec& load, double elapsed_s, double local_hour) {
  switch (load.profile) {
    case scenario::LoadProfile::constant:
      return load.utilization;
    case scenario::LoadProfile::diurnal:
      return diurnal_value(load.min_utilization, load.max_utilization, load.peak_hour, local_hour);
    case scenario::LoadProfile::schedule:
      return schedule_value(load.schedule, &scenario::SchedulePoint::utilization, load.schedule_period.s, elapsed_s);
  }
  return 0.0;
}

}  // namespace aifsim::workload
