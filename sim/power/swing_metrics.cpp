// SPDX-License-Identifier: Apache-2.0
// Streaming swing statistics: ramp rates, sliding-window peak-to-trough and the Welch-style
// band-energy share, with a self-contained iterative radix-2 FFT (no external libraries).
#include "sim/power/swing_metrics.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>
#include <string>

namespace aifsim::power {
namespace {

bool is_power_of_two(int n) { return n >= 2 && (n & (n - 1)) == 0; }

/// In-place iterative radix-2 decimation-in-time FFT of a power-of-two length. twiddle[k] =
/// exp(-2 pi i k / N) for k < N/2; stage m uses every (N/m)-th entry, so the tables are
/// computed once per instance and the transform is bit-reproducible.
void fft_in_place(std::vector<std::complex<double>>& a, const std::vector<std::complex<double>>& twiddle) {
  const std::size_t n = a.size();
  for (std::size_t i = 1, j = 0; i < n; ++i) {  // bit-reversal permutation
    std::size_t bit = n >> 1;
    for (; j & bit; bit >>= 1) j ^= bit;
    j ^= bit;
    if (i < j) std::swap(a[i], a[j]);
  }
  for (std::size_t len = 2; len <= n; len <<= 1) {
    const std::size_t half = len / 2, step = n / len;
    for (std::size_t start = 0; start < n; start += len) {
      for (std::size_t k = 0; k < half; ++k) {
        const std::complex<double> t = twiddle[k * step] * a[start + k + half];
        a[start + k + half] = a[start + k] - t;
        a[start + k] += t;
      }
    }
  }
}

}  // namespace

SwingMetrics::SwingMetrics(double dt_s, SwingOptions opt) : dt_s_(dt_s), opt_(opt) {
  if (!(std::isfinite(dt_s) && dt_s > 0)) throw std::invalid_argument("SwingMetrics: dt_s must be > 0");
  if (!(std::isfinite(opt.band_lo_hz) && opt.band_lo_hz >= 0))
    throw std::invalid_argument("SwingMetrics: band_lo_hz must be >= 0");
  if (!(opt.band_hi_hz > opt.band_lo_hz))  // +inf allowed: "everything up to Nyquist"
    throw std::invalid_argument("SwingMetrics: band_hi_hz must exceed band_lo_hz");
  if (!(std::isfinite(opt.window_s) && opt.window_s > 0))
    throw std::invalid_argument("SwingMetrics: window_s must be > 0");
  if (!is_power_of_two(opt.block_samples))
    throw std::invalid_argument("SwingMetrics: block_samples must be a power of two >= 2, got " +
                                std::to_string(opt.block_samples));

  // A series sampled every dt cannot show anything above Nyquist, so the band is clipped
  // rather than rejected: a coarse simulation tick still gets a meaningful (narrower) band.
  const double nyquist_hz = 0.5 / dt_s;
  band_empty_ = opt.band_lo_hz >= nyquist_hz;
  band_lo_eff_hz_ = band_empty_ ? nyquist_hz : opt.band_lo_hz;
  band_hi_eff_hz_ = std::min(opt.band_hi_hz, nyquist_hz);

  // The small epsilon keeps e.g. 10 s / 0.1 s from rounding down to 99 ticks.
  window_ticks_ = static_cast<std::uint64_t>(std::max(1.0, std::floor(opt.window_s / dt_s + 1e-9)));

  const auto n = static_cast<std::size_t>(opt.block_samples);
  block_.reserve(n);
  fft_.resize(n);
  twiddle_.resize(n / 2);
  hann_.resize(n);
  const double two_pi_over_n = 2.0 * std::numbers::pi / static_cast<double>(n);
  for (std::size_t k = 0; k < n / 2; ++k) {
    const double phi = two_pi_over_n * static_cast<double>(k);
    twiddle_[k] = {std::cos(phi), -std::sin(phi)};
  }
  // Periodic Hann (the Welch convention): tapers block edges so a swing that is not periodic
  // in the block does not leak energy across the whole spectrum and into or out of the band.
  for (std::size_t i = 0; i < n; ++i) {
    hann_[i] = 0.5 - 0.5 * std::cos(two_pi_over_n * static_cast<double>(i));
    hann_power_ += hann_[i] * hann_[i];
  }
}

void SwingMetrics::add(double power_w) {
  if (!std::isfinite(power_w)) throw std::invalid_argument("SwingMetrics::add: non-finite power sample");
  const std::uint64_t i = samples_;
  if (samples_ > 0) {
    const double ramp = (power_w - prev_w_) / dt_s_;
    ramp_up_w_per_s_ = std::max(ramp_up_w_per_s_, ramp);
    ramp_down_w_per_s_ = std::max(ramp_down_w_per_s_, -ramp);
  }
  prev_w_ = power_w;
  ++samples_;

  // Monotonic deques: front of win_max_ is the window maximum, front of win_min_ the minimum.
  while (!win_max_.empty() && win_max_.back().second <= power_w) win_max_.pop_back();
  win_max_.emplace_back(i, power_w);
  while (!win_min_.empty() && win_min_.back().second >= power_w) win_min_.pop_back();
  win_min_.emplace_back(i, power_w);
  while (i - win_max_.front().first > window_ticks_) win_max_.pop_front();
  while (i - win_min_.front().first > window_ticks_) win_min_.pop_front();
  peak_to_trough_w_ = std::max(peak_to_trough_w_, win_max_.front().second - win_min_.front().second);

  block_.push_back(power_w);
  if (block_.size() == static_cast<std::size_t>(opt_.block_samples)) finish_block();
}

void SwingMetrics::finish_block() {
  const std::size_t n = block_.size();
  ++full_blocks_;
  const auto [lo, hi] = std::minmax_element(block_.begin(), block_.end());
  if (*lo != *hi) {
    double mean = 0;
    for (double v : block_) mean += v;
    mean /= static_cast<double>(n);
    for (std::size_t i = 0; i < n; ++i) fft_[i] = {(block_[i] - mean) * hann_[i], 0.0};
    fft_in_place(fft_, twiddle_);
    const double df_hz = 1.0 / (static_cast<double>(n) * dt_s_);
    for (std::size_t k = 1; k <= n / 2; ++k) {
      // One-sided spectrum: bins 1..N/2-1 stand for +f and -f; the Nyquist bin is its own.
      const double e = std::norm(fft_[k]) * (k == n / 2 ? 1.0 : 2.0);
      total_energy_ += e;
      const double f_hz = df_hz * static_cast<double>(k);
      if (!band_empty_ && f_hz >= band_lo_eff_hz_ && f_hz <= band_hi_eff_hz_) band_energy_ += e;
    }
  }
  block_.clear();
}

double SwingMetrics::band_energy_share() const {
  if (full_blocks_ == 0 || band_empty_ || !(total_energy_ > 0)) return 0.0;
  return band_energy_ / total_energy_;
}


double SwingMetrics::band_rms_w() const {
  if (full_blocks_ == 0 || band_empty_) return 0.0;
  const double n = static_cast<double>(opt_.block_samples);
  return std::sqrt(band_energy_ / (static_cast<double>(full_blocks_) * n * hann_power_));
}

}  // namespace aifsim::power
