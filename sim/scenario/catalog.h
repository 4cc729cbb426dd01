// SPDX-License-Identifier: Apache-2.0
// Built-in catalogs (GPU types, rack types) and default efficiency curves, every number with
// its source in ../shared/reference/REFERENCE.md. Scenarios may override any field.
#pragma once

#include <vector>

#include "sim/scenario/spec.h"

namespace aifsim::scenario {

/// 80 PLUS Titanium (230 V internal redundant) PSU efficiency.
std::vector<CurvePoint> titanium_psu_curve();
/// Double-conversion (VFI) UPS efficiency vs load.
std::vector<CurvePoint> ups_double_conversion_curve();
/// Eco-mode UPS efficiency vs load.
std::vector<CurvePoint> ups_eco_curve();

/// h100-sxm, h200-sxm, b200-hgx, b200-gb200, b300-gb300.
NamedMap<GpuTypeSpec> builtin_gpu_types();
/// gb300-nvl72, gb200-nvl72, hgx-h200-4u (four 8-GPU HGX H200 servers per rack).
NamedMap<RackTypeSpec> builtin_rack_types();
/// decode, inference, training: relative throughput vs power.
NamedMap<WorkloadClassSpec> builtin_workload_classes();
/// llama-3.1-405b, llama-3.1-70b, deepseek-r1: serving profiles by GPU type (roofline-derived).
NamedMap<ModelSpec> builtin_models();

}  // namespace aifsim::scenario
