// SPDX-License-Identifier: Apache-2.0
// String concatenation shared by the output writers' error messages (internal header).
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>

namespace aifsim::output::detail {

// Concatenates pieces. Used instead of `"literal" + std::string` chains, which GCC 12 at -O3
// flags with a false -Wrestrict (GCC bug 105329) that -Werror turns into a build failure.
inline std::string join(std::initializer_list<std::string_view> parts) {
  std::size_t size = 0;
  for (const auto part : parts) {
    size += part.size();
  }
  std::string out;
  out.reserve(size);
  for (const auto part : parts) {
    out.append(part);
  }
  return out;
}

}  // namespace aifsim::output::detail
