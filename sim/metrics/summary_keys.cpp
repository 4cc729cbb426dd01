// SPDX-License-Identifier: Apache-2.0
// The table of numeric summary.json keys (see summary_keys.h).
#include "sim/metrics/summary_keys.h"

#include <array>

namespace aifsim::metrics {
namespace {

constexpr std::array kKeys{
    SummaryKey{"duration_s", "Simulated time actually run (s)"},
    SummaryKey{"gpus", "GPUs in the facility", true},
    SummaryKey{"racks", "Racks in the facility", true},
    SummaryKey{"it_energy_mwh", "IT energy at the rack inputs (PSU losses included) (MWh)"},
    SummaryKey{"facility_energy_mwh", "Energy at the utility meter (MWh)"},
    SummaryKey{"peak_it_power_mw", "Highest IT power over all ticks (MW)"},
    SummaryKey{"mean_it_power_mw", "Mean IT power (MW)"},
    SummaryKey{"peak_facility_power_mw", "Highest facility (meter) power over all ticks (MW)"},
    SummaryKey{"mean_facility_power_mw", "Mean facility (meter) power (MW)"},
    SummaryKey{"gpu_energy_mwh", "Energy drawn by the GPUs (MWh)"},
    SummaryKey{"mean_gpu_utilization", "Mean GPU activity over GPUs and time (0-1)"},
    SummaryKey{"mean_gpu_speed",
               "Mean relative throughput the GPUs could deliver under their power limits and thermal "
               "state, from their workload class's curve (1 = unconstrained)"},
    SummaryKey{"psu_loss_mwh", "Rack PSU conversion losses, part of IT energy (MWh)"},
    SummaryKey{"distribution_loss_mwh", "Busway and PDU losses (MWh)"},
    SummaryKey{"ups_loss_mwh", "UPS losses (MWh)"},
    SummaryKey{"transformer_loss_mwh", "Transformer losses (MWh)"},
    SummaryKey{"misc_energy_mwh", "Constant site load outside IT and cooling (MWh)"},
    SummaryKey{"pue", "Power usage effectiveness over the run: facility energy / IT energy"},
    SummaryKey{"ppue_cooling", "Partial PUE of cooling: (IT + cooling energy) / IT energy"},
    SummaryKey{"ppue_power_chain", "Partial PUE of the power chain: (IT + chain losses) / IT energy"},
    SummaryKey{"cooling_energy_mwh", "Electrical energy of the whole cooling system (MWh)"},
    SummaryKey{"chiller_energy_mwh", "Chiller compressor energy (MWh)"},
    SummaryKey{"rejection_fan_energy_mwh", "Cooling-tower or dry-cooler fan energy (MWh)"},
    SummaryKey{"pump_energy_mwh", "CDU and facility-water pump energy (MWh)"},
    SummaryKey{"crah_fan_energy_mwh", "CRAH / fan-wall energy for the air share of rack heat (MWh)"},
    SummaryKey{"water_m3", "Cooling-tower make-up water: evaporation plus blowdown (m3)"},
    SummaryKey{"wue_l_per_kwh", "Water usage effectiveness: litres per kWh of IT energy"},
    SummaryKey{"free_cooling_hours", "Hours the plant ran without chillers"},
    SummaryKey{"heat_to_water_mwh", "Heat that entered the facility water (MWh)"},
    SummaryKey{"heat_from_water_mwh", "Heat the plant removed from the facility water (MWh)"},
    SummaryKey{"gpu_die_temp_max_c", "Hottest GPU die at any tick (C)"},
    SummaryKey{"gpu_die_temp_p99_c", "99th percentile over GPUs of each GPU's hottest die temperature (C)"},
    SummaryKey{"throttle_events", "GPUs entering thermal or hardware slowdown (events)", true},
    SummaryKey{"shutdown_events", "GPUs entering thermal shutdown (events)", true},
    SummaryKey{"rack_trips", "Racks powered off by their loop over-temperature protection (events)", true},
    SummaryKey{"throttled_gpu_hours", "GPU-hours spent in thermal slowdown"},
    SummaryKey{"shutdown_gpu_hours", "GPU-hours spent in thermal shutdown"},
    SummaryKey{"ambient_dry_bulb_max_c", "Highest outdoor dry bulb during the run (C)"},
    SummaryKey{"ambient_dry_bulb_mean_c", "Mean outdoor dry bulb (C)"},
    SummaryKey{"ambient_wet_bulb_mean_c", "Mean outdoor wet bulb (C)"},
    SummaryKey{"weather_flagged_hours", "Hours of the weather file that were flagged or missing and filled", true},
    SummaryKey{"ups_peak_load_frac", "Peak UPS load / its redundant (usable) capacity"},
    SummaryKey{"transformer_peak_load_frac", "Peak transformer load / its redundant (usable) capacity"},
    SummaryKey{"rack_psu_peak_load_frac", "Highest rack DC load / the rack's redundant PSU capacity"},
    SummaryKey{"power_overload_s", "Seconds with any power element above its usable capacity"},
    SummaryKey{"tokens_per_s",
               "Inference: input + output tokens of completed requests per second of the run (the "
               "sense of published tokens/s figures); 0 without services"},
    SummaryKey{"output_tokens_per_s", "Inference: output tokens of completed requests per second"},
    SummaryKey{"input_tokens", "Inference: prompt tokens of completed requests", true},
    SummaryKey{"output_tokens", "Inference: generated tokens of completed requests", true},
    SummaryKey{"requests_arrived", "Inference: requests that arrived", true},
    SummaryKey{"requests_completed", "Inference: requests completed", true},
    SummaryKey{"requests_dropped", "Inference: requests refused at arrival (queue full, or larger than a replica's KV cache)", true},
    SummaryKey{"requests_timed_out", "Inference: requests that waited past the service timeout", true},
    SummaryKey{"requests_in_flight", "Inference: requests still waiting or being served when the run ended", true},
    SummaryKey{"ttft_p50_s", "Inference: median time to first token of completed requests (s)"},
    SummaryKey{"ttft_p90_s", "Inference: 90th percentile time to first token (s)"},
    SummaryKey{"ttft_p99_s", "Inference: 99th percentile time to first token (s)"},
    SummaryKey{"tpot_p50_s", "Inference: median time per output token after the first (s)"},
    SummaryKey{"tpot_p90_s", "Inference: 90th percentile time per output token (s)"},
    SummaryKey{"tpot_p99_s", "Inference: 99th percentile time per output token (s)"},
    SummaryKey{"slo_attainment",
               "Inference: requests completed within their service's TTFT and TPOT objectives / "
               "requests completed, dropped or timed out"},
    SummaryKey{"tokens_per_joule_it", "Inference: tokens of completed requests per joule of IT energy"},
    SummaryKey{"tokens_per_joule_facility", "Inference: tokens of completed requests per joule at the meter"},
    SummaryKey{"energy_cost_ntd", "Energy charges of the tariff for the grid draw (NT$)"},
    SummaryKey{"energy_cost_peak_ntd", "Energy charges in peak periods (NT$)"},
    SummaryKey{"energy_cost_semi_peak_ntd", "Energy charges in semi-peak periods (NT$)"},
    SummaryKey{"energy_cost_off_peak_ntd", "Energy charges in off-peak periods (NT$)"},
    SummaryKey{"demand_charge_ntd",
               "Demand charge of the months the run touched, pro-rated by the share of each month it covers (NT$)"},
    SummaryKey{"carbon_fee_ntd", "Carbon fee on the run's emissions (NT$)"},
    SummaryKey{"total_cost_ntd", "Energy charges + demand charge + carbon fee (NT$)"},
    SummaryKey{"cost_ntd_per_million_tokens", "Total cost per million tokens of completed requests (NT$; 0 without services)"},
    SummaryKey{"co2_t", "Emissions of the grid draw (tCO2e)"},
    SummaryKey{"co2_g_per_million_tokens", "Emissions per million tokens of completed requests (gCO2e)"},
    SummaryKey{"peak_15min_demand_mw", "Highest 15-minute mean grid demand, as the demand charge bills it (MW)"},
    SummaryKey{"peak_grid_power_mw", "Highest grid draw of any tick: the meter after the site energy store (MW)"},
    SummaryKey{"cap_violation_s",
               "Seconds the capped power stayed above the cap beyond the first control delay + period + one "
               "tick of each excursion (the time the loop needs to see and act on it)"},
    SummaryKey{"cap_max_overshoot_mw", "Largest excess over the cap in those seconds (MW)"},
    SummaryKey{"ramp_up_mw_per_s", "Fastest rise of facility (meter) power between ticks (MW/s)"},
    SummaryKey{"ramp_down_mw_per_s", "Fastest fall of facility (meter) power between ticks (MW/s)"},
    SummaryKey{"peak_to_trough_mw", "Largest swing of facility power within control.swings.window_s (MW)"},
    SummaryKey{"band_energy_share",
               "Share of facility power's fluctuation energy in control.swings' band (0 when the tick cannot resolve it)"},
    SummaryKey{"band_rms_mw", "RMS of facility power's fluctuation inside the band: the in-band swing energy (MW)"},
    SummaryKey{"grid_ramp_up_mw_per_s", "Fastest rise of grid power (after the store) (MW/s)"},
    SummaryKey{"grid_ramp_down_mw_per_s", "Fastest fall of grid power (MW/s)"},
    SummaryKey{"grid_peak_to_trough_mw", "Largest swing of grid power within the window (MW)"},
    SummaryKey{"grid_band_energy_share", "Share of grid power's fluctuation energy in the band"},
    SummaryKey{"grid_band_rms_mw", "RMS of grid power's fluctuation inside the band (MW)"},
    SummaryKey{"smoothing_energy_mwh",
               "GPU energy that power smoothing (floor, ramp limits) drew above the GPUs' demand, before PSU and "
               "facility losses (MWh)"},
    SummaryKey{"store_losses_mwh", "Conversion losses of the site energy store (MWh)"},
    SummaryKey{"jobs_submitted", "Training: jobs submitted before the end of the run", true},
    SummaryKey{"jobs_completed", "Training: jobs completed", true},
    SummaryKey{"jobs_rejected", "Training: generated or replayed jobs wider than the whole pool, left out", true},
    SummaryKey{"job_queue_wait_p50_s", "Training: median wait from submission to start of started jobs (s)"},
    SummaryKey{"job_queue_wait_p99_s", "Training: 99th percentile wait from submission to start (s)"},
    SummaryKey{"training_gpu_utilization", "Training: GPU-time held by jobs / pool GPU-time"},
    SummaryKey{"training_goodput",
               "Training: GPU-time of kept progress at full speed / GPU-time held by jobs (checkpoints, "
               "restarts, lost work and slow GPUs lower it)"},
};

}  // namespace

std::span<const SummaryKey> summary_metric_keys() { return kKeys; }

bool is_summary_metric(std::string_view key) {
  for (const auto& k : kKeys)
    if (k.key == key) return true;
  return false;
}

bool is_count_metric(std::string_view key) {
  for (const auto& k : kKeys)
    if (k.key == key) return k.count;
  return false;
}

}  // namespace aifsim::metrics
