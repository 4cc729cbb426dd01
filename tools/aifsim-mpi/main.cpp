// SPDX-License-Identifier: Apache-2.0
// aifsim-mpi: `aifsim sweep` spread over the ranks of an MPI job
// (`mpirun -np N aifsim-mpi sweep SWEEP.yaml`). Every rank parses the same command line;
// only rank 0 prints.
#include <CLI/CLI.hpp>

#include <iostream>
#include <optional>
#include <sstream>

#include "tools/aifsim-mpi/mpi_link.h"
#include "tools/aifsim-mpi/mpi_sweep.h"
#include "tools/aifsim/commands.h"
#include "tools/aifsim/stop_signal.h"

int main(int argc, char** argv) {
  using namespace aifsim;
  using namespace aifsim::cli;
  std::optional<mpi::MpiLink> link;
  try {
    link.emplace(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "aifsim-mpi: " << e.what() << "\n";
    return kInternal;
  }
  const bool root = link->rank() == 0;

  CLI::App app{"aifsim-mpi: aifsim sweep across the ranks of an MPI job", "aifsim-mpi"};
  app.set_version_flag("--version", std::string("aifsim-mpi ") + AIFSIM_VERSION);
  app.require_subcommand(1);
  SweepArgs args;
  auto* sweep_cmd = app.add_subcommand("sweep", "Run the variants of a sweep file on the ranks of an MPI job");
  sweep_cmd->add_option("sweep_file", args.sweep_file, "Sweep YAML file (as for aifsim sweep)")->required();
  sweep_cmd->add_option("--out", args.out_dir,
                        "Sweep directory on a file system every rank sees: sweep.csv, sweep.json, "
                        "variants/NNNN-name/ (default runs/sweep-<name>)");
  sweep_cmd->add_flag("--resume", args.resume,
                      "Continue a stopped or killed sweep in --out: finished variants are read back, not rerun");
  sweep_cmd->add_flag("--quiet,-q", args.quiet, "Print no progress and no summary line");
  sweep_cmd->footer(
      "Run it under mpirun or srun: mpirun -np 8 aifsim-mpi sweep X.yaml --out runs/x\n"
      "Rank 0 hands the variants out one at a time to whichever rank asks next and runs variants\n"
      "itself as well; each is a single-threaded run into OUT/variants/NNNN-name/. Rank 0 gathers\n"
      "the rows and writes OUT/sweep.csv and OUT/sweep.json, byte for byte what aifsim sweep writes\n"
      "for the same file. A stopped sweep (Ctrl-C, SIGTERM) keeps its finished variants and writes\n"
      "no table; --resume continues it (with aifsim-mpi, or aifsim sweep on one machine).\n"
      "Exit codes as aifsim sweep: 0, 1 internal, 2 invalid input or a variant's, 130 stopped.");

  std::ostringstream discard;  // the other ranks parse silently: rank 0 speaks for all
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return root ? app.exit(e) : app.exit(e, discard, discard);
    if (root) std::cerr << "aifsim-mpi: " << e.what() << "\n";
    return kInvalidInput;
  }

  const StopSignals stop;
  try {
    return root ? mpi::coordinate_sweep(*link, args, stop.flag()) : mpi::work_on_sweep(*link, args, stop.flag());
  } catch (const std::exception& e) {
    std::cerr << "aifsim-mpi: internal error on rank " << link->rank() << ": " << e.what() << "\n";
    link->abort(kInternal);
  }
}
