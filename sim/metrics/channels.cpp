// SPDX-License-Identifier: Apache-2.0
// The channel tables: every tick quantity with its unit and meaning, and every timeseries
// column with the expression that computes it from an interval.
#include "sim/metrics/channels.h"

#include <array>
#include <cmath>

namespace aifsim::metrics {
namespace {

#define AIFSIM_CHANNEL(field, unit, meaning) TickChannel{#field, unit, meaning, &TickSample::field}

const std::array kTick{
    AIFSIM_CHANNEL(gpu_w, "W", "GPU board power"),
    AIFSIM_CHANNEL(it_w, "W", "IT power at the rack inputs (PSU losses included)"),
    AIFSIM_CHANNEL(psu_loss_w, "W", "rack PSU losses: it_w minus the racks' DC power"),
    AIFSIM_CHANNEL(distribution_loss_w, "W", "busway / PDU losses"),
    AIFSIM_CHANNEL(ups_loss_w, "W", "UPS losses"),
    AIFSIM_CHANNEL(transformer_loss_w, "W", "transformer losses"),
    AIFSIM_CHANNEL(misc_w, "W", "lighting, offices and other site load"),
    AIFSIM_CHANNEL(cooling_w, "W", "all cooling electrical power"),
    AIFSIM_CHANNEL(cdu_pumps_w, "W", "CDU pumps"),
    AIFSIM_CHANNEL(facility_pumps_w, "W", "facility water pumps"),
    AIFSIM_CHANNEL(crah_fans_w, "W", "CRAH fans (the air-cooled share)"),
    AIFSIM_CHANNEL(rejection_fans_w, "W", "cooling tower or dry cooler fans"),
    AIFSIM_CHANNEL(chillers_w, "W", "chillers"),
    AIFSIM_CHANNEL(facility_w, "W", "facility power at the utility meter"),
    AIFSIM_CHANNEL(heat_to_water_w, "W", "heat entering the facility water (CDUs, CRAHs, pumps)"),
    AIFSIM_CHANNEL(heat_from_water_w, "W", "heat the plant removed from the facility water"),
    AIFSIM_CHANNEL(water_kg_s, "kg/s", "cooling tower make-up water"),
    AIFSIM_CHANNEL(free_cooling, "1", "1 while the plant runs without chillers"),
    AIFSIM_CHANNEL(throttled_gpus, "GPUs", "GPUs in thermal slowdown"),
    AIFSIM_CHANNEL(shutdown_gpus, "GPUs", "GPUs in thermal shutdown"),
    AIFSIM_CHANNEL(dry_bulb_c, "C", "outdoor dry bulb (with any offset)"),
    AIFSIM_CHANNEL(wet_bulb_c, "C", "outdoor wet bulb"),
    AIFSIM_CHANNEL(facility_supply_c, "C", "facility water supply temperature"),
    AIFSIM_CHANNEL(facility_return_c, "C", "facility water return temperature"),
    AIFSIM_CHANNEL(gpu_utilization, "1", "mean GPU activity, 0-1"),
    AIFSIM_CHANNEL(gpu_speed, "1", "mean relative throughput the GPUs can deliver under their limits, 0-1"),
    AIFSIM_CHANNEL(tokens_per_s, "tokens/s", "input + output tokens processed by the inference services"),
    AIFSIM_CHANNEL(output_tokens_per_s, "tokens/s", "output tokens processed"),
    AIFSIM_CHANNEL(requests_in_system, "requests", "requests waiting or being served"),
    AIFSIM_CHANNEL(first_tokens_per_s, "requests/s", "requests that got their first token"),
    AIFSIM_CHANNEL(ttft_sum_s_per_s, "s/s", "the times to first token of those requests, summed"),
    AIFSIM_CHANNEL(tpot_requests_per_s, "requests/s", "requests completed with two or more output tokens"),
    AIFSIM_CHANNEL(tpot_sum_s_per_s, "s/s", "the times per output token of those requests, summed"),
    AIFSIM_CHANNEL(jobs_running, "jobs", "training jobs holding GPUs"),
    AIFSIM_CHANNEL(cap_w, "W", "power cap in force (0: none)"),
    AIFSIM_CHANNEL(grid_w, "W", "power drawn from the grid: the meter after the site energy store"),
    AIFSIM_CHANNEL(smoothing_w, "W", "GPU draw that power smoothing added over the demand"),
    AIFSIM_CHANNEL(energy_cost_ntd_per_h, "NTD/h", "energy cost of the grid power at the tariff's price of the moment"),
};

#undef AIFSIM_CHANNEL

static_assert(sizeof(TickSample) == sizeof(double) * std::size(kTick), "a TickSample field without a channel");

constexpr double kMw = 1e-6;

// A mean over the requests of an interval: the ratio of two time integrals, NaN (an empty
// cell) when no request counted.
double ratio(double sum, double count) { return count > 0 ? sum / count : std::nan(""); }

const std::array kColumns{
    TimeseriesColumn{"it_power_mw", "MW", Aggregate::mean, "IT power at the rack inputs",
                     [](const IntervalValues& v) { return v.mean.it_w * kMw; }},
    TimeseriesColumn{"facility_power_mw", "MW", Aggregate::mean, "facility power at the utility meter",
                     [](const IntervalValues& v) { return v.mean.facility_w * kMw; }},
    TimeseriesColumn{"cooling_power_mw", "MW", Aggregate::mean, "all cooling electrical power",
                     [](const IntervalValues& v) { return v.mean.cooling_w * kMw; }},
    TimeseriesColumn{"pue", "1", Aggregate::mean, "facility over IT energy of the interval (empty without IT power)",
                     [](const IntervalValues& v) { return v.mean.it_w > 0 ? v.mean.facility_w / v.mean.it_w : std::nan(""); }},
    TimeseriesColumn{"gpu_power_mw", "MW", Aggregate::mean, "GPU board power",
                     [](const IntervalValues& v) { return v.mean.gpu_w * kMw; }},
    TimeseriesColumn{"psu_loss_mw", "MW", Aggregate::mean, "rack PSU losses",
                     [](const IntervalValues& v) { return v.mean.psu_loss_w * kMw; }},
    TimeseriesColumn{"distribution_loss_mw", "MW", Aggregate::mean, "busway / PDU losses",
                     [](const IntervalValues& v) { return v.mean.distribution_loss_w * kMw; }},
    TimeseriesColumn{"ups_loss_mw", "MW", Aggregate::mean, "UPS losses",
                     [](const IntervalValues& v) { return v.mean.ups_loss_w * kMw; }},
    TimeseriesColumn{"transformer_loss_mw", "MW", Aggregate::mean, "transformer losses",
                     [](const IntervalValues& v) { return v.mean.transformer_loss_w * kMw; }},
    TimeseriesColumn{"misc_power_mw", "MW", Aggregate::mean, "lighting, offices and other site load",
                     [](const IntervalValues& v) { return v.mean.misc_w * kMw; }},
    TimeseriesColumn{"chiller_power_mw", "MW", Aggregate::mean, "chillers",
                     [](const IntervalValues& v) { return v.mean.chillers_w * kMw; }},
    TimeseriesColumn{"gpu_utilization", "1", Aggregate::mean, "mean GPU activity",
                     [](const IntervalValues& v) { return v.mean.gpu_utilization; }},
    TimeseriesColumn{"ambient_dry_bulb_c", "C", Aggregate::mean, "outdoor dry bulb",
                     [](const IntervalValues& v) { return v.mean.dry_bulb_c; }},
    TimeseriesColumn{"ambient_wet_bulb_c", "C", Aggregate::mean, "outdoor wet bulb",
                     [](const IntervalValues& v) { return v.mean.wet_bulb_c; }},
    TimeseriesColumn{"facility_supply_c", "C", Aggregate::mean, "facility water supply",
                     [](const IntervalValues& v) { return v.mean.facility_supply_c; }},
    TimeseriesColumn{"facility_return_c", "C", Aggregate::mean, "facility water return",
                     [](const IntervalValues& v) { return v.mean.facility_return_c; }},
    TimeseriesColumn{"free_cooling_frac", "1", Aggregate::mean, "share of the interval without chillers",
                     [](const IntervalValues& v) { return v.mean.free_cooling; }},
    TimeseriesColumn{"gpu_die_temp_max_c", "C", Aggregate::max, "hottest GPU die of the interval",
                     [](const IntervalValues& v) { return v.die_max_c; }},
    TimeseriesColumn{"throttled_gpus", "GPUs", Aggregate::mean, "GPUs in thermal slowdown",
                     [](const IntervalValues& v) { return v.mean.throttled_gpus; }},
    TimeseriesColumn{"water_m3_per_h", "m3/h", Aggregate::mean, "cooling tower make-up water",
                     [](const IntervalValues& v) { return v.mean.water_kg_s * 3600.0 / 1000.0; }},
    TimeseriesColumn{"gpu_speed", "1", Aggregate::mean, "mean relative throughput the GPUs can deliver",
                     [](const IntervalValues& v) { return v.mean.gpu_speed; }},
    TimeseriesColumn{"tokens_per_s", "tokens/s", Aggregate::mean, "input + output tokens processed",
                     [](const IntervalValues& v) { return v.mean.tokens_per_s; }},
    TimeseriesColumn{"output_tokens_per_s", "tokens/s", Aggregate::mean, "output tokens processed",
                     [](const IntervalValues& v) { return v.mean.output_tokens_per_s; }},
    TimeseriesColumn{"requests_in_system", "requests", Aggregate::mean, "requests waiting or being served",
                     [](const IntervalValues& v) { return v.mean.requests_in_system; }},
    TimeseriesColumn{"ttft_mean_s", "s", Aggregate::per_request,
                     "mean time to first token of the requests that got it in the interval (empty: none)",
                     [](const IntervalValues& v) { return ratio(v.mean.ttft_sum_s_per_s, v.mean.first_tokens_per_s); }},
    TimeseriesColumn{"tpot_mean_s", "s", Aggregate::per_request,
                     "mean time per output token of the requests completed in the interval (empty: none)",
                     [](const IntervalValues& v) { return ratio(v.mean.tpot_sum_s_per_s, v.mean.tpot_requests_per_s); }},
    TimeseriesColumn{"jobs_running", "jobs", Aggregate::mean, "training jobs holding GPUs",
                     [](const IntervalValues& v) { return v.mean.jobs_running; }},
    TimeseriesColumn{"cap_mw", "MW", Aggregate::mean, "power cap in force (0: none)",
                     [](const IntervalValues& v) { return v.mean.cap_w * kMw; }},
    TimeseriesColumn{"grid_power_mw", "MW", Aggregate::mean, "power from the grid (after the site store)",
                     [](const IntervalValues& v) { return v.mean.grid_w * kMw; }},
    TimeseriesColumn{"energy_cost_ntd_per_h", "NTD/h", Aggregate::mean,
                     "energy cost rate of the grid power (the tariff's energy charge; demand charge and carbon fee excluded)",
                     [](const IntervalValues& v) { return v.mean.energy_cost_ntd_per_h; }},
};

}  // namespace

std::span<const TickChannel> tick_channels() { return kTick; }

void add_scaled(TickSample& sum, const TickSample& s, double weight) {
  for (const TickChannel& c : kTick) sum.*c.field += s.*c.field * weight;
}

std::span<const TimeseriesColumn> timeseries_columns() { return kColumns; }

}  // namespace aifsim::metrics
