// SPDX-License-Identifier: Apache-2.0
// Terminal progress line.
#include "tools/aifsim/progress.h"

#include <unistd.h>

#include "sim/core/units.h"

namespace aifsim::cli {

ProgressLine::ProgressLine(std::FILE* stream)
    : stream_(stream),
      tty_(isatty(fileno(stream)) != 0),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

double ProgressLine::eta_s(double done, double total) const {
  const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double rate = wall_s > 0 ? done / wall_s : 0.0;
  return rate > 0 ? (total - done) / rate : 0.0;
}

void ProgressLine::draw(double frac, const std::string& text) {
  if (!tty_) return;
  const auto now = std::chrono::steady_clock::now();
  if (drawn_ && now - last_ < std::chrono::milliseconds(200)) return;
  last_ = now;
  constexpr int kWidth = 30;
  const int filled = static_cast<int>(frac * kWidth);
  std::string bar(static_cast<std::size_t>(filled), '#');
  bar.resize(kWidth, '.');
  std::fprintf(stream_, "\r[%s] %5.1f%%  %s   ", bar.c_str(), 100.0 * frac, text.c_str());
  std::fflush(stream_);
  drawn_ = true;
}

void ProgressLine::update(double done_s, double total_s) {
  const double wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  if (!tty_) {
    // A log (CI, nohup, a batch system) gets a plain line at each tenth, not a redrawn bar.
    const int tenth = total_s > 0 ? static_cast<int>(10.0 * done_s / total_s) : 10;
    if (tenth <= last_tenth_ || tenth >= 10) return;
    last_tenth_ = tenth;
    std::fprintf(stream_, "aifsim: %.0f%% simulated (%s of %s), %s wall, ETA %s\n", 100.0 * done_s / total_s,
                 format_duration(done_s).c_str(), format_duration(total_s).c_str(), format_duration(wall_s).c_str(),
                 format_duration(eta_s(done_s, total_s)).c_str());
    std::fflush(stream_);
    return;
  }
  const double speed = wall_s > 0 ? done_s / wall_s : 0.0;
  char speed_text[32];
  std::snprintf(speed_text, sizeof speed_text, "%.0fx", speed);
  draw(total_s > 0 ? done_s / total_s : 1.0, format_duration(done_s) + " of " + format_duration(total_s) +
                                                 " simulated  " + speed_text + " real time  ETA " +
                                                 format_duration(eta_s(done_s, total_s)));
}

void ProgressLine::update_variants(std::size_t done, std::size_t total, double sim_done_s, double sim_total_s) {
  if (!tty_) return;
  draw(sim_total_s > 0 ? sim_done_s / sim_total_s : 1.0,
       std::to_string(done) + "/" + std::to_string(total) + " variants  " + format_duration(sim_done_s) + " of " +
           format_duration(sim_total_s) + " simulated  ETA " + format_duration(eta_s(sim_done_s, sim_total_s)));
}

void ProgressLine::finish() {
  if (!drawn_) return;
  std::fprintf(stream_, "\r%*s\r", 110, "");
  std::fflush(stream_);
  drawn_ = false;
}

}  // namespace aifsim::cli
