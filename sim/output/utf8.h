// SPDX-License-Identifier: Apache-2.0
// UTF-8 validation shared by the JSON and JUnit XML writers, which repair invalid text (internal).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace aifsim::output::detail {

/// U+FFFD REPLACEMENT CHARACTER, written in place of each byte that starts no valid sequence.
inline constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

/// Length of the well-formed UTF-8 sequence starting at text[i] (RFC 3629: no overlong forms,
/// no surrogates, nothing above U+10FFFF), or 0 if the byte there starts none. i < text.size().
std::size_t utf8_sequence_length(std::string_view text, std::size_t i);

/// Appends the length-byte sequence at text[i] to out, or kReplacement when length is 0 (the
/// byte there is then skipped alone). Returns how many bytes of text were consumed.
std::size_t append_sequence_or_replacement(std::string& out, std::string_view text,
                                           std::size_t i, std::size_t length);

}  // namespace aifsim::output::detail
