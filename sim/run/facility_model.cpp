// SPDX-License-Identifier: Apache-2.0
// The per-tick facility update.
#include "sim/run/facility_model.h"

#include <cmath>

#include "sim/workload/load_profile.h"

namespace aifsim::run {

FacilityModel::FacilityModel(const scenario::ScenarioSpec& spec, const facility::Topology& topo,
                             facility::Fleet& fleet, metrics::Recorder& recorder,
                             std::int64_t start_unix_s, int utc_offset_s,
                             const std::atomic<bool>* stop_requested)
    : spec_(spec),
      fleet_(fleet),
      recorder_(recorder),
      chain_(power::make_chain_params(spec.site.power)),
      start_unix_s_(start_unix_s),
      utc_offset_s_(utc_offset_s),
      stop_requested_(stop_requested),
      gpus_(topo.gpus),
      group_util_(spec.racks.size()),
      group_epoch_(spec.racks.size()) {}

void FacilityModel::tick(SimTime now, SimTime dt) {
  if (stop_requested_ && stop_requested_->load(std::memory_order_relaxed) && engine_)
    engine_->request_stop();
  const double elapsed_s = to_seconds(now);
  const double local_s = static_cast<double>(start_unix_s_ + utc_offset_s_) + elapsed_s;
  const double local_hour = std::fmod(local_s / 3600.0, 24.0);
  for (std::size_t g = 0; g < group_util_.size(); ++g) {
    const auto& load = spec_.racks.entries[g].second.load;
    group_util_[g] = static_cast<float>(workload::utilization_at(load, elapsed_s, local_hour));
    group_epoch_[g] = static_cast<std::uint64_t>(std::floor(elapsed_s / load.jitter_period_s));
  }
  fleet_.step(group_util_, group_epoch_);

  const auto& t = fleet_.totals();
  const double it_w = static_cast<double>(t.input_power_uw) * 1e-6;
  const power::ChainPower chain = power::facility_power(chain_, it_w);
  metrics::TickSample s;
  s.gpu_w = static_cast<double>(t.gpu_power_uw) * 1e-6;
  s.it_w = it_w;
  s.psu_loss_w = static_cast<double>(t.input_power_uw - t.dc_power_uw) * 1e-6;
  s.distribution_loss_w = chain.distribution_loss_w;
  s.ups_loss_w = chain.ups_loss_w;
  s.transformer_loss_w = chain.transformer_loss_w;
  s.misc_w = chain.misc_w;
  s.facility_w = chain.facility_w;
  s.gpu_utilization = static_cast<double>(t.activity_micro) * 1e-6 / gpus_;
  recorder_.record(now, dt, s, fleet_.rack_input_power_uw(), fleet_.rack_gpu_power_uw(),
                   fleet_.rack_activity_micro());
}

}  // namespace aifsim::run
