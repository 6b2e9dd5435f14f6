#!/usr/bin/env bash
# Sets everything up and runs every check: unit tests, the sanitizer build, bounded fuzzing.
#   scripts/test.sh            all of it
#   scripts/test.sh --quick    unit tests of the release build only
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
jobs=$(nproc)
# Idle OpenMP workers sleep instead of spinning: tests run in parallel on few cores.
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-passive}

echo "== unit tests (release)"
ctest --test-dir build --output-on-failure -j "$jobs"
[[ "${1:-}" == "--quick" ]] && exit 0

echo "== unit tests (AddressSanitizer + UndefinedBehaviorSanitizer)"
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSYNERGY_SANITIZE=ON \
  -DSYNERGY_BENCH=OFF >/dev/null
cmake --build build-asan -j "$jobs"
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  ctest --test-dir build-asan --output-on-failure -j "$jobs"

echo "== fuzzing (libFuzzer, bounded)"
scripts/fuzz.sh "${SYNERGY_FUZZ_SECONDS:-60}"
