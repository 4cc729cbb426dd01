// SPDX-License-Identifier: Apache-2.0
// Walks a field path through the schema (for its type) and the resolved scenario (for map
// entries and the value) side by side.
#include "sim/capacity/grow_field.h"

#include <vector>

#include "sim/core/error.h"
#include "sim/scenario/schema.h"
#include "sim/scenario/spec_schema.h"
#include "sim/scenario/yaml_io.h"

namespace aifsim::capacity {
namespace {

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> out;
  std::size_t from = 0;
  while (true) {
    const std::size_t dot = path.find('.', from);
    out.emplace_back(path.substr(from, dot == std::string_view::npos ? std::string_view::npos : dot - from));
    if (dot == std::string_view::npos) break;
    from = dot + 1;
  }
  return out;
}

const char* kind_name(scenario::ValueKind k) {
  switch (k) {
    case scenario::ValueKind::number: return "a number";
    case scenario::ValueKind::integer: return "an integer";
    case scenario::ValueKind::boolean: return "a boolean";
    case scenario::ValueKind::string: return "a string";
    case scenario::ValueKind::choice: return "a choice";
    case scenario::ValueKind::duration: return "a duration";
    case scenario::ValueKind::object: return "a section";
    case scenario::ValueKind::list: return "a list";
    case scenario::ValueKind::map: return "a map";
  }
  return "a value";
}

}  // namespace

GrowField resolve_grow_field(const scenario::LoadedScenario& loaded, std::string_view path) {
  const std::string where = "--grow '" + std::string(path) + "': ";
  const auto parts = split_path(path);
  const scenario::DocNode doc = scenario::parse_yaml_text(scenario::resolved_yaml(loaded.spec), "resolved scenario");
  const scenario::StructInfo* within = &scenario::scenario_schema_info();
  const scenario::DocNode* node = &doc;
  const scenario::TypeInfo* type = nullptr;
  std::string so_far;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string& part = parts[i];
    if (part.empty()) throw InputError(where + "empty part in the field path");
    if (type && type->kind == scenario::ValueKind::map) {
      // A map entry by name (racks.gb300): it must exist in this scenario.
      const scenario::DocNode* entry = node && node->is_map() ? node->find(part) : nullptr;
      if (!entry) {
        std::vector<std::string> names;
        if (node && node->is_map())
          for (const auto& e : node->entries()) names.push_back(e.key);
        std::string msg = where + so_far + " has no entry '" + part + "'";
        if (auto near = scenario::closest_name(part, names)) msg += " (did you mean '" + *near + "'?)";
        throw InputError(msg);
      }
      node = entry;
      type = type->element.get();
      within = type && type->kind == scenario::ValueKind::object ? type->object() : nullptr;
    } else {
      if (!within)
        throw InputError(where + so_far + " is " + kind_name(type->kind) + ", not a section with fields");
      const scenario::FieldInfo* field = nullptr;
      std::vector<std::string> keys;
      for (const auto& f : within->fields()) {
        keys.push_back(f.key);
        if (f.key == part) field = &f;
      }
      if (!field) {
        std::string msg = where + "unknown field '" + part + "'" + (so_far.empty() ? "" : " in " + so_far);
        if (auto near = scenario::closest_name(part, keys)) msg += " (did you mean '" + *near + "'?)";
        throw InputError(msg);
      }
      node = node && node->is_map() ? node->find(part) : nullptr;
      type = &field->type;
      within = type->kind == scenario::ValueKind::object ? type->object() : nullptr;
    }
    so_far += (so_far.empty() ? "" : ".") + part;
  }
  if (!type || type->kind != scenario::ValueKind::integer)
    throw InputError(where + "is " + kind_name(type ? type->kind : scenario::ValueKind::object) +
                     "; --grow takes an integer field (a rack count, replicas, GPUs)");
  GrowField g;
  g.path = std::string(path);
  if (node && node->is_scalar()) g.value = scenario::parse_integer(node->text());
  return g;
}

}  // namespace aifsim::capacity
