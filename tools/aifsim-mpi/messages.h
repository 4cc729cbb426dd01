// SPDX-License-Identifier: Apache-2.0
// What the ranks of an MPI sweep say to each other, as plain data and as bytes. Rank 0
// sends each worker the go-ahead (GoAhead), then a variant to run (Assignment) in answer to
// each Report; a finished variant's row travels as the text of its summary.json, so rank 0
// parses it exactly as the local sweep parses the file. No MPI here (tested without it).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace aifsim::mpi {

/// One message tag per direction and purpose, so a rank can wait for exactly one kind.
enum Tag : int { kGoAheadTag = 1, kReportTag = 2, kAssignTag = 3, kFinishTag = 4 };

/// Rank 0 to every worker before any variant: whether the sweep goes ahead.
struct GoAhead {
  int exit_code = 0;     ///< 0: go ahead; else rank 0 has refused the sweep (and said why)
  std::string out_dir;   ///< the sweep's --out as rank 0 resolved it
  bool operator==(const GoAhead&) const = default;
};

/// A worker to rank 0: ready for work, a variant's outcome, or an error.
struct Report {
  enum class Kind : std::uint8_t { ready = 0, result = 1, error = 2 };
  Kind kind = Kind::ready;
  std::int64_t variant = -1;  ///< result, error: the variant (-1: an error before any)
  bool stopping = false;      ///< the worker has been asked to stop (SIGINT / SIGTERM)
  int exit_code = 0;          ///< error: 2 bad input, 1 internal
  double wall_s = 0;          ///< result: wall-clock seconds of the run
  std::string text;           ///< result: summary.json's text; error: the message
  bool operator==(const Report&) const = default;
};

/// Rank 0 to a worker: the next variant, or none (the worker then waits for kFinishTag).
struct Assignment {
  std::int64_t variant = -1;  ///< -1: no more work
  std::string dir_name;       ///< its directory's name, so a worker whose sweep file differs notices
  bool operator==(const Assignment&) const = default;
};

std::vector<char> encode(const GoAhead& m);
std::vector<char> encode(const Report& m);
std::vector<char> encode(const Assignment& m);

/// Each throws std::runtime_error for bytes that are not a whole message of its kind.
GoAhead decode_go_ahead(std::span<const char> bytes);
Report decode_report(std::span<const char> bytes);
Assignment decode_assignment(std::span<const char> bytes);

}  // namespace aifsim::mpi
