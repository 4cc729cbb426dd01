// SPDX-License-Identifier: Apache-2.0
// The ordered JSON builder's storage and serializer. Serialization is hand-written (not
// nlohmann's dump) to control the number format exactly and to repair invalid UTF-8
// instead of throwing halfway through writing a run's summary.
#include "sim/output/json_writer.h"

#include <array>
#include <charconv>
#include <cmath>
#include <utility>
#include <variant>

#include "sim/output/atomic_file.h"
#include "sim/output/utf8.h"

namespace aifsim::output {

class JsonValue {
 public:
  using Storage = std::variant<std::nullptr_t, bool, std::int64_t, std::uint64_t, double,
                               std::string, JsonArray, JsonObject>;

  explicit JsonValue(Storage value) : value_(std::move(value)) {}

  [[nodiscard]] const Storage& get() const { return value_; }

 private:
  Storage value_;
};

namespace {

void append_string(std::string& out, std::string_view text) {
  static constexpr std::string_view kHex = "0123456789abcdef";
  out.push_back('"');
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80) {
      const std::size_t length = detail::utf8_sequence_length(text, i);
      i += detail::append_sequence_or_replacement(out, text, i, length);
      continue;
    }
    switch (c) {
      case '"': out.append("\\\""); break;
      case '\\': out.append("\\\\"); break;
      case '\b': out.append("\\b"); break;
      case '\f': out.append("\\f"); break;
      case '\n': out.append("\\n"); break;
      case '\r': out.append("\\r"); break;
      case '\t': out.append("\\t"); break;
      default:
        if (u < 0x20) {
          out.append("\\u00");
          out.push_back(kHex[u >> 4U]);
          out.push_back(kHex[u & 0xFU]);
        } else {
          out.push_back(c);
        }
    }
    ++i;
  }
  out.push_back('"');
}

void append_double(std::string& out, double value) {
  if (!std::isfinite(value)) {
    out.append("null");
    return;
  }
  if (value == 0.0) {
    value = 0.0;  // drops the sign of -0.0, as the CSV writer does
  }
  std::array<char, 32> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  const std::string_view text(buffer.data(), static_cast<std::size_t>(result.ptr - buffer.data()));
  out.append(text);
  if (text.find_first_of(".e") == std::string_view::npos) {
    out.append(".0");
  }
}

template <typename Int>
void append_integer(std::string& out, Int value) {
  std::array<char, 24> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  out.append(buffer.data(), result.ptr);
}

}  // namespace

// Friend of JsonArray and JsonObject, so they need no public accessors for their storage.
struct JsonEmitter {
  int indent;
  std::string out;

  void newline(int depth) {
    if (indent < 0) {
      return;
    }
    out.push_back('\n');
    out.append(static_cast<std::size_t>(depth) * static_cast<std::size_t>(indent), ' ');
  }

  void emit(const JsonValue& value, int depth) {
    std::visit(
        [&](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::nullptr_t>) {
            out.append("null");
          } else if constexpr (std::is_same_v<T, bool>) {
            out.append(v ? "true" : "false");
          } else if constexpr (std::is_same_v<T, std::int64_t> ||
                               std::is_same_v<T, std::uint64_t>) {
            append_integer(out, v);
          } else if constexpr (std::is_same_v<T, double>) {
            append_double(out, v);
          } else if constexpr (std::is_same_v<T, std::string>) {
            append_string(out, v);
          } else {
            emit(v, depth);
          }
        },
        value.get());
  }

  void emit(const JsonArray& array, int depth) {
    if (array.items_.empty()) {
      out.append("[]");
      return;
    }
    out.push_back('[');
    for (std::size_t i = 0; i < array.items_.size(); ++i) {
      if (i > 0) {
        out.push_back(',');
      }
      newline(depth + 1);
      emit(array.items_[i], depth + 1);
    }
    newline(depth);
    out.push_back(']');
  }

  void emit(const JsonObject& object, int depth) {
    if (object.keys_.empty()) {
      out.append("{}");
      return;
    }
    out.push_back('{');
    for (std::size_t i = 0; i < object.keys_.size(); ++i) {
      if (i > 0) {
        out.push_back(',');
      }
      newline(depth + 1);
      append_string(out, object.keys_[i]);
      out.append(indent < 0 ? ":" : ": ");
      emit(object.values_[i], depth + 1);
    }
    newline(depth);
    out.push_back('}');
  }
};

JsonArray::JsonArray() = default;
JsonArray::~JsonArray() = default;
JsonArray::JsonArray(const JsonArray& other) = default;
JsonArray::JsonArray(JsonArray&& other) noexcept = default;
JsonArray& JsonArray::operator=(const JsonArray& other) = default;
JsonArray& JsonArray::operator=(JsonArray&& other) noexcept = default;

std::size_t JsonArray::size() const { return items_.size(); }
bool JsonArray::empty() const { return items_.empty(); }

JsonArray& JsonArray::push(std::nullptr_t) {
  items_.emplace_back(nullptr);
  return *this;
}
JsonArray& JsonArray::push(bool value) {
  items_.emplace_back(value);
  return *this;
}
JsonArray& JsonArray::push(double value) {
  items_.emplace_back(value);
  return *this;
}
JsonArray& JsonArray::push(std::string_view value) {
  items_.emplace_back(std::string(value));
  return *this;
}
JsonArray& JsonArray::push(JsonObject value) {
  items_.emplace_back(std::move(value));
  return *this;
}
JsonArray& JsonArray::push(JsonArray value) {
  items_.emplace_back(std::move(value));
  return *this;
}
JsonArray& JsonArray::push_signed(std::int64_t value) {
  items_.emplace_back(value);
  return *this;
}
JsonArray& JsonArray::push_unsigned(std::uint64_t value) {
  items_.emplace_back(value);
  return *this;
}

JsonObject::JsonObject() = default;
JsonObject::~JsonObject() = default;
JsonObject::JsonObject(const JsonObject& other) = default;
JsonObject::JsonObject(JsonObject&& other) noexcept = default;
JsonObject& JsonObject::operator=(const JsonObject& other) = default;
JsonObject& JsonObject::operator=(JsonObject&& other) noexcept = default;

JsonObject& JsonObject::set_value(std::string_view key, JsonValue&& value) {
  for (std::size_t i = 0; i < keys_.size(); ++i) {
    if (keys_[i] == key) {
      values_[i] = std::move(value);
      return *this;
    }
  }
  keys_.emplace_back(key);
  values_.push_back(std::move(value));
  return *this;
}

JsonObject& JsonObject::set(std::string_view key, std::nullptr_t) {
  return set_value(key, JsonValue(nullptr));
}
JsonObject& JsonObject::set(std::string_view key, bool value) {
  return set_value(key, JsonValue(value));
}
JsonObject& JsonObject::set(std::string_view key, double value) {
  return set_value(key, JsonValue(value));
}
JsonObject& JsonObject::set(std::string_view key, std::string_view value) {
  return set_value(key, JsonValue(std::string(value)));
}
JsonObject& JsonObject::set(std::string_view key, JsonObject value) {
  return set_value(key, JsonValue(std::move(value)));
}
JsonObject& JsonObject::set(std::string_view key, JsonArray value) {
  return set_value(key, JsonValue(std::move(value)));
}
JsonObject& JsonObject::set_signed(std::string_view key, std::int64_t value) {
  return set_value(key, JsonValue(value));
}
JsonObject& JsonObject::set_unsigned(std::string_view key, std::uint64_t value) {
  return set_value(key, JsonValue(value));
}

bool JsonObject::contains(std::string_view key) const {
  for (const auto& k : keys_) {
    if (k == key) {
      return true;
    }
  }
  return false;
}

std::string to_json(const JsonObject& object, int indent) {
  JsonEmitter emitter{indent, {}};
  emitter.emit(object, 0);
  return std::move(emitter.out);
}

std::string to_json(const JsonArray& array, int indent) {
  JsonEmitter emitter{indent, {}};
  emitter.emit(array, 0);
  return std::move(emitter.out);
}

void write_json_file(const std::filesystem::path& path, const JsonObject& object, int indent) {
  std::string text = to_json(object, indent);
  text.push_back('\n');
  write_file_atomic(path, text);
}

}  // namespace aifsim::output
