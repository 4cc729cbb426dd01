// SPDX-License-Identifier: Apache-2.0
// yaml-cpp adapter: converts parsed YAML into DocNode with 1-based marks, and emits DocNode.
#include "sim/scenario/yaml_io.h"

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <unordered_set>

#include "sim/core/error.h"

namespace aifsim::scenario {
namespace {

Mark mark_of(const YAML::Mark& m, const std::shared_ptr<const std::string>& file) {
  Mark out;
  out.file = file;
  if (!m.is_null()) {
    out.line = m.line + 1;  // yaml-cpp marks are 0-based
    out.column = m.column + 1;
  }
  return out;
}

// Bounds on what one document may expand to. A scenario is a few thousand nodes; an alias
// bomb of a few hundred bytes expands to billions, so the budget refuses it at a size no real
// scenario reaches, before the memory goes.
constexpr std::size_t kMaxNodes = 1'000'000;
constexpr int kMaxDepth = 200;
constexpr std::uintmax_t kMaxFileBytes = 16u << 20;

struct Budget {
  std::size_t nodes = 0;
};

DocNode convert(const YAML::Node& node, const std::shared_ptr<const std::string>& file, Budget& budget, int depth) {
  const Mark mark = mark_of(node.Mark(), file);
  if (++budget.nodes > kMaxNodes)
    throw InputError(mark.str() + ": the document expands to more than " + std::to_string(kMaxNodes) +
                     " nodes (nested aliases?)");
  if (depth > kMaxDepth)
    throw InputError(mark.str() + ": nested more than " + std::to_string(kMaxDepth) + " levels deep");
  switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
      return DocNode::null_node(mark);
    case YAML::NodeType::Scalar:
      return DocNode::scalar(node.Scalar(), mark);
    case YAML::NodeType::Sequence: {
      DocNode out = DocNode::seq(mark);
      for (const auto& item : node) out.items().push_back(convert(item, file, budget, depth + 1));
      return out;
    }
    case YAML::NodeType::Map: {
      DocNode out = DocNode::map(mark);
      std::unordered_set<std::string> seen;  // DocNode::find is linear: keep big maps linear overall
      for (const auto& kv : node) {
        const Mark key_mark = mark_of(kv.first.Mark(), file);
        if (!kv.first.IsScalar())
          throw InputError(key_mark.str() + ": map keys must be plain names");
        const std::string key = kv.first.Scalar();
        if (!seen.insert(key).second)
          throw InputError(key_mark.str() + ": duplicate key '" + key + "'");
        out.entries().push_back(DocNode::Entry{key, key_mark, convert(kv.second, file, budget, depth + 1)});
      }
      return out;
    }
  }
  return DocNode::null_node(mark);
}

DocNode parse(std::string_view text, const std::string& origin) {
  auto file = std::make_shared<const std::string>(origin);
  try {
    const YAML::Node root = YAML::Load(std::string(text));
    Budget budget;
    return convert(root, file, budget, 0);
  } catch (const YAML::Exception& e) {
    throw InputError(mark_of(e.mark, file).str() + ": " + e.msg);
  }
}

void emit_node(YAML::Emitter& out, const DocNode& node) {
  switch (node.kind()) {
    case DocNode::Kind::null:
      out << YAML::Null;
      break;
    case DocNode::Kind::scalar:
      out << node.text();
      break;
    case DocNode::Kind::seq: {
      // Lists of scalars read best inline ([0.1, 0.9]); lists of maps as blocks.
      bool all_scalar = !node.items().empty();
      for (const auto& item : node.items()) all_scalar = all_scalar && item.is_scalar();
      if (all_scalar || node.items().empty()) out << YAML::Flow;
      out << YAML::BeginSeq;
      for (const auto& item : node.items()) emit_node(out, item);
      out << YAML::EndSeq;
      break;
    }
    case DocNode::Kind::map:
      out << YAML::BeginMap;
      for (const auto& e : node.entries()) {
        out << YAML::Key << e.key << YAML::Value;
        emit_node(out, e.value);
      }
      out << YAML::EndMap;
      break;
  }
}

}  // namespace

DocNode parse_yaml_file(const std::filesystem::path& path) {
  // Only a regular file of bounded size: a FIFO would block forever, a directory read as an
  // empty document, /dev/zero never end.
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) throw InputError(path.string() + ": cannot open file");
  if (!std::filesystem::is_regular_file(status)) throw InputError(path.string() + ": not a regular file");
  const std::uintmax_t bytes = std::filesystem::file_size(path, ec);
  if (!ec && bytes > kMaxFileBytes)
    throw InputError(path.string() + ": " + std::to_string(bytes) + " bytes; a scenario file may have at most " +
                     std::to_string(kMaxFileBytes) + " bytes");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path.string() + ": cannot open file");
  std::ostringstream text;
  text << in.rdbuf();
  DocNode doc = parse(text.str(), path.string());
  if (doc.is_null()) doc = DocNode::map(Mark{doc.mark().file, 1, 1});  // empty file: empty map
  return doc;
}

DocNode parse_yaml_text(std::string_view text, const std::string& origin) {
  return parse(text, origin);
}

std::string emit_yaml(const DocNode& doc, std::string_view header_comment) {
  YAML::Emitter out;
  out.SetIndent(2);
  emit_node(out, doc);
  std::string text;
  if (!header_comment.empty()) {
    std::istringstream lines{std::string(header_comment)};
    for (std::string line; std::getline(lines, line);) text += "# " + line + "\n";
  }
  text += out.c_str();
  text += "\n";
  return text;
}

}  // namespace aifsim::scenario
