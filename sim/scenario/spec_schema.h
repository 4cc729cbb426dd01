// SPDX-License-Identifier: Apache-2.0
// Entry points to the scenario schema defined in spec_schema.cpp.
#pragma once

#include "sim/scenario/spec.h"

namespace aifsim::scenario {

/// The root of the schema (for `aifsim docs` and `aifsim schema`).
const StructInfo& scenario_schema_info();

/// Binds a composed document to a spec; problems go to ctx.diag. Returns false on error.
bool read_scenario_spec(const DocNode& doc, ScenarioSpec& out, ReadContext& ctx);

/// The fully resolved document of a spec (every field, defaults included).
DocNode write_scenario_spec(const ScenarioSpec& spec);

/// The built-in catalogs as a document ({gpu_types: ..., rack_types: ...}), the base every
/// scenario is overlaid on.
DocNode builtin_catalog_doc();

}  // namespace aifsim::scenario
