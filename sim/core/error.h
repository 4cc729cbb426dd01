// SPDX-License-Identifier: Apache-2.0
// Error types that carry where a problem is, so front ends can print one located line and
// pick the exit code (2 for bad input, 1 for internal errors).
#pragma once

#include <stdexcept>
#include <string>

namespace aifsim {

/// Bad user input: a scenario, a flag, a data file. what() is the full one-line message,
/// e.g. "scenarios/x.yaml:12:5: racks.main.count: must be > 0 (got -3)".
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace aifsim
