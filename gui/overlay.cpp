// SPDX-License-Identifier: Apache-2.0
// Writing the knobs as an overlay scenario.
#include "gui/overlay.h"

#include <sstream>

#include "sim/scenario/schema.h"

namespace aifsim::gui {
namespace {

std::string num(double v) { return scenario::format_number(v); }

}  // namespace

std::string overlay_yaml(const std::filesystem::path& base, const scenario::ScenarioSpec& spec, const Knobs& k) {
  std::ostringstream y;
  y << "# What-if saved by aifsim-gui: the knobs below hold from the start of the run.\n";
  y << "extends: \"" << base.generic_string() << "\"\n";
  y << "name: " << spec.name << "-whatif\n";
  const bool setpoint = k.supply_setpoint_c > 0 && k.supply_setpoint_c != spec.site.cooling.facility_water.supply_setpoint_c;
  if (k.dry_bulb_offset_k != 0 || setpoint) y << "site:\n";
  if (k.dry_bulb_offset_k != 0)
    y << "  weather:\n    dry_bulb_offset_k: " << num(spec.site.weather.dry_bulb_offset_k + k.dry_bulb_offset_k) << "\n";
  if (setpoint) y << "  cooling:\n    facility_water:\n      supply_setpoint_c: " << num(k.supply_setpoint_c) << "\n";
  if (k.cap_mw > 0) y << "control:\n  power_cap:\n    target_mw: " << num(k.cap_mw) << "\n";
  bool header = false;
  std::size_t i = 0;
  for (const auto& [name, s] : spec.workloads.inference) {
    const double m = i < k.rate_multiplier.size() ? k.rate_multiplier[i] : 1.0;
    ++i;
    if (m == 1.0) continue;
    if (!header) {
      y << "workloads:\n  inference:\n";
      header = true;
    }
    y << "    " << name << ":\n      arrivals:\n";
    const auto& a = s.arrivals;
    if (!a.trace.empty()) {
      y << "        time_scale: " << num(m > 0 ? a.time_scale / m : a.time_scale) << "\n";
      continue;
    }
    switch (a.process) {
      case scenario::ArrivalProcess::poisson:
      case scenario::ArrivalProcess::trace:
        y << "        rate_per_s: " << num(a.rate_per_s * m) << "\n";
        break;
      case scenario::ArrivalProcess::diurnal:
        y << "        min_rate_per_s: " << num(a.min_rate_per_s * m) << "\n";
        y << "        max_rate_per_s: " << num(a.max_rate_per_s * m) << "\n";
        break;
      case scenario::ArrivalProcess::schedule:
        y << "        schedule:\n";
        for (const auto& p : a.schedule)
          y << "          - {at: " << num(p.at.s) << ", rate_per_s: " << num(p.rate_per_s * m) << "}\n";
        break;
    }
  }
  return y.str();
}

}  // namespace aifsim::gui
