// SPDX-License-Identifier: Apache-2.0
// Every summary KPI of a run so far, computed from its live models in one place: the
// session's snapshots, summary.json and the CLI's table all read these values.
#pragma once

#include <string>
#include <vector>

#include "sim/output/junit_xml.h"
#include "sim/run/result.h"
#include "sim/scenario/spec.h"

namespace aifsim::facility {
struct Topology;
class Fleet;
}
namespace aifsim::metrics {
class Recorder;
}
namespace aifsim::weather {
class WeatherSeries;
}

namespace aifsim::run {

class FacilityModel;
class WorkloadSet;
class PowerManagement;

/// The live models a summary reads (none is changed).
struct SummaryInputs {
  const facility::Topology& topo;
  const facility::Fleet& fleet;
  const metrics::Recorder& recorder;
  const FacilityModel& facility;
  const WorkloadSet* workloads;  ///< null without workloads
  const PowerManagement& power;
  const weather::WeatherSeries& weather;
};

/// Request-level keys of one inference service (summary.json "services").
struct ServiceSummary {
  std::string name;
  int replicas = 0;
  Metrics values;
};

struct Summary {
  Metrics metrics;  ///< every key of metrics::summary_metric_keys(), in order
  std::vector<ServiceSummary> services;
};

/// The summary over the run so far. Throws std::logic_error if a summary key has no value.
Summary summarize(const SummaryInputs& in);

/// The checks of a spec evaluated against metric values.
std::vector<output::CheckResult> evaluate_checks(const scenario::ScenarioSpec& spec, const Metrics& metrics);

}  // namespace aifsim::run
