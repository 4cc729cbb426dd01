// SPDX-License-Identifier: Apache-2.0
// The build step: a validated scenario -> the parameter structs of every model and the
// models themselves, in one place. Placement is planned here once; below this file no
// model reads the scenario spec (sim/README.md, "Where each model lives").
#pragma once

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "kernels/backend.h"
#include "sim/cooling/cooling_system.h"
#include "sim/facility/fleet.h"
#include "sim/facility/topology.h"
#include "sim/metrics/recorder.h"
#include "sim/power/ratings.h"
#include "sim/run/facility_model.h"
#include "sim/run/power_management.h"
#include "sim/run/workload_set.h"
#include "sim/scenario/load.h"
#include "sim/weather/weather_series.h"

namespace aifsim::run {

/// Places the rack groups of a validated spec: groups fill rows in file order
/// (`site.layout.racks_per_row`), rows fill halls (`site.layout.rows_per_hall`).
facility::Topology build_topology(const scenario::ScenarioSpec& spec);

/// Relative throughput vs power of a workload class (workload_classes.NAME.speed_curve).
kernels::EfficiencyCurve workload_class_curve(const scenario::ScenarioSpec& spec, const std::string& name);

/// One load group per rack group, following its `load` profile and workload class.
facility::LoadGroups rack_group_loads(const facility::Topology& topo, const scenario::ScenarioSpec& spec);

/// Per-GPU power figures and static limits, per-rack-type electrical and die parameters,
/// smoothing and the noise seed, with the given load groups.
facility::FleetParams fleet_params(const scenario::ScenarioSpec& spec, const facility::Topology& topo,
                                   facility::LoadGroups groups);

/// Design flows, CDU and plant sizing from the racks' maximum power (REFERENCE.md §2.1).
cooling::CoolingParams cooling_params(const scenario::ScenarioSpec& spec, const facility::Topology& topo);

/// Usable capacities of the UPS, the transformers and each rack's PSUs (`rack_type` per rack).
power::RatingParams rating_params(const scenario::ScenarioSpec& spec, std::span<const int> rack_type);

/// Power chain, ratings, load profiles and scheduled faults of the facility model.
FacilityParams facility_params(const scenario::ScenarioSpec& spec, const facility::Topology& topo);

/// The site's weather: its file, or its built-in climate for the start's year. Throws
/// InputError naming the file for one that cannot be read or used.
weather::WeatherSeries load_site_weather(const scenario::LoadedScenario& scenario);

/// Every model of a run, built and wired, before its recorder and engine.
struct BuiltRun {
  facility::Topology topo;
  std::vector<std::string> group_names;  ///< rack groups, file order
  metrics::RecorderOptions recorder;     ///< all but out_dir
  FacilityParams facility;
  weather::WeatherSeries weather;
  std::unique_ptr<cooling::CoolingSystem> cooling;
  std::unique_ptr<WorkloadSet> workloads;  ///< null without workloads
  std::unique_ptr<facility::Fleet> fleet;
  std::unique_ptr<PowerManagement> power;
};

/// Builds the run. Throws InputError for an unreadable trace or weather file.
BuiltRun build_run(const scenario::LoadedScenario& scenario, kernels::Backend backend);

}  // namespace aifsim::run
