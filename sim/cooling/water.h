// SPDX-License-Identifier: Apache-2.0
// Coolant properties and the two conversions every loop model needs: L/min -> kg/s and
// m_dot c_p dT -> W.
#pragma once

namespace aifsim::cooling {

/// Specific heat of liquid water (J/kg/K). IAPWS-95 (NIST Chemistry WebBook, saturated liquid):
/// 4181 at 25 C, 4178 at 30 C, 4179 at 40 C; 4180 is within 0.1 % over the 20-45 C that
/// facility and TCS water see.
inline constexpr double kWaterCpJPerKgK = 4180.0;

/// Density of liquid water at 30 C (kg/m3). IAPWS-95: 995.65 kg/m3.
inline constexpr double kWaterDensityKgM3 = 995.7;

/// Specific heat of 25 % propylene glycol in water near 30 C (J/kg/K), the TCS coolant of
/// REFERENCE.md §2.1 (25-30 % PG). Dow DOWFROST Engineering and Operating Guide, specific-heat
/// table: about 0.94 Btu/lb/F (3.93-3.95 kJ/kg/K) at 25 % near 80-100 F. Confidence L
/// (recalled, not re-verified); the error it brings is under 1 % of any loop dT.
inline constexpr double kPg25CpJPerKgK = 3930.0;

/// Density of 25 % propylene glycol near 30 C (kg/m3). Perry's Chemical Engineers' Handbook
/// table 5.13: specific gravity 1.020 at 15.6 C for 25 % by volume, i.e. 1019 kg/m3; less
/// about 0.4 % of thermal expansion to 30 C gives 1015. Confidence M.
inline constexpr double kPg25DensityKgM3 = 1015.0;

/// Latent heat of vaporisation of water at 30 C (J/kg), the evaporation that carries a
/// cooling tower's heat. Saturated-water steam tables (IAPWS-IF97, e.g. Cengel table A-4):
/// h_fg = 2429.8 kJ/kg at 30 C (2441.7 at 25 C, 2418.0 at 35 C).
inline constexpr double kWaterLatentHeatJPerKg = 2.4298e6;

/// Mass flow (kg/s) of a volumetric flow l_min (L/min) of a liquid of density density_kg_m3:
/// m_dot = l_min / 60 s/min * 1e-3 m3/L * rho.
constexpr double flow_kg_s_from_l_min(double l_min, double density_kg_m3) {
  return l_min * (1e-3 / 60.0) * density_kg_m3;
}

/// Heat (W) carried by flow_kg_s (kg/s) of a liquid of specific heat cp_j_per_kg_k (J/kg/K)
/// across a temperature change delta_t_k (K): Q = m_dot c_p dT.
constexpr double heat_w(double flow_kg_s, double cp_j_per_kg_k, double delta_t_k) {
  return flow_kg_s * cp_j_per_kg_k * delta_t_k;
}

}  // namespace aifsim::cooling
