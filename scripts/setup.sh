#!/usr/bin/env bash
# Installs synergy's build and test dependencies (Debian 12 packages) and builds it into build/.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake ninja-build pkg-config git
  libdnnl-dev libopenblas-dev libonnx-dev libprotobuf-dev protobuf-compiler
  libpfm4-dev nlohmann-json3-dev libcli11-dev libfmt-dev libsqlite3-dev libeigen3-dev
  libxgboost-dev  # gradient-boosted trees of the kernel-level latency models
  libgtest-dev libgmock-dev libbenchmark-dev clang libclang-rt-14-dev
  libomp-dev  # OpenMP for clang (the fuzz build compiles the engine)
  python3  # scripts/skip_report.py
  # The ONNX tests: the onnx checker and torchvision samples regenerated at full size.
  python3-onnx python3-torch python3-torchvision
  libopencv-dev  # bench/engine_vs_opencv only (OpenCV DNN as the speed baseline)
)
# Packages only some callers need (scripts/test.sh adds chromium, the HTML report check's browser),
# and those a caller goes without (scripts/test.sh: OpenCV, which only a benchmark uses).
read -r -a extra_packages <<<"${SYNERGY_EXTRA_PACKAGES:-}"
packages+=("${extra_packages[@]}")
read -r -a omitted_packages <<<"${SYNERGY_OMIT_PACKAGES:-}"
for p in "${omitted_packages[@]}"; do
  for i in "${!packages[@]}"; do [[ ${packages[i]} == "$p" ]] && unset 'packages[i]'; done
done

# Ubuntu 20.04/22.04 on aarch64 (a Jetson's JetPack 5/6) names some packages differently or lacks
# them; CUDA and cuDNN come from JetPack (/usr/local/cuda, cuDNN in the multiarch directory).
cmake_args=()
source /etc/os-release 2>/dev/null || true
if [[ ${ID:-} == ubuntu && $(uname -m) == aarch64 ]]; then
  # shellcheck source=scripts/setup-jetson.sh
  source scripts/setup-jetson.sh
fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo_cmd=""
  [[ $(id -u) -ne 0 ]] && sudo_cmd="sudo"
  $sudo_cmd apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y --no-install-recommends "${missing[@]}"
fi

build_type=${SYNERGY_BUILD_TYPE:-Release}
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE="$build_type" "${cmake_args[@]}" >/dev/null
cmake --build build -j "$(nproc)"
