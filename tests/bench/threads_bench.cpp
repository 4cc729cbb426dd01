// SPDX-License-Identifier: Apache-2.0
// Threads on a busy machine: the reference scenario for 30 simulated minutes on one thread,
// two threads and the governed default, alone and beside a CPU-burning process (what a CI
// runner or a laptop is). Wall time is the figure: a run's CPU time does not show the waits
// for a descheduled worker. Compare threads:2 and threads:0 (auto) with threads:1 at the same
// burner setting.
#include <benchmark/benchmark.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <optional>
#include <random>
#include <vector>

#include "sim/core/threads.h"
#include "sim/run/session.h"
#include "sim/scenario/load.h"

namespace aifsim {
namespace {

// A child process spinning on one core for as long as it lives.
class Burner {
 public:
  Burner() : pid_(::fork()) {
    if (pid_ == 0) {
      volatile unsigned long spin = 0;
      for (;;) spin = spin + 1;
    }
  }
  Burner(const Burner&) = delete;
  Burner& operator=(const Burner&) = delete;
  ~Burner() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }

 private:
  pid_t pid_;
};

void BM_ReferenceThreads(benchmark::State& state) {
  const int threads = static_cast<int>(state.range(0));
  const bool burner = state.range(1) != 0;
  if (threads > available_threads()) {
    state.SkipWithError("more threads than this machine has");
    return;
  }
  const auto path = std::filesystem::path(AIFSIM_SOURCE_DIR) / "scenarios" / "taiwan-ai-factory.yaml";
  const std::vector<scenario::Override> sets{{"time.duration", "30m"}};
  const scenario::LoadedScenario sc = scenario::load_scenario(path, sets);
  std::random_device rd;
  const auto out = std::filesystem::temp_directory_path() / ("aifsim-bench-threads-" + std::to_string(rd()));
  double at_max = 0, ticks = 0;
  {
    std::optional<Burner> burning;
    if (burner) burning.emplace();
    for (auto _ : state) {
      std::filesystem::create_directories(out);
      run::SessionOptions opt;
      opt.out_dir = out;
      opt.threads = threads;
      run::Session session = run::Session::open(sc, opt);
      session.run();
      const run::ThreadUse use = session.thread_use();
      at_max += static_cast<double>(use.ticks_at_max);
      ticks += static_cast<double>(use.ticks);
      (void)session.finish();
      std::filesystem::remove_all(out);
    }
  }
  state.counters["share_at_max_threads"] = ticks > 0 ? at_max / ticks : 0;
}
BENCHMARK(BM_ReferenceThreads)
    ->ArgNames({"threads", "burner"})
    ->ArgsProduct({{1, 2, 0}, {0, 1}})
    ->Iterations(3)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace
}  // namespace aifsim
