// SPDX-License-Identifier: Apache-2.0
// Reads back the CSV files of a run directory (timeseries.csv, events.csv, racks*.csv) as
// aifsim's writer makes them: RFC 4180, so a quoted cell may hold commas, quotes and line
// breaks (an event's detail). Records stream to a callback, so a day at 1 s ticks (86,400
// rows) is never held as text cells.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace aifsim::report {

/// One record: the line it starts on (1-based) and its cells, unquoted.
struct CsvRecord {
  std::size_t line = 0;
  std::vector<std::string> cells;
};

/// Calls `on_record` for the header and then every record of `path`, in order, each with as
/// many cells as the header. Throws InputError with one line naming the file: "PATH: missing",
/// "PATH: cannot be read", "PATH: empty (expected a header row)", "PATH:LINE: unterminated
/// quoted cell", "PATH:LINE: N cells, the header has M".
void read_csv(const std::filesystem::path& path, const std::function<void(const CsvRecord&)>& on_record);

/// The index of column `name` in a header record; nullopt when it has none.
std::optional<std::size_t> find_column(const CsvRecord& header, std::string_view name);

/// The cell as a number: an empty cell is NaN (the writer's missing value); anything else
/// must be a number and nothing more ("1.5", "-3e+06", "inf"), else InputError
/// "PATH:LINE: COLUMN: not a number ('TEXT')".
double number_cell(const std::filesystem::path& path, const CsvRecord& record, std::size_t column,
                   std::string_view column_name);

}  // namespace aifsim::report
