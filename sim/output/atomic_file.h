// SPDX-License-Identifier: Apache-2.0
// Crash-safe output files: write to a temporary next to the target, rename on commit, so a
// killed run never leaves a torn file under its final name.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

namespace aifsim::output {

/// A file that appears under its final name only when complete.
///
/// Bytes go to `<dir>/<name>.<pid>-<random>.tmp` (same directory, so the final rename is
/// atomic on POSIX file systems), created with O_EXCL: no two writers, in one process or in
/// two, ever share a temporary, so a second writer of the same path can at worst replace the
/// first one's complete file, never tear it. commit() flushes, fsyncs and renames the
/// temporary onto the final path, replacing any file already there; until then a reader sees
/// either the old file or none. Destroying an uncommitted AtomicFile (an exception unwound
/// past it) deletes the temporary and leaves any previous final file untouched. A SIGKILLed
/// process leaves at most its temporaries, which remove_stale_temporaries() clears.
///
/// Writes are buffered; every error throws std::runtime_error naming the path and the
/// reason (strerror). After a failed write the file can no longer be committed.
class AtomicFile {
 public:
  /// Creates a fresh temporary next to final_path. Throws std::runtime_error if it cannot be
  /// opened (e.g. the directory does not exist), std::invalid_argument if final_path has
  /// no file name.
  explicit AtomicFile(std::filesystem::path final_path);
  ~AtomicFile();

  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  /// The moved-from object owns nothing and its destructor does nothing.
  AtomicFile(AtomicFile&& other) noexcept;
  /// Abandons (deletes) this object's uncommitted temporary, then takes over other's.
  AtomicFile& operator=(AtomicFile&& other) noexcept;

  /// Appends bytes. Throws std::logic_error after commit(), std::runtime_error on I/O error.
  void write(std::string_view data);

  /// Hands buffered bytes to the OS so they show up in the temporary (no fsync): lets a
  /// user watch a long run's progress with `tail -f <name>.tmp`.
  void flush();

  /// Flushes, fsyncs, closes and renames the temporary onto the final path, then fsyncs the
  /// directory (best effort). Throws std::runtime_error naming the path and strerror on
  /// failure (the temporary is then removed by the destructor), std::logic_error if called
  /// twice.
  void commit();

  /// True once commit() has succeeded.
  [[nodiscard]] bool committed() const { return committed_; }
  /// The path the content will have after commit().
  [[nodiscard]] const std::filesystem::path& path() const { return final_path_; }
  /// Where the content lives until commit(): path() with ".<pid>-<random>.tmp" appended.
  [[nodiscard]] const std::filesystem::path& temp_path() const { return temp_path_; }
  /// Bytes written so far, buffered or not.
  [[nodiscard]] std::size_t bytes_written() const { return bytes_written_; }

 private:
  void write_to_fd(std::string_view data);
  void abandon() noexcept;
  [[noreturn]] void fail(const char* what, int error_number);

  std::filesystem::path final_path_;
  std::filesystem::path temp_path_;
  std::string buffer_;
  std::size_t bytes_written_ = 0;
  int fd_ = -1;
  bool committed_ = false;
  bool failed_ = false;
};

/// Writes `content` to `path` through an AtomicFile and commits it: the file either has
/// exactly `content` or keeps its previous state. Throws std::runtime_error on failure.
void write_file_atomic(const std::filesystem::path& path, std::string_view content);

/// True for a name AtomicFile gives its temporaries ("<name>.<digits>-<8 hex>.tmp").
[[nodiscard]] bool is_temporary_name(std::string_view file_name);

/// Deletes the AtomicFile temporaries directly in `dir` (left by killed writers) and returns
/// how many. Only safe while no live writer uses `dir`: the run-directory lock holder calls it.
std::size_t remove_stale_temporaries(const std::filesystem::path& dir);

}  // namespace aifsim::output
