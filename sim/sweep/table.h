// SPDX-License-Identifier: Apache-2.0
// The sweep table: one row per variant (its field values, whether it completed and passed
// its checks, every summary key), written as sweep.csv (pandas reads it as-is) and
// sweep.json, and read back from a variant's summary.json or a shard's sweep.json. A row
// only ever comes from JSON text, so a local sweep, a resumed one and merged shards give the
// same bytes.
#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "sim/sweep/plan.h"

namespace aifsim::sweep {

/// A field's value in the table: a number when its text is one, else the text.
struct TableValue {
  std::optional<double> number;
  std::string text;
  bool operator==(const TableValue&) const = default;
};

/// What a variant's summary.json says.
struct VariantSummary {
  bool completed = false;
  bool checks_passed = true;
  std::vector<double> metrics;  ///< one per metrics::summary_metric_keys(), NaN when absent
};

struct SweepRow {
  std::size_t variant = 0;
  std::string name;
  std::vector<std::optional<TableValue>> fields;  ///< one per SweepTable::fields
  int replication = -1;
  VariantSummary summary;
};

struct Shard {
  int index = 0, count = 1;
};

struct SweepTable {
  std::string name;
  std::string base;                 ///< `base:` as written in the sweep file
  std::size_t variants_total = 0;   ///< in the whole plan
  std::vector<std::string> fields;  ///< field columns
  bool replications = false;
  std::optional<Shard> shard;  ///< a shard's partial table
  std::vector<SweepRow> rows;  ///< in plan order; variants not run (yet) have no row
};

/// An empty table for `plan` (rows are added as variants finish).
SweepTable make_table(const SweepPlan& plan, std::optional<Shard> shard);

/// The row of `variant` with what its summary.json said.
SweepRow make_row(const SweepPlan& plan, const Variant& variant, VariantSummary summary);

/// `variant`, `name`, the fields, `replication` (when the plan has replications),
/// `completed`, `checks_passed`, then every summary key in summary_keys.h order.
std::vector<std::string> table_columns(const SweepTable& table);

/// Reads <run_dir>/summary.json; nullopt when it does not exist (the run never finished).
/// Throws InputError when it exists but cannot be read.
std::optional<VariantSummary> read_variant_summary(const std::filesystem::path& run_dir);

/// The text of <run_dir>/summary.json; nullopt when it does not exist. Throws InputError
/// when it cannot be read.
std::optional<std::string> read_summary_text(const std::filesystem::path& run_dir);

/// What a summary.json's text says (`where` names it in errors): how a row travels from
/// another process, so its numbers are parsed from the same text as a local row's.
/// Throws InputError.
VariantSummary parse_variant_summary(const std::string& json_text, const std::string& where);

/// Writes <dir>/sweep.csv and <dir>/sweep.json, each atomically. Throws std::runtime_error.
void write_sweep_table(const std::filesystem::path& dir, const SweepTable& table);

/// Reads a sweep.json written by write_sweep_table. Throws InputError naming the file.
SweepTable read_sweep_json(const std::filesystem::path& path);

}  // namespace aifsim::sweep
