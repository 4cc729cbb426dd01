// SPDX-License-Identifier: Apache-2.0
// Time-of-use tariff tables, the electricity bill accumulator and carbon accounting.
#include "sim/power/tariff.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>

#include "sim/core/units.h"

namespace aifsim::power {
namespace {

constexpr double kWindowS = 900.0;     // demand is metered as 15-minute means
constexpr double kSnapS = 1e-6;        // boundaries this close to a tick edge are the edge
constexpr double kJPerKwh = 3.6e6;
constexpr double kSPerDay = 86400.0;

constexpr int idx(TouPeriod p) { return static_cast<int>(p); }
constexpr int idx(DayType d) { return static_cast<int>(d); }
constexpr std::size_t uz(int i) { return static_cast<std::size_t>(i); }

/// Sets hours [from, to) of one day's table to `p`.
void fill(std::array<TouPeriod, 24>& day, int from, int to, TouPeriod p) {
  for (int h = from; h < to; ++h) day[uz(h)] = p;
}

DayType day_type_of_weekday(int day_of_week) {
  if (day_of_week == 0) return DayType::sunday;
  if (day_of_week == 6) return DayType::saturday;
  return DayType::weekday;
}

}  // namespace

TouTariff taipower_hv_three_stage() {
  using enum TouPeriod;
  TouTariff t;  // season dates default to May 16 - Oct 15 (REFERENCE.md §8.1, since 2023)
  constexpr auto kWd = uz(idx(DayType::weekday));
  constexpr auto kSat = uz(idx(DayType::saturday));
  constexpr auto kSun = uz(idx(DayType::sunday));
  constexpr auto kS = uz(kSummer);
  constexpr auto kN = uz(kNonSummer);

  // Hours, REFERENCE.md §8.1 table. `hours{}` starts all off-peak, which is already right
  // for Sundays and for every hour not listed.
  fill(t.hours[kS][kWd], 9, 16, semi_peak);
  fill(t.hours[kS][kWd], 16, 22, peak);
  fill(t.hours[kS][kWd], 22, 24, semi_peak);
  fill(t.hours[kS][kSat], 9, 24, semi_peak);
  for (auto day : {kWd, kSat}) {  // non-summer weekdays and Saturdays share the hours
    fill(t.hours[kN][day], 6, 11, semi_peak);
    fill(t.hours[kN][day], 14, 24, semi_peak);
  }

  // Rates, NT$/kWh (REFERENCE.md §8.1). Cells no hour of this table uses (non-summer peak,
  // Saturday and Sunday peak, Sunday semi-peak) carry the same season's weekday rate of that
  // period, and non-summer peak the semi-peak rate, so an edited hours table never bills
  // energy at 0.
  t.rate_ntd_per_kwh[kS][kWd] = {2.53, 5.85, 9.39};
  t.rate_ntd_per_kwh[kS][kSat] = {2.53, 2.60, 9.39};
  t.rate_ntd_per_kwh[kS][kSun] = {2.53, 5.85, 9.39};
  t.rate_ntd_per_kwh[kN][kWd] = {2.32, 5.47, 5.47};
  t.rate_ntd_per_kwh[kN][kSat] = {2.32, 2.41, 5.47};
  t.rate_ntd_per_kwh[kN][kSun] = {2.32, 5.47, 5.47};

  // Regular-contract demand (basic) charge, NT$/kW-month (REFERENCE.md §8.1).
  t.demand_charge_ntd_per_kw_month = {223.6, 166.9};
  return t;
}

TouTariff flat_tariff(double ntd_per_kwh) {
  TouTariff t;
  for (auto& season : t.rate_ntd_per_kwh)
    for (auto& day : season) day.fill(ntd_per_kwh);
  return t;
}

bool is_summer(const TouTariff& tariff, int month, int day) {
  const int d = month * 100 + day;
  const int start = tariff.summer_start_month * 100 + tariff.summer_start_day;
  const int end = tariff.summer_end_month * 100 + tariff.summer_end_day;
  return start <= end ? (d >= start && d <= end) : (d >= start || d <= end);
}

DayType day_type(int year, int month, int day) {
  return day_type_of_weekday(weekday_from_days(days_from_civil(year, month, day)));
}

TouPeriod period_at(const TouTariff& tariff, int year, int month, int day, int hour) {
  if (hour < 0 || hour >= 24) throw std::out_of_range("period_at: hour " + std::to_string(hour) + " outside [0, 24)");
  const int season = is_summer(tariff, month, day) ? kSummer : kNonSummer;
  return tariff.hours[uz(season)][uz(idx(day_type(year, month, day)))][uz(hour)];
}

double rate_at_ntd_per_kwh(const TouTariff& tariff, int year, int month, int day, int hour) {
  const int season = is_summer(tariff, month, day) ? kSummer : kNonSummer;
  const TouPeriod p = period_at(tariff, year, month, day, hour);
  return tariff.rate_ntd_per_kwh[uz(season)][uz(idx(day_type(year, month, day)))][uz(idx(p))];
}

// ---- ElectricityBill ---------------------------------------------------------------------

double ElectricityBill::Window::mean_kw() const {
  return covered_s > 0 ? energy_j / covered_s / 1e3 : 0.0;
}

ElectricityBill::ElectricityBill(TouTariff tariff, CarbonSpec carbon, int utc_offset_s)
    : tariff_(std::move(tariff)), carbon_(std::move(carbon)), utc_offset_s_(utc_offset_s) {
  if (!carbon_.hourly_kg_per_kwh.empty() && carbon_.hourly_kg_per_kwh.size() != 24)
    throw std::invalid_argument("ElectricityBill: hourly_kg_per_kwh needs 24 values (got " +
                                std::to_string(carbon_.hourly_kg_per_kwh.size()) + ")");
}

void ElectricityBill::add(double unix_s, double power_w, double dt_s) {
  if (!std::isfinite(unix_s) || !std::isfinite(power_w) || !std::isfinite(dt_s) || dt_s < 0)
    throw std::invalid_argument("ElectricityBill::add: bad tick (unix_s " + std::to_string(unix_s) +
                                ", power_w " + std::to_string(power_w) + ", dt_s " + std::to_string(dt_s) + ")");
  // Local seconds: the offset turns local quarter hours into multiples of 900.
  double t = unix_s + utc_offset_s_;
  const double end = t + dt_s;
  if (window_.open && t < last_end_local_s_ - kSnapS)
    throw std::invalid_argument("ElectricityBill::add: tick at unix_s " + std::to_string(unix_s) +
                                " starts before the previous one ended");
  last_end_local_s_ = std::max(last_end_local_s_, end);
  if (dt_s == 0) return;

  // Durations come from dt_s, not from differences of absolute times: near 1.8e9 s a double
  // resolves only 2.4e-7 s, which would bias a year of 0.1 s ticks by ~1e-6. Only the part
  // before a boundary is an absolute-time difference.
  double left_s = dt_s;
  while (true) {
    const auto q = static_cast<std::int64_t>(std::floor((t + kSnapS) / kWindowS));
    if (!window_.open || q != window_.index) open_window(q);
    const double boundary = static_cast<double>(q + 1) * kWindowS;
    const bool split = end > boundary + kSnapS;
    const double part_s = split ? std::min(left_s, std::max(0.0, boundary - t)) : left_s;
    window_.energy_j += power_w * part_s;
    window_.covered_s += part_s;
    if (!split) break;
    left_s -= part_s;
    t = boundary;
  }
}

void ElectricityBill::open_window(std::int64_t index) {
  close_window();
  const LocalTime lt = local_time(index * static_cast<std::int64_t>(kWindowS) - utc_offset_s_, utc_offset_s_);
  const int season = is_summer(tariff_, lt.month, lt.day) ? kSummer : kNonSummer;
  const DayType dt = day_type_of_weekday(lt.day_of_week);
  window_ = Window{};
  window_.open = true;
  window_.index = index;
  window_.season = season;
  window_.period = tariff_.hours[uz(season)][uz(idx(dt))][uz(lt.hour)];
  window_.rate_ntd_per_kwh = tariff_.rate_ntd_per_kwh[uz(season)][uz(idx(dt))][uz(idx(window_.period))];
  window_.kg_per_kwh =
      carbon_.hourly_kg_per_kwh.empty() ? carbon_.kg_per_kwh : carbon_.hourly_kg_per_kwh[uz(lt.hour)];
  if (months_.empty() || months_.back().year != lt.year || months_.back().month != lt.month)
    months_.push_back(MonthState{lt.year, lt.month, 0.0, {0.0, 0.0}});
}

void ElectricityBill::close_window() {
  if (!window_.open) return;
  const double kwh = window_.energy_j / kJPerKwh;
  const auto p = uz(idx(window_.period));
  period_energy_kwh_[p] += kwh;
  period_cost_ntd_[p] += kwh * window_.rate_ntd_per_kwh;
  co2_kg_ += kwh * window_.kg_per_kwh;
  peak_kw_ = std::max(peak_kw_, window_.mean_kw());
  MonthState& m = months_.back();  // open_window made the window's month the last one
  m.peak_kw = std::max(m.peak_kw, window_.mean_kw());
  m.covered_s[uz(window_.season)] += window_.covered_s;
  window_.open = false;
}

std::vector<ElectricityBill::MonthState> ElectricityBill::months_with_window() const {
  std::vector<MonthState> months = months_;
  if (window_.open) {
    MonthState& m = months.back();
    m.peak_kw = std::max(m.peak_kw, window_.mean_kw());
    m.covered_s[uz(window_.season)] += window_.covered_s;
  }
  return months;
}

double ElectricityBill::month_charge_ntd(const MonthState& m) const {
  const double billed_kw = tariff_.contract_kw > 0 ? tariff_.contract_kw : m.peak_kw;
  const double month_s = days_in_month(m.year, m.month) * kSPerDay;
  double charge = 0;
  for (int s : {kSummer, kNonSummer})
    charge += tariff_.demand_charge_ntd_per_kw_month[uz(s)] * billed_kw * m.covered_s[uz(s)] / month_s;
  return charge;
}

std::array<double, 3> ElectricityBill::period_energy_kwh() const {
  std::array<double, 3> e = period_energy_kwh_;
  if (window_.open) e[uz(idx(window_.period))] += window_.energy_j / kJPerKwh;
  return e;
}

std::array<double, 3> ElectricityBill::period_cost_ntd() const {
  std::array<double, 3> c = period_cost_ntd_;
  if (window_.open) c[uz(idx(window_.period))] += window_.energy_j / kJPerKwh * window_.rate_ntd_per_kwh;
  return c;
}

double ElectricityBill::energy_kwh() const {
  const auto e = period_energy_kwh();
  return e[0] + e[1] + e[2];
}

double ElectricityBill::energy_cost_ntd() const {
  const auto c = period_cost_ntd();
  return c[0] + c[1] + c[2];
}

double ElectricityBill::demand_charge_ntd() const {
  double total = 0;
  for (const MonthState& m : months_with_window()) total += month_charge_ntd(m);
  return total;
}

std::vector<MonthDemand> ElectricityBill::monthly_demand() const {
  std::vector<MonthDemand> out;
  for (const MonthState& m : months_with_window())
    out.push_back(MonthDemand{m.year, m.month, m.peak_kw, m.covered_s, month_charge_ntd(m)});
  return out;
}

double ElectricityBill::peak_15min_kw() const {
  return window_.open ? std::max(peak_kw_, window_.mean_kw()) : peak_kw_;
}

double ElectricityBill::co2_t() const {
  const double open_kg = window_.open ? window_.energy_j / kJPerKwh * window_.kg_per_kwh : 0.0;
  return (co2_kg_ + open_kg) / 1e3;
}

double ElectricityBill::carbon_fee_ntd() const { return co2_t() * carbon_.fee_ntd_per_t; }

double ElectricityBill::total_cost_ntd() const {
  return energy_cost_ntd() + demand_charge_ntd() + carbon_fee_ntd();
}

}  // namespace aifsim::power
