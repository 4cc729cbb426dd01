// SPDX-License-Identifier: Apache-2.0
// `aifsim-mpi sweep`: the two roles of an MPI sweep. Rank 0 prepares the sweep exactly as
// `aifsim sweep` does, hands out variants one at a time to whichever worker asks, runs
// variants itself on a second thread, gathers the rows and writes the same table.
#pragma once

#include <atomic>

#include "tools/aifsim-mpi/mpi_link.h"
#include "tools/aifsim/commands.h"

namespace aifsim::mpi {

/// Rank 0. Returns the exit code: 0, 2 bad input (nothing written) or a variant's bad
/// input (no table), 1 internal, 130 stopped by `stop` or a stopped worker (no table unless
/// every variant had finished). The finished variants stay in OUT/variants in every case.
int coordinate_sweep(const MpiLink& link, const cli::SweepArgs& args, const std::atomic<bool>* stop);

/// Ranks 1..N-1: runs what rank 0 hands out until it has no more. Returns 0: rank 0 reports
/// every outcome (a worker that exits non-zero makes mpirun abort the whole job).
int work_on_sweep(const MpiLink& link, const cli::SweepArgs& args, const std::atomic<bool>* stop);

}  // namespace aifsim::mpi
