// SPDX-License-Identifier: Apache-2.0
// Reading back what aifsim's CSV writer writes (quoted commas, quotes and line breaks, CRLF),
// and one located line for everything else.
#include "sim/report/csv_table.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "sim/output/csv_writer.h"
#include "tests/test_support.h"

namespace aifsim::report {
namespace {

std::vector<CsvRecord> read_all(const std::filesystem::path& p) {
  std::vector<CsvRecord> out;
  read_csv(p, [&](const CsvRecord& r) { out.push_back(r); });
  return out;
}

TEST(csv_table_test, reads_back_what_the_writer_quotes) {
  test::ScratchDir dir;
  const auto path = dir.path() / "events.csv";
  {
    output::CsvWriter w(path, {"time_s", "kind", "detail"});
    output::CsvRow row;
    row.add(531.0).add("cap_lower").add("limits to 87 %, \"measured\" 14.016 MW\nthen more");
    w.write_row(row);
    row.clear();
    row.add(722.5).add("cap_raise").add_empty();
    w.write_row(row);
    w.commit();
  }
  const auto rows = read_all(path);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].cells[2], "limits to 87 %, \"measured\" 14.016 MW\nthen more");
  EXPECT_EQ(rows[1].line, 2u);
  EXPECT_EQ(rows[2].line, 4u);  // the quoted line break moved it down a line
  EXPECT_EQ(number_cell(path, rows[2], 0, "time_s"), 722.5);
  EXPECT_TRUE(std::isnan(number_cell(path, rows[2], 2, "detail")));
  EXPECT_EQ(find_column(rows[0], "kind"), 1u);
  EXPECT_FALSE(find_column(rows[0], "rack"));
}

TEST(csv_table_test, windows_line_ends_and_a_blank_last_line_read_the_same) {
  test::ScratchDir dir;
  const auto path = dir.write("t.csv", "a,b\r\n1,\"x\"\r\n\r\n2,y\r\n");
  const auto rows = read_all(path);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1].cells[1], "x");
  EXPECT_EQ(rows[2].cells[1], "y");
  EXPECT_EQ(rows[2].line, 4u);
}

TEST(csv_table_test, bad_files_are_one_located_line) {
  test::ScratchDir dir;
  const auto missing = dir.path() / "none.csv";
  EXPECT_EQ(test::input_error([&] { read_all(missing); }), missing.string() + ": missing");
  const auto empty = dir.write("empty.csv", "");
  EXPECT_EQ(test::input_error([&] { read_all(empty); }), empty.string() + ": empty (expected a header row)");
  const auto short_row = dir.write("short.csv", "a,b,c\n1,2,3\n4,5\n");
  EXPECT_EQ(test::input_error([&] { read_all(short_row); }), short_row.string() + ":3: 2 cells, the header has 3");
  const auto open = dir.write("open.csv", "a,b\n1,\"never closed\n2,3\n");
  EXPECT_EQ(test::input_error([&] { read_all(open); }), open.string() + ":2: unterminated quoted cell");
  const auto text = dir.write("text.csv", "pue\n1.2x\n");
  const auto rows = [&] {
    std::vector<CsvRecord> r;
    read_csv(text, [&](const CsvRecord& rec) { r.push_back(rec); });
    return r;
  }();
  EXPECT_EQ(test::input_error([&] { number_cell(text, rows[1], 0, "pue"); }),
            text.string() + ":2: pue: not a number ('1.2x')");
}

}  // namespace
}  // namespace aifsim::report
