# Shared by tools/setup, tools/run and tools/test: paths and the build step.
# shellcheck shell=bash
set -euo pipefail
AIFSIM_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
AIFSIM_BUILD_DIR="${AIFSIM_BUILD_DIR:-$AIFSIM_ROOT/build}"

# nvcc is often installed without being on PATH; CMake finds it through CUDACXX.
if ! command -v nvcc >/dev/null 2>&1 && [ -z "${CUDACXX:-}" ] && [ -x /usr/local/cuda/bin/nvcc ]; then
  export CUDACXX=/usr/local/cuda/bin/nvcc
fi

aifsim_jobs() { nproc 2>/dev/null || echo 2; }

# aifsim_build TARGET... : configure (once) and build the given targets in Release.
aifsim_build() {
  local werror=OFF
  [ "${CI:-}" = "true" ] && werror=ON
  if [ ! -f "$AIFSIM_BUILD_DIR/CMakeCache.txt" ]; then
    echo "aifsim: configuring $AIFSIM_BUILD_DIR" >&2
    cmake -S "$AIFSIM_ROOT" -B "$AIFSIM_BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DAIFSIM_WERROR="$werror" ${AIFSIM_CMAKE_ARGS:-} >&2
  else
    cmake "$AIFSIM_BUILD_DIR" -DAIFSIM_WERROR="$werror" >/dev/null
  fi
  echo "aifsim: building $* ($(aifsim_jobs) jobs)" >&2
  cmake --build "$AIFSIM_BUILD_DIR" -j "$(aifsim_jobs)" --target "$@" >&2
}
