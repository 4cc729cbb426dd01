// SPDX-License-Identifier: Apache-2.0
// The process-wide stop flag behind StopSignals.
#include "tools/aifsim/stop_signal.h"

#include <csignal>

namespace aifsim::cli {
namespace {

std::atomic<bool> g_stop{false};

extern "C" void on_stop_signal(int) {
  // First Ctrl-C: finish the current tick and write everything computed so far.
  // A second one falls back to the default action (immediate exit; only .tmp files remain).
  g_stop.store(true);
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
}

}  // namespace

StopSignals::StopSignals() {
  g_stop.store(false);
  std::signal(SIGINT, on_stop_signal);
  std::signal(SIGTERM, on_stop_signal);
}

StopSignals::~StopSignals() {
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
}

const std::atomic<bool>* StopSignals::flag() const { return &g_stop; }

}  // namespace aifsim::cli
