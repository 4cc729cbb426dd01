// SPDX-License-Identifier: Apache-2.0
// Where a run's outputs go: runs/<scenario>-<UTC timestamp>, so runs never overwrite each
// other by default and sort by start time.
#pragma once

#include <chrono>
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

/// Creates `dir` and any missing parents; an existing directory is fine (its files are
/// replaced as the run writes them). Throws std::runtime_error naming the path when
/// `dir` exists as something other than a directory or cannot be created.
void prepare_run_directory(const std::filesystem::path& dir);

}  // namespace aifsim::output
