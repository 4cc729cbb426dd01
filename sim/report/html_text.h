// SPDX-License-Identifier: Apache-2.0
// Text for the report's HTML: escaping and the short number formats of labels and tables.
#pragma once

#include <string>
#include <string_view>

namespace aifsim::report {

/// Escapes &, <, >, " and ' so any text (a rack name, an event's detail, a path) is safe in
/// element content and in quoted attributes.
std::string escape_html(std::string_view text);

/// `text` escaped inside <code>...</code> (keys, field paths, directories).
std::string code_html(std::string_view text);

/// `value` with `digits` significant digits and no exponent for ordinary magnitudes
/// ("14.04", "0.0302", "1946390"), an exponent beyond them ("1.2e-07"); "-" for NaN.
std::string format_significant(double value, int digits = 4);

/// A number for an SVG coordinate attribute: one decimal, no trailing ".0".
std::string format_px(double px);

}  // namespace aifsim::report
