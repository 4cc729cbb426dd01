// SPDX-License-Identifier: Apache-2.0
// HTML escaping and label numbers.
#include "sim/report/html_text.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace aifsim::report {

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string code_html(std::string_view text) {
  std::string out = "<code>";
  out += escape_html(text);
  out += "</code>";
  return out;
}

std::string format_significant(double value, int digits) {
  if (std::isnan(value)) return "-";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  char buf[64];
  const double magnitude = std::fabs(value);
  if (value == 0 || (magnitude >= 1e-4 && magnitude < 1e9)) {
    // Fixed notation with as many decimals as the significant digits leave.
    const int exponent = value == 0 ? 0 : static_cast<int>(std::floor(std::log10(magnitude)));
    const int decimals = std::max(0, digits - 1 - exponent);
    std::snprintf(buf, sizeof buf, "%.*f", decimals, value);
    std::string s = buf;
    if (s.find('.') != std::string::npos) {
      while (s.back() == '0') s.pop_back();
      if (s.back() == '.') s.pop_back();
    }
    if (s == "-0") s = "0";
    return s;
  }
  std::snprintf(buf, sizeof buf, "%.*g", digits, value);
  return buf;
}

std::string format_px(double px) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", px);
  std::string s = buf;
  if (s.size() > 2 && s.ends_with(".0")) s.resize(s.size() - 2);
  if (s == "-0") s = "0";
  return s;
}

}  // namespace aifsim::report
