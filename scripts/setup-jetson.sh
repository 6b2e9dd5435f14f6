# Sourced by scripts/setup.sh on Ubuntu aarch64 (JetPack 5: 20.04, JetPack 6: 22.04): adjusts
# its `packages` and `cmake_args` arrays. Not run on Debian 12 x86-64.
# shellcheck shell=bash

# Not in Ubuntu's archive for these releases, or not needed there: PyTorch comes from JetPack's
# own wheels (the ONNX samples are checked in), and clang's runtime ships inside
# libclang-common-*-dev before Debian 12's split into libclang-rt-*-dev.
jetson_drop=(python3-torch python3-torchvision libclang-rt-14-dev)
kept=()
for p in "${packages[@]}"; do
  [[ " ${jetson_drop[*]} " == *" $p "* ]] || kept+=("$p")
done
packages=("${kept[@]}")

# What the release's archive lacks is said, then left out; CMake names what the build needed.
unavailable=()
kept=()
for p in "${packages[@]}"; do
  if apt-cache show "$p" >/dev/null 2>&1; then kept+=("$p"); else unavailable+=("$p"); fi
done
packages=("${kept[@]}")
if ((${#unavailable[@]})); then
  echo "not in Ubuntu ${VERSION_ID:-?}'s archive (build them or take JetPack's): ${unavailable[*]}" >&2
fi

# C++20 needs GCC 10 or later (20.04's default is 9); CMake 3.25 is newer than both releases'.
if [[ ${VERSION_ID:-} == 20.04 ]]; then
  packages+=(g++-10)
  export CC=gcc-10 CXX=g++-10
fi
if ! cmake --version 2>/dev/null | awk 'NR == 1 { split($3, v, "."); exit !(v[1] > 3 ||
    (v[1] == 3 && v[2] >= 25)) }'; then
  echo "CMake 3.25 or later is needed (Ubuntu ${VERSION_ID:-?} ships an older one):" \
    "install a newer CMake first, e.g. from pip, and run this again" >&2
fi

# JetPack's CUDA: the GPU's compute capability from the SoC (TX1 5.3, TX2 6.2, Xavier 7.2,
# Orin 8.7), so the cudnn backend's kernels are built for the board.
if [[ -d /usr/local/cuda ]]; then
  compatible=$(tr '\0' ' ' 2>/dev/null </proc/device-tree/compatible || true)
  case $compatible in
    *tegra234*) cmake_args+=(-DSYNERGY_CUDA_ARCHS=87) ;;
    *tegra194*) cmake_args+=(-DSYNERGY_CUDA_ARCHS=72) ;;
    *tegra186*) cmake_args+=(-DSYNERGY_CUDA_ARCHS=62) ;;
    *tegra210*) cmake_args+=(-DSYNERGY_CUDA_ARCHS=53) ;;
  esac
fi
