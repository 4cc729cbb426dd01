// SPDX-License-Identifier: Apache-2.0
// A YAML-free document tree with source positions. The YAML loader produces it, `extends:`
// and `--set` overlays edit it, and the schema binds it to the spec structs, so every error
// can name the file, line and column a value came from.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aifsim::scenario {

/// Where a node came from: file (or "--set"), 1-based line and column (0 when unknown).
struct Mark {
  std::shared_ptr<const std::string> file;
  int line = 0;
  int column = 0;

  /// "file:line:col" (or just "file" when the position is unknown).
  std::string str() const;
};

/// A node of the scenario document: null, scalar (kept as text), map (ordered) or sequence.
class DocNode {
 public:
  enum class Kind { null, scalar, map, seq };

  struct Entry;

  DocNode() = default;
  static DocNode null_node(Mark mark);
  static DocNode scalar(std::string text, Mark mark);
  static DocNode map(Mark mark);
  static DocNode seq(Mark mark);

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::null; }
  bool is_scalar() const { return kind_ == Kind::scalar; }
  bool is_map() const { return kind_ == Kind::map; }
  bool is_seq() const { return kind_ == Kind::seq; }
  const Mark& mark() const { return mark_; }
  void set_mark(Mark m) { mark_ = std::move(m); }

  /// Scalar text (empty for other kinds).
  const std::string& text() const { return text_; }

  /// Map entries in file order.
  const std::vector<Entry>& entries() const { return entries_; }
  std::vector<Entry>& entries() { return entries_; }
  /// Map lookup; nullptr when absent or not a map.
  const DocNode* find(std::string_view key) const;
  DocNode* find(std::string_view key);
  /// Inserts or replaces a map entry (keeps the position of an existing key).
  DocNode& set(std::string key, DocNode value, Mark key_mark = {});
  /// Removes a map entry; returns whether it existed.
  bool erase(std::string_view key);

  /// Sequence items.
  const std::vector<DocNode>& items() const { return items_; }
  std::vector<DocNode>& items() { return items_; }

  /// Deep structural equality of values (marks ignored).
  bool same_value(const DocNode& other) const;

 private:
  Kind kind_ = Kind::null;
  std::string text_;
  std::vector<Entry> entries_;
  std::vector<DocNode> items_;
  Mark mark_;
};

struct DocNode::Entry {
  std::string key;
  Mark key_mark;
  DocNode value;
};

/// Overlays `top` on `base`: maps merge recursively, scalars, nulls and sequences replace.
void merge_into(DocNode& base, const DocNode& top);

/// "kind name" for messages: "a map", "a list", "a scalar", "null".
const char* describe_kind(DocNode::Kind kind);

}  // namespace aifsim::scenario
