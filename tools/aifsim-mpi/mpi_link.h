// SPDX-License-Identifier: Apache-2.0
// The MPI transport of an MPI sweep, the only file that calls MPI: initialisation, and
// byte messages between rank 0 and the workers. Waiting polls with short sleeps instead of
// blocking in MPI, whose blocking calls spin a core that a variant's run should have.
#pragma once

#include <optional>
#include <vector>

namespace aifsim::mpi {

/// A message as it arrived.
struct Incoming {
  int source = -1;
  std::vector<char> bytes;
};

/// How long a polling rank sleeps between looks: 1 ms after something arrived, doubling
/// while nothing does, up to 16 ms. A waiting rank then costs next to no CPU, and rank 0's
/// polling thread hardly disturbs the variant that shares its core; 16 ms is nothing
/// against a variant's seconds.
class Backoff {
 public:
  void pause();
  void reset() { sleep_ms_ = 1; }

 private:
  int sleep_ms_ = 1;
};

/// MPI_Init_thread (only the main thread calls MPI; rank 0 runs variants on another) for
/// the object's lifetime, then MPI_Finalize. Throws std::runtime_error when MPI cannot give
/// that thread support.
class MpiLink {
 public:
  MpiLink(int& argc, char**& argv);
  ~MpiLink();
  MpiLink(const MpiLink&) = delete;
  MpiLink& operator=(const MpiLink&) = delete;

  int rank() const { return rank_; }
  int size() const { return size_; }

  void send(int dest, int tag, const std::vector<char>& bytes) const;
  /// A waiting message with `tag` from any rank, without waiting; nullopt when none.
  std::optional<Incoming> try_receive(int tag) const;
  /// The next message with `tag` from `source`, waiting as long as it takes.
  Incoming receive(int source, int tag) const;
  /// Ends every rank of the job with `code` (MPI_Abort): for an internal error, after which
  /// the ranks could wait for each other forever.
  [[noreturn]] void abort(int code) const;

 private:
  Incoming receive_probed(int source, int tag) const;

  int rank_ = 0, size_ = 1;
};

}  // namespace aifsim::mpi
