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

Recorder::Recorder(const facility::Topology& topo, std::vector<std::string> group_names,
                   RecorderOptions opt)
    : topo_(topo), group_names_(std::move(group_names)), opt_(std::move(opt)) {
  std::vector<std::string> columns{"time_s", "time_local"};
  for (const TimeseriesColumn& c : timeseries_columns()) columns.emplace_back(c.name);
  timeseries_ = std::make_unique<output::CsvWriter>(opt_.out_dir / "timeseries.csv", std::move(columns));
  if (opt_.racks) {
    racks_ = std::make_unique<output::CsvWriter>(
        opt_.out_dir / "racks.csv",
        std::vector<std::string>{"time_s", "rack", "hall", "row", "group", "it_power_kw", "gpu_power_kw",
                                 "gpu_utilization", "coolant_supply_c", "coolant_return_c",
                                 "gpu_die_temp_max_c"});
    const std::size_t n = topo.racks.size();
    rack_input_j_.assign(n, 0.0);
    rack_gpu_j_.assign(n, 0.0);
    rack_activity_s_.assign(n, 0.0);
    rack_supply_cs_.assign(n, 0.0);
    rack_return_cs_.assign(n, 0.0);
    rack_die_max_c_.assign(n, -1e30f);
  }
  events_ = std::make_unique<output::CsvWriter>(
      opt_.out_dir / "events.csv",
      std::vector<std::string>{"time_s", "time_local", "kind", "rack", "gpu", "detail"});
}

Recorder::~Recorder() = default;

std::string Recorder::local_time(SimTime t) const {
  return format_iso8601(opt_.start_unix_s + static_cast<std::int64_t>(std::floor(to_seconds(t))),
                        opt_.utc_offset_s);
}

void Recorder::record(SimTime now, SimTime dt, const TickSample& s, double die_max_c, const RackSample& racks) {
  const double dt_s = to_seconds(dt);
  auto& t = totals_;
  t.duration_s += dt_s;
  add_scaled(t.integral, s, dt_s);
  t.peak_it_w = std::max(t.peak_it_w, s.it_w);
  if (s.facility_w > t.peak_facility_w || peak_input_uw_.empty()) keep_peak_racks(now, racks);
  t.peak_facility_w = std::max(t.peak_facility_w, s.facility_w);
  t.die_max_c = std::max(t.die_max_c, die_max_c);
  t.dry_bulb_max_c = std::max(t.dry_bulb_max_c, s.dry_bulb_c);

  if (interval_span_s_ == 0) interval_start_ = now;
  add_scaled(interval_sum_, s, dt_s);
  interval_die_max_c_ = std::max(interval_die_max_c_, die_max_c);
  interval_span_s_ += dt_s;
  if (interval_full(interval_span_s_, opt_.interval_s)) flush_interval();

  if (racks_) {
    if (racks_span_s_ == 0) racks_start_ = now;
    for (std::size_t r = 0; r < rack_input_j_.size(); ++r) {
      rack_input_j_[r] += static_cast<double>(racks.input_uw[r]) * 1e-6 * dt_s;
      rack_gpu_j_[r] += static_cast<double>(racks.gpu_uw[r]) * 1e-6 * dt_s;
      rack_activity_s_[r] += static_cast<double>(racks.activity_micro[r]) * 1e-6 / topo_.racks[r].gpus * dt_s;
      rack_supply_cs_[r] += racks.supply_c[r] * dt_s;
      rack_return_cs_[r] += racks.return_c[r] * dt_s;
      rack_die_max_c_[r] = std::max(rack_die_max_c_[r], racks.die_max_c[r]);
    }
    racks_span_s_ += dt_s;
    if (interval_full(racks_span_s_, opt_.racks_interval_s)) flush_racks_interval();
  }
}

void Recorder::event(SimTime t, EventKind kind, std::string_view rack, int gpu, std::string_view detail) {
  output::CsvRow row;
  row.add(to_seconds(t)).add(local_time(t)).add(event_kind_name(kind)).add(rack);
  if (gpu >= 0) {
    row.add(gpu);
  } else {
    row.add_empty();
  }
  row.add(detail);
  events_->write_row(row);
}

std::size_t Recorder::events_written() const { return events_->rows_written(); }

void Recorder::flush_interval() {
  if (interval_span_s_ <= 0) return;
  TickSample m;
  add_scaled(m, interval_sum_, 1.0 / interval_span_s_);
  output::CsvRow row;
  row.add(to_seconds(interval_start_)).add(local_time(interval_start_));
  const IntervalValues values{m, interval_die_max_c_};
  for (const TimeseriesColumn& c : timeseries_columns()) row.add(c.value(values));
  timeseries_->write_row(row);
  interval_sum_ = TickSample{};
  interval_die_max_c_ = -1e30;
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
        .add(rack_activity_s_[r] * k)
        .add(rack_supply_cs_[r] * k)
        .add(rack_return_cs_[r] * k)
        .add(static_cast<double>(rack_die_max_c_[r]));
    racks_->write_row(row);
  }
  for (auto* v : {&rack_input_j_, &rack_gpu_j_, &rack_activity_s_, &rack_supply_cs_, &rack_return_cs_})
    std::fill(v->begin(), v->end(), 0.0);
  std::fill(rack_die_max_c_.begin(), rack_die_max_c_.end(), -1e30f);
  racks_span_s_ = 0;
}

void Recorder::keep_peak_racks(SimTime now, const RackSample& racks) {
  peak_time_ = now;
  peak_input_uw_.assign(racks.input_uw.begin(), racks.input_uw.end());
  peak_gpu_uw_.assign(racks.gpu_uw.begin(), racks.gpu_uw.end());
  peak_activity_micro_.assign(racks.activity_micro.begin(), racks.activity_micro.end());
  peak_supply_c_.assign(racks.supply_c.begin(), racks.supply_c.end());
  peak_return_c_.assign(racks.return_c.begin(), racks.return_c.end());
  peak_die_max_c_.assign(racks.die_max_c.begin(), racks.die_max_c.end());
}

void Recorder::write_peak_racks() const {
  output::CsvWriter out(opt_.out_dir / "racks_at_peak.csv",
                        {"time_s", "time_local", "rack", "hall", "row", "group", "it_power_kw", "gpu_power_kw",
                         "gpu_utilization", "coolant_supply_c", "coolant_return_c", "gpu_die_temp_max_c"});
  const double t_s = to_seconds(peak_time_);
  const std::string t_local = local_time(peak_time_);
  for (std::size_t r = 0; r < peak_input_uw_.size(); ++r) {
    const auto& info = topo_.racks[r];
    output::CsvRow row;
    row.add(t_s)
        .add(t_local)
        .add(info.name)
        .add(info.hall + 1)
        .add(info.row + 1)
        .add(group_names_[static_cast<std::size_t>(info.group)])
        .add(static_cast<double>(peak_input_uw_[r]) * 1e-9)
        .add(static_cast<double>(peak_gpu_uw_[r]) * 1e-9)
        .add(static_cast<double>(peak_activity_micro_[r]) * 1e-6 / info.gpus)
        .add(static_cast<double>(peak_supply_c_[r]))
        .add(static_cast<double>(peak_return_c_[r]))
        .add(static_cast<double>(peak_die_max_c_[r]));
    out.write_row(row);
  }
  out.commit();
}

void Recorder::finish() {
  flush_interval();
  timeseries_->commit();
  if (racks_) {
    flush_racks_interval();
    racks_->commit();
  }
  events_->commit();
  write_peak_racks();
}

std::vector<std::filesystem::path> Recorder::files() const {
  std::vector<std::filesystem::path> out{opt_.out_dir / "timeseries.csv"};
  if (racks_) out.push_back(opt_.out_dir / "racks.csv");
  out.push_back(opt_.out_dir / "events.csv");
  out.push_back(opt_.out_dir / "racks_at_peak.csv");
  return out;
}

}  // namespace aifsim::metrics
