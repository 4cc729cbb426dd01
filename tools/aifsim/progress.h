// SPDX-License-Identifier: Apache-2.0
// A one-line progress display for long runs and sweeps on a terminal (how far, speed, ETA).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <string>

namespace aifsim::cli {

class ProgressLine {
 public:
  /// Draws a bar only when `stream` is a terminal, at most every 0.2 s of wall time.
  explicit ProgressLine(std::FILE* stream);
  /// One run: simulated seconds done of total. Not on a terminal: one plain line at each
  /// 10 % reached (simulated time, wall time, ETA), none at 100 %.
  void update(double done_s, double total_s);
  /// A sweep: variants done of total; the ETA comes from the simulated seconds done over
  /// all variants (running ones included), which grow evenly even when variants finish
  /// in bursts.
  void update_variants(std::size_t done, std::size_t total, double sim_done_s, double sim_total_s);
  /// Clears the line (if one was drawn); the next update draws it again.
  void finish();
  /// Whether the stream is a terminal (otherwise nothing is ever drawn).
  bool tty() const { return tty_; }

 private:
  // Throttles, then draws "[bar] text" for a fraction in [0, 1].
  void draw(double frac, const std::string& text);
  // Remaining wall seconds at the rate so far.
  double eta_s(double done, double total) const;

  std::FILE* stream_;
  bool tty_;
  bool drawn_ = false;
  int last_tenth_ = 0;  ///< the last tenth a plain line was written for
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace aifsim::cli
