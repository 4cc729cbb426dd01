// SPDX-License-Identifier: Apache-2.0
// CSV formatting and the streaming writer; numbers go through std::to_chars so the same
// simulation produces the same bytes whatever the user's locale.
#include "sim/output/csv_writer.h"

#include <array>
#include <charconv>
#include <cmath>
#include <stdexcept>
#include <system_error>
#include <utility>

#include "sim/output/join.h"

namespace aifsim::output {
namespace {

// Longest shortest-round-trip double is 24 chars ("-2.2250738585072014e-308"); 32 is ample.
constexpr std::size_t kNumberBufferSize = 32;

using detail::join;

void append_number(std::string& out, double value) {
  if (std::isnan(value)) {
    return;
  }
  if (value == 0.0) {
    value = 0.0;  // drops the sign of -0.0
  }
  std::array<char, kNumberBufferSize> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  out.append(buffer.data(), result.ptr);
}

template <typename Int>
void append_integer(std::string& out, Int value) {
  std::array<char, kNumberBufferSize> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  out.append(buffer.data(), result.ptr);
}

void append_text(std::string& out, std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
    out.append(text);
    return;
  }
  out.push_back('"');
  for (const char c : text) {
    if (c == '"') {
      out.push_back('"');
    }
    out.push_back(c);
  }
  out.push_back('"');
}

}  // namespace

std::string format_number(double value) {
  std::string out;
  append_number(out, value);
  return out;
}

void CsvRow::begin_cell() {
  if (cells_ > 0) {
    text_.push_back(',');
  }
  ++cells_;
}

CsvRow& CsvRow::add(double value) {
  begin_cell();
  append_number(text_, value);
  return *this;
}

CsvRow& CsvRow::add(std::string_view text) {
  begin_cell();
  append_text(text_, text);
  return *this;
}

CsvRow& CsvRow::add_signed(std::int64_t value) {
  begin_cell();
  append_integer(text_, value);
  return *this;
}

CsvRow& CsvRow::add_unsigned(std::uint64_t value) {
  begin_cell();
  append_integer(text_, value);
  return *this;
}

CsvRow& CsvRow::add_empty() {
  begin_cell();
  return *this;
}

void CsvRow::clear() {
  text_.clear();
  cells_ = 0;
}

CsvWriter::CsvWriter(const std::filesystem::path& path, std::vector<std::string> columns,
                     CsvOptions options)
    : file_(path), columns_(std::move(columns)), options_(options) {
  if (columns_.empty()) {
    throw std::invalid_argument(join({"CsvWriter for '", path.native(), "': no columns"}));
  }
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    if (i > 0) {
      line_.push_back(',');
    }
    append_text(line_, columns_[i]);
  }
  finish_line();
}

void CsvWriter::check_cell_count(std::size_t cells) const {
  if (cells != columns_.size()) {
    throw std::invalid_argument(join({"CsvWriter for '", file_.path().native(), "': row ",
                                      std::to_string(rows_ + 1), " has ", std::to_string(cells),
                                      " cells, expected ", std::to_string(columns_.size())}));
  }
}

void CsvWriter::write_row(std::span<const double> values) {
  check_cell_count(values.size());
  line_.clear();  // a previous write that threw may have left a partial line
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) {
      line_.push_back(',');
    }
    append_number(line_, values[i]);
  }
  finish_line();
  ++rows_;
}

void CsvWriter::write_row(const CsvRow& row) {
  check_cell_count(row.size());
  line_.assign(row.text());
  finish_line();
  ++rows_;
}

void CsvWriter::finish_line() {
  line_.push_back('\n');
  file_.write(line_);
  line_.clear();
  if (options_.flush_each_row) {
    file_.flush();
  }
}

void CsvWriter::flush() { file_.flush(); }

void CsvWriter::commit() { file_.commit(); }

}  // namespace aifsim::output
