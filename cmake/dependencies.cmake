# Third-party packages, all from Debian (tools/setup installs them). Nothing is downloaded.
find_package(OpenMP REQUIRED COMPONENTS CXX)
find_package(yaml-cpp 0.7 REQUIRED CONFIG)
if(TARGET yaml-cpp::yaml-cpp)
  set(AIFSIM_YAML_TARGET yaml-cpp::yaml-cpp)
else()
  set(AIFSIM_YAML_TARGET yaml-cpp)   # Debian 12's 0.7 exports the plain name
endif()
find_package(nlohmann_json 3.10 REQUIRED CONFIG)
find_package(CLI11 REQUIRED CONFIG)
find_package(Threads REQUIRED)

# Thrust headers: the CUDA toolkit's CCCL when present, else Debian's libthrust-dev (1.17).
find_path(AIFSIM_THRUST_INCLUDE_DIR thrust/version.h
  HINTS ${CUDAToolkit_INCLUDE_DIRS}/cccl /usr/local/cuda/include/cccl
  PATHS /usr/include
  DOC "Directory holding thrust/ (CCCL or Debian libthrust-dev)")
if(NOT AIFSIM_THRUST_INCLUDE_DIR)
  message(FATAL_ERROR "Thrust headers not found: run tools/setup (installs libthrust-dev) "
                      "or install the CUDA toolkit")
endif()
message(STATUS "aifsim: Thrust headers in ${AIFSIM_THRUST_INCLUDE_DIR}")

if(AIFSIM_BUILD_TESTS)
  find_package(GTest 1.10 REQUIRED CONFIG)
  include(GoogleTest)
endif()
if(AIFSIM_BUILD_BENCHMARKS)
  find_package(benchmark REQUIRED CONFIG)
endif()
