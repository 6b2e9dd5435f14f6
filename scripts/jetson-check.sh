#!/usr/bin/env bash
# One call on a Jetson board (after scripts/setup.sh): the power rails synergy finds, the counter
# presets of this CPU, and per-layer profiles of AlexNet and MobileNet v1 on the CPU and, where
# the cudnn backend is built, on the GPU, with the INA3221 as the energy source. Prints a summary
# and leaves every output in a folder to send back.
#   scripts/jetson-check.sh [OUT_DIR]      default: jetson-check-<host>-<date>
# SYNERGY_BINARY: the synergy to run (default build/src/cli/synergy); SYNERGY_CHECK_TIME: the
# whole-network sampling budget of each profile (default 60s).
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2
synergy=${SYNERGY_BINARY:-build/src/cli/synergy}
budget=${SYNERGY_CHECK_TIME:-60s}
out=${1:-jetson-check-$(hostname)-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$out"
failures=0

# step NAME COMMAND...: runs it with stdout and stderr kept in OUT/NAME.*, says how it went.
step() {
  local name=$1
  shift
  local start=$SECONDS rc=0
  "$@" >"$out/$name.out" 2>"$out/$name.err" || rc=$?
  if ((rc == 0)); then
    echo "ok    $name ($((SECONDS - start)) s)"
  else
    echo "FAIL  $name: exit $rc ($((SECONDS - start)) s), see $out/$name.err"
    failures=$((failures + 1))
  fi
  return "$rc"
}

if [[ ! -x $synergy ]]; then
  echo "no synergy binary at $synergy: run scripts/setup.sh first" >&2
  exit 2
fi

# The board: model, L4T release, clocks and governors (fixed clocks make runs comparable).
{
  echo "model: $(tr -d '\0' </proc/device-tree/model 2>/dev/null || echo unknown)"
  echo "l4t: $(head -n 1 /etc/nv_tegra_release 2>/dev/null || echo unknown)"
  echo "kernel: $(uname -r) $(uname -m)"
  for cpu in /sys/devices/system/cpu/cpu[0-9]*; do
    f=$cpu/cpufreq
    [[ -r $f/scaling_governor ]] || continue
    echo "$(basename "$cpu"): $(cat "$f/scaling_governor")" \
      "min $(cat "$f/scaling_min_freq") max $(cat "$f/scaling_max_freq") kHz"
  done
  for gpu in /sys/devices/gpu.0/devfreq/* /sys/devices/platform/*.gpu/devfreq/*; do
    [[ -r $gpu/cur_freq ]] || continue
    echo "gpu $(basename "$gpu"): $(cat "$gpu/governor" 2>/dev/null)" \
      "cur $(cat "$gpu/cur_freq") min $(cat "$gpu/min_freq") max $(cat "$gpu/max_freq") Hz"
  done
  command -v nvpmodel >/dev/null && nvpmodel -q 2>/dev/null
} >"$out/board.txt"
cat "$out/board.txt"

# Rails, their update period and the counter presets this CPU resolves.
step sensors "$synergy" sensors
step sensors-json "$synergy" sensors --format json
step sensors-watch "$synergy" sensors --source jetson --watch 3s --interval 500ms

# The study's conv-layer features (SIMD instructions, bus accesses) need the PMU: try them first.
counters=simd,mem
if ! step counters "$synergy" profile alexnet --energy none --counters simd,mem --iterations 3 \
  --format json --no-store; then
  counters=software
fi

profile() {  # profile NAME NETWORK BACKEND
  step "$1" "$synergy" profile "$2" --backend "$3" --energy jetson --counters "$counters" \
    --max-time "$budget" --format json --no-store --trace "$out/$1.trace.json"
}
for net in alexnet mobilenet_v1; do
  profile "$net-cpu" "$net" onednn
  profile "$net-cpu-blas" "$net" blas
done
if step cudnn-probe "$synergy" run mobilenet_v1 --backend cudnn --iterations 1 --warmup 0 --no-store; then
  for net in alexnet mobilenet_v1; do profile "$net-gpu" "$net" cudnn; done
else
  echo "      (no GPU profiles: the cudnn backend cannot run, see $out/cudnn-probe.err)"
fi

echo "$failures failed; outputs in $out/"
((failures == 0))
