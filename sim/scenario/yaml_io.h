// SPDX-License-Identifier: Apache-2.0
// YAML text <-> DocNode. The only part of aifsim that knows yaml-cpp.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "sim/scenario/doc.h"

namespace aifsim::scenario {

/// Parses a YAML file. Throws InputError "file:line:col: message" on syntax errors, a
/// missing file or duplicate keys. Map keys must be scalars.
DocNode parse_yaml_file(const std::filesystem::path& path);

/// Parses YAML text; `origin` names it in marks and errors (a file name or "--set").
DocNode parse_yaml_text(std::string_view text, const std::string& origin);

/// Block-style YAML for a document (scalars quoted where YAML would misread them).
std::string emit_yaml(const DocNode& doc, std::string_view header_comment = {});

}  // namespace aifsim::scenario
