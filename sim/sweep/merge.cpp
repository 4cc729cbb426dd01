// SPDX-License-Identifier: Apache-2.0
// Merging shard tables, and gathering the shards' variant directories under one sweep.
#include "sim/sweep/merge.h"

#include <algorithm>
#include <map>

#include "sim/core/error.h"

namespace aifsim::sweep {
namespace {

std::string shard_text(const Shard& s) { return std::to_string(s.index) + "/" + std::to_string(s.count); }

}  // namespace

SweepTable merge_tables(std::span<const SweepTable> shards, std::span<const std::filesystem::path> dirs) {
  if (shards.empty()) throw InputError("--merge: no shard directories given");
  const SweepTable& first = shards.front();
  // A whole (unsharded) table counts as shard 0 of 1.
  const auto shard_of = [](const SweepTable& t) { return t.shard.value_or(Shard{0, 1}); };
  const int count = shard_of(first).count;
  std::map<int, std::size_t> seen;  // shard index -> position in `shards`
  SweepTable merged = first;
  merged.shard.reset();
  merged.rows.clear();
  for (std::size_t i = 0; i < shards.size(); ++i) {
    const SweepTable& t = shards[i];
    const std::string where = dirs[i].string() + ": ";
    if (t.name != first.name || t.base != first.base || t.variants_total != first.variants_total ||
        t.fields != first.fields || t.replications != first.replications)
      throw InputError(where + "a shard of another sweep than " + dirs[0].string() + " ('" + t.name + "', " +
                       std::to_string(t.variants_total) + " variants vs '" + first.name + "', " +
                       std::to_string(first.variants_total) + ")");
    const Shard s = shard_of(t);
    if (s.count != count)
      throw InputError(where + "shard " + shard_text(s) + " does not go with shard " + shard_text(shard_of(first)));
    if (const auto dup = seen.find(s.index); dup != seen.end())
      throw InputError(where + "shard " + shard_text(s) + " is given twice (also " + dirs[dup->second].string() + ")");
    seen[s.index] = i;
    std::size_t planned = 0;
    for (std::size_t v = 0; v < t.variants_total; ++v) planned += static_cast<int>(v % static_cast<std::size_t>(count)) == s.index;
    std::size_t done = 0;
    for (const SweepRow& r : t.rows) done += r.summary.completed ? 1 : 0;
    if (done != planned || t.rows.size() != planned)
      throw InputError(where + "shard " + shard_text(s) + " has " + std::to_string(done) + " of its " +
                       std::to_string(planned) + " variants finished; run it again with --resume");
    merged.rows.insert(merged.rows.end(), t.rows.begin(), t.rows.end());
  }
  for (int s = 0; s < count; ++s)
    if (!seen.contains(s))
      throw InputError("--merge: shard " + std::to_string(s) + "/" + std::to_string(count) + " of sweep '" +
                       first.name + "' is missing");
  std::sort(merged.rows.begin(), merged.rows.end(),
            [](const SweepRow& a, const SweepRow& b) { return a.variant < b.variant; });
  return merged;
}

void link_variant_dirs(const std::filesystem::path& shard_dir, const std::filesystem::path& out_dir) {
  namespace fs = std::filesystem;
  const fs::path from = shard_dir / "variants";
  const fs::path to = out_dir / "variants";
  if (!fs::is_directory(from)) return;
  std::error_code ec;
  if (fs::equivalent(from, to, ec)) return;  // merging into one of the shards
  fs::create_directories(to);
  for (const auto& variant : fs::directory_iterator(from)) {
    if (!variant.is_directory()) continue;
    const fs::path dest = to / variant.path().filename();
    if (fs::exists(dest)) continue;
    // Into a temporary name first, so a variant directory is never seen half-linked.
    const fs::path tmp = to / (variant.path().filename().string() + ".tmp");
    fs::remove_all(tmp);
    fs::create_directory(tmp);
    for (const auto& f : fs::directory_iterator(variant.path())) {
      if (!f.is_regular_file()) continue;
      const fs::path target = tmp / f.path().filename();
      fs::create_hard_link(f.path(), target, ec);
      if (ec) fs::copy_file(f.path(), target);
    }
    fs::rename(tmp, dest);
  }
}

}  // namespace aifsim::sweep
