#!/usr/bin/python3
"""PyTorch eager (CPU) and `synergy run --backend onednn` side by side, batch 1, float32, on the
torchvision architectures that bench/engine_export_onnx.py exported (same architectures, same
input size; synergy runs the ONNX file, PyTorch the torchvision module).

    /usr/bin/python3 bench/engine_export_onnx.py build/bench_models
    /usr/bin/python3 bench/engine_vs_pytorch.py --synergy build/src/cli/synergy \
        --models build/bench_models --threads 1,2 --rounds 3 --out pytorch.json

Method: per network and thread count, each round runs a PyTorch block (torch.inference_mode,
about --block seconds after two warm-up runs) and a synergy block (`synergy run --warmup 2
--min-time`, its JSON latency), the order alternating between rounds so that drifts of a shared
machine hit both. A block gives its median run time; the table shows the median over rounds per
engine, the ratio synergy/PyTorch, and the geometric mean of the ratios per thread count.
Each engine keeps its own OpenMP wait policy (PyTorch libgomp's default; synergy sets passive
unless told otherwise); both run with glibc's mmap/trim thresholds raised (without them PyTorch
page-faults on every inference).
"""
import argparse
import json
import os
import statistics
import sys
import time

from side_by_side import print_summary, synergy_block

ENV = {
    "MALLOC_MMAP_THRESHOLD_": str(1 << 30),
    "MALLOC_TRIM_THRESHOLD_": str(1 << 30),
}
SIZES = {"inception_v3": 299}
NO_AUX = {"googlenet", "inception_v3"}


def reexec_with_env():
    """glibc reads these at start-up: run again with them set."""
    env = {k: v for k, v in os.environ.items() if k != "OMP_WAIT_POLICY"}
    if all(os.environ.get(k) == v for k, v in ENV.items()) and "OMP_WAIT_POLICY" not in os.environ:
        return
    os.execve(sys.executable, [sys.executable] + sys.argv, dict(env, **ENV))


def torch_block(torch, model, x, seconds):
    times = []
    with torch.inference_mode():
        for _ in range(2):
            model(x)
        end = time.perf_counter() + seconds
        while len(times) < 3 or time.perf_counter() < end:
            t0 = time.perf_counter()
            model(x)
            times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times), len(times)


def measure(torch, torchvision, name, args):
    kwargs = {"aux_logits": False, "init_weights": True} if name in NO_AUX else {}
    model = getattr(torchvision.models, name)(weights=None, **kwargs).eval()
    size = SIZES.get(name, 224)
    x = torch.rand(1, 3, size, size)
    onnx = os.path.join(args.models, name + ".onnx")
    rows = []
    for threads in args.threads:
        torch.set_num_threads(threads)
        ours, theirs, runs = [], [], [0, 0]
        for r in range(args.rounds):
            blocks = [("torch", lambda: torch_block(torch, model, x, args.block)),
                      ("synergy", lambda: synergy_block(args.synergy, onnx, threads, args.block))]
            for engine, block in blocks if r % 2 == 0 else reversed(blocks):
                median, count = block()
                (theirs if engine == "torch" else ours).append(median)
                runs[engine == "synergy"] += count
        row = {"network": name, "threads": threads, "pytorch_ms": statistics.median(theirs),
               "synergy_ms": statistics.median(ours), "pytorch_runs": runs[0],
               "synergy_runs": runs[1], "rounds": args.rounds}
        row["ratio"] = row["synergy_ms"] / row["pytorch_ms"]
        print(f"{name:20s} thr {threads}  pytorch {row['pytorch_ms']:9.2f} ms  synergy "
              f"{row['synergy_ms']:9.2f} ms  ratio {row['ratio']:.3f}", file=sys.stderr)
        rows.append(row)
    return rows


def main():
    reexec_with_env()
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--synergy", required=True, help="the synergy binary")
    p.add_argument("--models", required=True, help="folder of <network>.onnx exports")
    p.add_argument("--threads", default="1,2", help="comma-separated thread counts")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--block", type=float, default=0.5, help="seconds per engine per round")
    p.add_argument("--networks", default="", help="comma-separated subset")
    p.add_argument("--out", default="", help="write the rows as JSON here")
    args = p.parse_args()
    args.threads = [int(t) for t in args.threads.split(",")]
    import torch
    import torchvision

    names = args.networks.split(",") if args.networks else sorted(
        f[:-5] for f in os.listdir(args.models) if f.endswith(".onnx"))
    rows = [row for name in names for row in measure(torch, torchvision, name, args)]
    print_summary(rows, "pytorch", "PyTorch", args.threads)
    if args.out:
        with open(args.out, "w") as f:
            json.dump({"torch": torch.__version__, "rows": rows}, f, indent=2)


if __name__ == "__main__":
    main()
