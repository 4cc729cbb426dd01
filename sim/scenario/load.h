// SPDX-License-Identifier: Apache-2.0
// Loading a scenario: parse, resolve `extends:`, overlay the built-in catalogs and `--set`
// overrides, bind to the spec and validate. Every problem comes back as one located line.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "sim/scenario/doc.h"
#include "sim/scenario/spec.h"

namespace aifsim::scenario {

/// A `--set field.path=value` override; the value is read as YAML (so lists and maps work).
struct Override {
  std::string path;
  std::string value;
};

/// Parses "field.path=value"; throws InputError naming the flag when malformed.
Override parse_override(std::string_view text);

/// A loaded, validated scenario.
struct LoadedScenario {
  ScenarioSpec spec;
  std::filesystem::path source;
  std::int64_t start_unix_s = 0;  ///< run start as Unix time
  int utc_offset_s = 0;           ///< site local time offset used for profiles
};

/// Loads and validates `path` with `overrides` applied last. Throws InputError carrying
/// every problem, one "file:line:col: field.path: message" line each.
LoadedScenario load_scenario(const std::filesystem::path& path,
                             std::span<const Override> overrides = {});

/// The composed document (extends + catalogs + overrides) before binding; for tests and tools.
DocNode compose_scenario_doc(const std::filesystem::path& path, std::span<const Override> overrides);

/// scenario.resolved.yaml: every field of the spec, defaults included; loading it again
/// gives the same spec.
std::string resolved_yaml(const ScenarioSpec& spec);

}  // namespace aifsim::scenario
