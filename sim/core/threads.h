// SPDX-License-Identifier: Apache-2.0
// How many threads this process may use and which team size the calling thread's parallel
// regions (the CPU kernels and the request engine's OpenMP loops) run with.
#pragma once

namespace aifsim {

/// The threads the calling thread may use: OMP_NUM_THREADS (or omp_set_num_threads) as set,
/// else the cores, never more than the CPUs this process may run on (its affinity mask, as
/// under `taskset`, a container or a Slurm allocation).
int available_threads();

/// Parallel regions the calling thread starts from now on use `threads` threads.
void use_threads(int threads);

/// Ends the idle worker threads of the calling thread's OpenMP pool (the next parallel region
/// starts them again, in tens of microseconds). libgomp's idle workers spin for about 300,000
/// iterations (milliseconds) before they sleep, which on a busy machine takes that time from
/// the thread still working; a run that goes back to one thread stops them at once instead.
void release_idle_threads();

/// use_threads for a scope: the calling thread's previous team size comes back at its end,
/// so a session on a fixed thread count leaves its caller's setting alone.
class ScopedThreads {
 public:
  explicit ScopedThreads(int threads);
  ~ScopedThreads();
  ScopedThreads(const ScopedThreads&) = delete;
  ScopedThreads& operator=(const ScopedThreads&) = delete;

 private:
  int previous_;
};

}  // namespace aifsim
