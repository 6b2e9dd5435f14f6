#!/usr/bin/env bash
# GPU check of synergy in one call, on the GPU machine, with a build made elsewhere (binaries
# built against /usr/local/cuda run there unchanged). In order of value, within BUDGET_S:
#   1. the GPU tests (test_engine_cudnn, test_engine_cudnn_cli, test_gpu_counters, the engine's
#      op harness on cudnn),
#   2. `synergy profile --backend cudnn --energy nvml` of AlexNet, ResNet-50, GoogLeNet,
#      SqueezeNet, MobileNet v1 and v2: batch 1 replayed as a CUDA graph, batch 32 streamed
#      (latency, energy per inference, per-layer time and energy, closure),
#   3. PyTorch side by side (scripts/device/torch_baseline.py: eager at 1 and 32, CUDA graph at 1),
#   4. per-layer GPU counters of SqueezeNet through CUPTI (`synergy profile --gpu-counters`),
#   5. batch 1 streamed without a CUDA graph (`synergy run`, latency only),
#   6. a first GPU energy model: `synergy evaluate` of per-layer-type models, leave one network
#      out, on the profiles of step 2 (kept in $OUT/profiles.db), batch 1 and 32 apart,
#   7. the engine's zoo test on cudnn, and `ncu --nvtx` counters when Nsight Compute is installed.
# Results: JSON under $OUT (default BUILD_DIR/device-check); steps.jsonl lists every step with
# its exit status and duration. Steps that would start after BUDGET_S seconds (default 300) are
# recorded as skipped_budget.
#
# usage: scripts/device-check.sh BUILD_DIR             (a build with the cudnn backend)
#        scripts/device-check.sh pack BUILD_DIR DEST   copy (stripped) just the binaries the
#                                                      check needs into DEST, same layout, with
#                                                      the non-CUDA shared libraries they load in
#                                                      DEST/lib, to carry them to the GPU machine
#        DRY_RUN=1 scripts/device-check.sh BUILD_DIR   print the steps, run nothing
# Environment: OUT, BUDGET_S, NETWORKS, PROFILE_TIME (default 4s), SKIP (step groups to leave
# out, e.g. "torch_side ncu_counters"), PYTHON (default
# /usr/bin/python3 if it imports torch, else python3), TORCH_WINDOW_S (1), TORCH_REPEATS (2).
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2

binaries=(src/cli/synergy tests/engine_cudnn/test_engine_cudnn tests/engine_cudnn/test_engine_cudnn_cli
  tests/gpu_counters/test_gpu_counters tests/engine/test_engine tests/engine/test_engine_models)

# Libraries the GPU machine provides itself (its C runtime, and the CUDA libraries of its driver
# and toolkit); every other shared library the binaries load travels in DEST/lib.
system_lib='^(linux-vdso|ld-linux|libc|libm|libdl|librt|libpthread|libstdc\+\+|libgcc_s|libcuda|libcudart|libcublas|libcublasLt|libcudnn|libcupti|libnvperf|libnvidia-ml|libnvToolsExt)\.'

if [[ ${1:-} == pack ]]; then
  [[ $# -eq 3 && -d $2 ]] || { echo "usage: $0 pack BUILD_DIR DEST" >&2; exit 2; }
  mkdir -p "$3/lib"
  for b in "${binaries[@]}"; do
    [[ -x $2/$b ]] || { echo "device-check: $2/$b missing (not built)" >&2; continue; }
    mkdir -p "$3/$(dirname "$b")"
    strip -o "$3/$b" "$2/$b"
    ldd "$2/$b" | awk '$3 ~ /^\// {print $1, $3}' | while read -r name path; do
      [[ $name =~ $system_lib || -e $3/lib/$name ]] || strip -o "$3/lib/$name" "$path"
    done
  done
  du -sh "$3" >&2
  exit 0
fi

# A packed build carries its libraries; CUDA's come from wherever the GPU machine keeps them
# (its toolkit, or the wheels of its Python environment) when the loader does not know them.
[[ -d ${1:-}/lib ]] && export LD_LIBRARY_PATH=$(cd "$1/lib" && pwd)${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
for lib in libcudnn.so.9 libcublas.so.13 libcudart.so.13 libcupti.so.13; do
  ldconfig -p 2>/dev/null | grep -q "$lib" && continue
  dir=$(find /usr/local/cuda/ /usr/local/cuda/lib64/ /usr/lib/x86_64-linux-gnu/ /opt/ -maxdepth 10 \
    -name "$lib" -printf '%h\n' 2>/dev/null | head -n 1)
  [[ -n $dir ]] && export LD_LIBRARY_PATH=$dir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
done

if [[ $# -ne 1 || ! -d $1 ]]; then
  echo "usage: $0 BUILD_DIR (a configured and built synergy build folder)" >&2
  exit 2
fi
build=$(cd "$1" && pwd)
out=${OUT:-$build/device-check}
budget_s=${BUDGET_S:-300}
networks=${NETWORKS:-alexnet resnet50 googlenet squeezenet mobilenet_v1 mobilenet_v2}
profile_time=${PROFILE_TIME:-4s}
dry_run=${DRY_RUN:-0}
synergy=$build/src/cli/synergy
store=$out/profiles.db
start_s=$SECONDS
mkdir -p "$out/tests" "$out/run" "$out/profile" "$out/counters" "$out/model"

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
    # SIGINT first: an interrupted profile still writes what it measured, marked partial.
    if [[ -n $file ]]; then
      timeout -s INT -k 5 "$limit" "$@" >"$file" 2>"$file.stderr" || rc=$?
    else
      timeout -s INT -k 5 "$limit" "$@" || rc=$?
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
    echo "LD_LIBRARY_PATH=${LD_LIBRARY_PATH:-}"
  } >"$out/context.txt"
}

# gtest NAME LIMIT_S BINARY [ARGS...]: one test binary, results as gtest JSON.
gtest() {
  local name=$1 limit=$2 bin=$build/$3
  shift 3
  [[ -x $bin || $dry_run == 1 ]] || { echo "device-check: no $bin" >&2; return; }
  step "$name" "$limit" "$out/tests/$name.txt" "$bin" --gtest_output="json:$out/tests/$name.json" "$@"
}

gpu_tests() {
  export SYNERGY_BINARY=$synergy  # the CLI tests run this build's binary wherever it lies
  gtest test_engine_cudnn 90 tests/engine_cudnn/test_engine_cudnn
  gtest test_engine_cudnn_cli 30 tests/engine_cudnn/test_engine_cudnn_cli
  gtest test_gpu_counters 30 tests/gpu_counters/test_gpu_counters
  gtest test_engine_harness_cudnn 45 tests/engine/test_engine --gtest_filter='*cudnn*'
}

# Batch 1 as a CUDA-graph replay (launch overhead gone), batch 32 streamed.
profiles() {
  local net
  for net in $networks; do
    step "profile_${net}_b1_graph" 30 "$out/profile/${net}_b1_graph.json" "$synergy" profile \
      "$net" --backend cudnn --batch 1 --cuda-graph --energy nvml --format json --store "$store" \
      --max-time "$profile_time" --attribution-time "$profile_time" --layer-time 1s
    step "profile_${net}_b32" 30 "$out/profile/${net}_b32.json" "$synergy" profile "$net" \
      --backend cudnn --batch 32 --energy nvml --format json --store "$store" \
      --max-time "$profile_time" --attribution-time "$profile_time" --layer-time 1s
  done
}

torch_side() {
  local py=${PYTHON:-}
  if [[ -z $py ]]; then
    py=python3
    /usr/bin/python3 -c 'import torch' 2>/dev/null && py=/usr/bin/python3
  fi
  step torch_baseline 90 "" "$py" scripts/device/torch_baseline.py --out "$out/torch.json" \
    --networks "${networks// /,}" --window "${TORCH_WINDOW_S:-1}" \
    --repeats "${TORCH_REPEATS:-2}"
}

cupti_counters() {  # per-layer GPU counters through CUPTI's range profiler
  step cupti_squeezenet_b1 30 "$out/counters/squeezenet_b1.json" "$synergy" profile squeezenet \
    --backend cudnn --batch 1 --gpu-counters --energy none --format json --no-store \
    --max-time 2s --iterations 20
}

streamed_b1() {  # batch 1 without the CUDA graph: what launch overhead costs
  local net
  for net in $networks; do
    step "run_${net}_b1" 15 "$out/run/${net}_b1.json" "$synergy" run "$net" --backend cudnn \
      --batch 1 --warmup 5 --min-time 1s --format json --no-store
  done
}

# Per-layer-type models of layer energy from analytic features, each network held out in turn.
energy_model() {
  local b
  for b in 1 32; do
    step "energy_model_b$b" 20 "$out/model/energy_b$b.json" "$synergy" evaluate --data "$store" \
      --data-batch "$b" --analytic --batch "$b" --target energy_mj --per-layer-type \
      --features macs --features macs,traffic_bytes,depthwise_macs --per-network --format json
  done
}

zoo_tests() {  # the engine's zoo test on cudnn (networks under 2 GMACs)
  gtest test_engine_zoo_cudnn 60 tests/engine/test_engine_models --gtest_filter='Zoo/*cudnn*'
}

ncu_counters() {
  command -v ncu >/dev/null || { echo "device-check: no ncu; its counters skipped" >&2; return; }
  local metrics=dram__bytes_read.sum,dram__bytes_write.sum
  metrics+=,smsp__sass_thread_inst_executed_op_ffma_pred_on.sum
  metrics+=,smsp__sass_thread_inst_executed_op_fadd_pred_on.sum
  metrics+=,smsp__sass_thread_inst_executed_op_fmul_pred_on.sum,sm__inst_executed_pipe_tensor.sum
  mkdir -p "$out/ncu"
  step ncu_squeezenet_b1 60 "$out/ncu/squeezenet_b1.csv" ncu --nvtx --csv --page raw \
    --metrics "$metrics" "$synergy" run squeezenet --backend cudnn --batch 1 --warmup 0 \
    --iterations 1 --format json --no-store
}

[[ -x $synergy || $dry_run == 1 ]] || { echo "device-check: no $synergy; build it first" >&2; exit 2; }
: >"$out/steps.jsonl"
[[ $dry_run == 1 ]] || context
for group in gpu_tests profiles torch_side cupti_counters streamed_b1 energy_model zoo_tests \
  ncu_counters; do
  [[ " ${SKIP:-} " == *" $group "* ]] || "$group"
done
echo "device-check: $(grep -c '"rc":"0"' "$out/steps.jsonl") of $(wc -l <"$out/steps.jsonl") steps ok in $((SECONDS - start_s)) s; results in $out" >&2
