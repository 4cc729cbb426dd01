// SPDX-License-Identifier: Apache-2.0
// A one-line progress display for long runs on a terminal (simulated time, speed, ETA).
#pragma once

#include <chrono>
#include <cstdio>

namespace aifsim::cli {

class ProgressLine {
 public:
  /// Draws only when `stream` is a terminal; at most every 0.2 s of wall time.
  explicit ProgressLine(std::FILE* stream);
  void update(double done_s, double total_s);
  /// Clears the line (if one was drawn).
  void finish();

 private:
  std::FILE* stream_;
  bool tty_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace aifsim::cli
