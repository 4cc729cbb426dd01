// SPDX-License-Identifier: Apache-2.0
// Streaming CSV output (time series, per-rack tables) with byte-for-byte reproducible text:
// locale-independent shortest round-trip numbers, RFC 4180 quoting, written atomically.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "sim/output/atomic_file.h"

namespace aifsim::output {

/// The text every aifsim writer uses for a double: the shortest decimal that parses back to
/// exactly the same value (std::to_chars), independent of the global locale. Integral values
/// have no decimals ("3", "1500"); very large or small ones use an exponent ("1e+21").
/// -0.0 is written "0" (the sign carries no meaning in our outputs and confuses diffs),
/// infinities "inf" / "-inf", NaN the empty string (an empty CSV cell).
std::string format_number(double value);

/// One CSV row under construction. Cells are formatted as they are added.
///
///     CsvRow row;
///     row.add("rack-01").add(int64_t{42}).add(1532.25).add_empty();
class CsvRow {
 public:
  /// A number cell, formatted with format_number (NaN becomes an empty cell).
  CsvRow& add(double value);
  /// A text cell, quoted per RFC 4180 when it holds a comma, quote, CR or LF.
  CsvRow& add(std::string_view text);
  CsvRow& add(const char* text) { return add(std::string_view(text)); }
  /// An integer cell, written without decimals. bool and character types are rejected at
  /// compile time: write them as text or numbers explicitly.
  template <std::integral T>
  CsvRow& add(T value) {
    static_assert(!std::same_as<T, bool> && !std::same_as<T, char> &&
                      !std::same_as<T, signed char> && !std::same_as<T, unsigned char> &&
                      !std::same_as<T, char8_t> && !std::same_as<T, char16_t> &&
                      !std::same_as<T, char32_t> && !std::same_as<T, wchar_t>,
                  "CsvRow::add: convert bool/char cells to text or a number explicitly");
    if constexpr (std::is_signed_v<T>) {
      return add_signed(static_cast<std::int64_t>(value));
    } else {
      return add_unsigned(static_cast<std::uint64_t>(value));
    }
  }
  /// An empty cell (a missing value).
  CsvRow& add_empty();

  /// Number of cells added so far.
  [[nodiscard]] std::size_t size() const { return cells_; }
  /// Empties the row for reuse (keeps its capacity, so a reused row does not allocate).
  void clear();
  /// The row's cells joined with commas, without the line ending.
  [[nodiscard]] const std::string& text() const { return text_; }

 private:
  CsvRow& add_signed(std::int64_t value);
  CsvRow& add_unsigned(std::uint64_t value);
  void begin_cell();

  std::string text_;
  std::size_t cells_ = 0;
};

/// Options for CsvWriter.
struct CsvOptions {
  /// Hand each row to the OS as soon as it is written, so the temporary (`NAME.<pid>-<random>.tmp`) can be watched during a
  /// long run. Off by default: rows are buffered in 64 KiB blocks.
  bool flush_each_row = false;
};

/// A CSV file written row by row through an AtomicFile: `path` appears only on commit().
/// Lines end with "\n". The header row holds the column names (quoted like text cells).
/// Every row must have exactly one cell per column, otherwise write_row throws
/// std::invalid_argument and writes nothing.
class CsvWriter {
 public:
  /// Opens a temporary next to `path` (AtomicFile) and writes the header. Throws
  /// std::invalid_argument for an empty column list, std::runtime_error when the file cannot
  /// be opened.
  CsvWriter(const std::filesystem::path& path, std::vector<std::string> columns,
            CsvOptions options = {});

  /// Writes a row of numbers (NaN cells empty).
  void write_row(std::span<const double> values);
  /// Writes a row built with CsvRow (mixed text and numbers).
  void write_row(const CsvRow& row);

  /// Hands buffered rows to the OS (no fsync); see AtomicFile::flush.
  void flush();
  /// Publishes the file under its final name; see AtomicFile::commit.
  void commit();

  [[nodiscard]] const std::vector<std::string>& columns() const { return columns_; }
  [[nodiscard]] const std::filesystem::path& path() const { return file_.path(); }
  /// Where the rows are until commit() (AtomicFile::temp_path).
  [[nodiscard]] const std::filesystem::path& temp_path() const { return file_.temp_path(); }
  /// Data rows written so far (the header not counted).
  [[nodiscard]] std::size_t rows_written() const { return rows_; }

 private:
  void check_cell_count(std::size_t cells) const;
  void finish_line();

  AtomicFile file_;
  std::vector<std::string> columns_;
  CsvOptions options_;
  std::string line_;
  std::size_t rows_ = 0;
};

}  // namespace aifsim::output
