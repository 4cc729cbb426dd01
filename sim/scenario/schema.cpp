// SPDX-License-Identifier: Apache-2.0
// Non-template parts of the schema: strict scalar parsing, number formatting that round-trips,
// ranges, and located diagnostics.
#include "sim/scenario/schema.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "sim/core/error.h"
#include "sim/core/units.h"

namespace aifsim::scenario {

void Diagnostics::error(const Mark& mark, std::string_view path, std::string_view message) {
  std::string line = mark.str() + ": ";
  if (!path.empty()) line += std::string(path) + ": ";
  line += message;
  messages_.push_back(std::move(line));
}

void Diagnostics::throw_if_any() const {
  if (messages_.empty()) return;
  std::string all;
  for (const auto& m : messages_) all += (all.empty() ? "" : "\n") + m;
  throw InputError(all);
}

Mark MarkTable::at(std::string_view path) const {
  std::string p(path);
  while (true) {
    if (auto it = marks_.find(p); it != marks_.end()) return it->second;
    const auto cut = p.find_last_of(".[");
    if (cut == std::string::npos) break;
    p.resize(cut);
  }
  if (auto it = marks_.find(""); it != marks_.end()) return it->second;
  return {};
}

std::string join_path(std::string_view base, std::string_view key) {
  if (base.empty()) return std::string(key);
  return std::string(base) + "." + std::string(key);
}

bool Range::contains(double v) const {
  if (std::isnan(v)) return false;
  if (lo && (lo_open ? !(v > *lo) : !(v >= *lo))) return false;
  if (hi && (hi_open ? !(v < *hi) : !(v <= *hi))) return false;
  return true;
}

std::string Range::describe() const {
  if (lo && hi)
    return std::string("in ") + (lo_open ? "(" : "[") + format_number(*lo) + ", " +
           format_number(*hi) + (hi_open ? ")" : "]");
  if (lo) return std::string(lo_open ? "> " : ">= ") + format_number(*lo);
  if (hi) return std::string(hi_open ? "< " : "<= ") + format_number(*hi);
  return "any value";
}

std::optional<double> parse_number(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  if (text.front() == '+') text.remove_prefix(1);
  double v = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(v))
    return std::nullopt;
  return v;
}

std::optional<std::int64_t> parse_integer(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  std::int64_t v = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size() || text.empty()) return std::nullopt;
  return v;
}

std::optional<bool> parse_bool(std::string_view text) {
  if (text == "true" || text == "True" || text == "TRUE") return true;
  if (text == "false" || text == "False" || text == "FALSE") return false;
  return std::nullopt;
}

std::string format_number(double v) {
  if (std::isnan(v)) return ".nan";
  if (std::isinf(v)) return v > 0 ? ".inf" : "-.inf";
  if (v == std::floor(v) && std::fabs(v) < 1e15) {
    return std::to_string(static_cast<long long>(v));
  }
  char buf[64];
  const auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, ec == std::errc() ? ptr : buf);
}

std::string format_duration_text(double s) {
  const auto whole = [&](double unit) {
    return s >= unit && std::fmod(s, unit) == 0.0;
  };
  if (whole(86400.0)) return format_number(s / 86400.0) + "d";
  if (whole(3600.0)) return format_number(s / 3600.0) + "h";
  if (whole(60.0)) return format_number(s / 60.0) + "m";
  return format_number(s) + "s";
}

std::string inline_text(const DocNode& node) {
  switch (node.kind()) {
    case DocNode::Kind::null:
      return "null";
    case DocNode::Kind::scalar:
      return node.text().empty() ? "\"\"" : node.text();
    case DocNode::Kind::seq: {
      std::string out = "[";
      for (std::size_t i = 0; i < node.items().size(); ++i)
        out += (i ? ", " : "") + inline_text(node.items()[i]);
      return out + "]";
    }
    case DocNode::Kind::map: {
      std::string out = "{";
      for (std::size_t i = 0; i < node.entries().size(); ++i)
        out += (i ? ", " : "") + node.entries()[i].key + ": " + inline_text(node.entries()[i].value);
      return out + "}";
    }
  }
  return "";
}

std::optional<std::string> closest_name(std::string_view key,
                                        const std::vector<std::string>& candidates) {
  const auto distance = [](std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
      std::size_t diag = row[0];
      row[0] = i;
      for (std::size_t j = 1; j <= b.size(); ++j) {
        const std::size_t up = row[j];
        row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0u : 1u)});
        diag = up;
      }
    }
    return row[b.size()];
  };
  std::optional<std::string> best;
  std::size_t best_d = std::max<std::size_t>(3, key.size() / 2 + 1);
  for (const auto& c : candidates) {
    const std::size_t d = distance(key, c);
    if (d < best_d) {
      best_d = d;
      best = c;
    }
  }
  return best;
}

namespace detail {

void report(const DocNode& n, const std::string& path, ReadContext& ctx, const std::string& msg) {
  ctx.diag.error(n.mark(), path, msg);
}

bool expect_scalar(const DocNode& n, const std::string& path, ReadContext& ctx,
                   std::string_view what) {
  if (n.is_scalar()) return true;
  report(n, path, ctx,
         "expected " + std::string(what) + " (got " + describe_kind(n.kind()) + ")");
  return false;
}

}  // namespace detail

bool Codec<double>::read(const DocNode& n, double& out, const std::string& path, ReadContext& ctx) {
  if (!detail::expect_scalar(n, path, ctx, "a number")) return false;
  const auto v = parse_number(n.text());
  if (!v) {
    detail::report(n, path, ctx, "expected a number (got '" + n.text() + "')");
    return false;
  }
  out = *v;
  return true;
}

bool Codec<bool>::read(const DocNode& n, bool& out, const std::string& path, ReadContext& ctx) {
  if (!detail::expect_scalar(n, path, ctx, "true or false")) return false;
  const auto v = parse_bool(n.text());
  if (!v) {
    detail::report(n, path, ctx, "expected true or false (got '" + n.text() + "')");
    return false;
  }
  out = *v;
  return true;
}

bool Codec<std::string>::read(const DocNode& n, std::string& out, const std::string& path,
                              ReadContext& ctx) {
  if (!detail::expect_scalar(n, path, ctx, "a text value")) return false;
  out = n.text();
  return true;
}

bool Codec<Duration>::read(const DocNode& n, Duration& out, const std::string& path,
                           ReadContext& ctx) {
  if (!detail::expect_scalar(n, path, ctx, "a duration")) return false;
  const auto v = parse_duration_s(n.text());
  if (!v) {
    detail::report(n, path, ctx,
                   "expected a duration such as 3600, 3600s, 90m, 24h or 7d (got '" + n.text() + "')");
    return false;
  }
  out.s = *v;
  return true;
}

}  // namespace aifsim::scenario
