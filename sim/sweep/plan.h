// SPDX-License-Identifier: Apache-2.0
// A sweep's plan: the SweepSpec expanded into its variants, each with the settings it runs
// with, its value in every table column and its name. Pure: no file is read or written.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "sim/sweep/spec.h"

namespace aifsim::sweep {

struct Variant {
  std::size_t index = 0;  ///< position in plan order; shards take index % N == I
  /// "target_mw=14,count=8" from the axes (leaf field name = value), after the named
  /// variant's name when there is one and before "rep=R"; "base" when nothing varies.
  std::string name;
  /// Overrides in the order they apply: the sweep's `set`, the named variant's, the axes'.
  std::vector<Setting> settings;
  /// One per SweepPlan::fields: the value this variant gives that field (none: not set).
  std::vector<std::optional<FieldValue>> values;
  int replication = -1;  ///< 0..N-1 with `replications: N` (seed = base seed + it), else -1
};

struct SweepPlan {
  std::string name;
  std::filesystem::path base;
  std::string base_text;
  /// Table columns for field values: the axes' fields in file order, then the fields the
  /// named variants set that are not axes (first appearance order).
  std::vector<std::string> fields;
  bool replications = false;  ///< the table has a `replication` column
  std::vector<Variant> variants;
};

/// Expands a spec: named variants (outermost, or one unnamed) x the grid of the axes (file
/// order, last axis fastest; with sampling: the grid of the list axes x the samples of the
/// range axes) x replications (innermost). Sampling is a pure function of its seed.
SweepPlan expand_plan(const SweepSpec& spec);

/// "NNNN-<name made path-safe>": at least four digits, more when the plan needs them, so the
/// directories sort in plan order.
std::string variant_dir_name(const SweepPlan& plan, const Variant& variant);

/// The variants of shard `index` of `count`: index % count == shard index.
std::vector<std::size_t> shard_variants(const SweepPlan& plan, int shard_index, int shard_count);

}  // namespace aifsim::sweep
