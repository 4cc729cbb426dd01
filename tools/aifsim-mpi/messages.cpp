// SPDX-License-Identifier: Apache-2.0
// Byte encoding of the MPI sweep's messages: fixed-size fields in the host's layout (every
// rank runs the same binary), strings as a length and their bytes.
#include "tools/aifsim-mpi/messages.h"

#include <cstring>
#include <stdexcept>
#include <type_traits>

namespace aifsim::mpi {
namespace {

class Writer {
 public:
  template <typename T>
  Writer& put(const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    const auto* p = reinterpret_cast<const char*>(&v);
    bytes_.insert(bytes_.end(), p, p + sizeof(T));
    return *this;
  }
  Writer& put(const std::string& s) {
    put(static_cast<std::uint64_t>(s.size()));
    bytes_.insert(bytes_.end(), s.begin(), s.end());
    return *this;
  }
  std::vector<char> take() { return std::move(bytes_); }

 private:
  std::vector<char> bytes_;
};

class Reader {
 public:
  Reader(std::span<const char> bytes, const char* what) : bytes_(bytes), what_(what) {}
  template <typename T>
  T get() {
    static_assert(std::is_trivially_copyable_v<T>);
    T v;
    std::memcpy(&v, take(sizeof(T)), sizeof(T));
    return v;
  }
  std::string get_string() {
    const auto n = get<std::uint64_t>();
    if (n > bytes_.size() - at_) fail();
    const char* p = take(static_cast<std::size_t>(n));
    return std::string(p, static_cast<std::size_t>(n));
  }
  void end() const {
    if (at_ != bytes_.size()) fail();
  }

 private:
  const char* take(std::size_t n) {
    if (n > bytes_.size() - at_) fail();
    const char* p = bytes_.data() + at_;
    at_ += n;
    return p;
  }
  [[noreturn]] void fail() const {
    throw std::runtime_error(std::string("malformed ") + what_ + " message (" + std::to_string(bytes_.size()) +
                             " bytes)");
  }

  std::span<const char> bytes_;
  std::size_t at_ = 0;
  const char* what_;
};

// A whole message of one kind: `fields` reads them in encode's order, and every byte must be
// used (a longer message is not one of this kind either).
template <class Message, class Fields>
Message decode(std::span<const char> bytes, const char* what, Fields fields) {
  Reader r(bytes, what);
  Message m;
  fields(r, m);
  r.end();
  return m;
}

}  // namespace

std::vector<char> encode(const GoAhead& m) { return Writer().put(m.exit_code).put(m.out_dir).take(); }

std::vector<char> encode(const Report& m) {
  return Writer()
      .put(static_cast<std::uint8_t>(m.kind))
      .put(m.variant)
      .put(static_cast<std::uint8_t>(m.stopping))
      .put(m.exit_code)
      .put(m.wall_s)
      .put(m.text)
      .take();
}

std::vector<char> encode(const Assignment& m) { return Writer().put(m.variant).put(m.dir_name).take(); }

GoAhead decode_go_ahead(std::span<const char> bytes) {
  return decode<GoAhead>(bytes, "go-ahead", [](Reader& r, GoAhead& m) {
    m.exit_code = r.get<int>();
    m.out_dir = r.get_string();
  });
}

Report decode_report(std::span<const char> bytes) {
  return decode<Report>(bytes, "report", [](Reader& r, Report& m) {
    const auto kind = r.get<std::uint8_t>();
    if (kind > static_cast<std::uint8_t>(Report::Kind::error))
      throw std::runtime_error("malformed report message (kind " + std::to_string(kind) + ")");
    m.kind = static_cast<Report::Kind>(kind);
    m.variant = r.get<std::int64_t>();
    m.stopping = r.get<std::uint8_t>() != 0;
    m.exit_code = r.get<int>();
    m.wall_s = r.get<double>();
    m.text = r.get_string();
  });
}

Assignment decode_assignment(std::span<const char> bytes) {
  return decode<Assignment>(bytes, "assignment", [](Reader& r, Assignment& m) {
    m.variant = r.get<std::int64_t>();
    m.dir_name = r.get_string();
  });
}

}  // namespace aifsim::mpi
