#!/usr/bin/env bash
# The CPU-side parts of the GPU device check: shell syntax, the planned steps (dry run) for the
# fixed network set (profiles at batch 1 as a CUDA graph and at batch 32), packing a build to carry, and the PyTorch baseline's CPU
# smoke mode when /usr/bin/python3 has torch (exit 77 = skipped otherwise).
#   device_check_test.sh plan|pack|torch SOURCE_DIR BUILD_DIR
set -euo pipefail
what=$1 src=$2 build=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

case $what in
plan)
  bash -n "$src/scripts/device-check.sh" "$src/scripts/device/nvml-check.sh"
  OUT=$tmp/out DRY_RUN=1 "$src/scripts/device-check.sh" "$build" >"$tmp/plan.txt" 2>/dev/null
  for net in alexnet resnet50 googlenet squeezenet mobilenet_v1 mobilenet_v2; do
    grep -q "synergy profile $net --backend cudnn --batch 1 --cuda-graph --energy nvml " \
      "$tmp/plan.txt" || fail "no CUDA-graph profile of $net at batch 1 in the plan"
    grep -q "synergy profile $net --backend cudnn --batch 32 --energy nvml " "$tmp/plan.txt" ||
      fail "no profile of $net at batch 32 in the plan"
  done
  grep -q "test_engine_cudnn --gtest_output=json:$tmp/out/" "$tmp/plan.txt" ||
    fail "the GPU tests are not in the plan"
  grep -q "torch_baseline.py --out $tmp/out/torch.json" "$tmp/plan.txt" ||
    fail "the PyTorch baseline is not in the plan"
  for b in 1 32; do
    grep -q "synergy evaluate --data $tmp/out/profiles.db --data-batch $b .*--per-layer-type" \
      "$tmp/plan.txt" || fail "no energy model of the batch-$b profiles in the plan"
  done
  steps=$(wc -l <"$tmp/out/steps.jsonl")
  [[ $steps -eq $(wc -l <"$tmp/plan.txt") ]] || fail "steps.jsonl has $steps lines"
  ! grep -v '"rc":"dry_run"' "$tmp/out/steps.jsonl" || fail "a dry run ran a step"
  ;;
pack)
  "$src/scripts/device-check.sh" pack "$build" "$tmp/carry" 2>/dev/null
  "$tmp/carry/src/cli/synergy" --version >/dev/null || fail "the packed synergy does not run"
  "$tmp/carry/src/cli/synergy" run squeezenet --backend reference --warmup 0 --iterations 1 \
    --threads 1 --no-store >/dev/null || fail "the packed synergy cannot run a network"
  ;;
torch)
  /usr/bin/python3 -c 'import torch, torchvision' 2>/dev/null || {
    echo "skipped: /usr/bin/python3 has no torch/torchvision"
    exit 77
  }
  /usr/bin/python3 "$src/scripts/device/torch_baseline.py" --device cpu --batches 1 \
    --window 0.05 --repeats 1 --networks squeezenet --out "$tmp/torch.json" >/dev/null
  /usr/bin/python3 - "$tmp/torch.json" <<'PY' || fail "torch.json is not as documented"
import json, sys
r = json.load(open(sys.argv[1]))
row = r["results"][0]
assert row["network"] == "squeezenet" and row["batch"] == 1, row
assert row["latency_ms"]["mean"] > 0 and row["latency_ms"]["n"] == 1, row
assert row["energy_j_per_inference"] is None and "unavailable" in row["energy_provenance"], row
PY
  ;;
*) fail "usage: $0 plan|pack|torch SOURCE_DIR BUILD_DIR" ;;
esac
echo "ok: $what"
