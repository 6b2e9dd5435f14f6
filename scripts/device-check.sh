#!/usr/bin/env bash
# GPU check of synergy in one call, on the GPU machine, with a build made elsewhere (binaries
# built against /usr/local/cuda run there unchanged):
#   1. the GPU tests (test_engine_cudnn; test_engine's harness on the cudnn backend; later, if
#      the budget allows, the engine's zoo test on cudnn),
#   2. `synergy run --backend cudnn` on AlexNet, ResNet-50, GoogLeNet, SqueezeNet, MobileNet v1
#      and v2 at batch 1 and 32 (CUDA-graph replay too when the CLI offers it),
#   3. `synergy profile --energy nvml` on the same set when the command exists,
#   4. PyTorch side by side (scripts/device/torch_baseline.py) when torch sees the GPU,
#   5. per-layer GPU counters of one SqueezeNet inference through `ncu --nvtx` when Nsight
#      Compute is installed (raw CSV; kernels carry the NVTX range of their layer).
# Results: JSON under $OUT (default BUILD_DIR/device-check); steps.jsonl lists every step with
# its exit status and duration. The whole check keeps to BUDGET_S seconds (default 290): steps
# that would start after the budget is spent are recorded as skipped.
#
# usage: scripts/device-check.sh BUILD_DIR             (a build with the cudnn backend)
#        scripts/device-check.sh pack BUILD_DIR DEST   copy (stripped) just the binaries the
#                                                      check needs into DEST, same layout, to
#                                                      carry them to the GPU machine
#        DRY_RUN=1 scripts/device-check.sh BUILD_DIR   print the steps, run nothing
# Environment: OUT, BUDGET_S, NETWORKS, BATCHES, RUN_TIME (default 2s), PYTHON (default
# /usr/bin/python3 if it imports torch, else python3), TORCH_WINDOW_S (1.5), TORCH_REPEATS (2).
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2

binaries=(src/cli/synergy tests/engine_cudnn/test_engine_cudnn tests/engine/test_engine
  tests/engine/test_engine_models)

if [[ ${1:-} == pack ]]; then
  [[ $# -eq 3 && -d $2 ]] || { echo "usage: $0 pack BUILD_DIR DEST" >&2; exit 2; }
  for b in "${binaries[@]}"; do
    [[ -x $2/$b ]] || { echo "device-check: $2/$b missing (not built)" >&2; continue; }
    mkdir -p "$3/$(dirname "$b")"
    strip -o "$3/$b" "$2/$b"
  done
  du -sh "$3" >&2
  exit 0
fi

if [[ $# -ne 1 || ! -d $1 ]]; then
  echo "usage: $0 BUILD_DIR (a configured and built synergy build folder)" >&2
  exit 2
fi
build=$(cd "$1" && pwd)
out=${OUT:-$build/device-check}
budget_s=${BUDGET_S:-290}
networks=${NETWORKS:-alexnet resnet50 googlenet squeezenet mobilenet_v1 mobilenet_v2}
batches=${BATCHES:-1 32}
run_time=${RUN_TIME:-2s}
dry_run=${DRY_RUN:-0}
synergy=$build/src/cli/synergy
start_s=$SECONDS
mkdir -p "$out/tests" "$out/run" "$out/profile"

# step NAME TIMEOUT_S OUTPUT_FILE COMMAND...: runs one step within the budget, records it.
step() {
  local name=$1 limit=$2 file=$3
  shift 3
  local left=$((budget_s - (SECONDS - start_s)))
  local rc=0 began=$SECONDS
  if [[ $dry_run == 1 ]]; then
    printf '%s\n' "$*"
    rc=dry_run
  elif ((left < 5)); then
    rc=skipped_budget
  else
    ((limit > left)) && limit=$left
    if [[ -n $file ]]; then
      timeout "$limit" "$@" >"$file" 2>"$file.stderr" || rc=$?
    else
      timeout "$limit" "$@" || rc=$?
    fi
  fi
  printf '{"step":"%s","rc":"%s","seconds":%d,"file":"%s"}\n' "$name" "$rc" \
    $((SECONDS - began)) "${file#"$out"/}" >>"$out/steps.jsonl"
  [[ $rc == 0 || $rc == dry_run ]] || echo "device-check: step $name: $rc" >&2
}

context() {
  {
    date -u +%FT%TZ
    nvidia-smi --query-gpu=name,driver_version,memory.total,power.limit --format=csv 2>&1 ||
      echo "nvidia-smi unavailable"
    "$synergy" --version 2>&1 || true
  } >"$out/context.txt"
}

gpu_tests() {
  local t=$build/tests/engine_cudnn/test_engine_cudnn
  step test_engine_cudnn 120 "$out/tests/test_engine_cudnn.txt" \
    "$t" --gtest_output="json:$out/tests/test_engine_cudnn.json"
  local h=$build/tests/engine/test_engine
  [[ -x $h ]] && step test_engine_harness_cudnn 60 "$out/tests/test_engine_harness.txt" \
    "$h" --gtest_filter='*cudnn*' --gtest_output="json:$out/tests/test_engine_harness.json"
}

cli_has() {  # cli_has SUBCOMMAND [FLAG]: whether this build's CLI offers it
  "$synergy" "$1" --help >/tmp/synergy-help.$$ 2>&1 || return 1
  [[ $# -lt 2 ]] || grep -q -- "$2" /tmp/synergy-help.$$
}

runs() {
  local graph_flag=""
  cli_has run --cuda-graph && graph_flag=--cuda-graph
  for net in $networks; do
    for b in $batches; do
      step "run_${net}_b$b" 30 "$out/run/${net}_b$b.json" "$synergy" run "$net" --backend cudnn \
        --batch "$b" --warmup 5 --min-time "$run_time" --format json
      if [[ -n $graph_flag && $b == 1 ]]; then
        step "run_${net}_b${b}_graph" 30 "$out/run/${net}_b${b}_graph.json" "$synergy" run "$net" \
          --backend cudnn --batch "$b" --warmup 5 --min-time "$run_time" --format json "$graph_flag"
      fi
    done
  done
}

zoo_tests() {  # the engine's zoo test on cudnn (networks under 2 GMACs), if budget is left
  local m=$build/tests/engine/test_engine_models
  [[ -x $m ]] && step test_engine_zoo_cudnn 90 "$out/tests/test_engine_zoo.txt" \
    "$m" --gtest_filter='Zoo/*cudnn*' --gtest_output="json:$out/tests/test_engine_zoo.json"
}

profiles() {
  cli_has profile --energy || {
    echo "device-check: no 'synergy profile --energy' in this build; profiles skipped" >&2
    return
  }
  for net in $networks; do
    for b in $batches; do
      step "profile_${net}_b$b" 40 "$out/profile/${net}_b$b.json" "$synergy" profile "$net" \
        --backend cudnn --batch "$b" --energy nvml --format json --no-store --max-time 10s
    done
  done
}

torch_side() {
  local py=${PYTHON:-}
  if [[ -z $py ]]; then
    py=python3
    /usr/bin/python3 -c 'import torch' 2>/dev/null && py=/usr/bin/python3
  fi
  step torch_baseline 120 "" "$py" scripts/device/torch_baseline.py --out "$out/torch.json" \
    --networks "${networks// /,}" --window "${TORCH_WINDOW_S:-1.5}" \
    --repeats "${TORCH_REPEATS:-2}"
}

ncu_counters() {
  command -v ncu >/dev/null || { echo "device-check: no ncu; GPU counters skipped" >&2; return; }
  local metrics=dram__bytes_read.sum,dram__bytes_write.sum
  metrics+=,smsp__sass_thread_inst_executed_op_ffma_pred_on.sum
  metrics+=,smsp__sass_thread_inst_executed_op_fadd_pred_on.sum
  metrics+=,smsp__sass_thread_inst_executed_op_fmul_pred_on.sum,sm__inst_executed_pipe_tensor.sum
  mkdir -p "$out/ncu"
  step ncu_squeezenet_b1 90 "$out/ncu/squeezenet_b1.csv" ncu --nvtx --csv --page raw \
    --metrics "$metrics" "$synergy" run squeezenet --backend cudnn --batch 1 --warmup 0 \
    --iterations 1 --format json
}

[[ -x $synergy || $dry_run == 1 ]] || { echo "device-check: no $synergy; build it first" >&2; exit 2; }
: >"$out/steps.jsonl"
[[ $dry_run == 1 ]] || context
gpu_tests
runs
torch_side
zoo_tests
profiles
ncu_counters
echo "device-check: $(grep -c '"rc":"0"' "$out/steps.jsonl") of $(wc -l <"$out/steps.jsonl") steps ok in $((SECONDS - start_s)) s; results in $out" >&2
