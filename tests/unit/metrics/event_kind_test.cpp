// SPDX-License-Identifier: Apache-2.0
// The event-kind table: every kind has one distinct snake_case name and a meaning, and the
// generated reference documents each of them.
#include "sim/metrics/event_kind.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "sim/run/reference_doc.h"

namespace aifsim::metrics {
namespace {

TEST(event_kind_test, every_kind_has_one_distinct_name_and_a_meaning) {
  std::set<std::string_view> names;
  for (const auto& k : event_kinds()) {
    EXPECT_EQ(event_kind_name(k.kind), k.name);
    EXPECT_TRUE(names.insert(k.name).second) << k.name;
    EXPECT_FALSE(k.meaning.empty()) << k.name;
    for (const char c : k.name) EXPECT_TRUE((c >= 'a' && c <= 'z') || c == '_') << k.name;
  }
  EXPECT_EQ(event_kind_name(EventKind::rack_trip), "rack_trip");
}

TEST(event_kind_test, reference_documents_every_kind) {
  const std::string md = run::reference_markdown();
  for (const auto& k : event_kinds())
    EXPECT_NE(md.find("| `" + std::string(k.name) + "` |"), std::string::npos) << k.name;
}

}  // namespace
}  // namespace aifsim::metrics
