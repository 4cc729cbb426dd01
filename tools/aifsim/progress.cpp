// SPDX-License-Identifier: Apache-2.0
// Terminal progress line.
#include "tools/aifsim/progress.h"

#include <unistd.h>

#include <string>

#include "sim/core/units.h"

namespace aifsim::cli {

ProgressLine::ProgressLine(std::FILE* stream)
    : stream_(stream),
      tty_(isatty(fileno(stream)) != 0),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

void ProgressLine::update(double done_s, double total_s) {
  if (!tty_) return;
  const auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - last_ < std::chrono::milliseconds(200)) return;
  last_ = now;
  const double wall_s = std::chrono::duration<double>(now - start_).count();
  const double frac = total_s > 0 ? done_s / total_s : 1.0;
  constexpr int kWidth = 30;
  const int filled = static_cast<int>(frac * kWidth);
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.resize(kWidth, '.');
  const double speed = wall_s > 0 ? done_s / wall_s : 0.0;
  const double eta_s = speed > 0 ? (total_s - done_s) / speed : 0.0;
  std::fprintf(stream_, "\r[%s] %5.1f%%  %s of %s simulated  %.0fx real time  ETA %s   ", bar.c_str(),
               100.0 * frac, format_duration(done_s).c_str(), format_duration(total_s).c_str(), speed,
               format_duration(eta_s).c_str());
  std::fflush(stream_);
  drawn_ = true;
}

void ProgressLine::finish() {
  if (!drawn_) return;
  std::fprintf(stream_, "\r%*s\r", 110, "");
  std::fflush(stream_);
  drawn_ = false;
}

}  // namespace aifsim::cli
