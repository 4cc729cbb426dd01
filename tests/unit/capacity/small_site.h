// SPDX-License-Identifier: Apache-2.0
// A small site for capacity searches: GB300 racks (9 replicas each) saturated by a chat
// service whose demand is written per replica, so each rack adds ~135 kW of IT.
#pragma once

namespace aifsim::test {

inline constexpr const char* kSmallCapacitySite =
    "name: small\n"
    "time: {start: '2026-07-15T12:00:00+08:00', duration: 5m, dt_s: 1}\n"
    "racks: {main: {type: gb300-nvl72, count: 2}}\n"
    "output: {interval: 60s, racks: false}\n"
    "workloads:\n  inference:\n    chat:\n      model: llama-3.1-405b\n      racks: main\n"
    "      arrivals: {rate_per_s: 200, scale_with: replicas, base_replicas: 18}\n";

}  // namespace aifsim::test
