// SPDX-License-Identifier: Apache-2.0
// A table row of a bad scenario and the one located error it must give.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "sim/core/error.h"
#include "sim/scenario/load.h"
#include "tests/test_support.h"

namespace aifsim::scenario::test_support {

struct BadCase {
  const char* name;
  const char* yaml;      // after the table's common head
  const char* expected;  // the whole message after "<file>:"
};

/// Loads head + c.yaml and expects exactly "<file>:" + c.expected.
inline void expect_located_error(const std::string& head, const BadCase& c) {
  test::ScratchDir dir;
  const auto path = dir.write("x.yaml", head + c.yaml);
  try {
    load_scenario(path);
    FAIL() << "accepted a bad scenario";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), path.string() + ":" + c.expected);
  }
}

inline std::string case_name(const ::testing::TestParamInfo<BadCase>& info) { return info.param.name; }

}  // namespace aifsim::scenario::test_support
