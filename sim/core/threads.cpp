// SPDX-License-Identifier: Apache-2.0
// The thread budget of the calling thread (OpenMP's, bounded by the CPU affinity mask).
#include "sim/core/threads.h"

#include <omp.h>
#include <sched.h>

#include <algorithm>

namespace aifsim {

int available_threads() {
  int threads = omp_get_max_threads();
  cpu_set_t mask;
  CPU_ZERO(&mask);
  if (sched_getaffinity(0, sizeof(mask), &mask) == 0) threads = std::min(threads, std::max(1, CPU_COUNT(&mask)));
  return std::max(1, threads);
}

void use_threads(int threads) { omp_set_num_threads(std::max(1, threads)); }

void release_idle_threads() { (void)omp_pause_resource_all(omp_pause_soft); }

ScopedThreads::ScopedThreads(int threads) : previous_(omp_get_max_threads()) { use_threads(threads); }

ScopedThreads::~ScopedThreads() { use_threads(previous_); }

}  // namespace aifsim
