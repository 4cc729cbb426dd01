// SPDX-License-Identifier: Apache-2.0
// Scenario composition: `extends:` chains, the built-in catalog base, `--set` overrides,
// then binding and validation.
#include "sim/scenario/load.h"

#include <algorithm>

#include "sim/core/error.h"
#include "sim/core/units.h"
#include "sim/scenario/spec_schema.h"
#include "sim/scenario/validate.h"
#include "sim/scenario/yaml_io.h"

namespace aifsim::scenario {
namespace {

DocNode load_with_extends(const std::filesystem::path& path,
                          std::vector<std::filesystem::path>& chain) {
  DocNode doc = parse_yaml_file(path);
  if (!doc.is_map()) throw InputError(doc.mark().str() + ": a scenario must be a map of fields");
  const DocNode* ext = doc.find("extends");
  if (!ext) return doc;
  if (!ext->is_scalar() || ext->text().empty())
    throw InputError(ext->mark().str() + ": extends: expected the path of a base scenario");
  const std::filesystem::path base_path = path.parent_path() / ext->text();
  std::error_code ec;
  const auto canonical = std::filesystem::weakly_canonical(base_path, ec);
  if (std::find(chain.begin(), chain.end(), canonical) != chain.end())
    throw InputError(ext->mark().str() + ": extends: cycle through " + base_path.string());
  if (!std::filesystem::exists(base_path))
    throw InputError(ext->mark().str() + ": extends: no such file: " + base_path.string());
  chain.push_back(canonical);
  DocNode base = load_with_extends(base_path, chain);
  doc.erase("extends");
  merge_into(base, doc);
  return base;
}

void stamp(DocNode& n, const Mark& m) {
  n.set_mark(m);
  for (auto& e : n.entries()) {
    e.key_mark = m;
    stamp(e.value, m);
  }
  for (auto& item : n.items()) stamp(item, m);
}

void apply_override(DocNode& root, const Override& o) {
  const std::string origin = "--set " + o.path + "=" + o.value;
  const Mark mark{std::make_shared<const std::string>(origin), 0, 0};
  DocNode value = parse_yaml_text(o.value, origin);
  stamp(value, mark);
  DocNode* node = &root;
  std::size_t pos = 0;
  while (true) {
    const std::size_t dot = o.path.find('.', pos);
    const std::string key = o.path.substr(pos, dot == std::string::npos ? std::string::npos : dot - pos);
    if (key.empty()) throw InputError(origin + ": empty field name in the path");
    const bool last = dot == std::string::npos;
    if (node->is_seq()) {
      const auto index = parse_integer(key);
      if (!index || *index < 0 || static_cast<std::size_t>(*index) >= node->items().size())
        throw InputError(origin + ": '" + key + "' is not an index of that list");
      node = &node->items()[static_cast<std::size_t>(*index)];
      if (last) *node = value;
    } else {
      if (!node->is_map()) *node = DocNode::map(mark);
      if (last) {
        node->set(key, value, mark);
      } else {
        DocNode* child = node->find(key);
        if (!child) child = &node->set(key, DocNode::map(mark), mark);
        node = child;
      }
    }
    if (last) break;
    pos = dot + 1;
  }
}

// A relative weather or trace file is relative to the scenario file that names it (or to the working
// directory when it came from the command line); it is stored absolute so that
// scenario.resolved.yaml reproduces the run from anywhere.
void resolve_file(std::string& file, const MarkTable& marks, const std::string& path) {
  if (file.empty() || std::filesystem::path(file).is_absolute()) return;
  const Mark m = marks.at(path);
  std::filesystem::path base;
  if (m.file && m.line > 0) base = std::filesystem::path(*m.file).parent_path();
  std::error_code ec;
  const auto abs = std::filesystem::absolute(base / file, ec);
  if (!ec) file = abs.lexically_normal().string();
}

// Weather and trace files named by the scenario.
void resolve_files(ScenarioSpec& spec, const MarkTable& marks) {
  resolve_file(spec.site.weather.file, marks, "site.weather.file");
  for (auto& [name, s] : spec.workloads.inference) {
    const std::string p = "workloads.inference." + name;
    resolve_file(s.arrivals.trace, marks, p + ".arrivals.trace");
    resolve_file(s.sizes.trace, marks, p + ".sizes.trace");
  }
  resolve_file(spec.workloads.training.trace, marks, "workloads.training.trace");
}

}  // namespace

Override parse_override(std::string_view text) {
  const auto eq = text.find('=');
  if (eq == std::string_view::npos || eq == 0)
    throw InputError("--set: expected field.path=value (got '" + std::string(text) + "')");
  return Override{std::string(text.substr(0, eq)), std::string(text.substr(eq + 1))};
}

DocNode compose_scenario_doc(const std::filesystem::path& path, std::span<const Override> overrides) {
  std::vector<std::filesystem::path> chain;
  std::error_code ec;
  chain.push_back(std::filesystem::weakly_canonical(path, ec));
  DocNode file = load_with_extends(path, chain);
  DocNode doc = builtin_catalog_doc();
  stamp(doc, Mark{std::make_shared<const std::string>("<built-in catalog>"), 0, 0});
  doc.set_mark(file.mark());
  merge_into(doc, file);
  if (!doc.find("name")) {
    doc.set("name", DocNode::scalar(path.stem().string(), file.mark()), file.mark());
  }
  for (const auto& o : overrides) apply_override(doc, o);
  return doc;
}

LoadedScenario load_scenario(const std::filesystem::path& path, std::span<const Override> overrides) {
  const DocNode doc = compose_scenario_doc(path, overrides);
  Diagnostics diag;
  MarkTable marks;
  ReadContext ctx{diag, marks};
  LoadedScenario out;
  out.source = path;
  if (read_scenario_spec(doc, out.spec, ctx)) {
    resolve_files(out.spec, marks);
    const auto start = validate_scenario(out.spec, marks, diag);
    if (start) {
      out.start_unix_s = start->unix_s;
      out.utc_offset_s = start->utc_offset_s;
    }
  }
  diag.throw_if_any();
  return out;
}

std::string resolved_yaml(const ScenarioSpec& spec) {
  return emit_yaml(write_scenario_spec(spec),
                   "The fully resolved scenario that ran (extends, catalogs, --set and defaults\n"
                   "applied). `aifsim run` on this file reproduces the run.");
}

}  // namespace aifsim::scenario
