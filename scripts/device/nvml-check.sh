#!/usr/bin/env bash
# Runs synergy's NVML path on a GPU machine: measured update period and read cost of the energy
# counter and of the instantaneous power field, idle power, and the power of a known GPU load
# (a fixed FMA kernel on every SM) over edge-aligned windows versus naive fixed windows.
#
# usage:
#   scripts/device/nvml-check.sh build [BUILD_DIR]   on a machine with cmake (and nvcc for the load)
#   scripts/device/nvml-check.sh run [BUILD_DIR]     on the GPU machine (carry BUILD_DIR there)
#   scripts/device/nvml-check.sh all [BUILD_DIR]     both, where everything is installed
# Environment: WINDOWS (default 8), WINDOW_S (default 1.0), LOAD_S (default 60), NVCC_ARCH,
# OUT (folder for the results, default BUILD_DIR/nvml-check).
set -euo pipefail
cd "$(dirname "$0")/../.."

mode=${1:-all}
build=${2:-build-nvml-check}
windows=${WINDOWS:-8}
window_s=${WINDOW_S:-1.0}
load_s=${LOAD_S:-60}
out=${OUT:-$build/nvml-check}
nvcc=${NVCC:-/usr/local/cuda/bin/nvcc}
nvcc_arch=${NVCC_ARCH:-arch=compute_90,code=[sm_90,compute_90]}  # Hopper (H100, H200)

write_load_source() {
  cat >"$1" <<'CUDA'
// A known GPU load: a dependent FMA chain on every thread of a full grid, relaunched until the
// time is up. Prints the number of launches.
#include <chrono>
#include <cstdio>
#include <cstdlib>
__global__ void burn(float* out, int iters) {
  float a = threadIdx.x * 1e-3f;
  for (int i = 0; i < iters; ++i) a = a * 1.0000001f + 1e-7f;
  out[blockIdx.x * blockDim.x + threadIdx.x] = a;
}
int main(int argc, char** argv) {
  double seconds = argc > 1 ? std::atof(argv[1]) : 60;
  int sms = 0;
  cudaDeviceGetAttribute(&sms, cudaDevAttrMultiProcessorCount, 0);
  int blocks = sms * 8, threads = 256;
  float* d = nullptr;
  if (cudaMalloc(&d, sizeof(float) * blocks * threads) != cudaSuccess) return 1;
  auto t0 = std::chrono::steady_clock::now();
  long launches = 0;
  while (std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() < seconds) {
    burn<<<blocks, threads>>>(d, 20000);
    if (cudaDeviceSynchronize() != cudaSuccess) return 1;
    ++launches;
  }
  std::printf("gpu_load: %ld launches of %d x %d threads in %.1f s\n", launches, blocks, threads,
              seconds);
  return 0;
}
CUDA
}

do_build() {
  cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DSYNERGY_BENCH=ON \
    -DSYNERGY_TESTS=OFF >/dev/null
  cmake --build "$build" -j2 --target measure_nvml
  if [[ -x "$nvcc" ]]; then
    write_load_source "$build/gpu_load.cu"
    "$nvcc" -O2 -gencode "$nvcc_arch" -o "$build/gpu_load" "$build/gpu_load.cu"
  else
    echo "nvml-check: no nvcc at $nvcc: the load phase will be skipped" >&2
  fi
}

do_run() {
  local tool="$build/bench/measure_nvml"
  [[ -x "$tool" ]] || { echo "nvml-check: $tool missing: run '$0 build' first" >&2; exit 2; }
  mkdir -p "$out"
  nvidia-smi --query-gpu=name,driver_version,power.draw,clocks.sm --format=csv \
    >"$out/nvidia-smi.csv" 2>&1 || true
  local args=(--windows "$windows" --window-s "$window_s")
  if [[ -x "$build/gpu_load" ]]; then
    args+=(-- "$build/gpu_load" "$load_s")
  fi
  "$tool" "${args[@]}" | tee "$out/measure_nvml.txt"
}

case "$mode" in
  build) do_build ;;
  run) do_run ;;
  all) do_build && do_run ;;
  *) echo "usage: $0 build|run|all [BUILD_DIR]" >&2; exit 2 ;;
esac
