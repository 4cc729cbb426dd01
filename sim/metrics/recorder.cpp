// SPDX-License-Identifier: Apache-2.0
// Run totals and interval outputs.
#include "sim/metrics/recorder.h"

#include <algorithm>
#include <cmath>

#include "sim/core/units.h"

namespace aifsim::metrics {
namespace {

// Interval boundaries are detected with a tolerance of half a microsecond of accumulated span.
bool interval_full(double span_s, double interval_s) { return span_s >= interval_s - 0.5e-6; }

}  // namespace

void add_scaled(TickSample& sum, const TickSample& s, double weight) {
  sum.gpu_w += s.gpu_w * weight;
  sum.it_w += s.it_w * weight;
  sum.psu_loss_w += s.psu_loss_w * weight;
  sum.distribution_loss_w += s.distribution_loss_w * weight;
  sum.ups_loss_w += s.ups_loss_w * weight;
  sum.transformer_loss_w += s.transformer_loss_w * weight;
  sum.misc_w += s.misc_w * weight;
  sum.facility_w += s.facility_w * weight;
  sum.gpu_utilization += s.gpu_utilization * weight;
}

Recorder::Recorder(const facility::Topology& topo, std::vector<std::string> group_names,
                   RecorderOptions opt)
    : topo_(topo), group_names_(std::move(group_names)), opt_(std::move(opt)) {
  timeseries_ = std::make_unique<output::CsvWriter>(
      opt_.out_dir / "timeseries.csv",
      std::vector<std::string>{"time_s", "time_local", "it_power_mw", "facility_power_mw",
                               "gpu_power_mw", "psu_loss_mw", "distribution_loss_mw",
                               "ups_loss_mw", "transformer_loss_mw", "misc_power_mw",
                               "gpu_utilization"});
  if (opt_.racks) {
    racks_ = std::make_unique<output::CsvWriter>(
        opt_.out_dir / "racks.csv",
        std::vector<std::string>{"time_s", "rack", "hall", "row", "group", "it_power_kw",
                                 "gpu_power_kw", "gpu_utilization"});
    rack_input_j_.assign(topo.racks.size(), 0.0);
    rack_gpu_j_.assign(topo.racks.size(), 0.0);
    rack_activity_s_.assign(topo.racks.size(), 0.0);
  }
}

Recorder::~Recorder() = default;

void Recorder::record(SimTime now, SimTime dt, const TickSample& s,
                      std::span<const std::int64_t> rack_input_uw,
                      std::span<const std::int64_t> rack_gpu_uw,
                      std::span<const std::int64_t> rack_activity_micro) {
  const double dt_s = to_seconds(dt);
  auto& t = totals_;
  t.duration_s += dt_s;
  add_scaled(t.integral, s, dt_s);
  t.peak_it_w = std::max(t.peak_it_w, s.it_w);
  t.peak_facility_w = std::max(t.peak_facility_w, s.facility_w);

  if (interval_span_s_ == 0) interval_start_ = now;
  add_scaled(interval_sum_, s, dt_s);
  interval_span_s_ += dt_s;
  if (interval_full(interval_span_s_, opt_.interval_s)) flush_interval();

  if (racks_) {
    if (racks_span_s_ == 0) racks_start_ = now;
    for (std::size_t r = 0; r < rack_input_j_.size(); ++r) {
      rack_input_j_[r] += static_cast<double>(rack_input_uw[r]) * 1e-6 * dt_s;
      rack_gpu_j_[r] += static_cast<double>(rack_gpu_uw[r]) * 1e-6 * dt_s;
      rack_activity_s_[r] += static_cast<double>(rack_activity_micro[r]) * 1e-6 /
                             topo_.racks[r].gpus * dt_s;
    }
    racks_span_s_ += dt_s;
    if (interval_full(racks_span_s_, opt_.racks_interval_s)) flush_racks_interval();
  }
}

void Recorder::flush_interval() {
  if (interval_span_s_ <= 0) return;
  TickSample mean;
  add_scaled(mean, interval_sum_, 1.0 / interval_span_s_);
  output::CsvRow row;
  const double t_s = to_seconds(interval_start_);
  constexpr double kMw = 1e-6;
  row.add(t_s)
      .add(format_iso8601(opt_.start_unix_s + static_cast<std::int64_t>(std::floor(t_s)), opt_.utc_offset_s))
      .add(mean.it_w * kMw)
      .add(mean.facility_w * kMw)
      .add(mean.gpu_w * kMw)
      .add(mean.psu_loss_w * kMw)
      .add(mean.distribution_loss_w * kMw)
      .add(mean.ups_loss_w * kMw)
      .add(mean.transformer_loss_w * kMw)
      .add(mean.misc_w * kMw)
      .add(mean.gpu_utilization);
  timeseries_->write_row(row);
  interval_sum_ = TickSample{};
  interval_span_s_ = 0;
}

void Recorder::flush_racks_interval() {
  if (racks_span_s_ <= 0) return;
  const double k = 1.0 / racks_span_s_;
  const double t_s = to_seconds(racks_start_);
  for (std::size_t r = 0; r < rack_input_j_.size(); ++r) {
    const auto& info = topo_.racks[r];
    output::CsvRow row;
    row.add(t_s)
        .add(info.name)
        .add(info.hall + 1)
        .add(info.row + 1)
        .add(group_names_[static_cast<std::size_t>(info.group)])
        .add(rack_input_j_[r] * k * 1e-3)
        .add(rack_gpu_j_[r] * k * 1e-3)
        .add(rack_activity_s_[r] * k);
    racks_->write_row(row);
  }
  std::fill(rack_input_j_.begin(), rack_input_j_.end(), 0.0);
  std::fill(rack_gpu_j_.begin(), rack_gpu_j_.end(), 0.0);
  std::fill(rack_activity_s_.begin(), rack_activity_s_.end(), 0.0);
  racks_span_s_ = 0;
}

void Recorder::finish() {
  flush_interval();
  timeseries_->commit();
  if (racks_) {
    flush_racks_interval();
    racks_->commit();
  }
}

std::vector<std::filesystem::path> Recorder::files() const {
  std::vector<std::filesystem::path> out{opt_.out_dir / "timeseries.csv"};
  if (racks_) out.push_back(opt_.out_dir / "racks.csv");
  return out;
}

}  // namespace aifsim::metrics
