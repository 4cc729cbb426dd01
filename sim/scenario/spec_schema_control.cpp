// SPDX-License-Identifier: Apache-2.0
// The scenario schema of power management and its accounting: caps, demand response,
// smoothing, the site store, swing reporting, the tariff and carbon.
#include "sim/scenario/spec_schema_parts.h"

namespace aifsim::scenario {

template <>
const StructDef<TariffSpec>& struct_def<TariffSpec>() {
  static const StructDef<TariffSpec> d = [] {
    StructDef<TariffSpec> s("TariffSpec",
                            "The electricity tariff at the meter. `taipower_hv_three_stage`: Taipower's "
                            "high-voltage three-period time-of-use tariff (REFERENCE.md §8.1: summer May 16 - "
                            "Oct 15, weekday peak 16:00-22:00 at NT$9.39/kWh, demand charge NT$223.6 / 166.9 "
                            "per kW-month); `flat`: one energy rate, no demand charge.");
    s.field("preset", &TariffSpec::preset, "Tariff");
    s.field("flat_ntd_per_kwh", &TariffSpec::flat_ntd_per_kwh,
            "Energy rate of the `flat` tariff (default: the 2025 average industrial rate, §8.1)")
        .unit("NT$/kWh").ge(0);
    s.field("rate_scale", &TariffSpec::rate_scale,
            "Multiplies every energy and demand rate (e.g. 1.2 for the 2024 data-centre surcharge of "
            "15-25 %, §8.1)").gt(0);
    s.field("contract_kw", &TariffSpec::contract_kw,
            "Contracted demand billed by the demand charge (0: each month's highest 15-minute mean)")
        .unit("kW").ge(0);
    return s;
  }();
  return d;
}

template <>
const StructDef<CarbonSpec>& struct_def<CarbonSpec>() {
  static const StructDef<CarbonSpec> d = [] {
    StructDef<CarbonSpec> s("CarbonSpec", "Grid carbon intensity and the carbon fee.");
    s.field("kg_per_kwh", &CarbonSpec::kg_per_kwh,
            "Emission factor of grid electricity (default: Taiwan 2023, 0.494, REFERENCE.md §8.2)")
        .unit("kgCO2e/kWh").ge(0);
    s.field("hourly_kg_per_kwh", &CarbonSpec::hourly_kg_per_kwh,
            "24 factors by local hour; overrides kg_per_kwh when given");
    s.field("fee_ntd_per_t", &CarbonSpec::fee_ntd_per_t, "Carbon fee (default: the NT$300/t standard rate, §8.2)")
        .unit("NT$/tCO2e").ge(0);
    return s;
  }();
  return d;
}

template <>
const StructDef<PowerCapSpec>& struct_def<PowerCapSpec>() {
  static const StructDef<PowerCapSpec> d = [] {
    StructDef<PowerCapSpec> s(
        "PowerCapSpec",
        "A cap controller: every `period_s` it compares the power measured `delay_s` earlier (the "
        "measurement and actuation delay of out-of-band control) with the target and moves the "
        "GPU power limits of each cap priority, lowest priority first when lowering and last when "
        "raising; above the target it lowers toward target - hysteresis, below target - 2 x "
        "hysteresis it raises toward it, and after each action it waits out the delay. Above "
        "the hard limit an emergency brake drops every GPU below the top priority to its lowest "
        "limit within `brake_delay_s`. Under the facility level, rows above `row_cap_kw` and racks "
        "above `rack_cap_kw` have their GPUs' limits scaled on their own (facility -> rows -> racks "
        "-> GPUs). Every action is an event in events.csv.");
    s.field("target_mw", &PowerCapSpec::target_mw, "Cap (0 = no cap; demand-response windows may still set one)")
        .unit("MW").ge(0);
    s.field("measure", &PowerCapSpec::measure, "facility: the utility meter (contract demand); it: IT power");
    s.field("period_s", &PowerCapSpec::period_s, "Control period (ASSUMPTION: seconds, as rack power managers poll)").unit("s").gt(0);
    s.field("delay_s", &PowerCapSpec::delay_s,
            "Measurement + actuation delay (ASSUMPTION: ~40 s, as POLCA reports for out-of-band control)")
        .unit("s").ge(0);
    s.field("hysteresis_mw", &PowerCapSpec::hysteresis_mw, "Dead band under the target (ASSUMPTION: ~1-2 % of a 10-20 MW site)").unit("MW").ge(0);
    s.field("hard_limit_mw", &PowerCapSpec::hard_limit_mw,
            "Emergency brake threshold (0 = target + 5 %, ASSUMPTION)").unit("MW").ge(0);
    s.field("brake_delay_s", &PowerCapSpec::brake_delay_s,
            "How fast the brake acts (ASSUMPTION: in-band control acts within seconds)").unit("s").ge(0);
    s.field("rack_cap_kw", &PowerCapSpec::rack_cap_kw, "Per-rack cap on IT power (0 = none)").unit("kW").ge(0);
    s.field("row_cap_kw", &PowerCapSpec::row_cap_kw, "Per-row cap on IT power, e.g. a busway rating (0 = none)")
        .unit("kW").ge(0);
    return s;
  }();
  return d;
}

template <>
const StructDef<DemandResponseSpec>& struct_def<DemandResponseSpec>() {
  static const StructDef<DemandResponseSpec> d = [] {
    StructDef<DemandResponseSpec> s("DemandResponseSpec",
                                    "A demand-response window: a lower cap for a while (the lower of it "
                                    "and power_cap.target_mw holds).");
    s.field("at", &DemandResponseSpec::at, "Start, after the start of the run").unit("s").ge(0).required();
    s.field("duration", &DemandResponseSpec::duration, "Length of the window").unit("s").gt(0);
    s.field("target_mw", &DemandResponseSpec::target_mw, "Cap during the window").unit("MW").gt(0).required();
    return s;
  }();
  return d;
}

template <>
const StructDef<SmoothingSpec>& struct_def<SmoothingSpec>() {
  static const StructDef<SmoothingSpec> d = [] {
    StructDef<SmoothingSpec> s(
        "SmoothingSpec",
        "GPU power smoothing, as Blackwell's controls (REFERENCE.md §1.3, §9): a floor the draw "
        "never falls below while the GPU is on, and limited ramp rates; a fall in demand starts "
        "ramping down only after `ramp_down_hysteresis_s`. The floor burns energy (reported).");
    s.field("floor_frac", &SmoothingSpec::floor_frac, "Power floor as a fraction of the GPU's limit (0 = none)")
        .within(0, 1);
    s.field("ramp_up_w_per_s", &SmoothingSpec::ramp_up_w_per_s, "Fastest rise of a GPU's draw (0 = unlimited)")
        .unit("W/s").ge(0);
    s.field("ramp_down_w_per_s", &SmoothingSpec::ramp_down_w_per_s, "Fastest fall (0 = unlimited)")
        .unit("W/s").ge(0);
    s.field("ramp_down_hysteresis_s", &SmoothingSpec::ramp_down_hysteresis_s,
            "How long demand must stay lower before the draw ramps down").unit("s").ge(0);
    return s;
  }();
  return d;
}

template <>
const StructDef<StoreSpec>& struct_def<StoreSpec>() {
  static const StructDef<StoreSpec> d = [] {
    StructDef<StoreSpec> s("StoreSpec",
                           "A site energy store (battery / UPS) between the meter load and the grid that "
                           "absorbs swings: the grid follows a moving average of the load (REFERENCE.md §9: "
                           "GPU smoothing plus rack or site storage).");
    s.field("capacity_kwh", &StoreSpec::capacity_kwh, "Usable energy (0 = no store)").unit("kWh").ge(0);
    s.field("power_kw", &StoreSpec::power_kw, "Largest charge or discharge power").unit("kW").ge(0);
    s.field("round_trip_efficiency", &StoreSpec::round_trip_efficiency, "Energy out / energy in (ASSUMPTION: lithium-ion storage, ~0.9)").gt(0).le(1);
    s.field("smoothing_tau_s", &StoreSpec::smoothing_tau_s, "Time constant of the grid-side moving average (ASSUMPTION: 30 s, well above the 0.2-3 Hz "
            "swings of §9 and well below the 1-90 min generation needs to follow a ramp)")
        .unit("s").gt(0);
    return s;
  }();
  return d;
}

template <>
const StructDef<SwingSpec>& struct_def<SwingSpec>() {
  static const StructDef<SwingSpec> d = [] {
    StructDef<SwingSpec> s("SwingSpec",
                           "How grid-side power swings are reported: ramp rates, the largest peak-to-trough "
                           "within `window_s`, and the share of spectral energy in a band (REFERENCE.md §9: "
                           "utility-critical 0.1-20 Hz; resolvable up to 1 / (2 dt_s)).");
    s.field("band_lo_hz", &SwingSpec::band_lo_hz, "Lower edge of the band").unit("Hz").gt(0);
    s.field("band_hi_hz", &SwingSpec::band_hi_hz, "Upper edge of the band").unit("Hz").gt(0);
    s.field("block_samples", &SwingSpec::block_samples, "Samples per spectral block (a power of two; ASSUMPTION: 4096, 0.0024 Hz resolution at "
            "0.1 s ticks)").ge(16);
    s.field("window_s", &SwingSpec::window_s, "Window of the peak-to-trough swing (ASSUMPTION: 10 s, several 1-2 s swing periods, §9)").unit("s").gt(0);
    s.field("skip", &SwingSpec::skip, "Start-up time left out of the swing statistics").unit("s").ge(0);
    return s;
  }();
  return d;
}

template <>
const StructDef<ControlSpec>& struct_def<ControlSpec>() {
  static const StructDef<ControlSpec> d = [] {
    StructDef<ControlSpec> s("ControlSpec", "Power management: caps, demand response, smoothing, storage.");
    s.field("power_cap", &ControlSpec::power_cap, "Cap controller");
    s.field("demand_response", &ControlSpec::demand_response, "Demand-response windows");
    s.field("gpu_smoothing", &ControlSpec::gpu_smoothing, "GPU power smoothing (all GPUs)");
    s.field("energy_store", &ControlSpec::energy_store, "Site energy store");
    s.field("swings", &ControlSpec::swings, "Reporting of grid-side swings");
    s.field("tariff_shift", &ControlSpec::tariff_shift,
            "Deferrable training jobs start only in off-peak tariff periods");
    return s;
  }();
  return d;
}

}  // namespace aifsim::scenario
