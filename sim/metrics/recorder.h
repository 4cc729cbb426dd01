// SPDX-License-Identifier: Apache-2.0
// Turns per-tick facility samples into run totals (energies, peaks), interval rows of
// timeseries.csv and racks.csv. Interval values are time-weighted means over the interval,
// so their sum times the interval equals the energy.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "sim/core/time.h"
#include "sim/facility/topology.h"
#include "sim/output/csv_writer.h"

namespace aifsim::metrics {

/// Facility powers (W) held over one tick.
struct TickSample {
  double gpu_w = 0;
  double it_w = 0;         ///< rack inputs (PSU losses included)
  double psu_loss_w = 0;   ///< it_w - rack DC power
  double distribution_loss_w = 0;
  double ups_loss_w = 0;
  double transformer_loss_w = 0;
  double misc_w = 0;
  double facility_w = 0;   ///< at the utility meter
  double gpu_utilization = 0;  ///< mean GPU activity, 0-1
};

/// Adds weight x s to every field of sum (with weight = dt in s, powers integrate to J).
void add_scaled(TickSample& sum, const TickSample& s, double weight);

/// Run-long totals.
struct RunTotals {
  double duration_s = 0;
  TickSample integral;  ///< time integral of every field: W x s = J (utilization x s)
  double peak_it_w = 0, peak_facility_w = 0;
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

  /// Adds one tick [now, now + dt) with facility sample `s` and per-rack powers.
  void record(SimTime now, SimTime dt, const TickSample& s,
              std::span<const std::int64_t> rack_input_uw, std::span<const std::int64_t> rack_gpu_uw,
              std::span<const std::int64_t> rack_activity_micro);

  /// Writes any partial interval and publishes the CSV files under their final names.
  void finish();

  const RunTotals& totals() const { return totals_; }
  /// Final names of the files written (after finish()).
  std::vector<std::filesystem::path> files() const;

 private:
  void flush_interval();
  void flush_racks_interval();

  const facility::Topology& topo_;
  std::vector<std::string> group_names_;
  RecorderOptions opt_;
  RunTotals totals_;
  // timeseries interval accumulator: sum of value * dt
  SimTime interval_start_ = 0;
  double interval_span_s_ = 0;
  TickSample interval_sum_;
  std::unique_ptr<output::CsvWriter> timeseries_;
  // racks interval accumulator
  SimTime racks_start_ = 0;
  double racks_span_s_ = 0;
  std::vector<double> rack_input_j_, rack_gpu_j_, rack_activity_s_;
  std::unique_ptr<output::CsvWriter> racks_;
};

}  // namespace aifsim::metrics
