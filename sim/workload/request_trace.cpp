// SPDX-License-Identifier: Apache-2.0
// Reads LLM inference request traces (Azure CSV, Mooncake JSONL, generic CSV) and replays them.
#include "sim/workload/request_trace.h"

#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <utility>

#include "sim/core/error.h"
#include "sim/core/units.h"

namespace aifsim::workload {
namespace {

[[noreturn]] void fail(const std::filesystem::path& path, std::size_t line_no,
                       std::string_view message) {
  throw InputError(path.string() + ":" + std::to_string(line_no) + ": " + std::string(message));
}

[[noreturn]] void fail_cell(const std::filesystem::path& path, std::size_t line_no,
                            std::string_view column, std::string_view message) {
  fail(path, line_no, std::string(column) + ": " + std::string(message));
}

std::ifstream open_or_throw(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path.string() + ": cannot open file");
  return in;
}

// One physical line without its line end ("\n" or "\r\n"); a UTF-8 BOM on line 1 is dropped.
bool next_line(std::istream& in, std::string& line, std::size_t& line_no) {
  if (!std::getline(in, line)) return false;
  ++line_no;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line_no == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
  return true;
}

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t");
  return s.substr(first, last - first + 1);
}

bool is_blank(std::string_view s) { return trim(s).empty(); }

std::vector<std::string_view> split_commas(std::string_view line) {
  std::vector<std::string_view> cells;
  std::size_t start = 0;
  while (true) {
    const auto comma = line.find(',', start);
    if (comma == std::string_view::npos) {
      cells.push_back(trim(line.substr(start)));
      return cells;
    }
    cells.push_back(trim(line.substr(start, comma - start)));
    start = comma + 1;
  }
}

std::int64_t parse_tokens(const std::filesystem::path& path, std::size_t line_no,
                          std::string_view column, std::string_view cell) {
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), v);
  if (cell.empty() || ec != std::errc() || end != cell.data() + cell.size()) {
    fail_cell(path, line_no, column, "not an integer: '" + std::string(cell) + "'");
  }
  if (v < 0) fail_cell(path, line_no, column, "must be >= 0 (got " + std::string(cell) + ")");
  return v;
}

double parse_seconds(const std::filesystem::path& path, std::size_t line_no,
                     std::string_view column, std::string_view cell) {
  double v = 0.0;
  const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), v);
  if (cell.empty() || ec != std::errc() || end != cell.data() + cell.size() || !std::isfinite(v)) {
    fail_cell(path, line_no, column, "not a number: '" + std::string(cell) + "'");
  }
  return v;
}

// Nanoseconds since the Unix epoch of "YYYY-MM-DD{ |T}hh:mm:ss[.f{1,9}]" (no zone), exactly.
std::optional<std::int64_t> parse_wall_clock_ns(std::string_view text) {
  constexpr std::size_t kBase = 19;  // "YYYY-MM-DD hh:mm:ss"
  if (text.size() < kBase) return std::nullopt;
  const std::string_view base = text.substr(0, kBase);
  const auto start = parse_iso8601(base);
  if (!start || start->utc_offset_s) return std::nullopt;
  std::int64_t frac_ns = 0;
  const std::string_view rest = text.substr(kBase);
  if (!rest.empty()) {
    const std::string_view digits = rest.substr(1);
    if (rest[0] != '.' || digits.empty() || digits.size() > 9) return std::nullopt;
    std::int64_t scale = 1'000'000'000;
    for (const char c : digits) {
      if (c < '0' || c > '9') return std::nullopt;
      scale /= 10;
      frac_ns += (c - '0') * scale;
    }
  }
  // Nanoseconds since 1970 fit an int64 only from 1677 to 2262: refuse, do not wrap.
  std::int64_t ns = 0;
  if (__builtin_mul_overflow(start->unix_s, std::int64_t{1'000'000'000}, &ns) ||
      __builtin_add_overflow(ns, frac_ns, &ns))
    return std::nullopt;
  return ns;
}

// A CSV file's header: the column index of each required name.
std::vector<std::size_t> find_columns(const std::filesystem::path& path,
                                      const std::vector<std::string_view>& header,
                                      const std::vector<std::string_view>& required) {
  std::vector<std::size_t> index;
  for (const auto name : required) {
    std::size_t i = 0;
    while (i < header.size() && header[i] != name) ++i;
    if (i == header.size()) fail(path, 1, "missing column '" + std::string(name) + "'");
    index.push_back(i);
  }
  return index;
}

void check_order(const std::filesystem::path& path, std::size_t line_no, std::string_view column,
                 bool decreasing, std::size_t previous_line) {
  if (decreasing) {
    fail_cell(path, line_no, column,
              "time goes backwards (earlier than line " + std::to_string(previous_line) + ")");
  }
}

RequestTrace finish(std::vector<TraceRequest> requests, std::string format,
                    const std::filesystem::path& path) {
  if (requests.empty()) throw InputError(path.string() + ": no requests");
  RequestTrace trace;
  trace.requests = std::move(requests);
  trace.duration_s = trace_loop_period_s(trace.requests);
  trace.format = std::move(format);
  trace.source = path.string();
  return trace;
}

// Reads a headed CSV whose first three required columns are (time, input, output); `to_time`
// turns the time cell into a sortable value and `to_seconds` that value into seconds after
// the first row's value.
template <typename TimeValue, typename ToTime, typename ToSeconds>
RequestTrace read_csv(const std::filesystem::path& path, const std::string& format,
                      const std::vector<std::string_view>& required, ToTime to_time,
                      ToSeconds to_seconds) {
  auto in = open_or_throw(path);
  std::string line;
  std::size_t line_no = 0;
  if (!next_line(in, line, line_no)) fail(path, 1, "empty file (expected a header)");
  const std::string header_text = line;
  const auto header = split_commas(header_text);
  const auto col = find_columns(path, header, required);

  std::vector<TraceRequest> requests;
  std::optional<TimeValue> first, previous;
  std::size_t previous_line = 0;
  while (next_line(in, line, line_no)) {
    if (is_blank(line)) continue;
    const auto cells = split_commas(line);
    if (cells.size() != header.size()) {
      fail(path, line_no,
           "expected " + std::to_string(header.size()) + " cells like the header, got " +
               std::to_string(cells.size()));
    }
    const TimeValue t = to_time(line_no, cells[col[0]]);
    const std::int64_t input = parse_tokens(path, line_no, required[1], cells[col[1]]);
    const std::int64_t output = parse_tokens(path, line_no, required[2], cells[col[2]]);
    if (previous) check_order(path, line_no, required[0], t < *previous, previous_line);
    if (!first) first = t;
    previous = t;
    previous_line = line_no;
    requests.push_back(TraceRequest{to_seconds(t, *first), input, output});
  }
  return finish(std::move(requests), format, path);
}

std::int64_t json_tokens(const std::filesystem::path& path, std::size_t line_no,
                         const nlohmann::json& row, const char* key) {
  const auto it = row.find(key);
  if (it == row.end()) fail(path, line_no, std::string("missing key '") + key + "'");
  if (it->is_number_unsigned()) {
    const auto v = it->get<std::uint64_t>();
    if (v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
      fail_cell(path, line_no, key, "too large");
    return static_cast<std::int64_t>(v);
  }
  if (it->is_number_integer()) {
    const auto v = it->get<std::int64_t>();
    if (v < 0) fail_cell(path, line_no, key, "must be >= 0 (got " + std::to_string(v) + ")");
    return v;
  }
  fail_cell(path, line_no, key, "not an integer: " + it->dump());
}

}  // namespace

double trace_loop_period_s(const std::vector<TraceRequest>& requests) {
  if (requests.size() < 2) return 0.0;
  const double span = requests.back().time_s - requests.front().time_s;
  const double mean_gap = span / static_cast<double>(requests.size() - 1);
  return requests.back().time_s + mean_gap;
}

RequestTrace read_azure_trace(const std::filesystem::path& path) {
  const auto to_time = [&path](std::size_t line_no, std::string_view cell) {
    const auto ns = parse_wall_clock_ns(cell);
    if (!ns) {
      fail_cell(path, line_no, "TIMESTAMP",
                "not a date-time 'YYYY-MM-DD hh:mm:ss[.fffffff]' from 1678 to 2261: '" + std::string(cell) + "'");
    }
    return *ns;
  };
  const auto to_seconds = [](std::int64_t ns, std::int64_t first_ns) {
    const std::int64_t d = ns - first_ns;  // split so whole seconds stay exact in a double
    return static_cast<double>(d / 1'000'000'000) + static_cast<double>(d % 1'000'000'000) * 1e-9;
  };
  return read_csv<std::int64_t>(path, "azure", {"TIMESTAMP", "ContextTokens", "GeneratedTokens"},
                                to_time, to_seconds);
}

RequestTrace read_generic_request_csv(const std::filesystem::path& path) {
  const auto to_time = [&path](std::size_t line_no, std::string_view cell) {
    return parse_seconds(path, line_no, "time_s", cell);
  };
  const auto to_seconds = [](double t, double first) { return t - first; };
  return read_csv<double>(path, "generic", {"time_s", "input_tokens", "output_tokens"}, to_time,
                          to_seconds);
}

RequestTrace read_mooncake_trace(const std::filesystem::path& path) {
  auto in = open_or_throw(path);
  std::string line;
  std::size_t line_no = 0;
  std::vector<TraceRequest> requests;
  std::optional<double> first_ms, previous_ms;
  std::size_t previous_line = 0;
  while (next_line(in, line, line_no)) {
    if (is_blank(line)) continue;
    nlohmann::json row;
    try {
      row = nlohmann::json::parse(line);
    } catch (const nlohmann::json::parse_error&) {
      fail(path, line_no, "not a JSON object (invalid JSON)");
    }
    if (!row.is_object()) fail(path, line_no, "not a JSON object");
    const auto ts = row.find("timestamp");
    if (ts == row.end()) fail(path, line_no, "missing key 'timestamp'");
    if (!ts->is_number()) fail_cell(path, line_no, "timestamp", "not a number: " + ts->dump());
    const double ms = ts->get<double>();
    if (!std::isfinite(ms)) fail_cell(path, line_no, "timestamp", "not finite");
    const std::int64_t input = json_tokens(path, line_no, row, "input_length");
    const std::int64_t output = json_tokens(path, line_no, row, "output_length");
    if (previous_ms) check_order(path, line_no, "timestamp", ms < *previous_ms, previous_line);
    if (!first_ms) first_ms = ms;
    previous_ms = ms;
    previous_line = line_no;
    requests.push_back(TraceRequest{(ms - *first_ms) / 1000.0, input, output});
  }
  return finish(std::move(requests), "mooncake", path);
}

void write_generic_request_csv(const RequestTrace& trace, const std::filesystem::path& path) {
  std::ofstream out(path, std::ios::binary);
  if (!out) throw InputError(path.string() + ": cannot write file");
  out << "time_s,input_tokens,output_tokens\n";
  char buf[32];
  for (const auto& r : trace.requests) {
    const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, r.time_s);
    out << std::string_view(buf, ec == std::errc() ? static_cast<std::size_t>(end - buf) : 0) << ','
        << r.input_tokens << ',' << r.output_tokens << '\n';
  }
  out.flush();
  if (!out) throw InputError(path.string() + ": cannot write file");
}

RequestTrace read_request_trace(const std::filesystem::path& path, std::string_view format) {
  if (format == "azure") return read_azure_trace(path);
  if (format == "mooncake") return read_mooncake_trace(path);
  if (format == "generic") return read_generic_request_csv(path);
  if (format != "auto") {
    throw InputError(path.string() + ": unknown request trace format '" + std::string(format) +
                     "' (expected azure, mooncake, generic or auto)");
  }
  std::string first;
  {
    auto in = open_or_throw(path);
    std::size_t line_no = 0;
    next_line(in, first, line_no);
  }
  const std::string_view head = trim(first);
  if (head.starts_with('{')) return read_mooncake_trace(path);
  bool azure = false, generic = false;
  for (const auto cell : split_commas(head)) {
    azure = azure || cell == "TIMESTAMP" || cell == "ContextTokens";
    generic = generic || cell == "time_s";
  }
  if (azure) return read_azure_trace(path);
  if (generic) return read_generic_request_csv(path);
  fail(path, 1,
       "unknown request trace format (expected a Mooncake JSON object per line, an Azure CSV "
       "header with TIMESTAMP,ContextTokens,GeneratedTokens or a generic CSV header with "
       "time_s,input_tokens,output_tokens)");
}

TraceReplay::TraceReplay(RequestTrace trace, double time_scale, bool loop)
    : trace_(std::move(trace)), time_scale_(time_scale), loop_(loop) {
  if (trace_.requests.empty()) throw std::invalid_argument("TraceReplay: empty trace");
  if (!(time_scale_ > 0.0) || !std::isfinite(time_scale_)) {
    throw std::invalid_argument("TraceReplay: time_scale must be finite and > 0");
  }
  for (std::size_t i = 1; i < trace_.requests.size(); ++i) {
    if (trace_.requests[i].time_s < trace_.requests[i - 1].time_s) {
      throw std::invalid_argument("TraceReplay: request times must be non-decreasing");
    }
  }
  if (loop_ && (!(trace_.duration_s > 0.0) || !std::isfinite(trace_.duration_s) ||
                trace_.duration_s < trace_.requests.back().time_s)) {
    throw std::invalid_argument(
        "a looped replay needs requests spread over time (all " + std::to_string(trace_.requests.size()) +
        " arrive at once); set arrivals.loop: false to replay it once");
  }
}

std::optional<TraceRequest> TraceReplay::next() {
  if (index_ == trace_.requests.size()) {
    if (!loop_) return std::nullopt;
    index_ = 0;
    ++loop_count_;
  }
  TraceRequest r = trace_.requests[index_++];
  r.time_s = (static_cast<double>(loop_count_) * trace_.duration_s + r.time_s) * time_scale_;
  ++emitted_;
  return r;
}

TokenSizeSampler::TokenSizeSampler(const RequestTrace& trace) {
  if (trace.requests.empty()) throw std::invalid_argument("TokenSizeSampler: empty trace");
  sizes_.reserve(trace.requests.size());
  for (const auto& r : trace.requests)
    sizes_.push_back(TraceRequest{0.0, r.input_tokens, r.output_tokens});
}

TraceRequest TokenSizeSampler::sample(aifsim::RandomStream& rng) const {
  return sizes_[static_cast<std::size_t>(rng.uniform_int(sizes_.size()))];
}

}  // namespace aifsim::workload
