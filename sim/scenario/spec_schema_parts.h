// SPDX-License-Identifier: Apache-2.0
// The schema's parts defined outside spec_schema.cpp, declared for the structs that hold them
// (an explicit specialisation must be declared before it is used).
#pragma once

#include "sim/scenario/schema.h"
#include "sim/scenario/spec.h"

namespace aifsim::scenario {

// spec_schema_workloads.cpp
template <>
const StructDef<ModelSpec>& struct_def<ModelSpec>();
template <>
const StructDef<WorkloadsSpec>& struct_def<WorkloadsSpec>();

// spec_schema_control.cpp
template <>
const StructDef<TariffSpec>& struct_def<TariffSpec>();
template <>
const StructDef<CarbonSpec>& struct_def<CarbonSpec>();
template <>
const StructDef<ControlSpec>& struct_def<ControlSpec>();

}  // namespace aifsim::scenario
