#!/usr/bin/env bash
# Cross-compiles synergy's CPU backends for aarch64 with Debian 12's multiarch :arm64 packages
# into build-aarch64/, and runs the tests that hold under user-mode emulation (qemu-user).
#   scripts/cross-aarch64.sh            packages, build, emulated tests
#   scripts/cross-aarch64.sh --build    packages and build only
# SYNERGY_CROSS_JOBS sets the build's parallel jobs (default: all cores).
set -euo pipefail
cd "$(dirname "$0")/.."
build="build-aarch64"
deps=$build/deps
jobs=${SYNERGY_CROSS_JOBS:-$(nproc)}
stage_start=$SECONDS
stage_done() { echo "   ($1: $((SECONDS - stage_start)) s)"; stage_start=$SECONDS; }

sudo_cmd=""
[[ $(id -u) -ne 0 ]] && sudo_cmd="sudo"
apt_install() {
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y --no-install-recommends "$@"
}

# Host tools, header-only libraries (architecture-independent) and the target's libraries.
packages=(
  crossbuild-essential-arm64 qemu-user-static cmake ninja-build pkg-config protobuf-compiler
  nlohmann-json3-dev libcli11-dev libeigen3-dev python3
  libopenblas-dev:arm64 libprotobuf-dev:arm64 libpfm4-dev:arm64 libsqlite3-dev:arm64
  libfmt-dev:arm64 libgtest-dev:arm64 libgmock-dev:arm64 libgomp1:arm64
  libdnnl2:arm64 libonnx1:arm64
)
# Debian 12 cannot install these beside their amd64 twins: libdnnl-dev's dnnl_config.h differs
# between architectures (DNNL_GPU_RUNTIME), and libonnxifi (needed by libonnx-dev) ships
# /usr/lib/libonnxifi.so outside the multiarch directory. They are unpacked into $deps instead.
# libxgboost and its libdmlc are not multiarch at all: their runtime libraries are unpacked too.
unpacked=(libdnnl-dev:arm64 libonnx-dev:arm64 libonnxifi:arm64
  libxgboost-dev:arm64 libxgboost0:arm64 libdmlc0:arm64)

install_packages() {
  local updated=0
  if ! dpkg --print-foreign-architectures | grep -qx arm64; then
    $sudo_cmd dpkg --add-architecture arm64
    $sudo_cmd apt-get update
    updated=1
  fi
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
      missing+=("$p")
  done
  if ((${#missing[@]})); then
    ((updated)) || $sudo_cmd apt-get update
    apt_install "${missing[@]}"
  fi
}

# The unpacked -dev packages: headers and CMake files under $deps/usr, their library links
# pointing at the runtime packages' files in /usr/lib/aarch64-linux-gnu.
unpack_dev_packages() {
  [[ -f $deps/.done ]] && return 0
  rm -rf "$deps"
  mkdir -p "$deps/debs"
  (cd "$deps/debs" && apt-get download "${unpacked[@]}")
  for deb in "$deps"/debs/*.deb; do dpkg-deb -x "$deb" "$deps"; done
  local lib=$deps/usr/lib/aarch64-linux-gnu
  for link in "$lib"/*.so; do
    [[ -L $link ]] || continue
    local target
    target=$(basename "$(readlink "$link")")
    [[ -e $lib/$target ]] && continue  # an unpacked runtime library (or a link to one)
    ln -sfn "/usr/lib/aarch64-linux-gnu/$target" "$lib/$target"
  done
  touch "$deps/.done"
}

# The test executables the emulated stage runs, and the CLI they call.
targets=(test_graph test_zoo test_measure test_io_caffe test_io_onnx test_engine
  test_engine_onednn test_engine_models synergy)

configure_and_build() {
  local prefix=$PWD/$deps/usr
  cmake -S . -B "$build" -G Ninja -DCMAKE_TOOLCHAIN_FILE=cmake/aarch64-linux-gnu.cmake \
    -DCMAKE_BUILD_TYPE=Release -DSYNERGY_BENCH=OFF -DCMAKE_DISABLE_FIND_PACKAGE_CUDAToolkit=ON \
    -DONNX_DIR="$prefix/lib/aarch64-linux-gnu/cmake/ONNX" -DDNNL_INCLUDE_DIR="$prefix/include" \
    -DDNNL_LIBRARY="$prefix/lib/aarch64-linux-gnu/libdnnl.so" \
    -DXGBOOST_INCLUDE_DIR="$prefix/include" \
    -DXGBOOST_LIBRARY="$prefix/lib/aarch64-linux-gnu/libxgboost.so" >/dev/null
  cmake --build "$build" -j "$jobs" --target "${targets[@]}"
}

# Cases left out under emulation, besides those that skip themselves (SYNERGY_TEST_EMULATED):
# whole networks over about 1 GMAC and the batch-of-three network, whose naive reference takes
# minutes each under qemu. The op table, fusion chains and the smaller networks (AlexNet,
# SqueezeNet, MobileNet v1/v2, ShuffleNet v2, All-CNN-C) still run on every CPU backend.
large='*/*resnet*:*/*inception*:*/*googlenet*:*/*vgg*:*/*densenet*:*/*places*:*/nin:*_nin'
large+=':*/*wrn*:NetworkBatch.*'

# The emulated CPU is a Jetson TX1's Cortex-A57 (no SVE), so oneDNN and OpenBLAS take the
# kernels they take on the board; SYNERGY_QEMU_CPU=max tries SVE's.
run_emulated_tests() {
  local qemu
  qemu=$(command -v qemu-aarch64-static || command -v qemu-aarch64)
  rm -rf "$build/gtest-xml"
  export SYNERGY_TEST_EMULATED=1 OMP_WAIT_POLICY=passive QEMU_CPU=${SYNERGY_QEMU_CPU:-cortex-a57}
  export SYNERGY_BINARY_LAUNCHER=$qemu
  # The unpacked runtime libraries (libxgboost needs libdmlc, which no RUNPATH names).
  export LD_LIBRARY_PATH=$PWD/$deps/usr/lib/aarch64-linux-gnu
  local status=0 tests
  tests="^(test_graph|test_zoo|test_measure(_pmu_.*)?|test_io_caffe|test_io_onnx|test_engine"
  tests+="|test_engine_onednn|test_engine_models)\$"
  GTEST_FILTER="-$large" ctest --test-dir "$build" --output-on-failure -j "$jobs" -R "$tests" ||
    status=$?
  python3 scripts/skip_report.py "$build"/gtest-xml/*.xml || status=1
  return "$status"
}

echo "== aarch64 cross build (Debian :arm64 packages)"
install_packages
unpack_dev_packages
stage_done "aarch64 packages"
configure_and_build
stage_done "aarch64 build"
echo "   synergy (aarch64): $(stat -c %s "$build/src/cli/synergy") bytes"
[[ "${1:-}" == "--build" ]] && exit 0
echo "== aarch64 tests under qemu-user"
run_emulated_tests
stage_done "aarch64 emulated tests"
