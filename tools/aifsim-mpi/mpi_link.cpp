// SPDX-License-Identifier: Apache-2.0
// MpiLink over MPI_COMM_WORLD, messages as MPI_BYTE.
#include "tools/aifsim-mpi/mpi_link.h"

#include <mpi.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <limits>
#include <stdexcept>
#include <string>
#include <thread>

namespace aifsim::mpi {

MpiLink::MpiLink(int& argc, char**& argv) {
  int provided = MPI_THREAD_SINGLE;
  MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
  if (provided < MPI_THREAD_FUNNELED) {
    MPI_Finalize();
    throw std::runtime_error("this MPI library does not support MPI_THREAD_FUNNELED");
  }
}

MpiLink::~MpiLink() { MPI_Finalize(); }

void MpiLink::send(int dest, int tag, const std::vector<char>& bytes) const {
  if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()))
    throw std::runtime_error("an MPI message of " + std::to_string(bytes.size()) + " bytes is too long");
  MPI_Send(bytes.data(), static_cast<int>(bytes.size()), MPI_BYTE, dest, tag, MPI_COMM_WORLD);
}

Incoming MpiLink::receive_probed(int source, int tag) const {
  MPI_Status status;
  MPI_Probe(source, tag, MPI_COMM_WORLD, &status);
  int count = 0;
  MPI_Get_count(&status, MPI_BYTE, &count);
  Incoming in;
  in.source = status.MPI_SOURCE;
  in.bytes.resize(static_cast<std::size_t>(count));
  MPI_Recv(in.bytes.data(), count, MPI_BYTE, status.MPI_SOURCE, tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  return in;
}

std::optional<Incoming> MpiLink::try_receive(int tag) const {
  int flag = 0;
  MPI_Iprobe(MPI_ANY_SOURCE, tag, MPI_COMM_WORLD, &flag, MPI_STATUS_IGNORE);
  if (!flag) return std::nullopt;
  return receive_probed(MPI_ANY_SOURCE, tag);
}

Incoming MpiLink::receive(int source, int tag) const {
  Backoff backoff;
  for (;;) {
    int flag = 0;
    MPI_Iprobe(source, tag, MPI_COMM_WORLD, &flag, MPI_STATUS_IGNORE);
    if (flag) return receive_probed(source, tag);
    backoff.pause();
  }
}

void MpiLink::abort(int code) const {
  MPI_Abort(MPI_COMM_WORLD, code);
  std::abort();  // MPI_Abort does not return; this says so to the compiler
}

void Backoff::pause() {
  std::this_thread::sleep_for(std::chrono::milliseconds(sleep_ms_));
  sleep_ms_ = std::min(sleep_ms_ * 2, 16);
}

}  // namespace aifsim::mpi
