// SPDX-License-Identifier: Apache-2.0
// Moist-air psychrometrics (ASHRAE Handbook Fundamentals, chapter 1) for the outdoor air that
// the dry coolers and cooling towers reject heat to: dew point, humidity ratio, wet bulb.
#pragma once

namespace aifsim::weather {

/// Standard atmosphere at sea level (kPa).
inline constexpr double kStandardPressureKpa = 101.325;

/// Saturation vapour pressure over liquid water (kPa) at temp_c (deg C), from the
/// Hyland-Wexler (1983) formulation as given in ASHRAE Handbook Fundamentals (2017), chapter 1,
/// eq. (6). Over water at every temperature (supercooled below 0 C), which is what
/// meteorological stations report dew point and RH against. Valid -100..200 C; throws
/// std::invalid_argument outside that range or for NaN.
double saturation_vapor_pressure_kpa(double temp_c);

/// Dew point (deg C) of air whose water vapour partial pressure is vapor_pressure_kpa (> 0):
/// the inverse of saturation_vapor_pressure_kpa, solved by Newton's method to 1e-9 K.
double dew_point_from_vapor_pressure_c(double vapor_pressure_kpa);

/// Dew point (deg C) from dry bulb (deg C) and relative humidity as a fraction in (0, 1]
/// (RH = p_w / p_ws(t), ASHRAE 2017 ch. 1 eq. 12). Throws std::invalid_argument for
/// rh_frac outside (0, 1] (a dew point of perfectly dry air does not exist).
double dew_point_c(double dry_bulb_c, double rh_frac);

/// Relative humidity as a fraction (0, 1] from dry bulb and dew point (deg C). A dew point
/// above the dry bulb is treated as saturated (returns 1).
double relative_humidity_from_dew_point(double dry_bulb_c, double dew_point_c);

/// Humidity ratio W (kg water / kg dry air) of vapour at partial pressure vapor_pressure_kpa
/// in moist air at total pressure pressure_kpa: W = 0.621945 p_w / (p - p_w)
/// (ASHRAE 2017 ch. 1 eq. 20). Throws std::invalid_argument unless 0 <= p_w < p.
double humidity_ratio_kg_per_kg(double vapor_pressure_kpa, double pressure_kpa);

/// Humidity ratio (kg/kg) implied by a thermodynamic wet bulb: the psychrometer equation
/// over water, ASHRAE 2017 ch. 1 eq. (33),
///   W = ((2501 - 2.326 t*) W*s - 1.006 (t - t*)) / (2501 + 1.86 t - 4.186 t*),
/// with W*s the saturation humidity ratio at t*. May be negative when the wet bulb is too
/// low for the dry bulb (no such air exists); callers check.
double humidity_ratio_from_wet_bulb(double dry_bulb_c, double wet_bulb_c, double pressure_kpa);

/// Thermodynamic wet bulb (deg C) of air at dry_bulb_c, relative humidity rh_frac in [0, 1]
/// and pressure_kpa: the t* that makes humidity_ratio_from_wet_bulb equal the air's humidity
/// ratio, found by bisection between the dew point and the dry bulb (the psychrometer
/// equation is monotonic in t* there) to 1e-6 K. Equals the dry bulb at rh_frac = 1.
double wet_bulb_c(double dry_bulb_c, double rh_frac, double pressure_kpa);

/// Thermodynamic wet bulb (deg C) from dry bulb and dew point (deg C); a dew point above the
/// dry bulb counts as saturated.
double wet_bulb_from_dew_point_c(double dry_bulb_c, double dew_point_c, double pressure_kpa);

/// Dew point (deg C) of air with the given dry bulb and thermodynamic wet bulb. Throws
/// std::invalid_argument when wet_bulb_c > dry_bulb_c or the wet bulb implies a humidity
/// ratio <= 0 (too low for the dry bulb).
double dew_point_from_wet_bulb_c(double dry_bulb_c, double wet_bulb_c, double pressure_kpa);

}  // namespace aifsim::weather
