// SPDX-License-Identifier: Apache-2.0
// Helpers shared by tests: a scratch directory and small file utilities.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "sim/core/error.h"

namespace aifsim::test {

/// A fresh directory under the system temp dir, removed with the object.
class ScratchDir {
 public:
  ScratchDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("aifsim-test-" + std::to_string(rd()) + "-" + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path write(const std::string& name, const std::string& text) const {
    const auto p = path_ / name;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }

 private:
  std::filesystem::path path_;
};

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

inline std::filesystem::path source_dir() { return AIFSIM_SOURCE_DIR; }

/// The files directly in `dir` whose names end in ".tmp" (AtomicFile temporaries and any
/// other), sorted; empty when `dir` does not exist.
inline std::vector<std::filesystem::path> temporaries_in(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> found;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
    if (entry.path().extension() == ".tmp") found.push_back(entry.path());
  std::sort(found.begin(), found.end());
  return found;
}

/// The temporary a writer of `dir / name` holds open ("name.<pid>-<random>.tmp"), or an
/// empty path when there is none.
inline std::filesystem::path temporary_of(const std::filesystem::path& dir, const std::string& name) {
  for (const auto& p : temporaries_in(dir))
    if (p.filename().string().starts_with(name + ".")) return p;
  return {};
}

/// The message of the InputError `fn` throws ("" when it throws none).
template <class Fn>
std::string input_error(Fn&& fn) {
  try {
    fn();
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

}  // namespace aifsim::test

/// Skips the current test when a file of ../shared/data is absent (a clone without the shared
/// folder beside it); CI and the project's machines always have it.
#define AIFSIM_REQUIRE_SHARED_DATA(path)                                                  \
  do {                                                                                    \
    if (!std::filesystem::exists(path)) GTEST_SKIP() << "shared data not found: " << (path); \
  } while (0)

namespace aifsim::test {

}  // namespace aifsim::test
