// SPDX-License-Identifier: Apache-2.0
// Streaming swing statistics of a site power series (ramp rates, peak-to-trough, share of the
// fluctuation energy in the utility-critical band) for grid-side power-quality reporting.
#pragma once

#include <complex>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <utility>
#include <vector>

namespace aifsim::power {

/// Options of SwingMetrics. Defaults follow REFERENCE.md §9: the utility-critical band is
/// 0.1-20 Hz (training swings themselves are mostly 0.2-3 Hz).
struct SwingOptions {
  double band_lo_hz = 0.1;    ///< lower edge of the band (inclusive), >= 0
  double band_hi_hz = 20.0;   ///< upper edge (inclusive), > band_lo_hz; clipped to Nyquist
  int block_samples = 4096;   ///< FFT block length, a power of two >= 2
  double window_s = 10.0;     ///< span of the peak-to-trough window, > 0
};

/// Streaming statistics of a power series sampled every dt_s. Memory is bounded: one FFT block
/// (plus its scratch and tables) and at most one window's worth of sample indices for the
/// peak-to-trough tracker. Purely deterministic: the same series gives bit-identical results.
class SwingMetrics {
 public:
  /// Throws std::invalid_argument for dt_s <= 0 or non-finite, band_lo_hz < 0,
  /// band_hi_hz <= band_lo_hz, window_s <= 0, or block_samples not a power of two >= 2.
  SwingMetrics(double dt_s, SwingOptions opt = {});

  /// One sample per tick, in time order. Throws std::invalid_argument for a non-finite value
  /// (one NaN would silently poison every statistic).
  void add(double power_w);

  /// Largest rise between consecutive samples, (p[i] - p[i-1]) / dt; 0 with fewer than two
  /// samples or when the series never rises.
  double max_ramp_up_w_per_s() const { return ramp_up_w_per_s_; }
  /// Largest fall between consecutive samples, (p[i-1] - p[i]) / dt, reported positive; 0 with
  /// fewer than two samples or when the series never falls.
  double max_ramp_down_w_per_s() const { return ramp_down_w_per_s_; }

  /// Largest (max - min) within any window spanning window_s. The window slides one sample at
  /// a time (exact, not non-overlapping blocks, so a swing across a block edge is not missed):
  /// it holds samples i-n..i with n = max(1, floor(window_s / dt)) ticks. 0 before two samples.
  double peak_to_trough_w() const { return peak_to_trough_w_; }

  /// Share of the fluctuating power's spectral energy that lies in [band_low_hz(),
  /// band_high_hz()]: Welch-style over consecutive non-overlapping blocks of block_samples,
  /// each with its own mean removed and a periodic Hann window applied, one-sided power
  /// spectra summed over blocks; DC (bin 0) is excluded from both numerator and total. A
  /// trailing partial block is not counted. 0 when no full block was seen, when the band is
  /// empty (band_lo_hz at or above Nyquist) or when the signal is constant within every block
  /// (such blocks are skipped so rounding residue of the mean removal is not reported as
  /// spectrum). REFERENCE.md §9 cites an example spec of <= 20 % in the 0.1-20 Hz band.
  double band_energy_share() const;
  /// Root-mean-square of the fluctuation inside the band (W), from the same spectra by Parseval
  /// (windowed energy / (block length x sum of the window's squares)), averaged over full blocks.
  double band_rms_w() const;

  /// Effective band after clipping the upper edge to Nyquist 1 / (2 dt). When band_lo_hz is
  /// at or above Nyquist the band is empty and both report the Nyquist frequency.
  double band_low_hz() const { return band_lo_eff_hz_; }
  double band_high_hz() const { return band_hi_eff_hz_; }

  std::size_t samples() const { return samples_; }

 private:
  void finish_block();

  double dt_s_;
  SwingOptions opt_;
  double band_lo_eff_hz_ = 0, band_hi_eff_hz_ = 0;
  bool band_empty_ = false;

  std::size_t samples_ = 0;
  double prev_w_ = 0;
  double ramp_up_w_per_s_ = 0, ramp_down_w_per_s_ = 0;

  // Sliding-window min/max: monotonic deques of (sample index, value).
  std::uint64_t window_ticks_ = 1;
  std::deque<std::pair<std::uint64_t, double>> win_max_, win_min_;
  double peak_to_trough_w_ = 0;

  // Spectrum: the block being filled, FFT scratch, tables, and the accumulated energies.
  std::vector<double> block_;
  std::vector<std::complex<double>> fft_;
  std::vector<std::complex<double>> twiddle_;  // exp(-2 pi i k / N), k < N/2
  std::vector<double> hann_;
  std::size_t full_blocks_ = 0;
  double band_energy_ = 0, total_energy_ = 0;
  double hann_power_ = 0;  ///< sum of the window's squares
};

}  // namespace aifsim::power
