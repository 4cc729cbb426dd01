// SPDX-License-Identifier: Apache-2.0
// Tests for sim/core/units.h: duration parsing/formatting, ISO 8601 and civil-date math.
#include "sim/core/units.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <ctime>
#include <random>
#include <string>
#include <vector>

namespace aifsim {
namespace {

TEST(units_test, parse_duration_accepts_numbers_and_units) {
  struct Case {
    const char* text;
    double expected_s;
  };
  const std::vector<Case> cases = {
      {"3600", 3600.0},   {"0.1", 0.1},       {"0", 0.0},         {"1e3", 1000.0},
      {".5s", 0.5},       {"24h", 86400.0},   {"90m", 5400.0},    {"90min", 5400.0},
      {"3600s", 3600.0},  {"1.5h", 5400.0},   {"7d", 604800.0},   {"100ms", 0.1},
      {"100 ms", 0.1},    {"2 h", 7200.0},    {" 2h\t", 7200.0},  {"0.25d", 21600.0},
  };
  for (const Case& c : cases) {
    const std::optional<double> got = parse_duration_s(c.text);
    ASSERT_TRUE(got.has_value()) << c.text;
    EXPECT_NEAR(*got, c.expected_s, 1e-12 * c.expected_s) << c.text;
  }
}

TEST(units_test, parse_duration_rejects_garbage_negative_and_non_finite) {
  const std::vector<const char*> bad = {
      "",     " ",     "h",       "-1",    "-1h",    "+1h",  "-0",    "1x",    "1 hh",
      "1H",   "nan",   "inf",     "1e400", "1e305d", "1h30m", "1.2.3", "1,5h", "0x10",
      "1e",   "s 1",   "1 s s",   ".",     "1 mins",
  };
  for (const char* text : bad) {
    EXPECT_FALSE(parse_duration_s(text).has_value()) << '"' << text << '"';
  }
}

TEST(units_test, format_duration_picks_readable_units) {
  struct Case {
    double s;
    const char* expected;
  };
  const std::vector<Case> cases = {
      {0.0, "0 s"},         {0.1, "100 ms"},      {0.0005, "0.5 ms"},    {1.5, "1.5 s"},
      {90.0, "90 s"},       {150.0, "2m 30s"},    {3600.0, "1h"},        {5400.0, "1h 30m"},
      {93600.0, "1d 2h"},   {604800.0, "7d"},     {88200.0, "1d"},       {-90.0, "-90 s"},
  };
  for (const Case& c : cases) EXPECT_EQ(format_duration(c.s), c.expected) << c.s;
}

TEST(units_test, parse_iso8601_accepts_the_documented_forms) {
  struct Case {
    const char* text;
    std::int64_t unix_s;
    std::optional<int> offset_s;
  };
  // 2026-07-15T00:00:00 read as UTC is 1784073600.
  const std::vector<Case> cases = {
      {"2026-07-15T00:00:00+08:00", 1784044800, 28800},
      {"2026-07-15T00:00:00+0800", 1784044800, 28800},
      {"2026-07-15T00:00:00+08", 1784044800, 28800},
      {"2026-07-15T00:00:00Z", 1784073600, 0},
      {"2026-07-15t00:00:00z", 1784073600, 0},
      {"2026-07-15T00:00:00-05:30", 1784093400, -19800},
      {"2026-07-15 00:00:00", 1784073600, std::nullopt},
      {"2026-07-15T00:00", 1784073600, std::nullopt},
      {"2026-07-15", 1784073600, std::nullopt},
      {"1970-01-01T00:00:00Z", 0, 0},
      {"1969-12-31T23:59:59Z", -1, 0},
      {"2000-02-29", 951782400, std::nullopt},              // century leap year
      {"2024-02-29T12:30Z", 1709209800, 0},                  // ordinary leap day
      {"2026-12-31T23:59:59+14:00", 1798761599 - 14 * 3600, 50400},
  };
  for (const Case& c : cases) {
    const std::optional<StartTime> got = parse_iso8601(c.text);
    ASSERT_TRUE(got.has_value()) << c.text;
    EXPECT_EQ(got->unix_s, c.unix_s) << c.text;
    EXPECT_EQ(got->utc_offset_s, c.offset_s) << c.text;
  }
}

TEST(units_test, parse_iso8601_rejects_bad_dates_and_syntax) {
  const std::vector<const char*> bad = {
      "",
      "2026-02-29",                  // not a leap year
      "1900-02-29",                  // century, not divisible by 400
      "2026-13-01",
      "2026-00-10",
      "2026-04-31",
      "2026-01-00",
      "2026-07-15T24:00:00",
      "2026-07-15T23:60",
      "2026-07-15T23:59:60",         // no leap seconds
      "2026-07-15T00:00:00+19:00",
      "2026-07-15T00:00:00+08:60",
      "2026-07-15T00:00:00+8:00",
      "2026-07-15T00:00:00+08:",
      "26-07-15",
      "2026-7-15",
      "2026/07/15",
      "2026-07-15T",
      "2026-07-15T00",
      "2026-07-15T0:00",
      "2026-07-15T00:00:00.5Z",
      "2026-07-15X00:00",
      " 2026-07-15",
      "2026-07-15 ",
      "2026-07-15T00:00:00Zjunk",
      "2026-07-15T00:00:00+08:00 ",
  };
  for (const char* text : bad) {
    EXPECT_FALSE(parse_iso8601(text).has_value()) << '"' << text << '"';
  }
}

TEST(units_test, start_without_offset_resolves_in_the_site_zone) {
  const StartTime local = *parse_iso8601("2026-07-15T00:00:00");
  const StartTime explicit_tz = *parse_iso8601("2026-07-15T00:00:00+08:00");
  EXPECT_EQ(local.resolve_unix_s(28800), explicit_tz.unix_s);
  EXPECT_EQ(local.resolve_offset_s(28800), 28800);
  // A written offset wins over the site's.
  EXPECT_EQ(explicit_tz.resolve_unix_s(-3600), 1784044800);
  EXPECT_EQ(explicit_tz.resolve_offset_s(-3600), 28800);
}

TEST(units_test, local_time_of_known_instants) {
  // 2026-07-15T00:00:00+08:00: a Wednesday, day 181 + 15 of a non-leap year.
  LocalTime lt = local_time(1784044800, 28800);
  EXPECT_EQ(lt.year, 2026);
  EXPECT_EQ(lt.month, 7);
  EXPECT_EQ(lt.day, 15);
  EXPECT_EQ(lt.hour, 0);
  EXPECT_EQ(lt.minute, 0);
  EXPECT_EQ(lt.second, 0);
  EXPECT_EQ(lt.day_of_week, 3);
  EXPECT_EQ(lt.day_of_year, 196);
  EXPECT_DOUBLE_EQ(lt.hour_of_day, 0.0);

  // The same instant in UTC is the previous evening, 16:00 on Tuesday the 14th.
  lt = local_time(1784044800, 0);
  EXPECT_EQ(lt.day, 14);
  EXPECT_EQ(lt.hour, 16);
  EXPECT_EQ(lt.day_of_week, 2);

  lt = local_time(0, 0);  // the epoch was a Thursday
  EXPECT_EQ(lt.year, 1970);
  EXPECT_EQ(lt.day_of_week, 4);
  EXPECT_EQ(lt.day_of_year, 1);

  lt = local_time(-1, 0);  // 1969-12-31T23:59:59, a Wednesday
  EXPECT_EQ(lt.year, 1969);
  EXPECT_EQ(lt.month, 12);
  EXPECT_EQ(lt.day, 31);
  EXPECT_EQ(lt.second, 59);
  EXPECT_EQ(lt.day_of_week, 3);
  EXPECT_EQ(lt.day_of_year, 365);
  EXPECT_NEAR(lt.hour_of_day, 23.0 + 3599.0 / 3600.0, 1e-12);

  lt = local_time(1709209800, 0);  // 2024-02-29T12:30Z: Thursday, day 60
  EXPECT_EQ(lt.month, 2);
  EXPECT_EQ(lt.day, 29);
  EXPECT_EQ(lt.day_of_week, 4);
  EXPECT_EQ(lt.day_of_year, 60);
  EXPECT_DOUBLE_EQ(lt.hour_of_day, 12.5);

  lt = local_time(1735689599, 0);  // 2024-12-31T23:59:59Z: last day of a leap year
  EXPECT_EQ(lt.day_of_year, 366);
}

TEST(units_test, local_time_matches_libc_gmtime) {
  std::mt19937_64 gen(2026);
  // Years 1900 to 2200, with offsets from -12 h to +14 h in quarter hours.
  std::uniform_int_distribution<std::int64_t> instant(-2208988800, 7258118400);
  std::uniform_int_distribution<int> quarter(-48, 56);
  for (int i = 0; i < 20'000; ++i) {
    const std::int64_t unix_s = instant(gen);
    const int offset_s = quarter(gen) * 900;
    const std::time_t shifted = static_cast<std::time_t>(unix_s + offset_s);
    std::tm ref{};
    ASSERT_NE(gmtime_r(&shifted, &ref), nullptr);
    const LocalTime lt = local_time(unix_s, offset_s);
    ASSERT_EQ(lt.year, ref.tm_year + 1900) << unix_s;
    ASSERT_EQ(lt.month, ref.tm_mon + 1) << unix_s;
    ASSERT_EQ(lt.day, ref.tm_mday) << unix_s;
    ASSERT_EQ(lt.hour, ref.tm_hour) << unix_s;
    ASSERT_EQ(lt.minute, ref.tm_min) << unix_s;
    ASSERT_EQ(lt.second, ref.tm_sec) << unix_s;
    ASSERT_EQ(lt.day_of_week, ref.tm_wday) << unix_s;
    ASSERT_EQ(lt.day_of_year, ref.tm_yday + 1) << unix_s;
  }
}

TEST(units_test, format_iso8601_round_trips_through_parse) {
  EXPECT_EQ(format_iso8601(1784044800, 28800), "2026-07-15T00:00:00+08:00");
  EXPECT_EQ(format_iso8601(0, 0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_iso8601(1784093400, -19800), "2026-07-15T00:00:00-05:30");
  std::mt19937_64 gen(99);
  std::uniform_int_distribution<std::int64_t> instant(0, 4'102'444'800);  // 1970 to 2100
  std::uniform_int_distribution<int> quarter(-48, 56);
  for (int i = 0; i < 5'000; ++i) {
    const std::int64_t unix_s = instant(gen);
    const int offset_s = quarter(gen) * 900;
    const std::string text = format_iso8601(unix_s, offset_s);
    const std::optional<StartTime> back = parse_iso8601(text);
    ASSERT_TRUE(back.has_value()) << text;
    EXPECT_EQ(back->unix_s, unix_s) << text;
    EXPECT_EQ(back->utc_offset_s, offset_s) << text;
  }
}

TEST(units_test, civil_day_conversions_round_trip) {
  static_assert(days_from_civil(1970, 1, 1) == 0);
  static_assert(days_from_civil(2000, 3, 1) == 11017);
  static_assert(days_from_civil(1, 1, 1) == -719162);
  static_assert(days_from_civil(9999, 12, 31) == 2932896);
  static_assert(weekday_from_days(0) == 4);
  static_assert(days_in_month(2024, 2) == 29 && days_in_month(2100, 2) == 28);
  static_assert(days_in_month(2000, 2) == 29 && days_in_month(2026, 13) == 0);

  // Walk every day over ±1100 years and check each step advances the date by one.
  CivilDate prev = civil_from_days(-1'100 * 366);
  for (std::int64_t z = -1'100 * 366 + 1; z <= 1'100 * 366; ++z) {
    const CivilDate d = civil_from_days(z);
    ASSERT_EQ(days_from_civil(d.year, d.month, d.day), z);
    const bool next_day_same_month = d.year == prev.year && d.month == prev.month &&
                                     d.day == prev.day + 1;
    const bool was_month_end = prev.day == days_in_month(prev.year, prev.month);
    const bool next_month = (d.year == prev.year && d.month == prev.month + 1) ||
                            (d.year == prev.year + 1 && d.month == 1 && prev.month == 12);
    const bool first_of_next_month = d.day == 1 && was_month_end && next_month;
    ASSERT_TRUE(next_day_same_month || first_of_next_month) << z;
    ASSERT_EQ(weekday_from_days(z), (weekday_from_days(z - 1) + 1) % 7) << z;
    prev = d;
  }
}

}  // namespace
}  // namespace aifsim
