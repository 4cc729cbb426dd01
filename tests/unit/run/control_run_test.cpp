// SPDX-License-Identifier: Apache-2.0
// Whole runs under power management: the cap holds after the control delay, tighter caps
// never raise throughput, inference is protected before training, energy and heat balances close,
// tariff and carbon follow the meter, smoothing and storage tame training swings.
#include <gtest/gtest.h>

#include <sstream>

#include "tests/test_support.h"
#include "tests/unit/run/run_support.h"

namespace aifsim::run {
namespace {

using test_support::metric;
using test_support::run_yaml;

// Two GB300 racks of chat at high load and two of one long training job.
const std::string kSite =
    "name: capped\n"
    "time: {start: '2026-07-15T14:00:00+08:00', duration: 30m, dt_s: 1}\n"
    "racks: {gb: {type: gb300-nvl72, count: 2}, train: {type: gb300-nvl72, count: 2}}\n"
    "output: {interval: 60s, racks: false}\n"
    "workloads:\n"
    "  inference: {chat: {model: llama-3.1-405b, racks: gb, max_batch: 32, arrivals: {rate_per_s: 70}}}\n"
    "  training: {racks: train, iteration_s: 0, checkpoint_interval: 0, jobs: [{name: big, gpus: 144, work: 10h}]}\n";

// The cap with a dead band of 2 % (the chat load moves by about 1 % from tick to tick).
std::string with_cap(double mw, const std::string& more_control = "") {
  std::ostringstream s;
  s << kSite << "control:\n  power_cap: {target_mw: " << mw << ", hysteresis_mw: " << 0.02 * mw << "}\n"
    << more_control;
  return s.str();
}

// Work the training job kept (s at full speed), from jobs.csv.
double job_progress_s(const test::ScratchDir& dir, const std::string& run) {
  std::istringstream csv(test::read_file(dir.path() / run / "jobs.csv"));
  std::string line;
  std::getline(csv, line);
  std::getline(csv, line);
  std::istringstream cells(line);
  std::string cell;
  for (int c = 0; c < 9 && std::getline(cells, cell, ','); ++c) {
  }
  return std::stod(cell);  // progress_s, the ninth column
}

struct Baseline {
  test::ScratchDir dir;
  RunResult free;
  double peak_mw = 0;
  Baseline() : free(run_yaml(dir, "free", kSite)), peak_mw(metric(free, "peak_facility_power_mw")) {}
};

const Baseline& baseline() {
  static const Baseline b;
  return b;
}

TEST(power_cap_run_test, holds_site_below_cap_after_the_control_delay) {
  const double cap = 0.9 * baseline().peak_mw;
  test::ScratchDir dir;
  const RunResult r = run_yaml(dir, "cap", with_cap(cap));
  EXPECT_EQ(metric(r, "cap_violation_s"), 0);
  // Interval means after the first 2 min (the loop's delay, one period and the ramp-up).
  std::istringstream csv(test::read_file(dir.path() / "cap" / "timeseries.csv"));
  std::string line;
  std::getline(csv, line);
  int row = 0;
  while (std::getline(csv, line)) {
    std::istringstream cells(line);
    std::string t, local, it, facility;
    std::getline(cells, t, ',');
    std::getline(cells, local, ',');
    std::getline(cells, it, ',');
    std::getline(cells, facility, ',');
    if (++row > 2) {
      EXPECT_LE(std::stod(facility), cap + 1e-9) << line;
    }
  }
  const std::string events = test::read_file(dir.path() / "cap" / "events.csv");
  EXPECT_NE(events.find(",cap_lower,"), std::string::npos);
  EXPECT_NE(test::read_file(dir.path() / "cap" / "timeseries.csv").find("cap_mw"), std::string::npos);
}

TEST(power_cap_run_test, inference_is_protected_before_training_slows) {
  const Baseline& b = baseline();
  test::ScratchDir dir;
  const RunResult r = run_yaml(dir, "cap", with_cap(0.9 * b.peak_mw));
  EXPECT_LT(job_progress_s(dir, "cap"), 0.97 * job_progress_s(b.dir, "free"));
  EXPECT_NEAR(metric(r, "slo_attainment"), metric(b.free, "slo_attainment"), 0.002);
  EXPECT_NEAR(metric(r, "output_tokens"), metric(b.free, "output_tokens"), 0.002 * metric(b.free, "output_tokens"));
  const std::string events = test::read_file(dir.path() / "cap" / "events.csv");
  EXPECT_NE(events.find("priority 0 limits"), std::string::npos);
  EXPECT_EQ(events.find("priority 1 limits"), std::string::npos) << "inference was throttled";
}

TEST(power_cap_run_test, throughput_never_rises_when_the_cap_tightens) {
  const Baseline& b = baseline();
  double tokens = metric(b.free, "output_tokens"), progress = job_progress_s(b.dir, "free");
  for (double share : {0.95, 0.85, 0.75}) {
    test::ScratchDir dir;
    const RunResult r = run_yaml(dir, "cap", with_cap(share * b.peak_mw));
    EXPECT_LE(metric(r, "output_tokens"), tokens) << share;
    EXPECT_LE(job_progress_s(dir, "cap"), progress) << share;
    tokens = metric(r, "output_tokens");
    progress = job_progress_s(dir, "cap");
  }
  // ... and the tightest cap does cost something.
  EXPECT_LT(progress, 0.9 * job_progress_s(b.dir, "free"));
}

TEST(power_cap_run_test, energy_balance_holds_under_control) {
  test::ScratchDir dir;
  const RunResult r = run_yaml(dir, "cap", with_cap(0.8 * baseline().peak_mw,
                                                    "  demand_response: [{at: 10m, duration: 5m, target_mw: 0.3}]\n"));
  const double facility = metric(r, "facility_energy_mwh");
  const double parts = metric(r, "it_energy_mwh") + metric(r, "cooling_energy_mwh") +
                       metric(r, "distribution_loss_mwh") + metric(r, "ups_loss_mwh") +
                       metric(r, "transformer_loss_mwh") + metric(r, "misc_energy_mwh");
  EXPECT_NEAR(facility, parts, 1e-9 * facility);
  EXPECT_LT(metric(r, "it_energy_mwh"), metric(baseline().free, "it_energy_mwh"));
  EXPECT_NE(test::read_file(dir.path() / "cap" / "events.csv").find("cap_brake"), std::string::npos)
      << "a 0.3 MW window far below the load must brake";
}

// Eight racks of constant load held at 0.9 MW: once the cap has settled, the plant removes
// exactly the heat that enters the water, as without control.
TEST(power_cap_run_test, heat_balance_holds_under_a_cap) {
  const std::string yaml =
      "time: {start: '2026-01-15T00:00:00+08:00', duration: 6h, dt_s: 5}\n"
      "site:\n"
      "  power: {ups: {capacity_kw: 1500}}\n"
      "  cooling: {facility_water: {loop_volume_m3: 5}, chillers: {unit_capacity_kw: 600}}\n"
      "racks:\n"
      "  a: {type: gb300-nvl72, count: 8, load: {profile: constant, utilization: 0.9}}\n"
      "output: {interval: 10m, racks: false}\n"
      "control: {power_cap: {target_mw: 0.9, hysteresis_mw: 0.01}}\n";
  test::ScratchDir dir;
  const RunResult r = run_yaml(dir, "six", yaml);
  const RunResult longer = run_yaml(dir, "twelve", yaml, {{"time.duration", "12h"}});
  EXPECT_EQ(metric(longer, "cap_violation_s"), 0);
  EXPECT_LT(metric(longer, "peak_grid_power_mw"), 1.2);  // it would draw ~1.15 MW uncapped
  const double in = metric(longer, "heat_to_water_mwh") - metric(r, "heat_to_water_mwh");
  const double out = metric(longer, "heat_from_water_mwh") - metric(r, "heat_from_water_mwh");
  EXPECT_NEAR(out, in, 1e-6 * in);
  const double it = metric(longer, "it_energy_mwh") - metric(r, "it_energy_mwh");
  EXPECT_GT(in, it);  // fans and pumps add their heat
  EXPECT_LT(metric(longer, "mean_facility_power_mw"), 0.9);
}

TEST(tariff_run_test, flat_tariff_and_carbon_follow_the_meter) {
  test::ScratchDir dir;
  const RunResult r = run_yaml(dir, "flat", kSite + "site: {tariff: {preset: flat, flat_ntd_per_kwh: 4.0}}\n");
  const double kwh = metric(r, "facility_energy_mwh") * 1e3;
  EXPECT_NEAR(metric(r, "energy_cost_ntd"), 4.0 * kwh, 1e-9 * kwh);
  EXPECT_EQ(metric(r, "demand_charge_ntd"), 0);
  EXPECT_NEAR(metric(r, "co2_t"), 0.494 * kwh / 1e3, 1e-9 * kwh);
  EXPECT_NEAR(metric(r, "carbon_fee_ntd"), 300 * metric(r, "co2_t"), 1e-9);
  EXPECT_NEAR(metric(r, "cost_ntd_per_million_tokens"),
              metric(r, "total_cost_ntd") / ((metric(r, "input_tokens") + metric(r, "output_tokens")) / 1e6), 1e-6);
}

// A deferrable job submitted at 17:00 on a summer Wednesday (peak until 22:00, semi-peak
// until midnight) starts at 00:00, the first off-peak hour.
TEST(tariff_run_test, deferrable_job_waits_for_off_peak) {
  test::ScratchDir dir;
  const std::string yaml =
      "time: {start: '2026-07-15T16:00:00+08:00', duration: 10h, dt_s: 60}\n"
      "racks: {train: {type: gb300-nvl72, count: 1}}\n"
      "output: {interval: 10m, racks: false}\n"
      "control: {tariff_shift: true}\n"
      "workloads:\n  training: {racks: train, jobs: [{name: now, at: 1h, gpus: 8, work: 1h},\n"
      "                                          {name: later, at: 1h, gpus: 8, work: 1h, deferrable: true}]}\n";
  run_yaml(dir, "shift", yaml);
  const std::string jobs = test::read_file(dir.path() / "shift" / "jobs.csv");
  EXPECT_NE(jobs.find("\nnow,8,0,3600,3600,"), std::string::npos) << jobs;
  EXPECT_NE(jobs.find("\nlater,8,0,3600,28800,"), std::string::npos) << jobs;  // 00:00 = 8 h after 16:00
}

// A start off the whole hour: the tariff edges still fall on local whole hours (00:00 is 7.5 h
// after 16:30), as engine events rather than a check every tick.
TEST(tariff_run_test, tariff_edges_fall_on_local_whole_hours) {
  test::ScratchDir dir;
  const std::string yaml =
      "time: {start: '2026-07-15T16:30:00+08:00', duration: 10h, dt_s: 60}\n"
      "racks: {train: {type: gb300-nvl72, count: 1}}\n"
      "output: {interval: 10m, racks: false}\n"
      "control: {tariff_shift: true}\n"
      "workloads:\n  training: {racks: train, jobs: [{name: later, at: 1h, gpus: 8, work: 1h, deferrable: true}]}\n";
  run_yaml(dir, "half", yaml);
  const std::string jobs = test::read_file(dir.path() / "half" / "jobs.csv");
  EXPECT_NE(jobs.find("\nlater,8,0,3600,27000,"), std::string::npos) << jobs;
}

// A demand-response window is in force from its first tick to the tick before its end: the
// cap column shows its target exactly in the intervals it covers.
TEST(power_cap_run_test, demand_response_window_opens_and_closes_on_time) {
  test::ScratchDir dir;
  run_yaml(dir, "dr", with_cap(0.0, "  demand_response: [{at: 10m, duration: 5m, target_mw: 0.6}]\n"),
           {{"output.interval", "5m"}});
  const std::string ts = test::read_file(dir.path() / "dr" / "timeseries.csv");
  std::istringstream lines(ts);
  std::string header, line;
  std::getline(lines, header);
  std::size_t cap_col = 0;
  {
    std::istringstream h(header);
    std::string name;
    for (std::size_t i = 0; std::getline(h, name, ','); ++i)
      if (name == "cap_mw") cap_col = i;
  }
  ASSERT_GT(cap_col, 0u);
  int rows = 0;
  while (std::getline(lines, line)) {
    std::istringstream row(line);
    std::string cell, t_s, cap;
    for (std::size_t i = 0; std::getline(row, cell, ','); ++i) {
      if (i == 0) t_s = cell;
      if (i == cap_col) cap = cell;
    }
    const double t = std::stod(t_s);
    EXPECT_DOUBLE_EQ(std::stod(cap), t == 600 ? 0.6 : 0.0) << "interval at " << t_s;
    ++rows;
  }
  EXPECT_GE(rows, 4);
}

// One rack of one synchronous job with 2 s iterations, at 0.1 s ticks.
const std::string kSwing =
    "name: swing\n"
    "time: {start: '2026-07-15T00:00:00+08:00', duration: 10m, dt_s: 0.1}\n"
    "racks: {main: {type: gb300-nvl72, count: 1}}\n"
    "output: {interval: 1m, racks: false}\n"
    "workloads: {training: {racks: main, iteration_s: 2, comm_fraction: 0.3, checkpoint_interval: 0,\n"
    "                       jobs: [{gpus: 72, work: 10h}]}}\n"
    "control: {swings: {block_samples: 1024}";

TEST(smoothing_run_test, smoothing_lowers_ramps_and_in_band_swing_and_costs_energy) {
  test::ScratchDir dir;
  const RunResult raw = run_yaml(dir, "raw", kSwing + "}\n");
  const RunResult smooth = run_yaml(
      dir, "smooth",
      kSwing + ", gpu_smoothing: {floor_frac: 0.8, ramp_up_w_per_s: 2000, ramp_down_w_per_s: 2000, "
               "ramp_down_hysteresis_s: 0.3}}\n");
  EXPECT_GT(metric(raw, "ramp_up_mw_per_s"), 0.3);  // ~58 kW of GPU swing inside one tick
  EXPECT_LT(metric(smooth, "ramp_up_mw_per_s"), 0.5 * metric(raw, "ramp_up_mw_per_s"));
  EXPECT_LT(metric(smooth, "band_rms_mw"), 0.5 * metric(raw, "band_rms_mw"));
  EXPECT_GT(metric(smooth, "gpu_energy_mwh"), metric(raw, "gpu_energy_mwh"));  // the floor burns energy
  // ... and the run says how much: the extra GPU energy is what smoothing added over demand.
  EXPECT_EQ(metric(raw, "smoothing_energy_mwh"), 0);
  EXPECT_GT(metric(smooth, "smoothing_energy_mwh"), 0);
  EXPECT_NEAR(metric(smooth, "smoothing_energy_mwh"),
              metric(smooth, "gpu_energy_mwh") - metric(raw, "gpu_energy_mwh"),
              0.1 * metric(smooth, "smoothing_energy_mwh"));
}

TEST(smoothing_run_test, energy_store_smooths_the_grid_side) {
  test::ScratchDir dir;
  const RunResult r = run_yaml(dir, "store", kSwing + ", energy_store: {capacity_kwh: 20, power_kw: 100}}\n");
  EXPECT_LT(metric(r, "grid_ramp_up_mw_per_s"), 0.2 * metric(r, "ramp_up_mw_per_s"));
  EXPECT_LT(metric(r, "grid_band_rms_mw"), 0.2 * metric(r, "band_rms_mw"));
  EXPECT_GT(metric(r, "store_losses_mwh"), 0);
}

}  // namespace
}  // namespace aifsim::run
