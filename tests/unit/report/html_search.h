// SPDX-License-Identifier: Apache-2.0
// Looking into a report's HTML from the tests.
#pragma once

#include <cstddef>
#include <string>

namespace aifsim::test {

/// How often `what` occurs in `text` (without overlaps).
inline std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

}  // namespace aifsim::test
