// SPDX-License-Identifier: Apache-2.0
// Turns per-tick facility samples into run totals (energies, peaks, maxima), interval rows
// of timeseries.csv and racks.csv, and events.csv. Interval values are time-weighted means
// over the interval (temperatures marked _max are maxima), so a power column times the
// interval length sums to the energy.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/core/time.h"
#include "sim/facility/topology.h"
#include "sim/metrics/channels.h"
#include "sim/metrics/event_kind.h"
#include "sim/output/csv_writer.h"

namespace aifsim::metrics {

/// Per-rack values of one tick (spans over racks, in topology order).
struct RackSample {
  std::span<const std::int64_t> input_uw;
  std::span<const std::int64_t> gpu_uw;
  std::span<const std::int64_t> activity_micro;
  std::span<const float> supply_c;
  std::span<const float> return_c;
  std::span<const float> die_max_c;
};

/// Run-long totals.
struct RunTotals {
  double duration_s = 0;
  TickSample integral;  ///< time integral of every field: W x s = J, kg/s x s = kg, ...
  double peak_it_w = 0, peak_facility_w = 0;
  double die_max_c = -1e30;
  double dry_bulb_max_c = -1e30;
};

struct RecorderOptions {
  std::filesystem::path out_dir;
  double interval_s = 60;
  bool racks = true;
  double racks_interval_s = 60;
  std::int64_t start_unix_s = 0;
  int utc_offset_s = 0;
};

class Recorder {
 public:
  Recorder(const facility::Topology& topo, std::vector<std::string> group_names, RecorderOptions opt);
  ~Recorder();

  /// Adds one tick [now, now + dt) with facility sample `s`, the hottest die `die_max_c` and
  /// the per-rack values.
  void record(SimTime now, SimTime dt, const TickSample& s, double die_max_c, const RackSample& racks);

  /// Appends a row to events.csv (rack empty and gpu -1 when they do not apply).
  void event(SimTime t, EventKind kind, std::string_view rack, int gpu, std::string_view detail);

  /// Writes any partial interval, racks_at_peak.csv (every rack at the first tick of the run's
  /// peak facility power) and publishes the CSV files under their final names.
  void finish();

  const RunTotals& totals() const { return totals_; }
  std::size_t events_written() const;
  /// Final names of the files written (after finish()).
  std::vector<std::filesystem::path> files() const;

 private:
  void flush_interval();
  void flush_racks_interval();
  void keep_peak_racks(SimTime now, const RackSample& racks);
  void write_peak_racks() const;
  std::string local_time(SimTime t) const;

  const facility::Topology& topo_;
  std::vector<std::string> group_names_;
  RecorderOptions opt_;
  RunTotals totals_;
  // timeseries interval accumulator
  SimTime interval_start_ = 0;
  double interval_span_s_ = 0;
  TickSample interval_sum_;
  double interval_die_max_c_ = -1e30;
  std::unique_ptr<output::CsvWriter> timeseries_;
  // racks interval accumulator
  SimTime racks_start_ = 0;
  double racks_span_s_ = 0;
  std::vector<double> rack_input_j_, rack_gpu_j_, rack_activity_s_, rack_supply_cs_, rack_return_cs_;
  std::vector<float> rack_die_max_c_;
  std::unique_ptr<output::CsvWriter> racks_;
  std::unique_ptr<output::CsvWriter> events_;
  // every rack at the peak tick (for a floor map of the moment the envelope is closest)
  SimTime peak_time_ = 0;
  std::vector<std::int64_t> peak_input_uw_, peak_gpu_uw_, peak_activity_micro_;
  std::vector<float> peak_supply_c_, peak_return_c_, peak_die_max_c_;
};

}  // namespace aifsim::metrics
