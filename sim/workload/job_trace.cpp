// SPDX-License-Identifier: Apache-2.0
// Readers for GPU job traces (Alibaba GPU pod trace, aifsim job CSV) and their totals.
#include "sim/workload/job_trace.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <optional>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "sim/core/error.h"

namespace aifsim::workload {
namespace {

/// One non-blank line of a CSV file, split into trimmed cells.
struct CsvRow {
  std::size_t line_no;  ///< 1-based line in the file
  std::vector<std::string> cells;
};

/// A CSV file: its header row and data rows.
struct CsvTable {
  CsvRow header;
  std::vector<CsvRow> rows;
};

[[noreturn]] void fail(const std::filesystem::path& path, std::size_t line_no,
                       const std::string& message) {
  throw InputError(path.string() + ":" + std::to_string(line_no) + ": " + message);
}

[[noreturn]] void fail_cell(const std::filesystem::path& path, std::size_t line_no,
                            std::string_view column, const std::string& message) {
  fail(path, line_no, "column " + std::string(column) + ": " + message);
}

std::string trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t");
  return std::string(s.substr(first, last - first + 1));
}

// Splits one line on commas; a cell may be double-quoted, with "" for a quote inside.
std::vector<std::string> split_csv_line(const std::filesystem::path& path, std::size_t line_no,
                                        std::string_view line) {
  std::vector<std::string> cells;
  std::size_t i = 0;
  while (true) {
    std::string cell;
    std::size_t j = i;
    while (j < line.size() && (line[j] == ' ' || line[j] == '\t')) ++j;
    if (j < line.size() && line[j] == '"') {
      ++j;
      bool closed = false;
      while (j < line.size()) {
        if (line[j] == '"') {
          if (j + 1 < line.size() && line[j + 1] == '"') {
            cell += '"';
            j += 2;
          } else {
            closed = true;
            ++j;
            break;
          }
        } else {
          cell += line[j++];
        }
      }
      if (!closed) fail(path, line_no, "unterminated quoted cell");
      while (j < line.size() && (line[j] == ' ' || line[j] == '\t')) ++j;
      if (j < line.size() && line[j] != ',') fail(path, line_no, "text after a quoted cell");
      cells.push_back(std::move(cell));
    } else {
      const std::size_t comma = line.find(',', i);
      const std::size_t end = comma == std::string_view::npos ? line.size() : comma;
      cells.push_back(trim(line.substr(i, end - i)));
      j = end;
    }
    if (j >= line.size()) break;
    i = j + 1;  // past the comma
  }
  return cells;
}

CsvTable read_csv(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path.string() + ": cannot open file");
  CsvTable table{{1, {}}, {}};
  bool have_header = false;
  std::string line;
  std::size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line_no == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // UTF-8 BOM
    if (trim(line).empty()) continue;
    CsvRow row{line_no, split_csv_line(path, line_no, line)};
    if (!have_header) {
      table.header = std::move(row);
      have_header = true;
    } else {
      table.rows.push_back(std::move(row));
    }
  }
  if (in.bad()) throw InputError(path.string() + ": cannot read file");
  if (!have_header) fail(path, 1, "empty file (expected a header row)");
  return table;
}

std::optional<std::size_t> find_column(const CsvRow& header, std::string_view name) {
  const auto it = std::find(header.cells.begin(), header.cells.end(), name);
  if (it == header.cells.end()) return std::nullopt;
  return static_cast<std::size_t>(it - header.cells.begin());
}

void check_unique_columns(const std::filesystem::path& path, const CsvRow& header) {
  for (std::size_t a = 0; a < header.cells.size(); ++a) {
    if (header.cells[a].empty()) continue;
    for (std::size_t b = a + 1; b < header.cells.size(); ++b) {
      if (header.cells[a] == header.cells[b]) {
        fail_cell(path, header.line_no, header.cells[a], "appears twice in the header");
      }
    }
  }
}

std::size_t required_column(const std::filesystem::path& path, const CsvRow& header,
                            std::string_view name) {
  const std::optional<std::size_t> col = find_column(header, name);
  if (!col) fail_cell(path, header.line_no, name, "missing from the header");
  return *col;
}

void check_cell_count(const std::filesystem::path& path, const CsvRow& row,
                      std::size_t header_cells) {
  if (row.cells.size() != header_cells) {
    fail(path, row.line_no,
         "expected " + std::to_string(header_cells) + " cells like the header, got " +
             std::to_string(row.cells.size()));
  }
}

// A finite decimal number filling the whole cell.
std::optional<double> parse_number(std::string_view cell) {
  if (cell.empty()) return std::nullopt;
  if (cell.front() == '+') cell.remove_prefix(1);
  double v = 0.0;
  const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), v);
  if (ec != std::errc() || end != cell.data() + cell.size() || !std::isfinite(v)) {
    return std::nullopt;
  }
  return v;
}

double number_cell(const std::filesystem::path& path, std::size_t line_no,
                   std::string_view column, const std::string& cell) {
  if (cell.empty()) fail_cell(path, line_no, column, "empty (expected a number)");
  const std::optional<double> v = parse_number(cell);
  if (!v) fail_cell(path, line_no, column, "not a number ('" + cell + "')");
  return *v;
}

// A whole number, >= lo when lo is given.
int whole_cell(const std::filesystem::path& path, std::size_t line_no, std::string_view column,
               const std::string& cell, std::optional<int> lo) {
  const double v = number_cell(path, line_no, column, cell);
  const std::string rule =
      lo ? "must be a whole number >= " + std::to_string(*lo) : std::string("must be a whole number");
  if (v != std::floor(v) || std::fabs(v) > 1e9 || (lo && v < *lo)) {
    fail_cell(path, line_no, column, rule + " (got " + cell + ")");
  }
  return static_cast<int>(v);
}

void sort_by_arrival(JobTrace& trace) {
  std::stable_sort(trace.jobs.begin(), trace.jobs.end(),
                   [](const TraceJob& a, const TraceJob& b) { return a.arrival_s < b.arrival_s; });
}

// QoS class of an Alibaba pod -> priority (higher first).
std::optional<int> qos_priority(std::string_view qos) {
  if (qos == "LS") return 3;  // latency-sensitive
  if (qos == "Guaranteed") return 2;
  if (qos == "Burstable") return 1;
  if (qos == "BE") return 0;  // best effort
  return std::nullopt;
}

JobTrace parse_alibaba(const std::filesystem::path& path, const CsvTable& table) {
  const CsvRow& header = table.header;
  check_unique_columns(path, header);
  const std::size_t name_col = required_column(path, header, "name");
  const std::size_t num_gpu_col = required_column(path, header, "num_gpu");
  const std::size_t gpu_milli_col = required_column(path, header, "gpu_milli");
  const std::size_t qos_col = required_column(path, header, "qos");
  const std::size_t creation_col = required_column(path, header, "creation_time");
  const std::size_t deletion_col = required_column(path, header, "deletion_time");
  const std::size_t scheduled_col = required_column(path, header, "scheduled_time");

  JobTrace trace;
  trace.format = std::string(kAlibabaPodFormat);
  trace.source = path.string();
  trace.jobs.reserve(table.rows.size());
  for (const CsvRow& row : table.rows) {
    check_cell_count(path, row, header.cells.size());
    const auto& c = row.cells;
    const std::size_t ln = row.line_no;
    if (c[name_col].empty()) fail_cell(path, ln, "name", "empty (expected a pod name)");
    const int num_gpu = whole_cell(path, ln, "num_gpu", c[num_gpu_col], 0);
    const int gpu_milli = whole_cell(path, ln, "gpu_milli", c[gpu_milli_col], 0);
    if (gpu_milli > 1000) {
      fail_cell(path, ln, "gpu_milli", "must be within [0, 1000] (got " + c[gpu_milli_col] + ")");
    }
    const std::optional<int> priority = qos_priority(c[qos_col]);
    if (!priority) {
      fail_cell(path, ln, "qos",
                "unknown QoS '" + c[qos_col] + "' (expected LS, Guaranteed, Burstable or BE)");
    }
    const double creation = number_cell(path, ln, "creation_time", c[creation_col]);
    if (creation < 0) {
      fail_cell(path, ln, "creation_time", "must be >= 0 (got " + c[creation_col] + ")");
    }
    // Empty scheduled/deletion times are legal: the pod was never placed (Pending).
    std::optional<double> scheduled, deletion;
    if (!c[scheduled_col].empty()) {
      scheduled = number_cell(path, ln, "scheduled_time", c[scheduled_col]);
    }
    if (!c[deletion_col].empty()) {
      deletion = number_cell(path, ln, "deletion_time", c[deletion_col]);
    }
    if (num_gpu == 0 || !scheduled || !deletion || *deletion - *scheduled <= 0) {
      ++trace.skipped;
      continue;
    }
    TraceJob job;
    job.name = c[name_col];
    job.arrival_s = creation;
    job.duration_s = *deletion - *scheduled;
    job.gpus = num_gpu;
    job.gpu_share =
        (num_gpu == 1 && gpu_milli > 0 && gpu_milli < 1000) ? gpu_milli / 1000.0 : 1.0;
    job.priority = *priority;
    trace.jobs.push_back(std::move(job));
  }
  sort_by_arrival(trace);
  return trace;
}

JobTrace parse_generic(const std::filesystem::path& path, const CsvTable& table) {
  const CsvRow& header = table.header;
  check_unique_columns(path, header);
  const std::size_t arrival_col = required_column(path, header, "arrival_s");
  const std::size_t duration_col = required_column(path, header, "duration_s");
  const std::size_t gpus_col = required_column(path, header, "gpus");
  const std::optional<std::size_t> name_col = find_column(header, "name");
  const std::optional<std::size_t> priority_col = find_column(header, "priority");
  const std::optional<std::size_t> share_col = find_column(header, "gpu_share");

  JobTrace trace;
  trace.format = std::string(kGenericJobFormat);
  trace.source = path.string();
  trace.jobs.reserve(table.rows.size());
  for (std::size_t i = 0; i < table.rows.size(); ++i) {
    const CsvRow& row = table.rows[i];
    check_cell_count(path, row, header.cells.size());
    const auto& c = row.cells;
    const std::size_t ln = row.line_no;
    TraceJob job;
    job.name = name_col && !c[*name_col].empty() ? c[*name_col] : "job-" + std::to_string(i);
    job.arrival_s = number_cell(path, ln, "arrival_s", c[arrival_col]);
    if (job.arrival_s < 0) {
      fail_cell(path, ln, "arrival_s", "must be >= 0 (got " + c[arrival_col] + ")");
    }
    job.duration_s = number_cell(path, ln, "duration_s", c[duration_col]);
    if (job.duration_s <= 0) {
      fail_cell(path, ln, "duration_s", "must be > 0 (got " + c[duration_col] + ")");
    }
    job.gpus = whole_cell(path, ln, "gpus", c[gpus_col], 1);
    if (share_col && !c[*share_col].empty()) {
      job.gpu_share = number_cell(path, ln, "gpu_share", c[*share_col]);
      if (job.gpu_share <= 0 || job.gpu_share > 1) {
        fail_cell(path, ln, "gpu_share", "must be within (0, 1] (got " + c[*share_col] + ")");
      }
    }
    if (priority_col && !c[*priority_col].empty()) {
      job.priority = whole_cell(path, ln, "priority", c[*priority_col], std::nullopt);
    }
    trace.jobs.push_back(std::move(job));
  }
  sort_by_arrival(trace);
  return trace;
}

std::string number_text(double v) {
  char buf[32];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : std::to_string(v);
}

std::string csv_quote(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos && trim(s) == s) return s;
  std::string out = "\"";
  for (const char ch : s) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + '"';
}

}  // namespace

JobTrace read_alibaba_pod_trace(const std::filesystem::path& path) {
  return parse_alibaba(path, read_csv(path));
}

JobTrace read_generic_job_csv(const std::filesystem::path& path) {
  return parse_generic(path, read_csv(path));
}

JobTrace read_job_trace(const std::filesystem::path& path, std::string_view format) {
  if (format != "auto" && format != kAlibabaPodFormat && format != kGenericJobFormat) {
    throw InputError(path.string() + ": unknown job trace format '" + std::string(format) +
                     "' (expected auto, alibaba_pod or generic)");
  }
  const CsvTable table = read_csv(path);
  if (format == "auto") {
    if (find_column(table.header, "num_gpu") && find_column(table.header, "creation_time")) {
      format = kAlibabaPodFormat;
    } else if (find_column(table.header, "arrival_s")) {
      format = kGenericJobFormat;
    } else {
      fail(path, table.header.line_no,
           "unknown job trace format (expected an Alibaba pod trace header with num_gpu and "
           "creation_time, or a job CSV header with arrival_s,duration_s,gpus)");
    }
  }
  return format == kAlibabaPodFormat ? parse_alibaba(path, table) : parse_generic(path, table);
}

std::string to_generic_job_csv(const JobTrace& trace) {
  std::string out = "name,arrival_s,duration_s,gpus,gpu_share,priority\n";
  for (const TraceJob& j : trace.jobs) {
    out += csv_quote(j.name) + ',' + number_text(j.arrival_s) + ',' + number_text(j.duration_s) +
           ',' + std::to_string(j.gpus) + ',' + number_text(j.gpu_share) + ',' +
           std::to_string(j.priority) + '\n';
  }
  return out;
}

JobTraceStats job_trace_stats(const JobTrace& trace) {
  JobTraceStats s;
  s.jobs = trace.jobs.size();
  for (const TraceJob& j : trace.jobs) {
    s.gpu_hours += j.gpus * j.gpu_share * j.duration_s / 3600.0;
    ++s.jobs_by_gpus[j.gpus];
  }
  if (!trace.jobs.empty()) {
    const auto [lo, hi] = std::minmax_element(
        trace.jobs.begin(), trace.jobs.end(),
        [](const TraceJob& a, const TraceJob& b) { return a.arrival_s < b.arrival_s; });
    s.first_arrival_s = lo->arrival_s;
    s.last_arrival_s = hi->arrival_s;
  }
  return s;
}

}  // namespace aifsim::workload
