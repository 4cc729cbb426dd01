// SPDX-License-Identifier: Apache-2.0
// WeatherSeries sampling and year mapping, gap filling, and the CSV plumbing of the readers.
#include "sim/weather/weather_series.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <utility>

#include "sim/core/error.h"
#include "sim/core/units.h"

namespace aifsim::weather {
namespace {

constexpr std::int64_t kDayS = 86400;

std::int64_t local_midnight_jan1_unix_s(std::int64_t year, int utc_offset_s) {
  return days_from_civil(year, 1, 1) * kDayS - utc_offset_s;
}

double lerp(double a, double b, double f) { return a + (b - a) * f; }

}  // namespace

WeatherSeries::WeatherSeries(std::vector<std::int64_t> unix_s, std::vector<WeatherSample> samples,
                             int utc_offset_s, std::size_t flagged_hours, std::string source)
    : unix_s_(std::move(unix_s)),
      samples_(std::move(samples)),
      utc_offset_s_(utc_offset_s),
      flagged_hours_(flagged_hours),
      source_(std::move(source)),
      year_(0),
      whole_year_(false) {
  if (unix_s_.empty()) throw std::invalid_argument("WeatherSeries: no readings");
  if (unix_s_.size() != samples_.size()) {
    throw std::invalid_argument("WeatherSeries: times and samples differ in length");
  }
  if (std::adjacent_find(unix_s_.begin(), unix_s_.end(),
                         [](std::int64_t a, std::int64_t b) { return b <= a; }) != unix_s_.end()) {
    throw std::invalid_argument("WeatherSeries: times must be strictly increasing");
  }
  const int first_year = local_time(unix_s_.front(), utc_offset_s_).year;
  const int last_year = local_time(unix_s_.back(), utc_offset_s_).year;
  year_ = first_year;
  for (int y = first_year; y <= last_year; ++y) {
    if (unix_s_.front() <= local_midnight_jan1_unix_s(y, utc_offset_s_) + kClampS &&
        unix_s_.back() >=
            local_midnight_jan1_unix_s(std::int64_t{y} + 1, utc_offset_s_) - kClampS) {
      year_ = y;
      whole_year_ = true;
      break;
    }
  }
}

WeatherSample WeatherSeries::at(std::int64_t unix_s) const {
  if (unix_s >= unix_s_.front() - kClampS && unix_s <= unix_s_.back() + kClampS) {
    return interpolate(unix_s);
  }
  if (!whole_year_) {
    throw std::out_of_range("weather from " + source_ + " covers " +
                            format_iso8601(unix_s_.front(), utc_offset_s_) + " to " +
                            format_iso8601(unix_s_.back(), utc_offset_s_) + "; " +
                            format_iso8601(unix_s, utc_offset_s_) +
                            " is outside it, and the series is not a whole calendar year that "
                            "other years could be mapped onto");
  }
  const LocalTime lt = local_time(unix_s, utc_offset_s_);
  int day = lt.day;
  if (lt.month == 2 && day == 29 && !is_leap_year(year_)) day = 28;
  const std::int64_t mapped_unix_s = days_from_civil(year_, lt.month, day) * kDayS +
                                     lt.hour * 3600 + lt.minute * 60 + lt.second - utc_offset_s_;
  return interpolate(mapped_unix_s);
}

WeatherSample WeatherSeries::interpolate(std::int64_t unix_s) const {
  if (unix_s <= unix_s_.front()) return samples_.front();
  if (unix_s >= unix_s_.back()) return samples_.back();
  const auto hi = std::upper_bound(unix_s_.begin(), unix_s_.end(), unix_s);
  const auto i = static_cast<std::size_t>(std::distance(unix_s_.begin(), hi));
  const std::int64_t t0 = unix_s_[i - 1];
  const std::int64_t t1 = unix_s_[i];
  const double f = static_cast<double>(unix_s - t0) / static_cast<double>(t1 - t0);
  const WeatherSample& a = samples_[i - 1];
  const WeatherSample& b = samples_[i];
  return WeatherSample{lerp(a.dry_bulb_c, b.dry_bulb_c, f), lerp(a.wet_bulb_c, b.wet_bulb_c, f),
                       lerp(a.relative_humidity, b.relative_humidity, f),
                       lerp(a.dew_point_c, b.dew_point_c, f),
                       lerp(a.pressure_kpa, b.pressure_kpa, f)};
}

std::vector<double> fill_missing(const std::vector<std::int64_t>& unix_s,
                                 const std::vector<std::optional<double>>& values) {
  if (unix_s.size() != values.size()) {
    throw std::invalid_argument("fill_missing: times and values differ in length");
  }
  const std::size_t n = values.size();
  // next_present[i]: the first index >= i holding a value, n when none.
  std::vector<std::size_t> next_present(n + 1, n);
  for (std::size_t i = n; i-- > 0;) next_present[i] = values[i] ? i : next_present[i + 1];
  if (next_present[0] == n) throw std::invalid_argument("fill_missing: no value present");

  std::vector<double> out(n);
  std::optional<std::size_t> prev;
  for (std::size_t i = 0; i < n; ++i) {
    if (values[i]) {
      out[i] = *values[i];
      prev = i;
      continue;
    }
    const std::size_t next = next_present[i];
    if (!prev) {
      out[i] = *values[next];
    } else if (next == n) {
      out[i] = *values[*prev];
    } else {
      const double f = static_cast<double>(unix_s[i] - unix_s[*prev]) /
                       static_cast<double>(unix_s[next] - unix_s[*prev]);
      out[i] = lerp(*values[*prev], *values[next], f);
    }
  }
  return out;
}

namespace detail {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

// part / whole as a percentage with one decimal, e.g. "12.5%".
std::string percent(std::size_t part, std::size_t whole) {
  const double pct = 100.0 * static_cast<double>(part) / static_cast<double>(whole);
  std::string s = std::to_string(static_cast<long long>(pct * 10.0 + 0.5));
  if (s.size() < 2) s.insert(0, 1, '0');
  return s.substr(0, s.size() - 1) + "." + s.back() + "%";
}

}  // namespace

std::vector<CsvLine> read_csv_lines(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path.string() + ": cannot read weather file");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) throw InputError(path.string() + ": cannot read weather file");
  std::string text = std::move(buffer).str();
  if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);

  std::vector<CsvLine> lines;
  std::size_t line_no = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (trim(line).empty()) continue;

    CsvLine row{line_no, {}};
    std::string cell;
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
      const char c = line[i];
      if (quoted) {
        if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
          cell.push_back('"');
          ++i;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.push_back(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.cells.emplace_back(trim(cell));
        cell.clear();
      } else {
        cell.push_back(c);
      }
    }
    if (quoted) {
      throw InputError(path.string() + ":" + std::to_string(line_no) +
                       ": unterminated quoted cell");
    }
    row.cells.emplace_back(trim(cell));
    lines.push_back(std::move(row));
  }
  return lines;
}

std::optional<double> parse_number(std::string_view cell) {
  cell = trim(cell);
  if (cell.empty()) return std::nullopt;
  double value = 0.0;
  const auto [ptr, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
  if (ec != std::errc() || ptr != cell.data() + cell.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

std::string header_key(std::string_view cell) {
  cell = trim(cell);
  if (!cell.empty() && cell.back() == ')') {
    const std::size_t open = cell.rfind('(');
    if (open != std::string_view::npos && open > 0) cell = trim(cell.substr(0, open));
  }
  std::string key(cell);
  for (char& c : key) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return key;
}

std::optional<std::size_t> find_column(const std::vector<std::string>& header,
                                       std::string_view key) {
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (header_key(header[i]) == key) return i;
  }
  return std::nullopt;
}

void fail(const std::filesystem::path& path, std::size_t line_no, const std::string& message) {
  throw InputError(path.string() + ":" + std::to_string(line_no) + ": " + message);
}

void check_cell_count(const std::filesystem::path& path, const CsvLine& line,
                      std::size_t header_cells) {
  if (line.cells.size() != header_cells) {
    fail(path, line.line_no,
         "expected " + std::to_string(header_cells) + " cells as in the header, got " +
             std::to_string(line.cells.size()));
  }
}

void check_missing_share(const std::filesystem::path& path, const std::string& column,
                         std::size_t missing, std::size_t total, std::string_view unit,
                         std::string_view state) {
  if (static_cast<double>(missing) > kMaxFlaggedFraction * static_cast<double>(total)) {
    throw InputError(path.string() + ": column " + column + ": " + std::to_string(missing) +
                     " of " + std::to_string(total) + " " + std::string(unit) + " (" +
                     percent(missing, total) + ") are " + std::string(state) +
                     "; at most 10% may be");
  }
}

}  // namespace detail
}  // namespace aifsim::weather
