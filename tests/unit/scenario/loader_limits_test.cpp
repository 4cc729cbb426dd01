// SPDX-License-Identifier: Apache-2.0
// The loader's bounds: an alias bomb, a FIFO, a directory, an oversized file and deep nesting
// are refused with a located message (never a crash or a hang); a map of many keys loads in linear time.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <string>

#include "sim/core/error.h"
#include "sim/scenario/load.h"
#include "sim/scenario/yaml_io.h"
#include "tests/test_support.h"

namespace aifsim::scenario {
namespace {

std::string error_of_loading(const std::filesystem::path& p) {
  try {
    parse_yaml_file(p);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

TEST(loader_limits_test, alias_bomb_is_refused_before_it_expands) {
  test::ScratchDir dir;
  // Nine levels of nine aliases: 9^9 (387 million) nodes from a few hundred bytes.
  std::string y = "a: &a [x, x, x, x, x, x, x, x, x]\n";
  for (char c = 'b'; c <= 'i'; ++c) {
    const char prev = static_cast<char>(c - 1);
    y += std::string(1, c) + ": &" + c + " [";
    for (int i = 0; i < 9; ++i) y += std::string(i ? ", *" : "*") + prev;
    y += "]\n";
  }
  const auto p = dir.write("bomb.yaml", y);
  const std::string e = error_of_loading(p);
  EXPECT_NE(e.find(p.string() + ":"), std::string::npos) << e;
  EXPECT_NE(e.find("nested aliases"), std::string::npos) << e;
}

TEST(loader_limits_test, fifo_directory_and_oversized_files_are_refused) {
  test::ScratchDir dir;
  const auto fifo = dir.path() / "pipe.yaml";
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  EXPECT_NE(error_of_loading(fifo).find("not a regular file"), std::string::npos);
  EXPECT_NE(error_of_loading(dir.path()).find("not a regular file"), std::string::npos);
  const auto big = dir.write("big.yaml", "# " + std::string(17u << 20, 'x') + "\n");
  EXPECT_NE(error_of_loading(big).find("may have at most"), std::string::npos);
  EXPECT_NE(error_of_loading(dir.path() / "absent.yaml").find("cannot open file"), std::string::npos);
}

TEST(loader_limits_test, deep_nesting_is_refused_with_its_position) {
  test::ScratchDir dir;
  for (const int depth : {250, 5000}) {  // past aifsim's own bound; past yaml-cpp's parser limit
    const auto p = dir.write("deep.yaml", "a: " + std::string(depth, '[') + std::string(depth, ']') + "\n");
    const std::string e = error_of_loading(p);
    EXPECT_EQ(e.rfind(p.string() + ":1:", 0), 0u) << depth << ": " << e;
  }
}

TEST(loader_limits_test, many_keys_load_and_duplicates_are_still_found) {
  test::ScratchDir dir;
  std::string y = "m:\n";
  for (int i = 0; i < 50000; ++i) y += "  k" + std::to_string(i) + ": " + std::to_string(i) + "\n";
  const DocNode doc = parse_yaml_file(dir.write("many.yaml", y));
  ASSERT_NE(doc.find("m"), nullptr);
  EXPECT_EQ(doc.find("m")->entries().size(), 50000u);
  const auto dup = dir.write("dup.yaml", "m:\n  a: 1\n  b: 2\n  a: 3\n");
  EXPECT_NE(error_of_loading(dup).find(dup.string() + ":4:3: duplicate key 'a'"), std::string::npos)
      << error_of_loading(dup);
}

}  // namespace
}  // namespace aifsim::scenario
