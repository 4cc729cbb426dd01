// SPDX-License-Identifier: Apache-2.0
// An RFC 4180 record scanner over the whole file's bytes (a run directory's CSVs are small
// enough to read at once: 35 MB for a day at 1 s ticks).
#include "sim/report/csv_table.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <iterator>

#include "sim/core/error.h"
#include "sim/output/join.h"

namespace aifsim::report {
namespace {

using output::detail::join;

[[noreturn]] void fail_at(const std::filesystem::path& path, std::size_t line, std::string_view what) {
  throw InputError(join({path.string(), ":", std::to_string(line), ": ", what}));
}

std::string read_bytes(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw InputError(join({path.string(), ": missing"}));
  if (!std::filesystem::is_regular_file(path, ec)) throw InputError(join({path.string(), ": not a file"}));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(join({path.string(), ": cannot be read"}));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw InputError(join({path.string(), ": cannot be read"}));
  return text;
}

}  // namespace

void read_csv(const std::filesystem::path& path, const std::function<void(const CsvRecord&)>& on_record) {
  std::string text = read_bytes(path);
  if (text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);  // a BOM from a spreadsheet's re-save
  CsvRecord record;
  std::size_t header_cells = 0;
  bool have_header = false;
  std::size_t line = 1;
  std::size_t i = 0;
  const std::size_t n = text.size();
  while (i < n) {
    record.line = line;
    record.cells.clear();
    // One record: cells up to an unquoted line break or the end of the file.
    while (true) {
      std::string cell;
      if (i < n && text[i] == '"') {
        const std::size_t opened_on = line;
        ++i;
        while (true) {
          if (i >= n) fail_at(path, opened_on, "unterminated quoted cell");
          if (text[i] == '"') {
            if (i + 1 < n && text[i + 1] == '"') {
              cell += '"';
              i += 2;
              continue;
            }
            ++i;
            break;
          }
          if (text[i] == '\n') ++line;
          cell += text[i++];
        }
        if (i + 1 < n && text[i] == '\r' && text[i + 1] == '\n') ++i;
      } else {
        const std::size_t end = text.find_first_of(",\n", i);
        const std::size_t stop = end == std::string::npos ? n : end;
        cell.assign(text, i, stop - i);
        if (!cell.empty() && cell.back() == '\r') cell.pop_back();
        i = stop;
      }
      record.cells.push_back(std::move(cell));
      if (i < n && text[i] == ',') {
        ++i;
        continue;
      }
      if (i < n && text[i] != '\n') fail_at(path, line, "text after a quoted cell");
      break;
    }
    ++i;  // past the line break (or the end)
    ++line;
    const bool blank = record.cells.size() == 1 && record.cells[0].empty();
    if (blank) continue;
    if (!have_header) {
      header_cells = record.cells.size();
      have_header = true;
    } else if (record.cells.size() != header_cells) {
      fail_at(path, record.line,
              join({std::to_string(record.cells.size()), " cells, the header has ", std::to_string(header_cells)}));
    }
    on_record(record);
  }
  if (!have_header) throw InputError(join({path.string(), ": empty (expected a header row)"}));
}

std::optional<std::size_t> find_column(const CsvRecord& header, std::string_view name) {
  const auto it = std::find(header.cells.begin(), header.cells.end(), name);
  if (it == header.cells.end()) return std::nullopt;
  return static_cast<std::size_t>(it - header.cells.begin());
}

double number_cell(const std::filesystem::path& path, const CsvRecord& record, std::size_t column,
                   std::string_view column_name) {
  const std::string& cell = record.cells.at(column);
  if (cell.empty()) return std::numeric_limits<double>::quiet_NaN();
  if (cell == "inf") return std::numeric_limits<double>::infinity();
  if (cell == "-inf") return -std::numeric_limits<double>::infinity();
  double value = 0;
  const char* end = cell.data() + cell.size();
  const auto [ptr, ec] = std::from_chars(cell.data(), end, value);
  if (ec != std::errc() || ptr != end)
    fail_at(path, record.line, join({column_name, ": not a number ('", cell, "')"}));
  return value;
}

}  // namespace aifsim::report
