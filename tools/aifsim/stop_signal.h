// SPDX-License-Identifier: Apache-2.0
// Ctrl-C and SIGTERM for long commands (run, sweep): the first asks the work to stop and
// write what it has; a second falls back to the default action (immediate exit).
#pragma once

#include <atomic>

namespace aifsim::cli {

/// Installs the handlers for the lifetime of the object and restores the defaults after.
class StopSignals {
 public:
  StopSignals();
  ~StopSignals();
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

  /// Becomes true on the first SIGINT or SIGTERM.
  const std::atomic<bool>* flag() const;
  bool requested() const { return flag()->load(); }
};

}  // namespace aifsim::cli
