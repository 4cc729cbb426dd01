// SPDX-License-Identifier: Apache-2.0
// The facility as a model of the engine: each tick it sets every rack group's activity from
// its load profile, advances the fleet kernels, walks the power chain and records the tick.
#pragma once

#include <atomic>
#include <cstdint>
#include <vector>

#include "sim/des/engine.h"
#include "sim/des/model.h"
#include "sim/facility/fleet.h"
#include "sim/metrics/recorder.h"
#include "sim/power/facility_chain.h"
#include "sim/scenario/spec.h"

namespace aifsim::run {

class FacilityModel final : public des::Model {
 public:
  FacilityModel(const scenario::ScenarioSpec& spec, const facility::Topology& topo,
                facility::Fleet& fleet, metrics::Recorder& recorder, std::int64_t start_unix_s,
                int utc_offset_s, const std::atomic<bool>* stop_requested);

  std::string_view name() const override { return "facility"; }
  void start(des::Engine& engine) override { engine_ = &engine; }
  void tick(SimTime now, SimTime dt) override;

 private:
  const scenario::ScenarioSpec& spec_;
  facility::Fleet& fleet_;
  metrics::Recorder& recorder_;
  power::ChainParams chain_;
  std::int64_t start_unix_s_;
  int utc_offset_s_;
  const std::atomic<bool>* stop_requested_;
  des::Engine* engine_ = nullptr;
  double gpus_;
  std::vector<float> group_util_;
  std::vector<std::uint64_t> group_epoch_;
};

}  // namespace aifsim::run
