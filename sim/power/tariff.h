// SPDX-License-Identifier: Apache-2.0
// Time-of-use electricity tariff, the run's electricity bill (energy, demand charge) and its
// carbon accounting. Pure arithmetic on the meter power the simulation produces: no I/O.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

namespace aifsim::power {

/// Tariff period of an hour. The order indexes the rate and energy arrays below.
enum class TouPeriod : std::uint8_t { off_peak, semi_peak, peak };

/// Day type of a civil date. `sunday` also stands for national holidays and Taipower's other
/// off-peak days, which are not modelled (REFERENCE.md §8.1, "Sunday / off-peak days").
enum class DayType : std::uint8_t { weekday, saturday, sunday };

/// Season index used by TouTariff's arrays.
inline constexpr int kSummer = 0;
inline constexpr int kNonSummer = 1;

/// A three-period time-of-use tariff with two seasons. Plain data: scenario loading fills it.
struct TouTariff {
  /// First and last day of the summer season, both inclusive. A start after the end wraps
  /// over the new year (a southern-hemisphere summer).
  int summer_start_month = 5, summer_start_day = 16, summer_end_month = 10, summer_end_day = 15;
  /// Period of each local hour [0, 24), by season (kSummer, kNonSummer) and DayType.
  std::array<std::array<std::array<TouPeriod, 24>, 3>, 2> hours{};
  /// NT$/kWh by season, DayType and TouPeriod.
  std::array<std::array<std::array<double, 3>, 3>, 2> rate_ntd_per_kwh{};
  /// Demand (basic) charge, NT$/kW-month, by season.
  std::array<double, 2> demand_charge_ntd_per_kw_month{};
  /// Contracted demand (kW) billed by the demand charge; 0 bills the month's highest
  /// 15-minute mean demand at the meter instead.
  double contract_kw = 0;
};

/// Taipower high-voltage three-stage TOU, regular contract, rates in force 2024-2025
/// (REFERENCE.md §8.1).
TouTariff taipower_hv_three_stage();

/// One energy rate at every hour, no demand charge: the scenario's `flat` preset, whose
/// default (NT$4.27/kWh, REFERENCE.md §8.1 average industrial rate) already averages the
/// demand charge in.
TouTariff flat_tariff(double ntd_per_kwh);

/// True when the civil date (month 1-12, day 1-31) lies in the tariff's summer season.
bool is_summer(const TouTariff& tariff, int month, int day);

/// Day type of a proleptic Gregorian civil date, from its day of the week.
DayType day_type(int year, int month, int day);

/// Tariff period at local hour `hour` [0, 24) of a civil date. Throws std::out_of_range for an
/// hour outside [0, 24).
TouPeriod period_at(const TouTariff& tariff, int year, int month, int day, int hour);

/// Energy rate (NT$/kWh) at local hour `hour` of a civil date.
double rate_at_ntd_per_kwh(const TouTariff& tariff, int year, int month, int day, int hour);

/// Grid carbon intensity and carbon fee (REFERENCE.md §8.2).
struct CarbonSpec {
  /// MOEA electricity emission factor 2023, kgCO2e/kWh (REFERENCE.md §8.2).
  double kg_per_kwh = 0.494;
  /// 24 values by local hour; overrides kg_per_kwh when non-empty.
  std::vector<double> hourly_kg_per_kwh;
  /// Carbon fee standard rate, NT$/tCO2e (REFERENCE.md §8.2).
  double fee_ntd_per_t = 300.0;
};

/// Demand-charge detail of one calendar month (local time) the run touched.
struct MonthDemand {
  int year = 0, month = 0;
  /// Highest 15-minute mean demand at the meter within the month, kW.
  double peak_15min_kw = 0;
  /// Seconds of the month the run covered, by season (a month can hold both).
  std::array<double, 2> covered_s{};
  /// This month's pro-rated demand charge, NT$.
  double demand_charge_ntd = 0;
};

/// Accumulates a run's meter power into cost and carbon. Memory is per calendar month (no
/// per-tick storage), so a year of 0.1 s ticks costs a dozen small records.
///
/// Local time is a fixed offset from UTC (no daylight saving). Demand windows are the local
/// clock's quarter hours; within one window the tariff period, rate and emission factor are
/// constant, so energy is binned per window and folded into the totals when the window closes
/// (which also keeps a year of tiny increments from losing precision in the sums).
class ElectricityBill {
 public:
  /// Throws std::invalid_argument if carbon.hourly_kg_per_kwh is neither empty nor 24 values.
  ElectricityBill(TouTariff tariff, CarbonSpec carbon, int utc_offset_s);

  /// Power at the meter (W) held over [unix_s, unix_s + dt_s). dt_s may be fractional. A tick
  /// that crosses a local quarter hour (hence any hour, day, month or season boundary) is
  /// split there, each part billed at its own period. Boundaries within 1 us of a tick edge
  /// are snapped to the edge, so a caller's accumulated floating-point clock does not create
  /// slivers. Ticks must not go backwards in time; gaps are allowed (and simply not covered).
  /// Negative power (export) is credited at the rate of its period. Throws
  /// std::invalid_argument for a negative or non-finite dt_s, non-finite arguments or a tick
  /// that starts before the previous one ended.
  void add(double unix_s, double power_w, double dt_s);

  double energy_kwh() const;
  /// Sum of the periods' energy costs, NT$.
  double energy_cost_ntd() const;
  /// Energy by TouPeriod, kWh.
  std::array<double, 3> period_energy_kwh() const;
  /// Energy cost by TouPeriod, NT$.
  std::array<double, 3> period_cost_ntd() const;

  /// Demand charge for the months the run touched. For each calendar month: rate x billed
  /// demand x (seconds of the month the run covered / seconds in the month), where billed
  /// demand is contract_kw if > 0, else the month's highest 15-minute mean demand, and the
  /// rate is that of the season of each covered second (May and October hold both seasons).
  /// So a 1-day run in July pays 1/31 of July's charge: a run is billed as a slice of the
  /// monthly bill, not as a whole month.
  double demand_charge_ntd() const;
  /// Per-month detail of demand_charge_ntd(), in time order.
  std::vector<MonthDemand> monthly_demand() const;
  /// Highest 15-minute mean demand over the whole run, kW. A window the run only partly
  /// covers (run start or end off a quarter hour) is averaged over its covered time: the
  /// meter's mean over the full window would need load the run did not simulate. Never below
  /// 0 (export does not make a negative demand).
  double peak_15min_kw() const;

  double co2_t() const;
  double carbon_fee_ntd() const;
  /// energy_cost_ntd() + demand_charge_ntd() + carbon_fee_ntd().
  double total_cost_ntd() const;

 private:
  struct MonthState {
    int year, month;
    double peak_kw;
    std::array<double, 2> covered_s;
  };
  /// The open quarter-hour window: constant tariff and carbon terms, accumulated energy.
  struct Window {
    bool open = false;
    std::int64_t index = 0;  ///< local seconds / 900
    int season = kSummer;
    TouPeriod period = TouPeriod::off_peak;
    double rate_ntd_per_kwh = 0;
    double kg_per_kwh = 0;
    double energy_j = 0;
    double covered_s = 0;
    double mean_kw() const;
  };

  void open_window(std::int64_t index);
  void close_window();
  /// Month records with the open window folded in.
  std::vector<MonthState> months_with_window() const;
  double month_charge_ntd(const MonthState& m) const;

  TouTariff tariff_;
  CarbonSpec carbon_;
  int utc_offset_s_;
  double last_end_local_s_ = 0;
  Window window_;
  std::array<double, 3> period_energy_kwh_{};
  std::array<double, 3> period_cost_ntd_{};
  double co2_kg_ = 0;
  double peak_kw_ = 0;
  std::vector<MonthState> months_;
};

}  // namespace aifsim::power
