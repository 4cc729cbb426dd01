// SPDX-License-Identifier: Apache-2.0
// Every scenario shipped in scenarios/ validates, and the generated field reference in
// scenarios/REFERENCE.md is what `aifsim docs` prints today.
#include <gtest/gtest.h>

#include <filesystem>

#include "sim/core/error.h"
#include "sim/run/reference_doc.h"
#include "sim/scenario/load.h"
#include "sim/scenario/schema.h"
#include "sim/scenario/spec_schema.h"
#include "tests/test_support.h"

namespace aifsim::scenario {
namespace {

TEST(shipped_scenarios_test, every_scenario_validates) {
  int count = 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(test::source_dir() / "scenarios")) {
    if (e.path().extension() != ".yaml") continue;
    // Sweep files are not scenarios; tests/unit/sweep loads every variant of each.
    if (e.path().parent_path().filename() == "sweeps") continue;
    ++count;
    try {
      load_scenario(e.path());
    } catch (const InputError& err) {
      ADD_FAILURE() << err.what();
    }
  }
  EXPECT_GE(count, 5);
}

TEST(shipped_scenarios_test, field_reference_is_up_to_date) {
  const std::string expected = run::reference_markdown();
  EXPECT_EQ(test::read_file(test::source_dir() / "scenarios" / "REFERENCE.md"), expected)
      << "regenerate with: build/tools/aifsim docs --out scenarios/REFERENCE.md";
}

TEST(schema_docs_test, every_field_is_documented_in_reference_and_json_schema) {
  const std::string md = markdown_reference(scenario_schema_info(), "t");
  const std::string js = json_schema(scenario_schema_info(), "t");
  const std::function<void(const StructInfo&)> walk = [&](const StructInfo& s) {
    for (const auto& f : s.fields()) {
      EXPECT_FALSE(f.doc.empty()) << s.name() << "." << f.key << " has no description";
      EXPECT_NE(md.find("| `" + f.key + "` |"), std::string::npos) << f.key;
      EXPECT_NE(js.find("\"" + f.key + "\""), std::string::npos) << f.key;
      const TypeInfo* t = &f.type;
      while (t->element) t = t->element.get();
      if (t->kind == ValueKind::object) walk(*t->object());
    }
  };
  walk(scenario_schema_info());
  EXPECT_NE(js.find("\"additionalProperties\": false"), std::string::npos);
}

}  // namespace
}  // namespace aifsim::scenario
