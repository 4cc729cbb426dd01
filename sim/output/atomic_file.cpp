// SPDX-License-Identifier: Apache-2.0
// AtomicFile over a raw POSIX descriptor: std::ofstream cannot fsync, and fsync before rename
// is what makes the rename publish complete data after a power loss, not just a kill.
#include "sim/output/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <random>
#include <stdexcept>
#include <system_error>
#include <utility>

#include "sim/output/join.h"

namespace aifsim::output {
namespace {

// Large enough that per-row writes of a big CSV cost one syscall per 64 KiB.
constexpr std::size_t kBufferSize = std::size_t{64} * 1024;

using detail::join;

std::string quoted(const std::filesystem::path& path) { return join({"'", path.native(), "'"}); }

// Makes the rename itself durable. Best effort: some file systems refuse fsync on a
// directory (EINVAL), and by now the file under its final name is already complete.
void sync_directory(const std::filesystem::path& dir) {
  const std::string name = dir.empty() ? std::string(".") : dir.string();
  const int fd = ::open(name.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    return;
  }
  (void)::fsync(fd);
  (void)::close(fd);
}

constexpr std::string_view kTempSuffix = ".tmp";
constexpr std::size_t kRandomHexDigits = 8;

// "<pid>-<8 hex digits>": the pid keeps two processes apart even if their generators agree,
// the random part keeps two writers of one process apart; O_EXCL catches the rest.
std::string temporary_tag() {
  thread_local std::mt19937 generator{std::random_device{}()};
  char tag[32];
  std::snprintf(tag, sizeof tag, "%ld-%08x", static_cast<long>(::getpid()),
                static_cast<unsigned>(generator()));
  return tag;
}

}  // namespace

AtomicFile::AtomicFile(std::filesystem::path final_path) : final_path_(std::move(final_path)) {
  if (!final_path_.has_filename()) {
    throw std::invalid_argument(join({"AtomicFile: ", quoted(final_path_), " names no file"}));
  }
  constexpr int kAttempts = 16;
  for (int attempt = 0; attempt < kAttempts && fd_ < 0; ++attempt) {
    temp_path_ = final_path_;
    temp_path_ += join({".", temporary_tag(), kTempSuffix});
    fd_ = ::open(temp_path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd_ < 0 && errno != EEXIST) break;
  }
  if (fd_ < 0) {
    const int error_number = errno;
    throw std::runtime_error(join({"cannot create a temporary for ", quoted(final_path_), " (",
                                   quoted(temp_path_), "): ", std::strerror(error_number)}));
  }
  buffer_.reserve(kBufferSize);
}

AtomicFile::~AtomicFile() { abandon(); }

AtomicFile::AtomicFile(AtomicFile&& other) noexcept
    : final_path_(std::move(other.final_path_)),
      temp_path_(std::move(other.temp_path_)),
      buffer_(std::move(other.buffer_)),
      bytes_written_(other.bytes_written_),
      fd_(std::exchange(other.fd_, -1)),
      committed_(other.committed_),
      failed_(other.failed_) {
  other.temp_path_.clear();
}

AtomicFile& AtomicFile::operator=(AtomicFile&& other) noexcept {
  if (this != &other) {
    abandon();
    final_path_ = std::move(other.final_path_);
    temp_path_ = std::move(other.temp_path_);
    buffer_ = std::move(other.buffer_);
    bytes_written_ = other.bytes_written_;
    fd_ = std::exchange(other.fd_, -1);
    committed_ = other.committed_;
    failed_ = other.failed_;
    other.temp_path_.clear();
  }
  return *this;
}

void AtomicFile::abandon() noexcept {
  if (fd_ >= 0) {
    (void)::close(fd_);
    fd_ = -1;
  }
  if (!committed_ && !temp_path_.empty()) {
    (void)::unlink(temp_path_.c_str());
  }
  temp_path_.clear();
}

void AtomicFile::fail(const char* what, int error_number) {
  failed_ = true;
  throw std::runtime_error(
      join({what, " ", quoted(temp_path_), ": ", std::strerror(error_number)}));
}

void AtomicFile::write(std::string_view data) {
  if (committed_ || fd_ < 0) {
    throw std::logic_error(join({"AtomicFile::write on ", quoted(final_path_),
                                 committed_ ? " after commit" : " with no open file"}));
  }
  if (failed_) {
    throw std::runtime_error(
        join({"AtomicFile::write on ", quoted(final_path_), " after an earlier write error"}));
  }
  if (buffer_.size() + data.size() > kBufferSize) {
    flush();
    if (data.size() >= kBufferSize) {
      // Large blocks skip the copy into the buffer.
      write_to_fd(data);
      bytes_written_ += data.size();
      return;
    }
  }
  buffer_.append(data);
  bytes_written_ += data.size();
}

void AtomicFile::flush() {
  if (fd_ < 0 || buffer_.empty()) {
    return;
  }
  write_to_fd(buffer_);
  buffer_.clear();
}

void AtomicFile::write_to_fd(std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd_, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      fail("cannot write", errno);
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
}

void AtomicFile::commit() {
  if (committed_) {
    throw std::logic_error(join({"AtomicFile::commit on ", quoted(final_path_), " called twice"}));
  }
  if (fd_ < 0) {
    throw std::logic_error(
        join({"AtomicFile::commit on ", quoted(final_path_), " with no open file"}));
  }
  if (failed_) {
    throw std::runtime_error(
        join({"cannot commit ", quoted(final_path_), ": an earlier write to it failed"}));
  }
  flush();
  if (::fsync(fd_) != 0) {
    fail("cannot fsync", errno);
  }
  // close() can report a deferred write error (NFS), so it is checked like a write.
  const int close_result = ::close(fd_);
  fd_ = -1;
  if (close_result != 0) {
    fail("cannot close", errno);
  }
  if (std::rename(temp_path_.c_str(), final_path_.c_str()) != 0) {
    const int error_number = errno;
    failed_ = true;
    throw std::runtime_error(join({"cannot rename ", quoted(temp_path_), " to ",
                                   quoted(final_path_), ": ", std::strerror(error_number)}));
  }
  committed_ = true;
  sync_directory(final_path_.parent_path());
}

void write_file_atomic(const std::filesystem::path& path, std::string_view content) {
  AtomicFile file(path);
  file.write(content);
  file.commit();
}

bool is_temporary_name(std::string_view name) {
  if (!name.ends_with(kTempSuffix)) return false;
  name.remove_suffix(kTempSuffix.size());
  const std::size_t dash = name.rfind('-');
  const std::size_t dot = name.rfind('.', dash);
  if (dash == std::string_view::npos || dot == std::string_view::npos || dot == 0) return false;
  const std::string_view pid = name.substr(dot + 1, dash - dot - 1);
  const std::string_view hex = name.substr(dash + 1);
  const auto all_of = [](std::string_view text, const char* set) {
    return !text.empty() && text.find_first_not_of(set) == std::string_view::npos;
  };
  return all_of(pid, "0123456789") && hex.size() == kRandomHexDigits && all_of(hex, "0123456789abcdef");
}

std::size_t remove_stale_temporaries(const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  std::size_t removed = 0;
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, ec)) {
    std::error_code entry_ec;
    if (!entry.is_regular_file(entry_ec) || !is_temporary_name(entry.path().filename().native())) continue;
    if (fs::remove(entry.path(), entry_ec)) ++removed;
  }
  return removed;
}

}  // namespace aifsim::output
