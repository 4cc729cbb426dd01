// SPDX-License-Identifier: Apache-2.0
// The facility's channels, each declared once: the quantities of one tick (TickSample, with
// unit and meaning), how the recorder aggregates them, and the columns of timeseries.csv
// derived from them. The recorder, the summary, the session's snapshots, the GUI and the
// generated reference all read these tables.
#pragma once

#include <span>
#include <string_view>

namespace aifsim::metrics {

/// Facility quantities held over one tick; the unit and meaning of each field are in
/// tick_channels() (channels.cpp), the one place a channel is declared.
struct TickSample {
  double gpu_w = 0;
  double it_w = 0;
  double psu_loss_w = 0;
  double distribution_loss_w = 0;
  double ups_loss_w = 0;
  double transformer_loss_w = 0;
  double misc_w = 0;
  double cooling_w = 0;
  double cdu_pumps_w = 0;
  double facility_pumps_w = 0;
  double crah_fans_w = 0;
  double rejection_fans_w = 0;
  double chillers_w = 0;
  double facility_w = 0;
  double heat_to_water_w = 0;
  double heat_from_water_w = 0;
  double water_kg_s = 0;
  double free_cooling = 0;
  double throttled_gpus = 0;
  double shutdown_gpus = 0;
  double dry_bulb_c = 0;
  double wet_bulb_c = 0;
  double facility_supply_c = 0;
  double facility_return_c = 0;
  double gpu_utilization = 0;
  double gpu_speed = 0;
  double tokens_per_s = 0;
  double output_tokens_per_s = 0;
  double requests_in_system = 0;
  double first_tokens_per_s = 0;
  double ttft_sum_s_per_s = 0;
  double tpot_requests_per_s = 0;
  double tpot_sum_s_per_s = 0;
  double jobs_running = 0;
  double cap_w = 0;
  double grid_w = 0;
  double smoothing_w = 0;
  double energy_cost_ntd_per_h = 0;
};

/// One field of TickSample. Every field is held constant over a tick and integrated over
/// time (the run's and each interval's totals), so its time-weighted mean is meaningful.
struct TickChannel {
  std::string_view name;  ///< the field's name
  std::string_view unit;
  std::string_view meaning;
  double TickSample::*field;
};

/// Every field of TickSample, in declaration order.
std::span<const TickChannel> tick_channels();

/// Adds weight x s to every channel of sum (with weight = dt in s, powers integrate to J).
void add_scaled(TickSample& sum, const TickSample& s, double weight);

/// How a timeseries column aggregates the ticks of its interval: a time-weighted mean, the
/// maximum, or a mean over the requests of the interval (a ratio of the interval's sums).
enum class Aggregate { mean, max, per_request };

/// What a timeseries column is computed from: the interval's time-weighted means and the
/// hottest die of the interval.
struct IntervalValues {
  const TickSample& mean;
  double die_max_c;
};

/// One column of timeseries.csv after time_s and time_local.
struct TimeseriesColumn {
  std::string_view name;
  std::string_view unit;
  Aggregate aggregate;
  std::string_view meaning;
  double (*value)(const IntervalValues&);
};

/// The value columns of timeseries.csv, in file order.
std::span<const TimeseriesColumn> timeseries_columns();

}  // namespace aifsim::metrics
