// SPDX-License-Identifier: Apache-2.0
// Reading SWEEP.yaml into a SweepSpec: every problem is one "file:line:col: field: message".
#include "sim/sweep/spec.h"

#include <cmath>
#include <string_view>

#include "sim/core/error.h"
#include "sim/output/csv_writer.h"
#include "sim/scenario/schema.h"
#include "sim/scenario/yaml_io.h"

namespace aifsim::sweep {
namespace {

using scenario::DocNode;
using scenario::Mark;

// A range of more values than this is almost certainly a typo in `step`, and would only
// fill the disk with run directories.
constexpr double kMaxRangeValues = 100000;

[[noreturn]] void fail(const Mark& mark, std::string_view field, std::string_view message) {
  throw InputError(mark.str() + ": " + std::string(field) + ": " + std::string(message));
}

void check_keys(const DocNode& map, std::string_view where, const std::vector<std::string>& allowed) {
  for (const auto& e : map.entries()) {
    bool known = false;
    for (const auto& a : allowed) known = known || a == e.key;
    if (known) continue;
    std::string msg = "unknown key";
    if (auto near = scenario::closest_name(e.key, allowed)) msg += " (did you mean '" + *near + "'?)";
    fail(e.key_mark, where.empty() ? e.key : std::string(where) + "." + e.key, msg);
  }
}

const DocNode& expect_map(const DocNode& n, std::string_view field) {
  if (!n.is_map()) fail(n.mark(), field, std::string("expected a map, got ") + scenario::describe_kind(n.kind()));
  return n;
}

std::string expect_text(const DocNode& n, std::string_view field) {
  if (!n.is_scalar() || n.text().empty()) fail(n.mark(), field, "expected a non-empty scalar");
  return n.text();
}

std::int64_t expect_integer(const DocNode& n, std::string_view field, std::int64_t min) {
  const auto v = n.is_scalar() ? scenario::parse_integer(n.text()) : std::nullopt;
  if (!v) fail(n.mark(), field, "expected an integer");
  if (*v < min) fail(n.mark(), field, "must be >= " + std::to_string(min) + " (got " + std::to_string(*v) + ")");
  return *v;
}

FieldValue field_value(const DocNode& n) {
  std::string yaml = scenario::emit_yaml(n);
  while (!yaml.empty() && yaml.back() == '\n') yaml.pop_back();
  return FieldValue{yaml, scenario::inline_text(n), n.mark()};
}

// `set: {field: value, ...}` (field paths as keys, as --set takes them).
std::vector<Setting> read_settings(const DocNode& n, const std::string& field) {
  expect_map(n, field);
  std::vector<Setting> out;
  for (const auto& e : n.entries()) out.push_back(Setting{e.key, field_value(e.value)});
  return out;
}

// Decimal places written in a number ("0.25" -> 2, "1.5e-3" -> 4, "10" -> 0).
int decimals_of(std::string_view text) {
  const auto e = text.find_first_of("eE");
  const std::string_view mantissa = text.substr(0, e);
  const auto dot = mantissa.find('.');
  int d = dot == std::string_view::npos ? 0 : static_cast<int>(mantissa.size() - dot - 1);
  if (e != std::string_view::npos) {
    const auto exp = scenario::parse_integer(text.substr(e + 1));
    if (exp) d -= static_cast<int>(*exp);
  }
  return d < 0 ? 0 : d;
}

RangeSpec read_range(const DocNode& n, const std::string& field, bool step_required) {
  expect_map(n, field);
  check_keys(n, field, {"from", "to", "step"});
  RangeSpec r;
  r.mark = n.mark();
  r.integer = true;
  const auto number = [&](const char* key, bool required, double& out) {
    const DocNode* v = n.find(key);
    if (!v) {
      if (required) fail(n.mark(), field, std::string("missing '") + key + "'");
      return;
    }
    const auto x = v->is_scalar() ? scenario::parse_number(v->text()) : std::nullopt;
    if (!x || !std::isfinite(*x)) fail(v->mark(), field + "." + key, "expected a number");
    out = *x;
    r.integer = r.integer && scenario::parse_integer(v->text()).has_value();
    r.decimals = std::max(r.decimals, decimals_of(v->text()));
  };
  number("from", true, r.from);
  number("to", true, r.to);
  number("step", step_required, r.step);
  if (n.find("step")) {
    if (r.step == 0) fail(n.find("step")->mark(), field + ".step", "must not be 0");
    if ((r.to - r.from) * r.step < 0)
      fail(n.find("step")->mark(), field + ".step",
           "goes away from 'to' (from " + output::format_number(r.from) + " to " + output::format_number(r.to) + ")");
    if (std::abs((r.to - r.from) / r.step) + 1 > kMaxRangeValues)
      fail(n.mark(), field, "more than " + output::format_number(kMaxRangeValues) + " values; is the step right?");
  } else if (r.from > r.to) {
    fail(n.mark(), field, "'from' is above 'to'");
  }
  return r;
}

// The values of a stepped range: from + k step for k = 0 .. n, `to` included when a step lands
// on it (within rounding), each rounded to the inputs' decimals.
std::vector<FieldValue> expand_range(const RangeSpec& r) {
  const double span = (r.to - r.from) / r.step;
  const auto count = static_cast<std::int64_t>(std::floor(span + 1e-9)) + 1;
  const double scale = std::pow(10.0, r.decimals);
  std::vector<FieldValue> out;
  for (std::int64_t k = 0; k < count; ++k) {
    double v = r.from + static_cast<double>(k) * r.step;
    if (!r.integer) v = std::round(v * scale) / scale;
    const std::string text = output::format_number(v);
    out.push_back(FieldValue{text, text, r.mark});
  }
  return out;
}

Axis read_axis(const DocNode& n, const std::string& where, bool sampled) {
  expect_map(n, where);
  check_keys(n, where, {"field", "values", "range"});
  Axis a;
  const DocNode* field = n.find("field");
  if (!field) fail(n.mark(), where, "missing 'field' (the scenario field path the axis varies)");
  a.field = expect_text(*field, where + ".field");
  a.field_mark = field->mark();
  const DocNode* values = n.find("values");
  const DocNode* range = n.find("range");
  if (values && range) fail(range->mark(), where, "give either 'values' or 'range', not both");
  if (values) {
    if (!values->is_seq()) fail(values->mark(), where + ".values", "expected a list of values");
    if (values->items().empty()) fail(values->mark(), where + ".values", "empty list: an axis needs a value");
    for (const auto& v : values->items()) a.values.push_back(field_value(v));
  } else if (range) {
    a.range = read_range(*range, where + ".range", !sampled);
    if (!sampled || range->find("step")) a.values = expand_range(*a.range);
    // Sampled axes draw their values in the plan; a stepped one draws from its grid.
    if (sampled) a.values.clear();
  } else {
    fail(n.mark(), where, "missing 'values' (a list) or 'range' ({from, to, step})");
  }
  return a;
}

Sampling read_sampling(const DocNode& n, const std::string& field, Sampling::Kind kind) {
  expect_map(n, field);
  check_keys(n, field, {"samples", "seed"});
  Sampling s;
  s.kind = kind;
  s.mark = n.mark();
  const DocNode* samples = n.find("samples");
  if (!samples) fail(n.mark(), field, "missing 'samples'");
  s.samples = static_cast<int>(expect_integer(*samples, field + ".samples", 1));
  if (const DocNode* seed = n.find("seed")) s.seed = static_cast<std::uint64_t>(expect_integer(*seed, field + ".seed", 0));
  return s;
}

}  // namespace

SweepSpec read_sweep_doc(const DocNode& doc, const std::filesystem::path& path) {
  SweepSpec s;
  s.file = path;
  if (!doc.is_map()) fail(doc.mark(), "sweep", "a sweep file must be a map (base:, axes:, ...)");
  check_keys(doc, "", {"name", "description", "base", "set", "axes", "variants", "replications", "random",
                       "latin_hypercube"});
  s.name = path.stem().string();
  if (const DocNode* name = doc.find("name")) s.name = expect_text(*name, "name");
  const DocNode* base = doc.find("base");
  if (!base) fail(doc.mark(), "base", "missing: the path of the base scenario, relative to this file");
  s.base_text = expect_text(*base, "base");
  s.base_mark = base->mark();
  s.base = path.parent_path() / s.base_text;
  if (!std::filesystem::exists(s.base)) fail(base->mark(), "base", "no such file: " + s.base.string());

  const DocNode* random = doc.find("random");
  const DocNode* lhs = doc.find("latin_hypercube");
  if (random && lhs) fail(lhs->mark(), "latin_hypercube", "give either 'random' or 'latin_hypercube', not both");
  if (random) s.sampling = read_sampling(*random, "random", Sampling::Kind::random);
  if (lhs) s.sampling = read_sampling(*lhs, "latin_hypercube", Sampling::Kind::latin_hypercube);
  const bool sampled = s.sampling.kind != Sampling::Kind::none;

  if (const DocNode* set = doc.find("set")) s.set = read_settings(*set, "set");
  if (const DocNode* axes = doc.find("axes")) {
    if (!axes->is_seq()) fail(axes->mark(), "axes", "expected a list of {field, values} or {field, range}");
    for (std::size_t i = 0; i < axes->items().size(); ++i) {
      const std::string where = "axes[" + std::to_string(i) + "]";
      Axis a = read_axis(axes->items()[i], where, sampled);
      for (const Axis& other : s.axes)
        if (other.field == a.field) fail(a.field_mark, where + ".field", "'" + a.field + "' is already an axis");
      s.axes.push_back(std::move(a));
    }
  }
  if (const DocNode* variants = doc.find("variants")) {
    if (!variants->is_seq() || variants->items().empty())
      fail(variants->mark(), "variants", "expected a non-empty list of {name, set: {field: value}}");
    for (std::size_t i = 0; i < variants->items().size(); ++i) {
      const std::string where = "variants[" + std::to_string(i) + "]";
      const DocNode& v = expect_map(variants->items()[i], where);
      check_keys(v, where, {"name", "set"});
      NamedVariant nv;
      nv.mark = v.mark();
      const DocNode* name = v.find("name");
      if (!name) fail(v.mark(), where, "missing 'name'");
      nv.name = expect_text(*name, where + ".name");
      for (const NamedVariant& other : s.variants)
        if (other.name == nv.name) fail(name->mark(), where + ".name", "'" + nv.name + "' is already a variant");
      if (const DocNode* set = v.find("set")) nv.set = read_settings(*set, where + ".set");
      s.variants.push_back(std::move(nv));
    }
  }
  if (const DocNode* reps = doc.find("replications"))
    s.replications = static_cast<int>(expect_integer(*reps, "replications", 1));

  if (sampled) {
    bool any_range = false;
    for (const Axis& a : s.axes) any_range = any_range || a.range.has_value();
    if (!any_range) fail(s.sampling.mark, random ? "random" : "latin_hypercube", "needs at least one axis with a range");
  }
  return s;
}

SweepSpec read_sweep_file(const std::filesystem::path& path) {
  return read_sweep_doc(scenario::parse_yaml_file(path), path);
}

}  // namespace aifsim::sweep
