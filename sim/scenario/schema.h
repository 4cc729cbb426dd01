// SPDX-License-Identifier: Apache-2.0
// The scenario schema: each spec struct is described once (keys, units, ranges, docs) by a
// StructDef, and that one description reads and validates YAML, writes the resolved
// scenario back, and generates the field reference and the JSON Schema.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "sim/scenario/doc.h"

namespace aifsim::scenario {

/// A YAML map keyed by name (rack groups, catalog entries), kept in file order so runs and
/// outputs are deterministic.
template <class V>
struct NamedMap {
  std::vector<std::pair<std::string, V>> entries;

  const V* find(std::string_view name) const {
    for (const auto& [k, v] : entries)
      if (k == name) return &v;
    return nullptr;
  }
  V* find(std::string_view name) {
    return const_cast<V*>(static_cast<const NamedMap*>(this)->find(name));
  }
  /// Index of `name` in file order, or -1.
  int index_of(std::string_view name) const {
    for (std::size_t i = 0; i < entries.size(); ++i)
      if (entries[i].first == name) return static_cast<int>(i);
    return -1;
  }
  V& operator[](const std::string& name) {
    if (V* v = find(name)) return *v;
    entries.emplace_back(name, V{});
    return entries.back().second;
  }
  std::size_t size() const { return entries.size(); }
  bool empty() const { return entries.empty(); }
  auto begin() const { return entries.begin(); }
  auto end() const { return entries.end(); }
  auto begin() { return entries.begin(); }
  auto end() { return entries.end(); }
};

/// A duration in seconds; YAML may write a number of seconds or "24h", "90m", "3600s".
struct Duration {
  double s = 0;
  bool operator==(const Duration&) const = default;
};

/// Located problems found while reading or validating; each is one line:
/// "file:line:col: field.path: message".
class Diagnostics {
 public:
  void error(const Mark& mark, std::string_view path, std::string_view message);
  bool ok() const { return messages_.empty(); }
  const std::vector<std::string>& messages() const { return messages_; }
  /// Throws InputError carrying every message (one per line) when any was reported.
  void throw_if_any() const;

 private:
  std::vector<std::string> messages_;
};

/// Where each bound field came from, by dotted path ("racks.main.count"), so checks that
/// span several fields can still point at a line.
class MarkTable {
 public:
  void record(const std::string& path, const Mark& mark) { marks_[path] = mark; }
  /// The mark of `path`, else of its nearest recorded ancestor, else an empty mark.
  Mark at(std::string_view path) const;

 private:
  std::map<std::string, Mark, std::less<>> marks_;
};

struct ReadContext {
  Diagnostics& diag;
  MarkTable& marks;
};

/// Joins a field path: ("racks", "main") -> "racks.main".
std::string join_path(std::string_view base, std::string_view key);

// ----- type descriptions (field reference, JSON Schema) ------------------------------------

enum class ValueKind { number, integer, boolean, string, choice, duration, object, list, map };

class StructInfo;

struct TypeInfo {
  ValueKind kind = ValueKind::string;
  std::vector<std::string> choices;           ///< for choice
  const StructInfo* (*object)() = nullptr;    ///< for object (lazy: structs may nest)
  std::shared_ptr<const TypeInfo> element;    ///< for list and map values
  bool nullable = false;                      ///< optional fields accept null
};

/// Allowed numeric range of a field (applied to every element of a list).
struct Range {
  std::optional<double> lo, hi;
  bool lo_open = false, hi_open = false;
  bool contains(double v) const;
  bool empty() const { return !lo && !hi; }
  /// "> 0", ">= 0", "in [0, 1]", "in (0, 1]", "<= 5".
  std::string describe() const;
};

struct FieldInfo {
  std::string key;
  std::string doc;
  std::string unit;
  std::string default_text;  ///< the C++ default written as YAML; empty for nested sections
  bool required = false;
  Range range;
  TypeInfo type;
};

/// Type-erased view of a StructDef for documentation and JSON Schema generation.
class StructInfo {
 public:
  virtual ~StructInfo() = default;
  virtual const std::string& name() const = 0;
  virtual const std::string& doc() const = 0;
  virtual const std::vector<FieldInfo>& fields() const = 0;
};

// ----- scalar helpers (schema.cpp) ----------------------------------------------------------

std::optional<double> parse_number(std::string_view text);
std::optional<std::int64_t> parse_integer(std::string_view text);
std::optional<bool> parse_bool(std::string_view text);
/// Shortest text that reads back to the same double ("0.1", "1e-06", "16000000").
std::string format_number(double v);
std::string format_duration_text(double s);
/// Compact one-line YAML of a node ("[0.1, 0.9]", "{max: 16.5}").
std::string inline_text(const DocNode& node);
/// The closest of `candidates` to `key` within a small edit distance, for "did you mean".
std::optional<std::string> closest_name(std::string_view key,
                                        const std::vector<std::string>& candidates);

// ----- codecs: read, write and describe one C++ type ---------------------------------------

template <class T>
class StructDef;

/// The StructDef of a spec struct; specialised where the spec schema is defined.
template <class T>
const StructDef<T>& struct_def();

/// Name table of an enum used in scenarios; specialise with
/// `static constexpr std::array<std::pair<E, const char*>, N> names`.
template <class E>
struct EnumNames;

template <class T, class Enable = void>
struct Codec {  // structs
  static bool read(const DocNode& n, T& out, const std::string& path, ReadContext& ctx) {
    return struct_def<T>().read(n, out, path, ctx);
  }
  static DocNode write(const T& v) { return struct_def<T>().write(v); }
  static TypeInfo type() {
    TypeInfo t;
    t.kind = ValueKind::object;
    t.object = [] { return static_cast<const StructInfo*>(&struct_def<T>()); };
    return t;
  }
};

namespace detail {
bool expect_scalar(const DocNode& n, const std::string& path, ReadContext& ctx,
                   std::string_view what);
void report(const DocNode& n, const std::string& path, ReadContext& ctx, const std::string& msg);
}  // namespace detail

template <>
struct Codec<double> {
  static bool read(const DocNode& n, double& out, const std::string& path, ReadContext& ctx);
  static DocNode write(double v) { return DocNode::scalar(format_number(v), {}); }
  static TypeInfo type() { return TypeInfo{ValueKind::number, {}, nullptr, nullptr, false}; }
  static std::optional<double> numeric(double v) { return v; }
};

template <class I>
struct Codec<I, std::enable_if_t<std::is_integral_v<I> && !std::is_same_v<I, bool>>> {
  static bool read(const DocNode& n, I& out, const std::string& path, ReadContext& ctx) {
    if (!detail::expect_scalar(n, path, ctx, "an integer")) return false;
    const auto v = parse_integer(n.text());
    if (!v) {
      detail::report(n, path, ctx, "expected an integer (got '" + n.text() + "')");
      return false;
    }
    const bool below = *v < 0 && (std::is_unsigned_v<I> || *v < static_cast<std::int64_t>(std::numeric_limits<I>::min()));
    const bool above = *v > 0 && static_cast<std::uint64_t>(*v) > static_cast<std::uint64_t>(std::numeric_limits<I>::max());
    if (below || above) {
      detail::report(n, path, ctx, "must be " + std::string(std::is_unsigned_v<I> ? "a whole number >= 0" : "an integer in range") + " (got " + n.text() + ")");
      return false;
    }
    out = static_cast<I>(*v);
    return true;
  }
  static DocNode write(I v) { return DocNode::scalar(std::to_string(v), {}); }
  static TypeInfo type() { return TypeInfo{ValueKind::integer, {}, nullptr, nullptr, false}; }
  static std::optional<double> numeric(I v) { return static_cast<double>(v); }
};

template <>
struct Codec<bool> {
  static bool read(const DocNode& n, bool& out, const std::string& path, ReadContext& ctx);
  static DocNode write(bool v) { return DocNode::scalar(v ? "true" : "false", {}); }
  static TypeInfo type() { return TypeInfo{ValueKind::boolean, {}, nullptr, nullptr, false}; }
};

template <>
struct Codec<std::string> {
  static bool read(const DocNode& n, std::string& out, const std::string& path, ReadContext& ctx);
  static DocNode write(const std::string& v) { return DocNode::scalar(v, {}); }
  static TypeInfo type() { return TypeInfo{ValueKind::string, {}, nullptr, nullptr, false}; }
};

template <>
struct Codec<Duration> {
  static bool read(const DocNode& n, Duration& out, const std::string& path, ReadContext& ctx);
  static DocNode write(const Duration& v) { return DocNode::scalar(format_duration_text(v.s), {}); }
  static TypeInfo type() { return TypeInfo{ValueKind::duration, {}, nullptr, nullptr, false}; }
  static std::optional<double> numeric(const Duration& v) { return v.s; }
};

template <class E>
struct Codec<E, std::enable_if_t<std::is_enum_v<E>>> {
  static bool read(const DocNode& n, E& out, const std::string& path, ReadContext& ctx) {
    if (!detail::expect_scalar(n, path, ctx, "a name")) return false;
    for (const auto& [value, name] : EnumNames<E>::names) {
      if (n.text() == name) {
        out = value;
        return true;
      }
    }
    std::string allowed;
    std::vector<std::string> names;
    for (const auto& [value, name] : EnumNames<E>::names) {
      allowed += (allowed.empty() ? "" : ", ") + std::string(name);
      names.emplace_back(name);
    }
    std::string msg = "must be one of " + allowed + " (got '" + n.text() + "'";
    if (auto near = closest_name(n.text(), names)) msg += "; did you mean '" + *near + "'?";
    detail::report(n, path, ctx, msg + ")");
    return false;
  }
  static DocNode write(E v) {
    for (const auto& [value, name] : EnumNames<E>::names)
      if (value == v) return DocNode::scalar(name, {});
    return DocNode::scalar("?", {});
  }
  static TypeInfo type() {
    TypeInfo t;
    t.kind = ValueKind::choice;
    for (const auto& [value, name] : EnumNames<E>::names) t.choices.emplace_back(name);
    return t;
  }
};

template <class E>
struct Codec<std::vector<E>> {
  static bool read(const DocNode& n, std::vector<E>& out, const std::string& path,
                   ReadContext& ctx) {
    if (n.is_null()) {
      out.clear();
      return true;
    }
    if (!n.is_seq()) {
      detail::report(n, path, ctx, std::string("expected a list (got ") + describe_kind(n.kind()) + ")");
      return false;
    }
    out.clear();
    bool ok = true;
    for (std::size_t i = 0; i < n.items().size(); ++i) {
      const std::string item_path = path + "[" + std::to_string(i) + "]";
      ctx.marks.record(item_path, n.items()[i].mark());
      E item{};
      ok = Codec<E>::read(n.items()[i], item, item_path, ctx) && ok;
      out.push_back(std::move(item));
    }
    return ok;
  }
  static DocNode write(const std::vector<E>& v) {
    DocNode out = DocNode::seq({});
    for (const auto& item : v) out.items().push_back(Codec<E>::write(item));
    return out;
  }
  static TypeInfo type() {
    TypeInfo t;
    t.kind = ValueKind::list;
    t.element = std::make_shared<const TypeInfo>(Codec<E>::type());
    return t;
  }
};

template <class V>
struct Codec<NamedMap<V>> {
  static bool read(const DocNode& n, NamedMap<V>& out, const std::string& path, ReadContext& ctx) {
    if (n.is_null()) {
      out.entries.clear();
      return true;
    }
    if (!n.is_map()) {
      detail::report(n, path, ctx, std::string("expected a map of names (got ") + describe_kind(n.kind()) + ")");
      return false;
    }
    out.entries.clear();
    bool ok = true;
    for (const auto& e : n.entries()) {
      const std::string entry_path = join_path(path, e.key);
      ctx.marks.record(entry_path, e.value.mark().line ? e.value.mark() : e.key_mark);
      V value{};
      ok = Codec<V>::read(e.value, value, entry_path, ctx) && ok;
      out.entries.emplace_back(e.key, std::move(value));
    }
    return ok;
  }
  static DocNode write(const NamedMap<V>& v) {
    DocNode out = DocNode::map({});
    for (const auto& [k, value] : v.entries) out.set(k, Codec<V>::write(value));
    return out;
  }
  static TypeInfo type() {
    TypeInfo t;
    t.kind = ValueKind::map;
    t.element = std::make_shared<const TypeInfo>(Codec<V>::type());
    return t;
  }
};

template <class E>
struct Codec<std::optional<E>> {
  static bool read(const DocNode& n, std::optional<E>& out, const std::string& path,
                   ReadContext& ctx) {
    if (n.is_null()) {
      out.reset();
      return true;
    }
    E value{};
    if (!Codec<E>::read(n, value, path, ctx)) return false;
    out = std::move(value);
    return true;
  }
  static DocNode write(const std::optional<E>& v) {
    return v ? Codec<E>::write(*v) : DocNode::null_node({});
  }
  static TypeInfo type() {
    TypeInfo t = Codec<E>::type();
    t.nullable = true;
    return t;
  }
};

namespace detail {

/// Range check of a bound value: numbers directly, optionals when set, lists per element.
template <class M>
void check_range(const M& v, const Range& r, const DocNode& n, const std::string& path,
                 ReadContext& ctx) {
  if constexpr (requires { Codec<M>::numeric(v); }) {
    const std::optional<double> x = Codec<M>::numeric(v);
    if (x && !r.contains(*x))
      report(n, path, ctx, "must be " + r.describe() + " (got " + format_number(*x) + ")");
  } else if constexpr (requires { v.has_value(); *v; }) {
    if (v) check_range(*v, r, n, path, ctx);
  } else if constexpr (requires { v.size(); v[0]; typename M::value_type; }) {
    for (std::size_t i = 0; i < v.size(); ++i) {
      const DocNode& item = n.is_seq() && i < n.items().size() ? n.items()[i] : n;
      check_range(v[i], r, item, path + "[" + std::to_string(i) + "]", ctx);
    }
  }
}

}  // namespace detail

/// The schema of one spec struct T: its fields bound to members, with docs, units and ranges.
template <class T>
class StructDef final : public StructInfo {
 public:
  StructDef(std::string name, std::string doc) : name_(std::move(name)), doc_(std::move(doc)) {}

  /// Chainable field options.
  class FieldRef {
   public:
    explicit FieldRef(FieldInfo& f) : f_(f) {}
    FieldRef& unit(std::string u) { f_.unit = std::move(u); return *this; }
    FieldRef& required() { f_.required = true; f_.default_text.clear(); return *this; }
    FieldRef& ge(double v) { f_.range.lo = v; f_.range.lo_open = false; return *this; }
    FieldRef& gt(double v) { f_.range.lo = v; f_.range.lo_open = true; return *this; }
    FieldRef& le(double v) { f_.range.hi = v; f_.range.hi_open = false; return *this; }
    FieldRef& lt(double v) { f_.range.hi = v; f_.range.hi_open = true; return *this; }
    FieldRef& within(double lo, double hi) { return ge(lo).le(hi); }

   private:
    FieldInfo& f_;
  };

  /// Binds YAML key `key` to `member`, documented by `doc`.
  template <class M>
  FieldRef field(std::string key, M T::*member, std::string doc) {
    FieldInfo info;
    info.key = std::move(key);
    info.doc = std::move(doc);
    info.type = Codec<M>::type();
    if (info.type.kind != ValueKind::object) info.default_text = inline_text(Codec<M>::write(T{}.*member));
    fields_.push_back(std::move(info));
    bindings_.push_back(Binding{
        [member](const DocNode& n, T& out, const std::string& path, ReadContext& ctx,
                 const FieldInfo& f) {
          if (!Codec<M>::read(n, out.*member, path, ctx)) return false;
          const Range& r = f.range;
          if (!r.empty()) {
            const std::size_t before = ctx.diag.messages().size();
            detail::check_range(out.*member, r, n, path, ctx);
            return ctx.diag.messages().size() == before;
          }
          return true;
        },
        [member](const T& v) { return Codec<M>::write(v.*member); }});
    return FieldRef(fields_.back());
  }

  /// Reads a map node into `out` (fields absent from the node keep their current value).
  bool read(const DocNode& n, T& out, const std::string& path, ReadContext& ctx) const {
    if (n.is_null()) return read(DocNode::map(n.mark()), out, path, ctx);
    if (!n.is_map()) {
      detail::report(n, path, ctx, std::string("expected a map (got ") + describe_kind(n.kind()) + ")");
      return false;
    }
    bool ok = true;
    for (const auto& e : n.entries()) {
      if (find_field(e.key) < 0) {
        std::vector<std::string> keys;
        for (const auto& f : fields_) keys.push_back(f.key);
        std::string msg = "unknown field";
        if (auto near = closest_name(e.key, keys)) msg += " (did you mean '" + *near + "'?)";
        ctx.diag.error(e.key_mark, join_path(path, e.key), msg);
        ok = false;
      }
    }
    for (std::size_t i = 0; i < fields_.size(); ++i) {
      const std::string field_path = join_path(path, fields_[i].key);
      if (const DocNode* v = n.find(fields_[i].key)) {
        ctx.marks.record(field_path, v->mark().line || v->mark().file ? v->mark() : n.mark());
        ok = bindings_[i].read(*v, out, field_path, ctx, fields_[i]) && ok;
      } else if (fields_[i].required) {
        ctx.diag.error(n.mark(), field_path, "required field is missing");
        ok = false;
      }
    }
    return ok;
  }

  /// Writes every field of `v` (the fully resolved form).
  DocNode write(const T& v) const {
    DocNode out = DocNode::map({});
    for (std::size_t i = 0; i < fields_.size(); ++i) out.set(fields_[i].key, bindings_[i].write(v));
    return out;
  }

  const std::string& name() const override { return name_; }
  const std::string& doc() const override { return doc_; }
  const std::vector<FieldInfo>& fields() const override { return fields_; }

 private:
  struct Binding {
    std::function<bool(const DocNode&, T&, const std::string&, ReadContext&, const FieldInfo&)> read;
    std::function<DocNode(const T&)> write;
  };
  int find_field(std::string_view key) const {
    for (std::size_t i = 0; i < fields_.size(); ++i)
      if (fields_[i].key == key) return static_cast<int>(i);
    return -1;
  }

  std::string name_;
  std::string doc_;
  std::vector<FieldInfo> fields_;
  std::vector<Binding> bindings_;
};

/// The field reference (Markdown) of a schema rooted at `root`.
std::string markdown_reference(const StructInfo& root, std::string_view title);
/// A JSON Schema (draft 2020-12) of the same schema, for editors' YAML language servers.
std::string json_schema(const StructInfo& root, std::string_view title);

}  // namespace aifsim::scenario
