// SPDX-License-Identifier: Apache-2.0
// The report's page: one HTML document with its style sheet and a small script (values
// under the pointer) inline, and the table markup the sections share. No external URL, font,
// script or image, so the file can be mailed, archived or opened offline.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace aifsim::report {

/// One table: header cells, rows of cells (already HTML), which columns are numbers.
struct HtmlTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<bool> numeric;  ///< per column (right-aligned); may be shorter than header
  std::string css_class;
};

std::string render_table(const HtmlTable& table);

/// The whole document around `body` (HTML), titled `title` (text).
std::string html_document(std::string_view title, std::string_view body);

}  // namespace aifsim::report
