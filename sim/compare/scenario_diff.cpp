// SPDX-License-Identifier: Apache-2.0
// Flattens resolved scenarios to (path, text) leaves and lines them up across runs.
#include "sim/compare/scenario_diff.h"

#include <algorithm>
#include <unordered_map>

namespace aifsim::compare {
namespace {

using scenario::DocNode;

void collect(const DocNode& node, const std::string& path, std::vector<std::pair<std::string, std::string>>& out) {
  switch (node.kind()) {
    case DocNode::Kind::null:
      out.emplace_back(path, "null");
      return;
    case DocNode::Kind::scalar:
      out.emplace_back(path, node.text());
      return;
    case DocNode::Kind::map:
      if (node.entries().empty()) out.emplace_back(path, "{}");
      for (const auto& e : node.entries()) {
        std::string child = path;
        if (!child.empty()) child += '.';
        child += e.key;
        collect(e.value, child, out);
      }
      return;
    case DocNode::Kind::seq:
      if (node.items().empty()) out.emplace_back(path, "[]");
      for (std::size_t i = 0; i < node.items().size(); ++i) {
        std::string child = path;
        child += '[';
        child += std::to_string(i);
        child += ']';
        collect(node.items()[i], child, out);
      }
      return;
  }
}

}  // namespace

std::vector<std::pair<std::string, std::string>> scenario_leaves(const DocNode& doc) {
  std::vector<std::pair<std::string, std::string>> out;
  collect(doc, "", out);
  return out;
}

std::vector<FieldDiff> diff_scenarios(std::span<const DocNode* const> docs) {
  if (docs.size() < 2) return {};
  // One row per path over all documents; a path first seen in a later document goes right
  // after the path that precedes it there, so an added block stays next to its neighbours.
  std::vector<FieldDiff> rows;
  std::unordered_map<std::string, std::size_t> row_of;  // index into rows, kept valid below
  for (std::size_t d = 0; d < docs.size(); ++d) {
    std::size_t insert_at = 0;
    for (auto& [path, text] : scenario_leaves(*docs[d])) {
      auto found = row_of.find(path);
      if (found == row_of.end()) {
        rows.insert(rows.begin() + static_cast<std::ptrdiff_t>(insert_at),
                    FieldDiff{path, std::vector<std::optional<std::string>>(docs.size())});
        if (insert_at < rows.size() - 1)
          for (auto& [p, index] : row_of)
            if (index >= insert_at) ++index;
        found = row_of.emplace(path, insert_at).first;
      }
      rows[found->second].values[d] = std::move(text);
      insert_at = found->second + 1;
    }
  }
  std::erase_if(rows, [](const FieldDiff& row) {
    return std::all_of(row.values.begin(), row.values.end(),
                       [&](const std::optional<std::string>& v) { return v == row.values.front(); });
  });
  return rows;
}

}  // namespace aifsim::compare
