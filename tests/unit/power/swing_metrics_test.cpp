// SPDX-License-Identifier: Apache-2.0
// SwingMetrics: ramp rates, sliding peak-to-trough, band-energy share (own FFT), validation.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>

#include "sim/power/swing_metrics.h"

namespace aifsim::power {
namespace {

/// Feeds `n` samples of offset + amplitude * sin(2 pi f t), t = i dt.
void add_sine(SwingMetrics& m, double dt_s, int n, double f_hz, double amplitude_w, double offset_w = 0) {
  for (int i = 0; i < n; ++i)
    m.add(offset_w + amplitude_w * std::sin(2.0 * std::numbers::pi * f_hz * dt_s * static_cast<double>(i)));
}

TEST(swing_metrics_test, step_up_and_down_give_ramp_rates) {
  SwingMetrics m(0.1);
  for (int i = 0; i < 10; ++i) m.add(0.0);
  EXPECT_EQ(m.max_ramp_up_w_per_s(), 0.0);
  EXPECT_EQ(m.max_ramp_down_w_per_s(), 0.0);
  for (int i = 0; i < 10; ++i) m.add(1e6);
  EXPECT_NEAR(m.max_ramp_up_w_per_s(), 10e6, 1e-3);  // 1 MW in 0.1 s = 10 MW/s
  EXPECT_EQ(m.max_ramp_down_w_per_s(), 0.0);           // a rise is not reported as a fall
  for (int i = 0; i < 10; ++i) m.add(0.0);
  EXPECT_NEAR(m.max_ramp_down_w_per_s(), 10e6, 1e-3);  // reported positive
  EXPECT_NEAR(m.max_ramp_up_w_per_s(), 10e6, 1e-3);
  EXPECT_EQ(m.samples(), 30u);
}

TEST(swing_metrics_test, peak_to_trough_of_square_wave_is_its_swing) {
  SwingMetrics m(0.1);
  EXPECT_EQ(m.peak_to_trough_w(), 0.0);
  for (int i = 0; i < 1000; ++i) m.add((i / 10) % 2 == 0 ? 1e6 : 3e6);  // 2 s period
  EXPECT_NEAR(m.peak_to_trough_w(), 2e6, 1e-6);
}

TEST(swing_metrics_test, peak_to_trough_window_spans_window_s) {
  // A 1 W/s ramp sampled every 1 s: a 10 s window holds 11 samples (10 ticks), so 10 W; a
  // whole-series max - min (200 W) or an off-by-one window would fail.
  SwingOptions o;
  o.window_s = 10.0;
  SwingMetrics m(1.0, o);
  for (int i = 0; i <= 200; ++i) m.add(static_cast<double>(i));
  EXPECT_NEAR(m.peak_to_trough_w(), 10.0, 1e-12);
  // Sliding, not block-aligned: a single swing that straddles t = 10 s is still seen whole.
  SwingMetrics s(1.0, o);
  for (int i = 0; i < 30; ++i) s.add(i >= 8 && i < 13 ? 5.0 : 0.0);
  EXPECT_NEAR(s.peak_to_trough_w(), 5.0, 1e-12);
}

TEST(swing_metrics_test, one_hz_sine_lies_in_critical_band) {
  const double dt = 0.01;
  SwingMetrics m(dt);  // 4096-sample blocks: 0.024 Hz bins
  add_sine(m, dt, 20000, 1.0, 1e6, 5e6);  // the offset is DC and must not count
  EXPECT_GT(m.band_energy_share(), 0.95);
  EXPECT_LE(m.band_energy_share(), 1.0);
}

TEST(swing_metrics_test, very_slow_sine_lies_below_band) {
  const double dt = 1.0;
  SwingOptions o;
  o.block_samples = 1024;  // 0.00098 Hz bins: 0.01 Hz is bin ~10, well resolved
  SwingMetrics m(dt, o);
  add_sine(m, dt, 8192, 0.01, 1e6, 2e6);
  EXPECT_LT(m.band_energy_share(), 0.05);
}

TEST(swing_metrics_test, fast_sine_lies_above_band) {
  const double dt = 0.01;  // Nyquist 50 Hz, band 0.1-20 Hz
  SwingMetrics m(dt);
  add_sine(m, dt, 20000, 30.0, 1e6);
  EXPECT_LT(m.band_energy_share(), 0.05);
}

TEST(swing_metrics_test, share_weights_tones_by_energy) {
  // Equal-amplitude tones in (1 Hz) and out of (30 Hz) the band: about half the energy each.
  const double dt = 0.01;
  SwingMetrics m(dt);
  for (int i = 0; i < 16384; ++i) {
    const double t = dt * static_cast<double>(i);
    m.add(std::sin(2.0 * std::numbers::pi * 1.0 * t) + std::sin(2.0 * std::numbers::pi * 30.0 * t));
  }
  EXPECT_NEAR(m.band_energy_share(), 0.5, 0.02);
}

TEST(swing_metrics_test, constant_or_short_series_gives_zero_share) {
  SwingMetrics c(0.01);
  for (int i = 0; i < 10000; ++i) c.add(1234567.891);  // mean not exact in binary
  EXPECT_EQ(c.band_energy_share(), 0.0);
  EXPECT_EQ(c.peak_to_trough_w(), 0.0);

  SwingMetrics s(0.01);  // an oscillation shorter than one block: no estimate yet
  add_sine(s, 0.01, 4095, 1.0, 1e6);
  EXPECT_EQ(s.band_energy_share(), 0.0);
  s.add(0.0);  // completes the block
  EXPECT_GT(s.band_energy_share(), 0.95);
}

TEST(swing_metrics_test, band_is_clipped_to_nyquist) {
  SwingMetrics m(0.05);  // Nyquist 10 Hz < 20 Hz
  EXPECT_DOUBLE_EQ(m.band_low_hz(), 0.1);
  EXPECT_DOUBLE_EQ(m.band_high_hz(), 10.0);
  SwingMetrics fine(0.001);  // Nyquist 500 Hz: no clipping
  EXPECT_DOUBLE_EQ(fine.band_high_hz(), 20.0);

  SwingMetrics coarse(10.0);  // Nyquist 0.05 Hz < 0.1 Hz: empty band, share 0
  EXPECT_DOUBLE_EQ(coarse.band_low_hz(), 0.05);
  EXPECT_DOUBLE_EQ(coarse.band_high_hz(), 0.05);
  add_sine(coarse, 10.0, 10000, 0.02, 1e6);
  EXPECT_EQ(coarse.band_energy_share(), 0.0);
}

TEST(swing_metrics_test, invalid_options_are_rejected) {
  for (int n : {0, 1, 3, 1000, -4}) {
    SwingOptions o;
    o.block_samples = n;
    EXPECT_THROW(SwingMetrics(0.1, o), std::invalid_argument) << n;
  }
  EXPECT_NO_THROW(SwingMetrics(0.1, SwingOptions{0.1, 20.0, 2, 10.0}));
  EXPECT_THROW(SwingMetrics(0.0), std::invalid_argument);
  EXPECT_THROW(SwingMetrics(-1.0), std::invalid_argument);
  EXPECT_THROW(SwingMetrics(0.1, SwingOptions{5.0, 1.0, 4096, 10.0}), std::invalid_argument);
  EXPECT_THROW(SwingMetrics(0.1, SwingOptions{-1.0, 1.0, 4096, 10.0}), std::invalid_argument);
  EXPECT_THROW(SwingMetrics(0.1, SwingOptions{0.1, 20.0, 4096, 0.0}), std::invalid_argument);
  SwingMetrics m(0.1);
  EXPECT_THROW(m.add(std::numeric_limits<double>::quiet_NaN()), std::invalid_argument);
}

TEST(swing_metrics_test, results_are_deterministic) {
  SwingMetrics a(0.01), b(0.01);
  for (int i = 0; i < 9000; ++i) {
    const double v = std::sin(0.37 * i) * 1e6 + std::cos(0.011 * i) * 3e5;
    a.add(v);
    b.add(v);
  }
  EXPECT_EQ(a.band_energy_share(), b.band_energy_share());
  EXPECT_EQ(a.peak_to_trough_w(), b.peak_to_trough_w());
}

// A sine of amplitude A has RMS A / sqrt(2): the band RMS recovers it through the window.
TEST(swing_metrics_test, band_rms_recovers_a_sine_amplitude) {
  SwingOptions opt;
  opt.block_samples = 1024;
  SwingMetrics m(0.01, opt);
  for (int i = 0; i < 8192; ++i) m.add(5e6 + 1e6 * std::sin(2.0 * std::numbers::pi * 1.0 * 0.01 * i));
  EXPECT_NEAR(m.band_rms_w(), 1e6 / std::sqrt(2.0), 0.02 * 1e6 / std::sqrt(2.0));
}

}  // namespace
}  // namespace aifsim::power
