// SPDX-License-Identifier: Apache-2.0
// Tests for sim/power/tariff.h: the Taipower TOU table, billing of meter power into energy
// cost, demand charge and carbon, against hand calculations from REFERENCE.md §8.
#include "sim/power/tariff.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <utility>
#include <vector>

#include "sim/core/units.h"

namespace aifsim::power {
namespace {

constexpr int kTaipei = 8 * 3600;  // +08:00

/// Unix seconds of a local (+08:00) civil time.
double local_unix_s(int y, int m, int d, int hour = 0, int minute = 0) {
  return static_cast<double>(days_from_civil(y, m, d) * 86400 + hour * 3600 + minute * 60 - kTaipei);
}

/// Feeds a constant power over [from, from + duration_s) in ticks of dt_s.
void feed(ElectricityBill& bill, double from_unix_s, double duration_s, double power_w, double dt_s) {
  const auto n = static_cast<std::int64_t>(std::llround(duration_s / dt_s));
  for (std::int64_t i = 0; i < n; ++i) bill.add(from_unix_s + static_cast<double>(i) * dt_s, power_w, dt_s);
}

ElectricityBill taipei_bill(TouTariff tariff = taipower_hv_three_stage(), CarbonSpec carbon = {}) {
  return ElectricityBill(std::move(tariff), std::move(carbon), kTaipei);
}

// ---- Period table --------------------------------------------------------------------------

TEST(tariff_test, summer_weekday_evening_is_peak_at_9_39) {
  const TouTariff t = taipower_hv_three_stage();
  EXPECT_EQ(period_at(t, 2026, 7, 15, 17), TouPeriod::peak);
  EXPECT_DOUBLE_EQ(rate_at_ntd_per_kwh(t, 2026, 7, 15, 17), 9.39);
  EXPECT_EQ(period_at(t, 2026, 7, 15, 16), TouPeriod::peak);
  EXPECT_EQ(period_at(t, 2026, 7, 15, 21), TouPeriod::peak);
  EXPECT_EQ(period_at(t, 2026, 7, 15, 22), TouPeriod::semi_peak);
}

TEST(tariff_test, summer_weekday_morning_is_semi_peak_at_5_85) {
  const TouTariff t = taipower_hv_three_stage();
  EXPECT_EQ(period_at(t, 2026, 7, 15, 10), TouPeriod::semi_peak);
  EXPECT_DOUBLE_EQ(rate_at_ntd_per_kwh(t, 2026, 7, 15, 10), 5.85);
  EXPECT_EQ(period_at(t, 2026, 7, 15, 8), TouPeriod::off_peak);
  EXPECT_DOUBLE_EQ(rate_at_ntd_per_kwh(t, 2026, 7, 15, 8), 2.53);
}

TEST(tariff_test, non_summer_weekday_noon_is_off_peak_at_2_32) {
  const TouTariff t = taipower_hv_three_stage();  // 2026-01-14 is a Wednesday
  EXPECT_EQ(period_at(t, 2026, 1, 14, 12), TouPeriod::off_peak);
  EXPECT_DOUBLE_EQ(rate_at_ntd_per_kwh(t, 2026, 1, 14, 12), 2.32);
  EXPECT_DOUBLE_EQ(rate_at_ntd_per_kwh(t, 2026, 1, 14, 10), 5.47);
  EXPECT_DOUBLE_EQ(rate_at_ntd_per_kwh(t, 2026, 1, 14, 18), 5.47);  // no peak outside summer
}

TEST(tariff_test, summer_saturday_morning_is_semi_peak_at_2_60) {
  const TouTariff t = taipower_hv_three_stage();
  EXPECT_EQ(period_at(t, 2026, 7, 18, 10), TouPeriod::semi_peak);
  EXPECT_DOUBLE_EQ(rate_at_ntd_per_kwh(t, 2026, 7, 18, 10), 2.60);
  EXPECT_DOUBLE_EQ(rate_at_ntd_per_kwh(t, 2026, 7, 18, 18), 2.60);  // no Saturday peak
  EXPECT_DOUBLE_EQ(rate_at_ntd_per_kwh(t, 2026, 7, 18, 3), 2.53);
  EXPECT_DOUBLE_EQ(rate_at_ntd_per_kwh(t, 2026, 1, 17, 12), 2.32);  // non-summer Saturday noon
  EXPECT_DOUBLE_EQ(rate_at_ntd_per_kwh(t, 2026, 1, 17, 15), 2.41);
}

TEST(tariff_test, sunday_is_off_peak_every_hour) {
  const TouTariff t = taipower_hv_three_stage();
  for (int h = 0; h < 24; ++h) {
    EXPECT_EQ(period_at(t, 2026, 7, 19, h), TouPeriod::off_peak) << h;
    EXPECT_DOUBLE_EQ(rate_at_ntd_per_kwh(t, 2026, 7, 19, h), 2.53) << h;
    EXPECT_DOUBLE_EQ(rate_at_ntd_per_kwh(t, 2026, 1, 18, h), 2.32) << h;
  }
}

TEST(tariff_test, season_boundaries_are_inclusive) {
  const TouTariff t = taipower_hv_three_stage();
  EXPECT_FALSE(is_summer(t, 5, 15));
  EXPECT_TRUE(is_summer(t, 5, 16));
  EXPECT_TRUE(is_summer(t, 10, 15));
  EXPECT_FALSE(is_summer(t, 10, 16));
  EXPECT_FALSE(is_summer(t, 1, 1));
  EXPECT_FALSE(is_summer(t, 12, 31));
  // 2026-10-15 (Thursday) 18:00 is summer peak, 2026-10-16 (Friday) 18:00 non-summer semi-peak.
  EXPECT_DOUBLE_EQ(rate_at_ntd_per_kwh(t, 2026, 10, 15, 18), 9.39);
  EXPECT_DOUBLE_EQ(rate_at_ntd_per_kwh(t, 2026, 10, 16, 18), 5.47);
}

TEST(tariff_test, summer_season_may_wrap_over_the_new_year) {
  TouTariff t = taipower_hv_three_stage();
  t.summer_start_month = 11, t.summer_start_day = 1, t.summer_end_month = 2, t.summer_end_day = 28;
  EXPECT_TRUE(is_summer(t, 12, 31));
  EXPECT_TRUE(is_summer(t, 1, 15));
  EXPECT_TRUE(is_summer(t, 2, 28));
  EXPECT_FALSE(is_summer(t, 3, 1));
  EXPECT_FALSE(is_summer(t, 10, 31));
}

TEST(tariff_test, day_type_of_known_dates) {
  EXPECT_EQ(day_type(2026, 7, 15), DayType::weekday);   // Wednesday
  EXPECT_EQ(day_type(2026, 7, 17), DayType::weekday);   // Friday
  EXPECT_EQ(day_type(2026, 7, 18), DayType::saturday);
  EXPECT_EQ(day_type(2026, 7, 19), DayType::sunday);
  EXPECT_EQ(day_type(2026, 7, 20), DayType::weekday);   // Monday
  EXPECT_EQ(day_type(2000, 2, 29), DayType::weekday);   // Tuesday, Gregorian leap day
  EXPECT_EQ(day_type(1970, 1, 1), DayType::weekday);    // Thursday
  EXPECT_EQ(day_type(1969, 12, 28), DayType::sunday);   // before the epoch
}

TEST(tariff_test, period_at_rejects_hours_outside_the_day) {
  const TouTariff t = taipower_hv_three_stage();
  EXPECT_THROW(period_at(t, 2026, 7, 15, 24), std::out_of_range);
  EXPECT_THROW(period_at(t, 2026, 7, 15, -1), std::out_of_range);
}

TEST(tariff_test, flat_tariff_bills_one_rate_and_no_demand) {
  ElectricityBill bill = taipei_bill(flat_tariff(4.27));
  feed(bill, local_unix_s(2026, 7, 15), 86400, 1e6, 60);
  EXPECT_NEAR(bill.energy_cost_ntd(), 24000 * 4.27, 1e-6 * 24000 * 4.27);
  EXPECT_DOUBLE_EQ(bill.demand_charge_ntd(), 0.0);
}

// ---- Energy cost ---------------------------------------------------------------------------

TEST(tariff_test, flat_load_cost_matches_hand_calculation) {
  ElectricityBill bill = taipei_bill();
  feed(bill, local_unix_s(2026, 7, 15), 86400, 1e6, 60);  // 1 MW, Wednesday 00:00-24:00
  // Off-peak 00-09, semi-peak 09-16 and 22-24, peak 16-22 (REFERENCE.md §8.1).
  const double expected_ntd = 1000.0 * (9 * 2.53 + 7 * 5.85 + 6 * 9.39 + 2 * 5.85);  // 131,760
  EXPECT_NEAR(bill.energy_kwh(), 24000.0, 1e-6 * 24000.0);
  EXPECT_NEAR(bill.energy_cost_ntd(), expected_ntd, 1e-6 * expected_ntd);
  const auto e = bill.period_energy_kwh();
  EXPECT_NEAR(e[0], 9000.0, 1e-6 * 9000.0);
  EXPECT_NEAR(e[1], 9000.0, 1e-6 * 9000.0);
  EXPECT_NEAR(e[2], 6000.0, 1e-6 * 6000.0);
  const auto c = bill.period_cost_ntd();
  EXPECT_NEAR(c[2], 6000.0 * 9.39, 1e-6 * 6000.0 * 9.39);
  EXPECT_NEAR(c[0] + c[1] + c[2], bill.energy_cost_ntd(), 1e-9 * expected_ntd);
}

TEST(tariff_test, week_average_rates_match_reference_derivation) {
  // REFERENCE.md §8.1 DERIVED: a flat 24/7 load pays about NT$4.65/kWh in summer and 3.73 in
  // non-summer on energy alone. Independent of the hand calculation above.
  ElectricityBill summer = taipei_bill();
  feed(summer, local_unix_s(2026, 7, 13), 7 * 86400, 1e6, 300);  // Monday to Sunday
  EXPECT_NEAR(summer.energy_cost_ntd() / summer.energy_kwh(), 4.65, 0.005);
  ElectricityBill winter = taipei_bill();
  feed(winter, local_unix_s(2026, 1, 12), 7 * 86400, 1e6, 300);
  EXPECT_NEAR(winter.energy_cost_ntd() / winter.energy_kwh(), 3.73, 0.005);
}

TEST(tariff_test, tick_straddling_an_hour_boundary_is_split) {
  ElectricityBill bill = taipei_bill();
  // 7 s ticks from 08:00 (off-peak): tick 514 covers 08:59:58-09:00:05, 5 s of it semi-peak.
  feed(bill, local_unix_s(2026, 7, 15, 8), 515 * 7, 1e6, 7);
  const auto e = bill.period_energy_kwh();
  EXPECT_NEAR(e[0], 1000.0, 1e-9 * 1000.0);  // exactly the hour 08:00-09:00
  EXPECT_NEAR(e[1], 1000.0 * 5 / 3600, 1e-9);
  EXPECT_NEAR(bill.energy_cost_ntd(), 1000.0 * 2.53 + 1000.0 * 5 / 3600 * 5.85, 1e-9 * 2600);
}

TEST(tariff_test, tick_straddling_midnight_is_split_across_season_and_month) {
  ElectricityBill bill = taipei_bill();
  // 2026-10-15 23:59:56 - 2026-10-16 00:00:03: 4 s summer semi-peak, 3 s non-summer off-peak.
  bill.add(local_unix_s(2026, 10, 16) - 4, 3.6e6, 7);
  EXPECT_NEAR(bill.energy_cost_ntd(), 4.0 * 5.85 + 3.0 * 2.32, 1e-9);  // 3.6 MW: 1 kWh per s
  const auto months = bill.monthly_demand();
  ASSERT_EQ(months.size(), 1u);  // still October, but covering both seasons
  EXPECT_NEAR(months[0].covered_s[kSummer], 4.0, 1e-9);
  EXPECT_NEAR(months[0].covered_s[kNonSummer], 3.0, 1e-9);

  ElectricityBill month_end = taipei_bill();
  month_end.add(local_unix_s(2026, 8, 1) - 4, 3.6e6, 7);  // July 31 -> August 1
  const auto m2 = month_end.monthly_demand();
  ASSERT_EQ(m2.size(), 2u);
  EXPECT_EQ(m2[0].month, 7);
  EXPECT_EQ(m2[1].month, 8);
  EXPECT_NEAR(m2[0].covered_s[kSummer], 4.0, 1e-9);
  EXPECT_NEAR(m2[1].covered_s[kSummer], 3.0, 1e-9);
}

TEST(tariff_test, boundary_within_a_microsecond_of_the_tick_end_is_snapped) {
  ElectricityBill bill = taipei_bill();
  // A tick that ends 0.5 us past midnight (a caller's floating-point clock) stays in July.
  bill.add(local_unix_s(2026, 8, 1) - 60, 1e6, 60.0000005);
  ASSERT_EQ(bill.monthly_demand().size(), 1u);
  EXPECT_EQ(bill.monthly_demand()[0].month, 7);
}

TEST(tariff_test, fractional_ticks_add_up) {
  ElectricityBill bill = taipei_bill();
  feed(bill, local_unix_s(2026, 7, 15, 16), 3600, 2e6, 0.1);  // one peak hour, 36,000 ticks
  EXPECT_NEAR(bill.energy_kwh(), 2000.0, 1e-9 * 2000.0);
  EXPECT_NEAR(bill.energy_cost_ntd(), 2000.0 * 9.39, 1e-9 * 2000.0 * 9.39);
  EXPECT_EQ(bill.monthly_demand().size(), 1u);
}

// ---- Demand charge -------------------------------------------------------------------------

/// 1 MW over Wednesday 2026-07-15, with 2 MW at 18:00-18:15 (or from `spike_minute` past 18:00).
ElectricityBill july_day_with_spike(TouTariff tariff, int spike_minute = 0) {
  ElectricityBill bill = taipei_bill(std::move(tariff));
  const double start = local_unix_s(2026, 7, 15);
  const double spike = local_unix_s(2026, 7, 15, 18, spike_minute);
  for (int i = 0; i < 1440; ++i) {
    const double t = start + i * 60.0;
    bill.add(t, t >= spike && t < spike + 900 ? 2e6 : 1e6, 60);
  }
  return bill;
}

TEST(tariff_test, demand_charge_bills_the_15_minute_peak_pro_rated_by_days) {
  const ElectricityBill bill = july_day_with_spike(taipower_hv_three_stage());
  EXPECT_NEAR(bill.peak_15min_kw(), 2000.0, 1e-9);
  const double expected_ntd = 223.6 * 2000.0 * 1.0 / 31.0;  // a 1-day run pays 1/31 of July's
  EXPECT_NEAR(bill.demand_charge_ntd(), expected_ntd, 1e-9 * expected_ntd);
  const auto months = bill.monthly_demand();
  ASSERT_EQ(months.size(), 1u);
  EXPECT_NEAR(months[0].peak_15min_kw, 2000.0, 1e-9);
  EXPECT_NEAR(months[0].demand_charge_ntd, expected_ntd, 1e-9 * expected_ntd);
}

TEST(tariff_test, contract_demand_overrides_the_metered_peak) {
  TouTariff t = taipower_hv_three_stage();
  t.contract_kw = 5000;
  const ElectricityBill bill = july_day_with_spike(t);
  const double expected_ntd = 223.6 * 5000.0 / 31.0;
  EXPECT_NEAR(bill.demand_charge_ntd(), expected_ntd, 1e-9 * expected_ntd);
  EXPECT_NEAR(bill.peak_15min_kw(), 2000.0, 1e-9);  // still reported
}

TEST(tariff_test, demand_windows_are_aligned_to_clock_quarter_hours) {
  // 2 MW over 18:05-18:20 straddles two windows: 18:00-18:15 averages (10 x 2 + 5 x 1) / 15.
  const ElectricityBill bill = july_day_with_spike(taipower_hv_three_stage(), 5);
  EXPECT_NEAR(bill.peak_15min_kw(), 1000.0 * 25.0 / 15.0, 1e-9);
}

TEST(tariff_test, year_of_flat_load_pays_five_summer_and_seven_non_summer_months) {
  ElectricityBill bill = taipei_bill();
  feed(bill, local_unix_s(2026, 1, 1), 365 * 86400.0, 1e6, 60);
  // Summer May 16 - Oct 15 is 16/31 + 4 + 15/31 = 5 month-equivalents.
  const double expected_ntd = 1000.0 * (5 * 223.6 + 7 * 166.9);
  EXPECT_NEAR(bill.demand_charge_ntd(), expected_ntd, 1e-9 * expected_ntd);
  const auto months = bill.monthly_demand();
  ASSERT_EQ(months.size(), 12u);
  EXPECT_NEAR(months[4].covered_s[kSummer], 16 * 86400.0, 1e-6);
  EXPECT_NEAR(months[4].covered_s[kNonSummer], 15 * 86400.0, 1e-6);
  EXPECT_NEAR(bill.energy_kwh(), 365 * 24000.0, 1e-9 * 365 * 24000.0);
}

// ---- Carbon --------------------------------------------------------------------------------

TEST(tariff_test, carbon_and_fee_from_the_constant_factor) {
  ElectricityBill bill = taipei_bill();
  feed(bill, local_unix_s(2026, 7, 15), 86400, 1e6, 60);
  EXPECT_NEAR(bill.co2_t(), 11.856, 1e-9 * 11.856);  // 24,000 kWh x 0.494 kg/kWh
  EXPECT_NEAR(bill.carbon_fee_ntd(), 11.856 * 300, 1e-9 * 11.856 * 300);
  EXPECT_NEAR(bill.total_cost_ntd(),
              bill.energy_cost_ntd() + bill.demand_charge_ntd() + bill.carbon_fee_ntd(), 1e-9);
}

TEST(tariff_test, hourly_carbon_profile_overrides_the_constant) {
  CarbonSpec carbon;
  carbon.hourly_kg_per_kwh.assign(24, 0.3);
  for (int h = 12; h < 24; ++h) carbon.hourly_kg_per_kwh[static_cast<std::size_t>(h)] = 0.6;
  carbon.fee_ntd_per_t = 100;
  ElectricityBill bill = taipei_bill(taipower_hv_three_stage(), carbon);
  feed(bill, local_unix_s(2026, 7, 15), 86400, 1e6, 60);
  EXPECT_NEAR(bill.co2_t(), (12000 * 0.3 + 12000 * 0.6) / 1000, 1e-9 * 10.8);
  EXPECT_NEAR(bill.carbon_fee_ntd(), 10.8 * 100, 1e-9 * 1080);
}

// ---- Misuse --------------------------------------------------------------------------------

TEST(tariff_test, rejects_backward_ticks_bad_ticks_and_short_hourly_profiles) {
  ElectricityBill bill = taipei_bill();
  bill.add(local_unix_s(2026, 7, 15, 1), 1e6, 60);
  EXPECT_THROW(bill.add(local_unix_s(2026, 7, 15, 1), 1e6, 60), std::invalid_argument);
  EXPECT_THROW(bill.add(local_unix_s(2026, 7, 15, 2), 1e6, -1), std::invalid_argument);
  EXPECT_THROW(bill.add(local_unix_s(2026, 7, 15, 2), std::nan(""), 1), std::invalid_argument);
  CarbonSpec carbon;
  carbon.hourly_kg_per_kwh.assign(23, 0.5);
  EXPECT_THROW(taipei_bill(taipower_hv_three_stage(), carbon), std::invalid_argument);
}

}  // namespace
}  // namespace aifsim::power
