// SPDX-License-Identifier: Apache-2.0
// The scenario document tree: lookups, edits and the overlay merge used by `extends:`.
#include "sim/scenario/doc.h"

#include <algorithm>

namespace aifsim::scenario {

std::string Mark::str() const {
  std::string out = file ? *file : std::string("<scenario>");
  if (line > 0) out += ":" + std::to_string(line) + ":" + std::to_string(column);
  return out;
}

DocNode DocNode::null_node(Mark mark) {
  DocNode n;
  n.mark_ = std::move(mark);
  return n;
}

DocNode DocNode::scalar(std::string text, Mark mark) {
  DocNode n;
  n.kind_ = Kind::scalar;
  n.text_ = std::move(text);
  n.mark_ = std::move(mark);
  return n;
}

DocNode DocNode::map(Mark mark) {
  DocNode n;
  n.kind_ = Kind::map;
  n.mark_ = std::move(mark);
  return n;
}

DocNode DocNode::seq(Mark mark) {
  DocNode n;
  n.kind_ = Kind::seq;
  n.mark_ = std::move(mark);
  return n;
}

const DocNode* DocNode::find(std::string_view key) const {
  if (kind_ != Kind::map) return nullptr;
  for (const auto& e : entries_)
    if (e.key == key) return &e.value;
  return nullptr;
}

DocNode* DocNode::find(std::string_view key) {
  return const_cast<DocNode*>(static_cast<const DocNode*>(this)->find(key));
}

DocNode& DocNode::set(std::string key, DocNode value, Mark key_mark) {
  for (auto& e : entries_) {
    if (e.key == key) {
      e.value = std::move(value);
      return e.value;
    }
  }
  entries_.push_back(Entry{std::move(key), std::move(key_mark), std::move(value)});
  return entries_.back().value;
}

bool DocNode::erase(std::string_view key) {
  const auto it =
      std::find_if(entries_.begin(), entries_.end(), [&](const Entry& e) { return e.key == key; });
  if (it == entries_.end()) return false;
  entries_.erase(it);
  return true;
}

bool DocNode::same_value(const DocNode& other) const {
  if (kind_ != other.kind_) return false;
  switch (kind_) {
    case Kind::null:
      return true;
    case Kind::scalar:
      return text_ == other.text_;
    case Kind::seq:
      if (items_.size() != other.items_.size()) return false;
      for (std::size_t i = 0; i < items_.size(); ++i)
        if (!items_[i].same_value(other.items_[i])) return false;
      return true;
    case Kind::map:
      if (entries_.size() != other.entries_.size()) return false;
      for (std::size_t i = 0; i < entries_.size(); ++i)
        if (entries_[i].key != other.entries_[i].key ||
            !entries_[i].value.same_value(other.entries_[i].value))
          return false;
      return true;
  }
  return false;
}

void merge_into(DocNode& base, const DocNode& top) {
  if (base.is_map() && top.is_map()) {
    for (const auto& e : top.entries()) {
      if (DocNode* existing = base.find(e.key)) {
        merge_into(*existing, e.value);
      } else {
        base.set(e.key, e.value, e.key_mark);
      }
    }
    return;
  }
  base = top;
}

const char* describe_kind(DocNode::Kind kind) {
  switch (kind) {
    case DocNode::Kind::null:
      return "null";
    case DocNode::Kind::scalar:
      return "a scalar";
    case DocNode::Kind::map:
      return "a map";
    case DocNode::Kind::seq:
      return "a list";
  }
  return "?";
}

}  // namespace aifsim::scenario
