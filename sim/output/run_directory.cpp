// SPDX-License-Identifier: Apache-2.0
// Run directory naming and creation. The timestamp is computed with <chrono> calendar types
// rather than gmtime so it needs no global state and behaves the same on every platform.
#include "sim/output/run_directory.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <system_error>

#include "sim/output/atomic_file.h"
#include "sim/output/join.h"

namespace aifsim::output {
namespace {

constexpr std::size_t kMaxNameBytes = 200;

using detail::join;

bool is_portable(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '-';
}

std::string utc_timestamp(std::chrono::system_clock::time_point now) {
  using namespace std::chrono;
  const auto second = floor<seconds>(now);
  const auto day = floor<days>(second);
  const year_month_day date{day};
  const hh_mm_ss time{second - day};
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%04d%02u%02u-%02d%02d%02d", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()));
  return buffer;
}

}  // namespace

std::string sanitize_scenario_name(std::string_view scenario_name) {
  std::string name(scenario_name.substr(0, kMaxNameBytes));
  for (char& c : name) {
    if (!is_portable(c)) {
      c = '_';
    }
  }
  if (name.empty()) {
    return "scenario";
  }
  if (name.front() == '.') {
    name.front() = '_';
  }
  return name;
}

std::filesystem::path default_run_directory(std::string_view scenario_name,
                                            std::chrono::system_clock::time_point now) {
  return std::filesystem::path("runs") /
         join({sanitize_scenario_name(scenario_name), "-", utc_timestamp(now)});
}

void prepare_run_directory(const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  const std::string quoted = join({"'", dir.native(), "'"});
  if (dir.empty()) {
    throw RunDirectoryError("cannot create run directory: empty path");
  }
  std::error_code ec;
  const fs::file_status status = fs::status(dir, ec);
  if (fs::exists(status)) {
    if (fs::is_directory(status)) {
      if (::access(dir.c_str(), W_OK | X_OK) != 0) {
        throw RunDirectoryError(join({"cannot write into run directory ", quoted, ": ", std::strerror(errno)}));
      }
      return;
    }
    throw RunDirectoryError(
        join({"cannot use ", quoted, " as run directory: it exists and is not a directory"}));
  }
  ec.clear();
  fs::create_directories(dir, ec);
  if (ec) {
    throw RunDirectoryError(join({"cannot create run directory ", quoted, ": ", ec.message()}));
  }
  if (!fs::is_directory(dir, ec)) {
    throw RunDirectoryError(
        join({"cannot create run directory ", quoted, ": it is not a directory after creation"}));
  }
}

RunDirectoryLock::RunDirectoryLock(const std::filesystem::path& dir) {
  const std::string quoted = join({"'", dir.native(), "'"});
  fd_ = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd_ < 0) throw RunDirectoryError(join({"cannot open run directory ", quoted, ": ", std::strerror(errno)}));
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const int error_number = errno;
    ::close(fd_);
    fd_ = -1;
    if (error_number == EWOULDBLOCK)
      throw RunDirectoryError(join({"run directory ", quoted, " is in use by another aifsim run; choose another --out"}));
    throw RunDirectoryError(join({"cannot lock run directory ", quoted, ": ", std::strerror(error_number)}));
  }
  // Holding the lock means no live run writes here: temporaries left are a killed run's.
  remove_stale_temporaries(dir);
}

RunDirectoryLock::~RunDirectoryLock() {
  if (fd_ >= 0) ::close(fd_);  // closing drops the flock
}

}  // namespace aifsim::output
