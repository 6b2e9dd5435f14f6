#!/usr/bin/env bash
# Sets everything up and runs every check: unit tests, the HTML reports in headless Chromium, the
# sanitizer builds, bounded fuzzing, the aarch64 cross build with its tests under emulation.
#   scripts/test.sh            all of it
#   scripts/test.sh --quick    unit tests of the release build only
# After each test run, scripts/skip_report.py prints the skips per suite and by reason, and fails
# on a skip whose reason is not on the list in tests/common/skip.hpp.
set -euo pipefail
cd "$(dirname "$0")/.."
stage_start=$SECONDS
stage_done() { echo "   ($1: $((SECONDS - stage_start)) s)"; stage_start=$SECONDS; }
# OpenCV (61 packages, 370 MB) serves only bench/engine_vs_opencv, which is built where it is found.
SYNERGY_EXTRA_PACKAGES="chromium" SYNERGY_OMIT_PACKAGES="libopencv-dev" scripts/setup.sh
stage_done "packages and release build"
jobs=$(nproc)
# Idle OpenMP workers sleep instead of spinning: tests run in parallel on few cores.
export OMP_WAIT_POLICY=${OMP_WAIT_POLICY:-passive}

# run_ctest BUILD_DIR [CTEST_ARGS...]: the build's tests (one entry per executable), then the
# skip accounting over the cases' gtest XML.
run_ctest() {
  local dir=$1
  shift
  local status=0
  rm -rf "$dir/gtest-xml"
  ctest --test-dir "$dir" --output-on-failure -j "$jobs" "$@" || status=$?
  python3 scripts/skip_report.py "$dir"/gtest-xml/*.xml || status=1
  return "$status"
}

echo "== unit tests (release)"
run_ctest build
stage_done "release tests"
[[ "${1:-}" == "--quick" ]] && exit 0

echo "== HTML reports (headless Chromium)"
# Each kind of report made by the release binary, rendered offline, its drawn values checked.
python3 tests/report/html_render_check.py build/src/cli/synergy
stage_done "HTML reports"

echo "== unit tests (AddressSanitizer + UndefinedBehaviorSanitizer)"
# -O1 with line tables: the sanitizers' usual level, and far quicker to build than -O2 -g. The
# GPU code stays out (it cannot run here; the release stage tests its CPU-side rules), so no test
# links CUDA's libraries.
cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSYNERGY_SANITIZE=ON \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" -DSYNERGY_BENCH=OFF \
  -DCMAKE_DISABLE_FIND_PACKAGE_CUDAToolkit=ON >/dev/null
cmake --build build-asan -j "$jobs"
# The attribution validation suite is timing: it runs once, in the release stage. The zoo's
# networks at full size against the naive reference (a numerics check, some 140 s under the
# sanitizers) run in the release stage only: here every zoo network runs on every CPU backend at
# a bounded input size (ZooOnCpuBackends), through the same code.
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  GTEST_FILTER="-Zoo/NetworkMatchesReference.*" run_ctest build-asan -E "^test_attribution_truth$"
stage_done "ASan/UBSan build and tests"

# The tests whose code runs threads: the sampler thread and its ring buffer (tests/measure), and
# the profile sessions that sample while layers run and stop on an interrupt, and a meter log read
# while its writer thread grows it (tests/profile). Only these executables are built, at -O1 with line tables, and without the GPU code (not
# exercised here). OpenMP's runtime is not instrumented, so the engine runs on one thread. A race
# or a crash fails the stage; an assertion that counts iterations within a time budget can miss
# under the sanitizer's 5-15x slowdown, so assertion failures are listed and left to the other
# stages, which check them at full speed.
run_tsan() {
  local rc=0
  TSAN_OPTIONS="halt_on_error=1 exitcode=66 second_deadlock_stack=1" OMP_NUM_THREADS=1 \
    "$@" --gtest_brief=1 || rc=$?
  if ((rc == 1)); then
    echo "   (assertion failures under ThreadSanitizer, no race: checked by the other stages)"
    return 0
  fi
  return "$rc"
}
echo "== threaded tests (ThreadSanitizer)"
cmake -S . -B build-tsan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSYNERGY_TSAN=ON \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g1" -DSYNERGY_BENCH=OFF \
  -DCMAKE_DISABLE_FIND_PACKAGE_CUDAToolkit=ON >/dev/null
cmake --build build-tsan -j "$jobs" --target test_measure test_profile test_live_meter
run_tsan build-tsan/tests/measure/test_measure
run_tsan build-tsan/tests/profile/test_profile
run_tsan build-tsan/tests/profile/test_live_meter
stage_done "TSan build and tests"

echo "== fuzzing (libFuzzer, bounded)"
scripts/fuzz.sh "${SYNERGY_FUZZ_SECONDS:-12}"
stage_done "fuzzing"

# The CPU backends cross-built for aarch64 (a Jetson's CPU) and tested under qemu-user.
scripts/cross-aarch64.sh
stage_done "aarch64 cross build and emulated tests"
