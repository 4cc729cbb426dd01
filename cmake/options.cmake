# Build options, printed at configure time so a CI log shows what was built.
macro(aifsim_option name help default)
  option(${name} "${help}" ${default})
  message(STATUS "aifsim: ${name} = ${${name}}")
endmacro()

set(AIFSIM_CUDA "AUTO" CACHE STRING "Build the CUDA kernels: AUTO (when nvcc is found), ON or OFF")
set_property(CACHE AIFSIM_CUDA PROPERTY STRINGS AUTO ON OFF)
message(STATUS "aifsim: AIFSIM_CUDA = ${AIFSIM_CUDA}")
aifsim_option(AIFSIM_BUILD_TESTS "Build the GoogleTest suite" ${PROJECT_IS_TOP_LEVEL})
aifsim_option(AIFSIM_BUILD_BENCHMARKS "Build the Google Benchmark binaries" ${PROJECT_IS_TOP_LEVEL})
aifsim_option(AIFSIM_WERROR "Treat warnings as errors (CI turns this on)" OFF)
