// SPDX-License-Identifier: Apache-2.0
// Moist-air psychrometrics: ASHRAE Handbook Fundamentals (2017) ch. 1, over liquid water.
#include "sim/weather/psychrometrics.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace aifsim::weather {
namespace {

// Hyland-Wexler (1983) constants for saturation over liquid water, ASHRAE 2017 ch. 1 eq. (6):
//   ln(p_ws / Pa) = C8/T + C9 + C10 T + C11 T^2 + C12 T^3 + C13 ln T,  T in kelvin.
constexpr double kC8 = -5.8002206e3;
constexpr double kC9 = 1.3914993;
constexpr double kC10 = -4.8640239e-2;
constexpr double kC11 = 4.1764768e-5;
constexpr double kC12 = -1.4452093e-8;
constexpr double kC13 = 6.5459673;
constexpr double kKelvinOffset = 273.15;

// Ratio of the molar masses of water and dry air (ASHRAE 2017 ch. 1 eq. 20).
constexpr double kMolarMassRatio = 0.621945;

// The formulation's stated range; beyond it the polynomial is not a fit to anything.
constexpr double kMinTempC = -100.0;
constexpr double kMaxTempC = 200.0;

double ln_pws_pa(double temp_k) {
  return kC8 / temp_k + kC9 + temp_k * (kC10 + temp_k * (kC11 + temp_k * kC12)) +
         kC13 * std::log(temp_k);
}

double d_ln_pws_dt(double temp_k) {
  return -kC8 / (temp_k * temp_k) + kC10 + temp_k * (2.0 * kC11 + 3.0 * kC12 * temp_k) +
         kC13 / temp_k;
}

void require(bool ok, const char* what, double value) {
  if (!ok) throw std::invalid_argument(std::string(what) + " (got " + std::to_string(value) + ")");
}

void require_pressure(double pressure_kpa) {
  require(std::isfinite(pressure_kpa) && pressure_kpa > 0.0, "pressure_kpa must be > 0",
          pressure_kpa);
}

}  // namespace

double saturation_vapor_pressure_kpa(double temp_c) {
  require(temp_c >= kMinTempC && temp_c <= kMaxTempC,
          "saturation vapour pressure: temperature must be within -100..200 C", temp_c);
  return std::exp(ln_pws_pa(temp_c + kKelvinOffset)) / 1000.0;
}

double dew_point_from_vapor_pressure_c(double vapor_pressure_kpa) {
  const double lo_kpa = saturation_vapor_pressure_kpa(kMinTempC);
  const double hi_kpa = saturation_vapor_pressure_kpa(kMaxTempC);
  require(vapor_pressure_kpa >= lo_kpa && vapor_pressure_kpa <= hi_kpa,
          "dew point: vapour pressure (kPa) out of the range of -100..200 C saturation",
          vapor_pressure_kpa);
  const double target = std::log(vapor_pressure_kpa * 1000.0);
  // Start from the Magnus form (Alduchov & Eskridge 1996 constants), within ~0.1 K of the
  // answer over the weather range, so Newton needs two or three steps.
  const double gamma = std::log(vapor_pressure_kpa / 0.61094);
  double t_c = 243.04 * gamma / (17.625 - gamma);
  if (!(t_c > kMinTempC && t_c < kMaxTempC)) t_c = 20.0;
  for (int i = 0; i < 50; ++i) {
    const double t_k = t_c + kKelvinOffset;
    const double step = (ln_pws_pa(t_k) - target) / d_ln_pws_dt(t_k);
    t_c -= step;
    if (t_c < kMinTempC) t_c = kMinTempC;
    if (t_c > kMaxTempC) t_c = kMaxTempC;
    if (std::abs(step) < 1e-10) break;
  }
  return t_c;
}

double dew_point_c(double dry_bulb_c, double rh_frac) {
  require(rh_frac > 0.0 && rh_frac <= 1.0, "relative humidity must be within (0, 1]", rh_frac);
  if (rh_frac == 1.0) return dry_bulb_c;  // exact, and keeps the round trip free of Newton noise
  return dew_point_from_vapor_pressure_c(rh_frac * saturation_vapor_pressure_kpa(dry_bulb_c));
}

double relative_humidity_from_dew_point(double dry_bulb_c, double dew_point_c) {
  if (dew_point_c >= dry_bulb_c) {
    require(dry_bulb_c >= kMinTempC && dry_bulb_c <= kMaxTempC,
            "relative humidity: temperature must be within -100..200 C", dry_bulb_c);
    return 1.0;
  }
  return saturation_vapor_pressure_kpa(dew_point_c) / saturation_vapor_pressure_kpa(dry_bulb_c);
}

double humidity_ratio_kg_per_kg(double vapor_pressure_kpa, double pressure_kpa) {
  require_pressure(pressure_kpa);
  require(vapor_pressure_kpa >= 0.0 && vapor_pressure_kpa < pressure_kpa,
          "humidity ratio: vapour pressure must be within [0, total pressure)", vapor_pressure_kpa);
  return kMolarMassRatio * vapor_pressure_kpa / (pressure_kpa - vapor_pressure_kpa);
}

double humidity_ratio_from_wet_bulb(double dry_bulb_c, double wet_bulb_c, double pressure_kpa) {
  const double ws_star =
      humidity_ratio_kg_per_kg(saturation_vapor_pressure_kpa(wet_bulb_c), pressure_kpa);
  // ASHRAE 2017 ch. 1 eq. (33): an energy balance of the adiabatic saturator (latent heat
  // 2501 kJ/kg at 0 C, vapour cp 1.86, water cp 4.186, dry-air cp 1.006 kJ/(kg K)).
  return ((2501.0 - 2.326 * wet_bulb_c) * ws_star - 1.006 * (dry_bulb_c - wet_bulb_c)) /
         (2501.0 + 1.86 * dry_bulb_c - 4.186 * wet_bulb_c);
}

double wet_bulb_c(double dry_bulb_c, double rh_frac, double pressure_kpa) {
  require(rh_frac >= 0.0 && rh_frac <= 1.0, "relative humidity must be within [0, 1]", rh_frac);
  require_pressure(pressure_kpa);
  const double pws_kpa = saturation_vapor_pressure_kpa(dry_bulb_c);
  if (rh_frac == 1.0) return dry_bulb_c;
  const double w = humidity_ratio_kg_per_kg(rh_frac * pws_kpa, pressure_kpa);
  // The psychrometer equation gives W <= W(air) at the dew point and W*s(t) >= W(air) at the
  // dry bulb, and rises monotonically between, so bisection brackets the root safely.
  double lo_c = rh_frac > 0.0 ? dew_point_c(dry_bulb_c, rh_frac) : kMinTempC;
  double hi_c = dry_bulb_c;
  while (hi_c - lo_c > 1e-7) {
    const double mid_c = 0.5 * (lo_c + hi_c);
    if (humidity_ratio_from_wet_bulb(dry_bulb_c, mid_c, pressure_kpa) < w) {
      lo_c = mid_c;
    } else {
      hi_c = mid_c;
    }
  }
  return 0.5 * (lo_c + hi_c);
}

double wet_bulb_from_dew_point_c(double dry_bulb_c, double dew_point_c, double pressure_kpa) {
  return wet_bulb_c(dry_bulb_c, relative_humidity_from_dew_point(dry_bulb_c, dew_point_c),
                    pressure_kpa);
}

double dew_point_from_wet_bulb_c(double dry_bulb_c, double wet_bulb_c, double pressure_kpa) {
  require(wet_bulb_c <= dry_bulb_c, "wet bulb must not exceed the dry bulb", wet_bulb_c);
  if (wet_bulb_c == dry_bulb_c) return dry_bulb_c;
  const double w = humidity_ratio_from_wet_bulb(dry_bulb_c, wet_bulb_c, pressure_kpa);
  require(w > 0.0, "wet bulb too low for the dry bulb (implies a humidity ratio <= 0)", wet_bulb_c);
  // Invert eq. (20): p_w = p W / (0.621945 + W).
  return dew_point_from_vapor_pressure_c(pressure_kpa * w / (kMolarMassRatio + w));
}

}  // namespace aifsim::weather
