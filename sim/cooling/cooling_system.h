// SPDX-License-Identifier: Apache-2.0
// The facility cooling tree above the rack loops: CDUs (supply temperature, flow, pumps,
// faults), the facility water loop with its thermal mass, CRAH units for the air share and
// the heat rejection plant (towers or dry coolers, chillers for trim) against the weather.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "sim/cooling/plant_params.h"
#include "sim/cooling/plant_physics.h"

namespace aifsim::cooling {

/// Electrical power of the cooling system over one tick (W).
struct CoolingPower {
  double cdu_pumps_w = 0;
  double facility_pumps_w = 0;
  double crah_fans_w = 0;
  double rejection_fans_w = 0;  ///< tower or dry-cooler fans
  double chillers_w = 0;
  double total_w() const {
    return cdu_pumps_w + facility_pumps_w + crah_fans_w + rejection_fans_w + chillers_w;
  }
};

/// Thermal state of the plant after one tick.
struct CoolingState {
  PlantResult::Mode mode = PlantResult::Mode::free;
  double facility_supply_c = 0;
  double facility_return_c = 0;
  double heat_to_water_w = 0;   ///< heat entering the facility water (CDUs, CRAHs, pumps)
  double heat_from_water_w = 0; ///< heat the plant took out of the facility water
  double water_kg_s = 0;        ///< tower make-up water
  bool capacity_short = false;  ///< the plant could not hold its set-point
};

/// What a cooling system is built from (sim/run/build.cpp derives it from the scenario).
struct CoolingParams {
  int racks_per_cdu = 1;
  CduParams cdu;                               ///< one CDU; design flow: the mean over CDUs
  std::vector<double> rack_design_flow_kg_s;   ///< per rack (0 for air-cooled racks)
  std::vector<bool> rack_air_cooled;           ///< per rack
  std::vector<double> cdu_design_flow_kg_s;    ///< per CDU: the sum of its racks'
  double cdu_supply_c = 0;                     ///< initial CDU supply: set-point + approach
  double air_supply_c = 0;                     ///< supply air of air-cooled racks
  PlantParams plant;
  double facility_cp_j_per_kg_k = 0;
  double facility_heat_capacity_j_per_k = 0;
  double design_heat_w = 0;                    ///< facility IT heat at full load
  int chillers_available = 0;
};

class CoolingSystem {
 public:
  explicit CoolingSystem(const CoolingParams& params);

  /// Supply temperature and flow each rack's loop gets this tick, from its CDU's state.
  void rack_inputs(std::span<float> supply_c, std::span<float> flow_kg_s) const;

  /// Advances CDUs, the facility loop and the plant over dt_s with the heat the racks handed
  /// over (per rack, liquid) and the room air heat.
  void step(std::span<const std::int64_t> rack_liquid_heat_uw, double air_heat_w, double dry_bulb_c,
            double wet_bulb_c, double dt_s);

  const CoolingPower& power() const { return power_; }
  const CoolingState& state() const { return state_; }

  int cdus() const { return static_cast<int>(cdu_pumps_running_.size()); }
  /// Faults: pumps of one CDU stop (or are repaired); chillers trip (or come back).
  void set_cdu_pumps_running(int cdu, int running);
  int cdu_pumps_running(int cdu) const { return cdu_pumps_running_[static_cast<std::size_t>(cdu)]; }
  void set_chillers_available(int units) { chillers_available_ = units; }
  /// Facility-water supply set-point (C) from the next step (a front end's knob).
  void set_supply_setpoint_c(double c) { plant_.supply_setpoint_c = c; }
  int chillers_available() const { return chillers_available_; }
  /// Design values, for reports and tests.
  double design_heat_w() const { return design_heat_w_; }
  const PlantParams& plant_params() const { return plant_; }

 private:
  int racks_per_cdu_;
  CduParams cdu_;
  std::vector<double> rack_design_flow_kg_s_;
  std::vector<double> cdu_design_flow_kg_s_;
  std::vector<int> cdu_pumps_running_;
  std::vector<double> cdu_supply_c_;
  std::vector<double> cdu_heat_w_;
  std::vector<bool> rack_air_cooled_;
  double air_supply_c_;
  PlantParams plant_;
  double facility_cp_j_per_kg_k_;
  double facility_heat_capacity_j_per_k_;
  double design_heat_w_ = 0;
  int chillers_available_;
  double facility_return_c_;
  CoolingPower power_;
  CoolingState state_;
};

}  // namespace aifsim::cooling
