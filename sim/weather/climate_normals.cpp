// SPDX-License-Identifier: Apache-2.0
// Built-in hourly climates synthesised from the monthly tables of REFERENCE.md section 6.
#include "sim/weather/climate_normals.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <utility>

#include "sim/core/units.h"
#include "sim/weather/cwa_reader.h"
#include "sim/weather/psychrometrics.h"

namespace aifsim::weather {
namespace {

using Monthly = std::array<double, 12>;

struct Climate {
  const char* name;
  Monthly mean_dry_bulb_c;
  Monthly mean_dew_point_c;
};

// Mean daily max and mean daily min, Kaohsiung 467440 2020-2021, REFERENCE.md section 6.2:
// half their difference is the diurnal amplitude of both built-in sites.
constexpr Monthly kDailyMaxC = {23.5, 25.1, 27.3, 28.3, 31.6, 32.2,
                                32.7, 31.8, 32.4, 30.7, 28.4, 25.4};
constexpr Monthly kDailyMinC = {16.4, 17.9, 21.1, 22.4, 26.7, 26.7,
                                27.3, 26.2, 26.9, 25.3, 22.5, 18.8};

constexpr std::array<Climate, 2> kClimates = {{
    // REFERENCE.md section 6.1, Tainan 467410 (2020-2022, 2024): "T mean" and "Dew pt".
    {"tainan",
     {18.1, 19.5, 22.8, 24.9, 27.6, 29.3, 29.8, 29.0, 29.1, 26.9, 24.3, 19.3},
     {13.3, 14.5, 17.2, 19.8, 22.9, 24.5, 24.9, 24.7, 23.8, 21.6, 19.9, 14.3}},
    // REFERENCE.md section 6.2, Kaohsiung 467440 (2020-2021): "T mean" and "Dew pt".
    {"kaohsiung",
     {19.6, 21.3, 24.1, 25.2, 28.9, 29.2, 29.8, 28.8, 29.4, 27.8, 25.2, 21.8},
     {13.8, 15.6, 18.8, 19.6, 24.4, 25.3, 25.7, 25.5, 24.9, 23.0, 19.8, 16.2}},
}};

constexpr std::int64_t kDayS = 86400;
constexpr double kMinHour = 5.0;   // local hour of the daily minimum
constexpr double kMaxHour = 14.0;  // local hour of the daily maximum

// A periodic C1 curve through monthly values placed at mid-month, for one calendar year,
// whose hourly mean over each month of that year equals the month's table value.
// Knots run from mid-November of year-1 to mid-February of year+1 so that every instant of
// the year lies between two knots that both have neighbours for their tangents.
class MonthlyCurve {
 public:
  MonthlyCurve(const Monthly& month_means, int year) {
    for (int k = 0; k < kKnots; ++k) {
      // k = 0 is November of year-1, k = 2 January of year, k = 15 February of year+1.
      const int offset = k - 2;  // months from January of `year`
      const int y = year + (offset < 0 ? -1 : offset / 12);
      month_[k] = ((offset % 12) + 12) % 12;
      t_days_[k] = static_cast<double>(days_from_civil(y, month_[k] + 1, 1)) +
                   days_in_month(y, month_[k] + 1) / 2.0;
    }
    // A curve through the means themselves shaves the peaks (July comes out ~0.1 K and
    // December ~0.3 K off), so the knot values are corrected until each month's mean
    // matches; the correction is a near-identity map and converges in a few rounds.
    Monthly knots = month_means;
    for (int round = 0; round < 30; ++round) {
      set_knots(knots);
      const Monthly got = month_means_of_curve(year);
      double worst_k = 0.0;
      for (std::size_t m = 0; m < 12; ++m) {
        knots[m] += month_means[m] - got[m];
        worst_k = std::max(worst_k, std::abs(month_means[m] - got[m]));
      }
      if (worst_k < 1e-9) break;
    }
    set_knots(knots);
  }

  /// Value at t_days (days since 1970-01-01, local), between mid-Dec of year-1 and mid-Jan of
  /// year+1. Cubic Hermite with Catmull-Rom tangents.
  double operator()(double t_days) const {
    int k = 1;
    while (k + 2 < kKnots && t_days >= t_days_[k + 1]) ++k;
    const double h = t_days_[k + 1] - t_days_[k];
    const double s = (t_days - t_days_[k]) / h;
    const double s2 = s * s;
    const double s3 = s2 * s;
    return (2 * s3 - 3 * s2 + 1) * v_[k] + (s3 - 2 * s2 + s) * h * slope_[k] +
           (-2 * s3 + 3 * s2) * v_[k + 1] + (s3 - s2) * h * slope_[k + 1];
  }

 private:
  static constexpr int kKnots = 16;

  void set_knots(const Monthly& knots) {
    for (int k = 0; k < kKnots; ++k) v_[k] = knots[static_cast<std::size_t>(month_[k])];
    for (int k = 1; k + 1 < kKnots; ++k) {
      slope_[k] = (v_[k + 1] - v_[k - 1]) / (t_days_[k + 1] - t_days_[k - 1]);
    }
  }

  // Mean of the curve over the whole hours of each month of `year`, as the series samples it.
  Monthly month_means_of_curve(int year) const {
    Monthly means{};
    for (int m = 1; m <= 12; ++m) {
      const std::int64_t first = days_from_civil(year, m, 1);
      const int hours = days_in_month(year, m) * 24;
      double sum = 0.0;
      for (int h = 0; h < hours; ++h) sum += (*this)(static_cast<double>(first) + h / 24.0);
      means[static_cast<std::size_t>(m - 1)] = sum / hours;
    }
    return means;
  }

  std::array<int, kKnots> month_{};  // 0 = January
  std::array<double, kKnots> t_days_{};
  std::array<double, kKnots> v_{};
  std::array<double, kKnots> slope_{};
};

// Diurnal shape in [-1, 1]: -1 at 05:00, +1 at 14:00, half cosines between. Sampled at whole
// hours its daily sum is 0 (each half cosine sampled from one end sums to 1 times its sign).
double diurnal_shape(double hour_of_day) {
  const double pi = std::numbers::pi;
  if (hour_of_day >= kMinHour && hour_of_day < kMaxHour) {
    return -std::cos(pi * (hour_of_day - kMinHour) / (kMaxHour - kMinHour));
  }
  const double since_max_h =
      hour_of_day >= kMaxHour ? hour_of_day - kMaxHour : hour_of_day + 24.0 - kMaxHour;
  return std::cos(pi * since_max_h / (24.0 - (kMaxHour - kMinHour)));
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

std::optional<WeatherSeries> builtin_climate(std::string_view name, int year) {
  const std::string key = lower_ascii(name);
  const auto it = std::find_if(kClimates.begin(), kClimates.end(),
                               [&](const Climate& c) { return key == c.name; });
  if (it == kClimates.end()) return std::nullopt;

  Monthly half_range_c{};
  for (std::size_t m = 0; m < 12; ++m) half_range_c[m] = (kDailyMaxC[m] - kDailyMinC[m]) / 2.0;
  const MonthlyCurve dry_bulb(it->mean_dry_bulb_c, year);
  const MonthlyCurve dew_point(it->mean_dew_point_c, year);
  const MonthlyCurve amplitude(half_range_c, year);

  const std::int64_t first_day = days_from_civil(year, 1, 1);
  const std::int64_t days = days_from_civil(std::int64_t{year} + 1, 1, 1) - first_day;
  std::vector<std::int64_t> times;
  std::vector<WeatherSample> samples;
  times.reserve(static_cast<std::size_t>(days * 24));
  samples.reserve(static_cast<std::size_t>(days * 24));
  for (std::int64_t d = 0; d < days; ++d) {
    const double day_days = static_cast<double>(first_day + d);
    const double dew_of_day_c = dew_point(day_days + 0.5);
    for (int h = 0; h < 24; ++h) {
      const double t_days = day_days + h / 24.0;
      const double t_c = dry_bulb(t_days) + amplitude(t_days) * diurnal_shape(h);
      const double dp_c = std::min(dew_of_day_c, t_c);
      const double rh = relative_humidity_from_dew_point(t_c, dp_c);
      times.push_back((first_day + d) * kDayS + h * 3600 - kCwaUtcOffsetS);
      samples.push_back(WeatherSample{t_c, wet_bulb_c(t_c, rh, kBuiltinPressureKpa), rh, dp_c,
                                      kBuiltinPressureKpa});
    }
  }
  return WeatherSeries(std::move(times), std::move(samples), kCwaUtcOffsetS, 0,
                       "built-in climate: " + key);
}

std::vector<std::string> builtin_climate_names() {
  std::vector<std::string> names;
  for (const Climate& c : kClimates) names.emplace_back(c.name);
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace aifsim::weather
