// SPDX-License-Identifier: Apache-2.0
// Downsampling keeps what a planner must see: every row of a short series, and of a long one
// each bucket's lowest and highest value, so a one-row spike survives 86,400 rows.
#include "sim/report/downsample.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace aifsim::report {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

TEST(downsample_test, keeps_every_row_of_a_series_that_fits) {
  const std::vector<double> x{0, 60, 120, 180}, y{1, 3, 2, 5};
  const auto p = downsample_min_max(x, y, 2);
  ASSERT_EQ(p.size(), 4u);
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_EQ(p[i].x, x[i]);
    EXPECT_EQ(p[i].y, y[i]);
  }
}

TEST(downsample_test, a_day_at_one_second_keeps_each_buckets_extremes_and_a_one_row_spike) {
  const std::size_t n = 86400, buckets = 900;
  std::vector<double> x(n), y(n);
  for (std::size_t i = 0; i < n; ++i) {
    x[i] = static_cast<double>(i);
    y[i] = 12.0 + 1.5 * std::sin(static_cast<double>(i) * 2 * M_PI / 86400.0) + 0.01 * std::sin(static_cast<double>(i));
  }
  y[40001] = 16.3;  // a one-second excursion above the envelope
  y[70000] = 9.1;   // and a one-second dip
  const auto p = downsample_min_max(x, y, buckets);
  EXPECT_LE(p.size(), 2 * buckets);
  EXPECT_GE(p.size(), buckets);
  EXPECT_TRUE(std::is_sorted(p.begin(), p.end(), [](const Point& a, const Point& b) { return a.x < b.x; }));
  const auto has = [&](double px, double py) {
    return std::any_of(p.begin(), p.end(), [&](const Point& q) { return q.x == px && q.y == py; });
  };
  EXPECT_TRUE(has(40001, 16.3));
  EXPECT_TRUE(has(70000, 9.1));
  // every bucket's own maximum and minimum is among the points
  for (std::size_t b = 0; b < buckets; ++b) {
    const std::size_t first = b * n / buckets, last = (b + 1) * n / buckets;
    const auto hi = std::max_element(y.begin() + static_cast<std::ptrdiff_t>(first), y.begin() + static_cast<std::ptrdiff_t>(last));
    const auto lo = std::min_element(y.begin() + static_cast<std::ptrdiff_t>(first), y.begin() + static_cast<std::ptrdiff_t>(last));
    ASSERT_TRUE(has(x[static_cast<std::size_t>(hi - y.begin())], *hi)) << "bucket " << b;
    ASSERT_TRUE(has(x[static_cast<std::size_t>(lo - y.begin())], *lo)) << "bucket " << b;
  }
}

TEST(downsample_test, empty_cells_become_single_gaps_never_at_the_ends) {
  const std::vector<double> x{0, 1, 2, 3, 4, 5, 6}, y{kNaN, 1, kNaN, kNaN, 2, 3, kNaN};
  const auto p = downsample_min_max(x, y, 10);
  ASSERT_EQ(p.size(), 4u);
  EXPECT_EQ(p[0].y, 1);
  EXPECT_TRUE(std::isnan(p[1].y));
  EXPECT_EQ(p[2].y, 2);
  EXPECT_EQ(p[3].y, 3);

  // long: a bucket of only empty cells is one gap between the values around it
  std::vector<double> lx(100), ly(100, 5.0);
  for (std::size_t i = 0; i < 100; ++i) lx[i] = static_cast<double>(i);
  for (std::size_t i = 40; i < 60; ++i) ly[i] = kNaN;
  const auto q = downsample_min_max(lx, ly, 10);
  const auto gaps = std::count_if(q.begin(), q.end(), [](const Point& pt) { return std::isnan(pt.y); });
  EXPECT_EQ(gaps, 1);
  EXPECT_FALSE(std::isnan(q.front().y));
  EXPECT_FALSE(std::isnan(q.back().y));
}

TEST(downsample_test, refuses_mismatched_lengths_and_zero_buckets) {
  const std::vector<double> x{0, 1}, y{1};
  EXPECT_THROW(downsample_min_max(x, y, 4), std::invalid_argument);
  EXPECT_THROW(downsample_min_max(x, x, 0), std::invalid_argument);
}

}  // namespace
}  // namespace aifsim::report
