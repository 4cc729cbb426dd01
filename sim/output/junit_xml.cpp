// SPDX-License-Identifier: Apache-2.0
// JUnit XML rendering. Check names and messages come from user scenarios, so everything is
// escaped and sanitized: one stray '<' or control byte would make CI drop the whole report.
#include "sim/output/junit_xml.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstddef>

#include "sim/output/csv_writer.h"
#include "sim/output/join.h"
#include "sim/output/utf8.h"

namespace aifsim::output {
namespace {

using detail::join;
using detail::kReplacement;

// Length of the UTF-8 sequence at text[i] if it encodes a character XML 1.0 allows
// (RFC 3629 well-formed, not U+FFFE or U+FFFF), else 0.
std::size_t xml_char_length(std::string_view text, std::size_t i) {
  const std::size_t length = detail::utf8_sequence_length(text, i);
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  if (length == 3 && byte(i) == 0xEF && byte(i + 1) == 0xBF && byte(i + 2) >= 0xBE) {
    return 0;  // U+FFFE, U+FFFF
  }
  return length;
}

// Attribute values escape whitespace too, since XML parsers normalize literal tabs and
// newlines in attributes to spaces; text keeps them literal for readability.
void append_escaped(std::string& out, std::string_view text, bool attribute) {
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80) {
      i += detail::append_sequence_or_replacement(out, text, i, xml_char_length(text, i));
      continue;
    }
    switch (c) {
      case '&': out.append("&amp;"); break;
      case '<': out.append("&lt;"); break;
      case '>': out.append("&gt;"); break;
      case '"': out.append("&quot;"); break;
      case '\'': out.append("&apos;"); break;
      case '\t': out.append(attribute ? "&#9;" : "\t"); break;
      case '\n': out.append(attribute ? "&#10;" : "\n"); break;
      case '\r': out.append("&#13;"); break;  // a literal CR would be read back as LF
      default:
        if (u < 0x20) {
          out.append(kReplacement);
        } else {
          out.push_back(c);
        }
    }
    ++i;
  }
}

void append_attribute(std::string& out, std::string_view name, std::string_view value) {
  out.push_back(' ');
  out.append(name);
  out.append("=\"");
  append_escaped(out, value, true);
  out.push_back('"');
}

// JUnit's schema types time as xs:decimal, which has no exponent form: fixed notation.
std::string format_seconds(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0.0) {
    seconds = 0.0;
  }
  std::array<char, 64> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), seconds,
                                    std::chars_format::fixed, 3);
  if (result.ec != std::errc{}) {
    return "0.000";  // only for absurdly large times (> 1e60 s)
  }
  return {buffer.data(), result.ptr};
}

// format_number leaves NaN empty (a CSV missing cell); in prose it must be visible.
std::string format_value(double value) { return std::isnan(value) ? "nan" : format_number(value); }

std::string failure_message(const CheckResult& check) {
  if (!check.message.empty()) {
    return check.message;
  }
  const std::string value = format_value(check.value);
  const std::string limit = format_value(check.limit);
  if (check.bound == "max") {
    return join({check.metric, " = ", value, " is above the maximum ", limit});
  }
  if (check.bound == "min") {
    return join({check.metric, " = ", value, " is below the minimum ", limit});
  }
  return join({check.metric, " = ", value, " violates ", check.bound, " ", limit});
}

}  // namespace

std::string junit_xml(std::string_view suite_name, std::span<const CheckResult> checks,
                      double time_s) {
  std::size_t failures = 0;
  for (const auto& check : checks) {
    if (!check.passed) {
      ++failures;
    }
  }
  const std::string tests = std::to_string(checks.size());
  const std::string failed = std::to_string(failures);
  const std::string time = format_seconds(time_s);

  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites";
  append_attribute(out, "name", suite_name);
  append_attribute(out, "tests", tests);
  append_attribute(out, "failures", failed);
  append_attribute(out, "errors", "0");
  append_attribute(out, "time", time);
  out.append(">\n  <testsuite");
  append_attribute(out, "name", suite_name);
  append_attribute(out, "tests", tests);
  append_attribute(out, "failures", failed);
  append_attribute(out, "errors", "0");
  append_attribute(out, "skipped", "0");
  append_attribute(out, "time", time);
  out.append(">\n");
  for (const auto& check : checks) {
    out.append("    <testcase");
    append_attribute(out, "name", check.name);
    append_attribute(out, "classname", suite_name);
    append_attribute(out, "time", "0");
    if (check.passed) {
      out.append("/>\n");
      continue;
    }
    out.append(">\n      <failure");
    append_attribute(out, "message", failure_message(check));
    append_attribute(out, "type", check.bound);
    out.push_back('>');
    const std::string details =
        join({"metric: ", check.metric, "\nbound: ", check.bound,
              "\nlimit: ", format_value(check.limit), "\nvalue: ", format_value(check.value)});
    append_escaped(out, details, false);
    out.append("</failure>\n    </testcase>\n");
  }
  out.append("  </testsuite>\n</testsuites>\n");
  return out;
}

}  // namespace aifsim::output
