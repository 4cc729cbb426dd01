// SPDX-License-Identifier: Apache-2.0
// Loading the scenarios of a sweep's variants before any of them runs, so that a bad axis
// (an unknown field, a value the field refuses) stops the sweep with one located line and
// nothing written.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "sim/scenario/load.h"
#include "sim/sweep/plan.h"

namespace aifsim::sweep {

/// The scenario of one variant: the base with its settings applied as --set overrides,
/// the seed advanced by its replication index. Throws InputError (the loader's message).
scenario::LoadedScenario load_variant(const SweepPlan& plan, const Variant& variant);

/// Checks every setting of the spec against the base scenario (each `set` entry, each named
/// variant, each axis value alone) and then loads the variants `which` (indices into
/// plan.variants). Throws InputError whose lines start at the sweep file's line of the
/// offending value, e.g. "sweep.yaml:7:13: control.power_cap.target_mwx: unknown field
/// (did you mean 'target_mw'?)". Returns the scenarios in the order of `which`.
std::vector<scenario::LoadedScenario> load_variants(const SweepSpec& spec, const SweepPlan& plan,
                                                    std::span<const std::size_t> which);

}  // namespace aifsim::sweep
