// SPDX-License-Identifier: Apache-2.0
// The generated reference (scenarios/REFERENCE.md, `aifsim docs`): every scenario field from
// the schema, and every numeric summary.json key from the summary table.
#pragma once

#include <string>

namespace aifsim::run {

std::string reference_markdown();

}  // namespace aifsim::run
