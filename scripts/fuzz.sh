#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for a bounded time, starting from its
# seed corpus in fuzz/corpus/<name>: scripts/fuzz.sh SECONDS_PER_TARGET [TARGET...]
# A crash, a sanitizer report, a timeout or running out of memory fails the script; the input that
# did it is left in the working directory (crash-*, timeout-*, oom-*).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
# The targets need no GPU code: CUDA stays out of this build even where it is installed. -O1 and
# line tables only: about half the compile time of -O2 -g, and stack traces keep file:line.
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -gline-tables-only" \
  -DSYNERGY_FUZZ=ON -DSYNERGY_TESTS=OFF -DSYNERGY_BENCH=OFF \
  -DCMAKE_DISABLE_FIND_PACKAGE_CUDAToolkit=ON >/dev/null
targets=${*:-$(cmake --build build-fuzz --target help | sed -n 's/^\(fuzz_[a-z_]*\):.*/\1/p' | sort -u)}
if [[ -z "$targets" ]]; then
  echo "no fuzz targets"
  exit 0
fi
cmake --build build-fuzz -j "$(nproc)" --target $targets
# fuzz_one TARGET: one bounded run from a copy of its seed corpus; its report is printed whole
# when it ends, so runs side by side do not interleave their lines.
fuzz_one() {
  local t=$1 corpus=fuzz/corpus/${1#fuzz_} work log rc=0
  work=$(mktemp -d)
  log=$(mktemp)
  [[ -d "$corpus" ]] && cp -r "$corpus"/. "$work"/
  # One thread for the engine that runs imported graphs; 2 GB and 10 s per input.
  OMP_NUM_THREADS=1 build-fuzz/fuzz/$t -max_total_time="$seconds" -rss_limit_mb=2048 \
    -timeout=10 -print_final_stats=1 "$work" >"$log" 2>&1 || rc=$?
  if ((rc == 0)); then
    printf -- '-- %s for %ss\n%s\n' "$t" "$seconds" "$(grep -E \
      "^stat::(number_of_executed_units|average_exec_per_sec|new_units_added)" "$log")"
  else
    printf -- '-- %s for %ss\n%s\nFAIL: %s\n' "$t" "$seconds" "$(tail -n 60 "$log")" "$t"
  fi
  rm -rf "$work" "$log"
  return "$rc"
}
export -f fuzz_one
export seconds
# One target per core at a time; any failure fails the script.
printf '%s\n' $targets | xargs -P "$(nproc)" -n 1 bash -c 'fuzz_one "$1"' fuzz_one
