// SPDX-License-Identifier: Apache-2.0
// Runs aifsim-mpi under the MPI launcher CMake found (OpenMPI's mpirun), from a test: as a
// captured command, or as a child process the test can signal, and finds its ranks.
#pragma once

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "tests/cli/cli_support.h"

namespace aifsim::test {

// OpenMPI's launcher flags: more ranks than cores (CI has two), and root (CI containers).
inline std::vector<std::string> mpirun_argv(int ranks) {
  std::vector<std::string> argv{AIFSIM_MPIEXEC, "--oversubscribe"};
  if (geteuid() == 0) argv.emplace_back("--allow-run-as-root");
  argv.insert(argv.end(), {"-np", std::to_string(ranks), AIFSIM_MPI_PATH});
  return argv;
}

// `mpirun -np RANKS aifsim-mpi ARGS` (shell-quoted by the caller).
inline CliResult run_mpi(const ScratchDir& dir, int ranks, const std::string& args) {
  std::string cmd;
  for (const auto& a : mpirun_argv(ranks)) cmd += a + " ";
  return run_command(dir, cmd + args);
}

// The same as a child process, its output into `log`; returns the launcher's pid.
inline pid_t spawn_mpi(int ranks, const std::vector<std::string>& args, const std::filesystem::path& log) {
  std::vector<std::string> all = mpirun_argv(ranks);
  all.insert(all.end(), args.begin(), args.end());
  const pid_t pid = fork();
  if (pid == 0) {
    freopen("/dev/null", "r", stdin);
    freopen(log.c_str(), "w", stdout);
    dup2(fileno(stdout), fileno(stderr));
    std::vector<char*> argv;
    for (auto& a : all) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

// The exit code of a spawned launcher (-1 if a signal ended it).
inline int wait_exit_code(pid_t pid) {
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Waits up to `timeout` for `path` to exist.
inline bool wait_for_file(const std::filesystem::path& path, std::chrono::seconds timeout) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (!std::filesystem::exists(path)) {
    if (std::chrono::steady_clock::now() > until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

// The pid of MPI rank `rank` among the launcher's children (-1 when there is none).
inline pid_t rank_pid(pid_t launcher, int rank) {
  const std::string want = "OMPI_COMM_WORLD_RANK=" + std::to_string(rank);
  for (const auto& p : std::filesystem::directory_iterator("/proc")) {
    const std::string name = p.path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    const std::string stat = read_file(p.path() / "stat");
    const auto close = stat.rfind(')');
    if (close == std::string::npos) continue;
    // "pid (comm) state ppid ...": the parent follows the state letter.
    if (std::stol(stat.substr(close + 4)) != launcher) continue;
    std::string env = read_file(p.path() / "environ");
    for (auto& c : env) c = c == '\0' ? '\n' : c;
    if (("\n" + env).find("\n" + want + "\n") != std::string::npos) return static_cast<pid_t>(std::stol(name));
  }
  return -1;
}

}  // namespace aifsim::test
