# Optional CUDA: enabled when nvcc is found (AUTO) or demanded (ON). A machine with nvcc but
# no GPU still builds both kernel libraries; the backend is picked at run time.
set(AIFSIM_HAVE_CUDA OFF)
if(NOT AIFSIM_CUDA STREQUAL "OFF")
  include(CheckLanguage)
  check_language(CUDA)
  if(CMAKE_CUDA_COMPILER)
    if(NOT DEFINED CMAKE_CUDA_ARCHITECTURES)
      # H100/H200 (sm_90). Never "native": it fails to configure without a GPU.
      set(CMAKE_CUDA_ARCHITECTURES 90)
    endif()
    enable_language(CUDA)
    # CMake 3.25 (Debian 12) knows no C++20 dialect flag for nvcc and rejects
    # CMAKE_CUDA_STANDARD 20 ("requires the language dialect CUDA20"); nvcc accepts -std=c++20.
    if(NOT DEFINED CMAKE_CUDA20_STANDARD_COMPILE_OPTION)
      set(CMAKE_CUDA20_STANDARD_COMPILE_OPTION "-std=c++20")
      set(CMAKE_CUDA20_EXTENSION_COMPILE_OPTION "-std=c++20")
    endif()
    set(CMAKE_CUDA_STANDARD 20)
    set(CMAKE_CUDA_STANDARD_REQUIRED ON)
    find_package(CUDAToolkit REQUIRED)
    set(AIFSIM_HAVE_CUDA ON)
  elseif(AIFSIM_CUDA STREQUAL "ON")
    message(FATAL_ERROR "AIFSIM_CUDA=ON but no CUDA compiler was found")
  endif()
endif()
message(STATUS "aifsim: CUDA kernels ${AIFSIM_HAVE_CUDA} (architectures: ${CMAKE_CUDA_ARCHITECTURES})")
