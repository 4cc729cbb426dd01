// SPDX-License-Identifier: Apache-2.0
// Variant scenarios: the base plus settings, with errors moved to the sweep file's lines.
#include "sim/sweep/load_variants.h"

#include <sstream>

#include "sim/core/error.h"

namespace aifsim::sweep {
namespace {

std::vector<scenario::Override> overrides_of(const std::vector<Setting>& settings) {
  std::vector<scenario::Override> out;
  for (const Setting& s : settings) out.push_back({s.field, s.value.yaml});
  return out;
}

// Restates a loader error at `where` (the sweep file's position of the setting): each line
// loses the "--set FIELD=VALUE: " origin the loader gave it, which only repeats the setting.
[[noreturn]] void relocate(const InputError& e, const std::string& where, const std::vector<Setting>& settings) {
  std::istringstream lines{std::string(e.what())};
  std::string out;
  for (std::string line; std::getline(lines, line);) {
    for (const Setting& s : settings) {
      const std::string origin = "--set " + s.field + "=" + s.value.yaml + ": ";
      if (line.starts_with(origin)) {
        line = line.substr(origin.size());
        break;
      }
    }
    out += (out.empty() ? "" : "\n") + where + ": " + line;
  }
  throw InputError(out);
}

// Loads the base with `settings`; on an error, finds the first prefix of them that fails
// and reports it at that setting's mark.
void check_settings(const SweepPlan& plan, const std::vector<Setting>& before, const std::vector<Setting>& settings) {
  std::vector<Setting> all = before;
  for (const Setting& s : settings) {
    all.push_back(s);
    try {
      const auto o = overrides_of(all);
      (void)scenario::load_scenario(plan.base, o);
    } catch (const InputError& e) {
      relocate(e, s.value.mark.str(), all);
    }
  }
}

}  // namespace

scenario::LoadedScenario load_variant(const SweepPlan& plan, const Variant& variant) {
  const auto o = overrides_of(variant.settings);
  scenario::LoadedScenario sc = scenario::load_scenario(plan.base, o);
  if (variant.replication > 0) sc.spec.seed += static_cast<std::uint64_t>(variant.replication);
  return sc;
}

std::vector<scenario::LoadedScenario> load_variants(const SweepSpec& spec, const SweepPlan& plan,
                                                    std::span<const std::size_t> which) {
  try {
    (void)scenario::load_scenario(plan.base);
  } catch (const InputError& e) {
    throw InputError(spec.base_mark.str() + ": base: " + plan.base.string() + " does not load:\n" + e.what());
  }
  check_settings(plan, {}, spec.set);
  for (const NamedVariant& nv : spec.variants) check_settings(plan, spec.set, nv.set);
  for (const Axis& a : spec.axes)
    for (const FieldValue& v : a.values) check_settings(plan, spec.set, {Setting{a.field, v}});

  std::vector<scenario::LoadedScenario> out;
  out.reserve(which.size());
  for (const std::size_t i : which) {
    const Variant& v = plan.variants.at(i);
    try {
      out.push_back(load_variant(plan, v));
    } catch (const InputError& e) {
      // Only a combination fails here (each setting loaded alone above): name the variant.
      relocate(e, spec.file.string() + ": variant " + std::to_string(i) + " (" + v.name + ")", v.settings);
    }
  }
  return out;
}

}  // namespace aifsim::sweep
