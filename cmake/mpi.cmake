# aifsim-mpi (sweeps spread over MPI ranks): OpenMPI from Debian's libopenmpi-dev and
# openmpi-bin (../shared/BUILD-NOTES.md §7). AIFSIM_MPI: AUTO builds it when MPI is found,
# ON requires it, OFF skips it. sim/ never sees MPI: only tools/aifsim-mpi/ links it.
set(AIFSIM_MPI "AUTO" CACHE STRING "Build aifsim-mpi: AUTO (when MPI is found), ON or OFF")
set_property(CACHE AIFSIM_MPI PROPERTY STRINGS AUTO ON OFF)
set(AIFSIM_MPI_ENABLED OFF)
if(NOT AIFSIM_MPI STREQUAL "OFF")
  if(AIFSIM_MPI STREQUAL "ON")
    find_package(MPI COMPONENTS CXX)
  else()
    find_package(MPI QUIET COMPONENTS CXX)
  endif()
  if(MPI_CXX_FOUND AND MPIEXEC_EXECUTABLE)
    set(AIFSIM_MPI_ENABLED ON)
  elseif(AIFSIM_MPI STREQUAL "ON")
    message(FATAL_ERROR "AIFSIM_MPI=ON but MPI (C++) or mpiexec is missing: run tools/setup "
                        "(installs libopenmpi-dev and openmpi-bin)")
  endif()
endif()
message(STATUS "aifsim: AIFSIM_MPI = ${AIFSIM_MPI} (building aifsim-mpi: ${AIFSIM_MPI_ENABLED})")
