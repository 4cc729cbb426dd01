// SPDX-License-Identifier: Apache-2.0
// Where a run's outputs go: runs/<scenario>-<UTC timestamp>, so runs never overwrite each
// other by default and sort by start time.
#pragma once

#include <chrono>
#include <stdexcept>
#include <filesystem>
#include <string>
#include <string_view>

namespace aifsim::output {

/// A scenario name made safe as one path component on every OS: each byte outside
/// [A-Za-z0-9._-] becomes '_' (a multi-byte UTF-8 character gives several), a leading '.'
/// becomes '_' (no hidden directories, no "." or ".."), the result is cut to 200 bytes
/// (file names are limited to 255) and an empty name becomes "scenario".
[[nodiscard]] std::string sanitize_scenario_name(std::string_view scenario_name);

/// "runs/<sanitized name>-<YYYYmmdd-HHMMSS>", the time in UTC, relative to the current
/// directory. Two runs of one scenario started in the same second get the same path.
[[nodiscard]] std::filesystem::path default_run_directory(
    std::string_view scenario_name, std::chrono::system_clock::time_point now);

/// A run directory that cannot be used: not a directory, not creatable, not writable, or
/// in use by another run. A front end reports it as bad input (the --out it was given).
class RunDirectoryError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Creates `dir` and any missing parents; an existing directory is fine (its files are
/// replaced as the run writes them). Throws RunDirectoryError naming the path when `dir`
/// exists as something other than a directory, cannot be created or is not writable.
void prepare_run_directory(const std::filesystem::path& dir);

/// Holds an exclusive advisory lock (flock) on a run directory for its lifetime, so a second
/// run into the same directory is refused instead of interleaving its files with this one's.
/// The lock is on the directory itself: no lock file appears among the outputs, and the OS
/// drops it when the process dies, however it dies.
class RunDirectoryLock {
 public:
  /// Throws RunDirectoryError when another process holds the lock or the directory cannot be
  /// opened. Once locked, deletes the temporaries a killed earlier run left in `dir`.
  explicit RunDirectoryLock(const std::filesystem::path& dir);
  ~RunDirectoryLock();
  RunDirectoryLock(const RunDirectoryLock&) = delete;
  RunDirectoryLock& operator=(const RunDirectoryLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace aifsim::output
