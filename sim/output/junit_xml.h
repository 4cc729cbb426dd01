// SPDX-License-Identifier: Apache-2.0
// JUnit XML for scenario checks (e.g. "PUE stays below 1.3"), so CI systems that already
// show test reports show which physical limits a simulated run violated.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace aifsim::output {

/// The outcome of one check of a run metric against a limit.
struct CheckResult {
  std::string name;    ///< the check's name, e.g. "pue_below_1_3"
  std::string metric;  ///< the metric checked, e.g. "facility.pue"
  std::string bound;   ///< "max" (value must not exceed limit) or "min"
  double limit = 0.0;
  double value = 0.0;
  bool passed = false;
  std::string message;  ///< why it failed; a default message is made when empty
};

/// A JUnit XML document: <testsuites> holding one <testsuite name=suite_name> with one
/// <testcase> per check and a <failure message=... type=bound> for each failed one (its
/// text lists metric, bound, limit and value). tests/failures counts appear on both
/// elements; errors and skipped are 0. time_s is written with millisecond precision
/// (negative or non-finite as 0). Every attribute and text is XML-escaped; control
/// characters XML 1.0 cannot carry and invalid UTF-8 become U+FFFD. Output is
/// deterministic (no timestamp or host name) and ends with a newline.
[[nodiscard]] std::string junit_xml(std::string_view suite_name,
                                    std::span<const CheckResult> checks, double time_s);

}  // namespace aifsim::output
