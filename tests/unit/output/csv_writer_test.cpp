// SPDX-License-Identifier: Apache-2.0
// Tests for CsvWriter: exact bytes, RFC 4180 quoting, locale-free round-trip numbers.
#include "sim/output/csv_writer.h"

#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <limits>
#include <locale>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "tests/test_support.h"

namespace aifsim::output {
namespace {

namespace fs = std::filesystem;
using test::ScratchDir;
using test::read_file;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

TEST(csv_writer_test, writes_small_table_byte_exact) {
  ScratchDir dir;
  const fs::path path = dir.path() / "racks.csv";
  {
    CsvWriter csv(path, {"time_s", "rack", "power_w", "jobs"});
    CsvRow row;
    csv.write_row(row.add(0.0).add("rack-01").add(1532.25).add(std::int64_t{3}));
    row.clear();
    csv.write_row(row.add(1.5).add("hall A, row 2").add(kNaN).add(0));
    row.clear();
    csv.write_row(
        row.add(3600.0).add("say \"hi\"").add(1e21).add(std::uint64_t{18446744073709551615U}));
    row.clear();
    csv.write_row(row.add(0.1).add("").add(-0.0).add_empty());
    EXPECT_EQ(csv.rows_written(), 4U);
    csv.commit();
  }
  EXPECT_EQ(read_file(path),
            "time_s,rack,power_w,jobs\n"
            "0,rack-01,1532.25,3\n"
            "1.5,\"hall A, row 2\",,0\n"
            "3600,\"say \"\"hi\"\"\",1e+21,18446744073709551615\n"
            "0.1,,0,\n");
}

TEST(csv_writer_test, numeric_rows_from_span) {
  ScratchDir dir;
  const fs::path path = dir.path() / "series.csv";
  CsvWriter csv(path, {"t", "a", "b"});
  const std::vector<double> first{0.0, 2.5, -1e-7};
  const double second[] = {60.0, kNaN, kInf};
  csv.write_row(first);
  csv.write_row(second);
  csv.commit();
  EXPECT_EQ(read_file(path), "t,a,b\n0,2.5,-1e-07\n60,,inf\n");
}

TEST(csv_writer_test, quotes_text_cells_per_rfc4180) {
  CsvRow row;
  row.add("plain").add("comma,inside").add("quote\"inside").add("line\nbreak").add("cr\rhere");
  row.add(" spaces kept ").add("semi;colon");
  EXPECT_EQ(row.text(),
            "plain,\"comma,inside\",\"quote\"\"inside\",\"line\nbreak\",\"cr\rhere\","
            " spaces kept ,semi;colon");
  EXPECT_EQ(row.size(), 7U);
}

TEST(csv_writer_test, header_names_are_quoted_like_text) {
  ScratchDir dir;
  const fs::path path = dir.path() / "h.csv";
  CsvWriter csv(path, {"rack", "power, W", "say \"x\""});
  csv.commit();
  EXPECT_EQ(read_file(path), "rack,\"power, W\",\"say \"\"x\"\"\"\n");
}

TEST(csv_writer_test, formats_numbers_shortest_without_needless_decimals) {
  EXPECT_EQ(format_number(0.0), "0");
  EXPECT_EQ(format_number(-0.0), "0");
  EXPECT_EQ(format_number(3.0), "3");
  EXPECT_EQ(format_number(1500.0), "1500");
  EXPECT_EQ(format_number(-42.0), "-42");
  EXPECT_EQ(format_number(0.1), "0.1");
  EXPECT_EQ(format_number(1.0 / 3.0), "0.3333333333333333");
  EXPECT_EQ(format_number(1e21), "1e+21");
  EXPECT_EQ(format_number(2.5e-10), "2.5e-10");
  EXPECT_EQ(format_number(kInf), "inf");
  EXPECT_EQ(format_number(-kInf), "-inf");
  EXPECT_EQ(format_number(kNaN), "");
}

TEST(csv_writer_test, writes_nan_as_empty_cell) {
  CsvRow row;
  row.add(kNaN).add(1.0).add(-kNaN);
  EXPECT_EQ(row.text(), ",1,");
  EXPECT_EQ(row.size(), 3U);
}

TEST(csv_writer_test, integers_have_no_decimals) {
  CsvRow row;
  row.add(std::int64_t{-9223372036854775807 - 1})
      .add(std::int32_t{7})
      .add(std::uint16_t{65535})
      .add(std::size_t{12});
  EXPECT_EQ(row.text(), "-9223372036854775808,7,65535,12");
}

TEST(csv_writer_test, numbers_round_trip_exactly) {
  std::mt19937_64 rng(20240305);
  for (int i = 0; i < 20'000; ++i) {
    // Random bit patterns cover every exponent, subnormals included.
    const std::uint64_t bits = rng();
    double value = 0.0;
    std::memcpy(&value, &bits, sizeof value);
    if (!std::isfinite(value)) {
      continue;
    }
    const std::string text = format_number(value);
    double parsed = 0.0;
    const auto result = std::from_chars(text.data(), text.data() + text.size(), parsed);
    ASSERT_EQ(result.ec, std::errc{}) << text;
    ASSERT_EQ(result.ptr, text.data() + text.size()) << text;
    ASSERT_EQ(parsed, value) << text;
  }
}

// A user's locale with ',' as decimal separator must not leak into output files.
struct CommaDecimal : std::numpunct<char> {
  char do_decimal_point() const override { return ','; }
  char do_thousands_sep() const override { return '.'; }
  std::string do_grouping() const override { return "\3"; }
};

TEST(csv_writer_test, formatting_ignores_global_locale) {
  const std::locale previous =
      std::locale::global(std::locale(std::locale::classic(), new CommaDecimal));
  const std::string fractional = format_number(1234.5);
  const std::string integral = format_number(1234567.0);
  CsvRow row;
  row.add(0.25).add(std::int64_t{1000000});
  std::locale::global(previous);
  EXPECT_EQ(fractional, "1234.5");
  EXPECT_EQ(integral, "1234567");
  EXPECT_EQ(row.text(), "0.25,1000000");
}

TEST(csv_writer_test, wrong_cell_count_throws_and_writes_nothing) {
  ScratchDir dir;
  const fs::path path = dir.path() / "strict.csv";
  CsvWriter csv(path, {"a", "b"});
  const std::vector<double> too_few{1.0};
  const std::vector<double> too_many{1.0, 2.0, 3.0};
  EXPECT_THROW(csv.write_row(too_few), std::invalid_argument);
  EXPECT_THROW(csv.write_row(too_many), std::invalid_argument);
  CsvRow row;
  row.add("x");
  try {
    csv.write_row(row);
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("has 1 cells, expected 2"), std::string::npos) << message;
    EXPECT_NE(message.find("strict.csv"), std::string::npos) << message;
  }
  row.add(2.0);
  csv.write_row(row);
  csv.commit();
  EXPECT_EQ(csv.rows_written(), 1U);
  EXPECT_EQ(read_file(path), "a,b\nx,2\n");
}

TEST(csv_writer_test, empty_column_list_throws) {
  ScratchDir dir;
  EXPECT_THROW(CsvWriter(dir.path() / "none.csv", {}), std::invalid_argument);
  EXPECT_TRUE(test::temporaries_in(dir.path()).empty());
}

TEST(csv_writer_test, abandoned_writer_leaves_no_file) {
  ScratchDir dir;
  const fs::path path = dir.path() / "partial.csv";
  {
    CsvWriter csv(path, {"t"});
    const double value = 1.0;
    csv.write_row(std::span<const double>(&value, 1));
  }
  EXPECT_FALSE(fs::exists(path));
  EXPECT_TRUE(fs::is_empty(dir.path()));
}

TEST(csv_writer_test, flush_each_row_makes_rows_visible_in_temp) {
  ScratchDir dir;
  const fs::path path = dir.path() / "live.csv";
  CsvWriter csv(path, {"t", "p"}, CsvOptions{.flush_each_row = true});
  const std::vector<double> values{1.0, 2.0};
  csv.write_row(values);
  EXPECT_EQ(read_file(csv.temp_path()), "t,p\n1,2\n");
  EXPECT_FALSE(fs::exists(path));
}

TEST(csv_writer_test, explicit_flush_makes_rows_visible_in_temp) {
  ScratchDir dir;
  const fs::path path = dir.path() / "buffered.csv";
  CsvWriter csv(path, {"t"});
  const std::vector<double> values{7.0};
  csv.write_row(values);
  csv.flush();
  EXPECT_EQ(read_file(csv.temp_path()), "t\n7\n");
}

TEST(csv_writer_test, write_after_commit_throws) {
  ScratchDir dir;
  CsvWriter csv(dir.path() / "done.csv", {"t"});
  csv.commit();
  const std::vector<double> values{1.0};
  EXPECT_THROW(csv.write_row(values), std::logic_error);
}

}  // namespace
}  // namespace aifsim::output
