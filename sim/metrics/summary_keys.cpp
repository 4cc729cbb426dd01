// SPDX-License-Identifier: Apache-2.0
// The table of numeric summary.json keys (see summary_keys.h).
#include "sim/metrics/summary_keys.h"

#include <array>

namespace aifsim::metrics {
namespace {

constexpr std::array kKeys{
    SummaryKey{"duration_s", "Simulated time actually run (s)"},
    SummaryKey{"gpus", "GPUs in the facility"},
    SummaryKey{"racks", "Racks in the facility"},
    SummaryKey{"it_energy_mwh", "IT energy at the rack inputs (PSU losses included) (MWh)"},
    SummaryKey{"facility_energy_mwh", "Energy at the utility meter (MWh)"},
    SummaryKey{"peak_it_power_mw", "Highest IT power over all ticks (MW)"},
    SummaryKey{"mean_it_power_mw", "Mean IT power (MW)"},
    SummaryKey{"peak_facility_power_mw", "Highest facility (meter) power over all ticks (MW)"},
    SummaryKey{"mean_facility_power_mw", "Mean facility (meter) power (MW)"},
    SummaryKey{"gpu_energy_mwh", "Energy drawn by the GPUs (MWh)"},
    SummaryKey{"mean_gpu_utilization", "Mean GPU activity over GPUs and time (0-1)"},
    SummaryKey{"psu_loss_mwh", "Rack PSU conversion losses, part of IT energy (MWh)"},
    SummaryKey{"distribution_loss_mwh", "Busway and PDU losses (MWh)"},
    SummaryKey{"ups_loss_mwh", "UPS losses (MWh)"},
    SummaryKey{"transformer_loss_mwh", "Transformer losses (MWh)"},
    SummaryKey{"misc_energy_mwh", "Constant site load outside IT and cooling (MWh)"},
    SummaryKey{"power_chain_efficiency", "IT energy / facility energy (the power chain only)"},
};

}  // namespace

std::span<const SummaryKey> summary_metric_keys() { return kKeys; }

bool is_summary_metric(std::string_view key) {
  for (const auto& k : kKeys)
    if (k.key == key) return true;
  return false;
}

}  // namespace aifsim::metrics
