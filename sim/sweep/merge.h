// SPDX-License-Identifier: Apache-2.0
// Joining the shards of a sweep (`--shard I/N` runs, e.g. the tasks of a Slurm array) into
// the table one local run of the whole sweep writes, byte for byte.
#pragma once

#include <filesystem>
#include <span>
#include <vector>

#include "sim/sweep/table.h"

namespace aifsim::sweep {

/// The whole sweep's table from its shards' tables (read_sweep_json of each; `dirs` name
/// them in messages). Every shard I of N must be there exactly once, from the same sweep,
/// with every variant finished; otherwise throws InputError naming the shard to run (again).
SweepTable merge_tables(std::span<const SweepTable> shards, std::span<const std::filesystem::path> dirs);

/// Makes every variant directory of `shard_dir`/variants appear in `out_dir`/variants: hard
/// links where the file system allows, copies elsewhere; directories already there are
/// left alone. Throws std::runtime_error on I/O failure.
void link_variant_dirs(const std::filesystem::path& shard_dir, const std::filesystem::path& out_dir);

}  // namespace aifsim::sweep
