// SPDX-License-Identifier: Apache-2.0
// Tests for the ordered JSON builder: exact text, order, escaping, numbers that round-trip,
// all checked against an independent parser (nlohmann).
#include "sim/output/json_writer.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "tests/test_support.h"

namespace aifsim::output {
namespace {

namespace fs = std::filesystem;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

JsonObject sample_summary() {
  JsonObject energy;
  energy.set("it_kwh", 1234.5).set("facility_kwh", 1493.745);
  JsonArray racks;
  racks.push("rack-01").push("rack-02");
  JsonObject summary;
  summary.set("scenario", "small-hall")
      .set("seed", std::uint64_t{42})
      .set("pue", 1.21)
      .set("energy", energy)
      .set("racks", racks)
      .set("converged", true)
      .set("note", nullptr);
  return summary;
}

TEST(json_writer_test, pretty_output_is_byte_exact) {
  EXPECT_EQ(to_json(sample_summary()),
            "{\n"
            "  \"scenario\": \"small-hall\",\n"
            "  \"seed\": 42,\n"
            "  \"pue\": 1.21,\n"
            "  \"energy\": {\n"
            "    \"it_kwh\": 1234.5,\n"
            "    \"facility_kwh\": 1493.745\n"
            "  },\n"
            "  \"racks\": [\n"
            "    \"rack-01\",\n"
            "    \"rack-02\"\n"
            "  ],\n"
            "  \"converged\": true,\n"
            "  \"note\": null\n"
            "}");
}

TEST(json_writer_test, compact_output_has_no_whitespace) {
  EXPECT_EQ(to_json(sample_summary(), -1),
            "{\"scenario\":\"small-hall\",\"seed\":42,\"pue\":1.21,\"energy\":{\"it_kwh\":1234.5,"
            "\"facility_kwh\":1493.745},\"racks\":[\"rack-01\",\"rack-02\"],\"converged\":true,"
            "\"note\":null}");
  JsonArray array;
  array.push(1).push(2.0);
  EXPECT_EQ(to_json(array, -1), "[1,2.0]");
  EXPECT_EQ(to_json(array, 0), "[\n1,\n2.0\n]");
}

TEST(json_writer_test, same_content_gives_same_text) {
  const std::string first = to_json(sample_summary());
  const std::string second = to_json(sample_summary());
  EXPECT_EQ(first, second);
  JsonObject copy = sample_summary();
  JsonObject assigned;
  assigned = copy;
  EXPECT_EQ(to_json(copy), first);
  EXPECT_EQ(to_json(assigned), first);
}

TEST(json_writer_test, keys_keep_insertion_order) {
  JsonObject object;
  object.set("zeta", 1).set("alpha", 2).set("mid", 3);
  EXPECT_EQ(to_json(object, -1), "{\"zeta\":1,\"alpha\":2,\"mid\":3}");
  const auto parsed = nlohmann::ordered_json::parse(to_json(object));
  std::vector<std::string> keys;
  for (const auto& item : parsed.items()) {
    keys.push_back(item.key());
  }
  EXPECT_EQ(keys, (std::vector<std::string>{"zeta", "alpha", "mid"}));
}

TEST(json_writer_test, setting_existing_key_replaces_in_place) {
  JsonObject object;
  object.set("a", 1).set("b", 2).set("a", "replaced");
  EXPECT_EQ(object.size(), 2U);
  EXPECT_TRUE(object.contains("a"));
  EXPECT_FALSE(object.contains("c"));
  EXPECT_EQ(to_json(object, -1), "{\"a\":\"replaced\",\"b\":2}");
}

TEST(json_writer_test, escapes_strings_and_parses_back) {
  const std::string nasty =
      std::string("quote\" backslash\\ slash/ nl\n cr\r tab\t bs\b ff\f ctl\x01\x1f del\x7f ") +
      "utf8 \xC3\xA9\xE2\x82\xAC\xF0\x9F\x94\xA5";
  JsonObject object;
  object.set(nasty, nasty);
  const std::string text = to_json(object, -1);
  EXPECT_EQ(text,
            "{\"quote\\\" backslash\\\\ slash/ nl\\n cr\\r tab\\t bs\\b ff\\f ctl\\u0001\\u001f "
            "del\x7f utf8 \xC3\xA9\xE2\x82\xAC\xF0\x9F\x94\xA5\":\"quote\\\" backslash\\\\ "
            "slash/ nl\\n cr\\r tab\\t bs\\b ff\\f ctl\\u0001\\u001f del\x7f utf8 "
            "\xC3\xA9\xE2\x82\xAC\xF0\x9F\x94\xA5\"}");
  const auto parsed = nlohmann::json::parse(text);
  EXPECT_EQ(parsed.at(nasty).get<std::string>(), nasty);
}

TEST(json_writer_test, invalid_utf8_becomes_replacement_character) {
  JsonArray array;
  // Lone continuation byte, truncated sequence, overlong '/', UTF-16 surrogate, 0xFF.
  array.push(
      std::string_view("a\x80"
                       "b\xE2\x82"
                       "c\xC0\xAF"
                       "d\xED\xA0\x80"
                       "e\xFF"));
  const std::string text = to_json(array, -1);
  const auto parsed = nlohmann::json::parse(text);  // throws on invalid UTF-8
  const std::string fffd = "\xEF\xBF\xBD";
  EXPECT_EQ(parsed.at(0).get<std::string>(), "a" + fffd + "b" + fffd + fffd + "c" + fffd + fffd +
                                                 "d" + fffd + fffd + fffd + "e" + fffd);
}

TEST(json_writer_test, nested_structures_parse_back) {
  JsonObject leaf;
  leaf.set("v", -7);
  JsonArray inner;
  inner.push(leaf).push(JsonArray{}).push(JsonObject{}).push(false);
  JsonArray outer;
  outer.push(inner).push(std::int64_t{-9223372036854775807 - 1});
  JsonObject root;
  root.set("outer", outer).set("empty_object", JsonObject{}).set("empty_array", JsonArray{});
  const std::string text = to_json(root);
  const auto parsed = nlohmann::json::parse(text);
  EXPECT_EQ(parsed["outer"][0][0]["v"].get<int>(), -7);
  EXPECT_TRUE(parsed["outer"][0][1].is_array());
  EXPECT_TRUE(parsed["outer"][0][1].empty());
  EXPECT_TRUE(parsed["outer"][0][2].is_object());
  EXPECT_EQ(parsed["outer"][0][3].get<bool>(), false);
  EXPECT_EQ(parsed["outer"][1].get<std::int64_t>(), std::numeric_limits<std::int64_t>::min());
  EXPECT_NE(text.find("\"empty_object\": {}"), std::string::npos) << text;
  EXPECT_NE(text.find("\"empty_array\": []"), std::string::npos) << text;
}

TEST(json_writer_test, non_finite_doubles_become_null) {
  JsonObject object;
  object.set("nan", kNaN).set("inf", kInf).set("minus_inf", -kInf);
  JsonArray array;
  array.push(kNaN).push(1.0);
  object.set("array", array);
  EXPECT_EQ(to_json(object, -1),
            "{\"nan\":null,\"inf\":null,\"minus_inf\":null,\"array\":[null,1.0]}");
  const auto parsed = nlohmann::json::parse(to_json(object));
  EXPECT_TRUE(parsed["nan"].is_null());
  EXPECT_TRUE(parsed["array"][0].is_null());
}

TEST(json_writer_test, doubles_look_like_floats_and_integers_do_not) {
  JsonArray array;
  array.push(3.0).push(3).push(-0.0).push(0.1).push(1e21).push(1e-7).push(
      std::uint64_t{18446744073709551615U});
  EXPECT_EQ(to_json(array, -1), "[3.0,3,0.0,0.1,1e+21,1e-07,18446744073709551615]");
  const auto parsed = nlohmann::json::parse(to_json(array));
  EXPECT_TRUE(parsed[0].is_number_float());
  EXPECT_TRUE(parsed[1].is_number_integer());
  EXPECT_EQ(parsed[6].get<std::uint64_t>(), std::numeric_limits<std::uint64_t>::max());
}

TEST(json_writer_test, doubles_round_trip_through_a_parser) {
  std::vector<double> values{0.1,
                             1.0 / 3.0,
                             2.0 / 3.0,
                             1e-300,
                             5e-324,
                             std::numeric_limits<double>::max(),
                             std::numeric_limits<double>::min(),
                             9007199254740993.0,
                             123456789012345678.0,
                             -1.5e308};
  std::mt19937_64 rng(7);
  while (values.size() < 5000) {
    const std::uint64_t bits = rng();
    double value = 0.0;
    std::memcpy(&value, &bits, sizeof value);
    if (std::isfinite(value)) {
      values.push_back(value);
    }
  }
  JsonArray array;
  for (const double v : values) {
    array.push(v);
  }
  const auto parsed = nlohmann::json::parse(to_json(array, -1));
  ASSERT_EQ(parsed.size(), values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    ASSERT_TRUE(parsed[i].is_number_float()) << i << ": " << parsed[i].dump();
    ASSERT_EQ(parsed[i].get<double>(), values[i]) << i << ": " << parsed[i].dump();
  }
}

TEST(json_writer_test, write_json_file_is_atomic_and_ends_with_newline) {
  std::string pattern = (fs::temp_directory_path() / "aifsim-json-XXXXXX").string();
  ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
  const fs::path dir = pattern;
  const fs::path path = dir / "summary.json";
  write_json_file(path, sample_summary());
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  EXPECT_EQ(content.str(), to_json(sample_summary()) + "\n");
  EXPECT_TRUE(test::temporaries_in(dir).empty());
  fs::remove_all(dir);
}

}  // namespace
}  // namespace aifsim::output
