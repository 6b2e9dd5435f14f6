#!/usr/bin/python3
"""ONNX Runtime (CPU) and `synergy run --backend onednn` side by side, batch 1, float32, on the
torchvision architectures that bench/engine_export_onnx.py exported (the same ONNX file for both).

    /usr/bin/python3 bench/engine_export_onnx.py build/bench_models
    /usr/bin/python3 bench/engine_vs_onnxruntime.py --synergy build/src/cli/synergy \
        --models build/bench_models --threads 1,2 --rounds 3 [--busy 1] --out ort.json

ONNX Runtime comes from the npm package onnxruntime-node, installed on first use into --ort
(default build/onnxruntime) with `npm install --ignore-scripts` (its install script fetches GPU
extras; the CPU library is inside the package), and runs through bench/onnxruntime_time.js:
all graph optimisations, sequential execution, intra-op threads = the thread count.

Method: per network and thread count, each round runs an ONNX Runtime block and a synergy block
(`synergy run --warmup 2 --min-time`, its JSON latency), about --block seconds of timed runs
each after two warm-up runs, the order alternating between rounds so that drifts of a shared
machine hit both. A block gives its median run time; the table shows the median over rounds per
engine, the ratio synergy/ONNX Runtime, and the geometric mean of the ratios per thread count.
--busy N starts N processes that spin on a core for the whole benchmark (contention) and stops
them at the end.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

from side_by_side import print_summary, synergy_block

HERE = os.path.dirname(os.path.abspath(__file__))


def install_onnxruntime(prefix):
    module = os.path.join(prefix, "node_modules", "onnxruntime-node")
    if not os.path.isdir(module):
        os.makedirs(prefix, exist_ok=True)
        subprocess.run(["npm", "install", "--ignore-scripts", "--no-audit", "--no-fund",
                        "--prefix", prefix, "onnxruntime-node"], check=True)
    return os.path.join(prefix, "node_modules")


def ort_block(node_path, onnx, threads, seconds):
    out = subprocess.run(["node", os.path.join(HERE, "onnxruntime_time.js"), onnx, str(threads),
                          str(seconds)], check=True, capture_output=True, text=True,
                         env=dict(os.environ, NODE_PATH=node_path))
    r = json.loads(out.stdout)
    return r["median_ms"], r["count"], r["version"]


def measure(name, args, node_path, versions):
    onnx = os.path.join(args.models, name + ".onnx")
    rows = []
    for threads in args.threads:
        ours, theirs, runs = [], [], [0, 0]
        for r in range(args.rounds):
            blocks = ["ort", "synergy"] if r % 2 == 0 else ["synergy", "ort"]
            for engine in blocks:
                if engine == "ort":
                    median, count, version = ort_block(node_path, onnx, threads, args.block)
                    versions.add(version)
                    theirs.append(median)
                    runs[0] += count
                else:
                    median, count = synergy_block(args.synergy, onnx, threads, args.block)
                    ours.append(median)
                    runs[1] += count
        row = {"network": name, "threads": threads, "busy": args.busy,
               "onnxruntime_ms": statistics.median(theirs), "synergy_ms": statistics.median(ours),
               "onnxruntime_runs": runs[0], "synergy_runs": runs[1], "rounds": args.rounds}
        row["ratio"] = row["synergy_ms"] / row["onnxruntime_ms"]
        print(f"{name:20s} thr {threads}  onnxruntime {row['onnxruntime_ms']:9.2f} ms  synergy "
              f"{row['synergy_ms']:9.2f} ms  ratio {row['ratio']:.3f}", file=sys.stderr)
        rows.append(row)
    return rows


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--synergy", required=True, help="the synergy binary")
    p.add_argument("--models", required=True, help="folder of <network>.onnx exports")
    p.add_argument("--ort", default="build/onnxruntime", help="where onnxruntime-node is installed")
    p.add_argument("--threads", default="1,2", help="comma-separated thread counts")
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--block", type=float, default=0.5, help="seconds per engine per round")
    p.add_argument("--busy", type=int, default=0, help="processes spinning beside the engines")
    p.add_argument("--networks", default="", help="comma-separated subset")
    p.add_argument("--out", default="", help="write the rows as JSON here")
    args = p.parse_args()
    args.threads = [int(t) for t in args.threads.split(",")]
    node_path = install_onnxruntime(args.ort)
    names = args.networks.split(",") if args.networks else sorted(
        f[:-5] for f in os.listdir(args.models) if f.endswith(".onnx"))
    spinners = [subprocess.Popen(["sh", "-c", "while :; do :; done"]) for _ in range(args.busy)]
    versions = set()
    try:
        rows = [row for name in names for row in measure(name, args, node_path, versions)]
    finally:
        for s in spinners:
            s.kill()
            s.wait()
    print(f"ONNX Runtime {', '.join(sorted(versions))}; {args.busy} busy process(es)")
    print_summary(rows, "onnxruntime", "ONNX Runtime", args.threads)
    if args.out:
        with open(args.out, "w") as f:
            json.dump({"onnxruntime": sorted(versions), "busy": args.busy, "rows": rows}, f,
                      indent=2)


if __name__ == "__main__":
    main()
