// SPDX-License-Identifier: Apache-2.0
// A small ordered JSON builder for summary.json and other reports: keys keep insertion order
// and doubles print the same way on every run, so two identical runs give identical files.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace aifsim::output {

class JsonValue;  // defined in json_writer.cpp; keeps the JSON library out of this header
class JsonObject;

namespace detail {
/// Integer types that become JSON integers. bool has its own overload; characters are
/// excluded because 'A' silently becoming 65 is never what was meant.
template <typename T>
concept JsonInteger =
    std::integral<T> && !std::same_as<T, bool> && !std::same_as<T, char> &&
    !std::same_as<T, signed char> && !std::same_as<T, unsigned char> && !std::same_as<T, char8_t> &&
    !std::same_as<T, char16_t> && !std::same_as<T, char32_t> && !std::same_as<T, wchar_t>;
}  // namespace detail

/// A JSON array. Elements keep the order they were pushed in.
class JsonArray {
 public:
  JsonArray();
  ~JsonArray();
  JsonArray(const JsonArray& other);
  JsonArray(JsonArray&& other) noexcept;
  JsonArray& operator=(const JsonArray& other);
  JsonArray& operator=(JsonArray&& other) noexcept;

  JsonArray& push(std::nullptr_t);
  JsonArray& push(bool value);
  /// Non-finite values become null; see to_json for the number format.
  JsonArray& push(double value);
  /// Strings are UTF-8; invalid bytes are written as U+FFFD so the file stays valid JSON.
  JsonArray& push(std::string_view value);
  JsonArray& push(const char* value) { return push(std::string_view(value)); }
  JsonArray& push(JsonObject value);
  JsonArray& push(JsonArray value);
  template <detail::JsonInteger T>
  JsonArray& push(T value) {
    if constexpr (std::is_signed_v<T>) {
      return push_signed(static_cast<std::int64_t>(value));
    } else {
      return push_unsigned(static_cast<std::uint64_t>(value));
    }
  }

  [[nodiscard]] std::size_t size() const;
  [[nodiscard]] bool empty() const;

 private:
  friend struct JsonEmitter;
  JsonArray& push_signed(std::int64_t value);
  JsonArray& push_unsigned(std::uint64_t value);

  std::vector<JsonValue> items_;
};

/// A JSON object whose members serialize in insertion order. Setting an existing key
/// replaces its value in place (the key keeps its original position). Lookup is linear:
/// meant for report-sized objects, not for bulk data.
class JsonObject {
 public:
  JsonObject();
  ~JsonObject();
  JsonObject(const JsonObject& other);
  JsonObject(JsonObject&& other) noexcept;
  JsonObject& operator=(const JsonObject& other);
  JsonObject& operator=(JsonObject&& other) noexcept;

  JsonObject& set(std::string_view key, std::nullptr_t);
  JsonObject& set(std::string_view key, bool value);
  /// Non-finite values become null; see to_json for the number format.
  JsonObject& set(std::string_view key, double value);
  /// Strings are UTF-8; invalid bytes are written as U+FFFD so the file stays valid JSON.
  JsonObject& set(std::string_view key, std::string_view value);
  JsonObject& set(std::string_view key, const char* value) {
    return set(key, std::string_view(value));
  }
  JsonObject& set(std::string_view key, JsonObject value);
  JsonObject& set(std::string_view key, JsonArray value);
  template <detail::JsonInteger T>
  JsonObject& set(std::string_view key, T value) {
    if constexpr (std::is_signed_v<T>) {
      return set_signed(key, static_cast<std::int64_t>(value));
    } else {
      return set_unsigned(key, static_cast<std::uint64_t>(value));
    }
  }

  [[nodiscard]] bool contains(std::string_view key) const;
  [[nodiscard]] std::size_t size() const { return keys_.size(); }
  [[nodiscard]] bool empty() const { return keys_.empty(); }

 private:
  friend struct JsonEmitter;
  JsonObject& set_signed(std::string_view key, std::int64_t value);
  JsonObject& set_unsigned(std::string_view key, std::uint64_t value);
  JsonObject& set_value(std::string_view key, JsonValue&& value);

  std::vector<std::string> keys_;
  std::vector<JsonValue> values_;  // values_[i] belongs to keys_[i]
};

/// Serializes to JSON text (no trailing newline). indent >= 0: one member or element per line,
/// nested `indent` spaces deeper, "key": value; indent < 0: compact, no whitespace at all.
/// Doubles use the shortest text that parses back to the same value (std::to_chars,
/// locale-independent) and always look like floating point ("3.0", "0.1", "1e+21"), so a
/// reader can tell them from integers; -0.0 is written "0.0"; NaN and infinities are null.
[[nodiscard]] std::string to_json(const JsonObject& object, int indent = 2);
[[nodiscard]] std::string to_json(const JsonArray& array, int indent = 2);

/// to_json(object, indent) plus a final newline, written to `path` atomically
/// (write_file_atomic). Throws std::runtime_error on I/O failure.
void write_json_file(const std::filesystem::path& path, const JsonObject& object, int indent = 2);

}  // namespace aifsim::output
