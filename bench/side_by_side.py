"""The side-by-side engine benchmarks' shared parts: the synergy block and the summary table."""
import json
import math
import subprocess


def synergy_block(binary, onnx, threads, seconds):
    """`synergy run --backend onednn` for about `seconds` after two warm-up runs: (median ms,
    timed runs)."""
    cmd = [binary, "run", onnx, "--backend", "onednn", "--threads", str(threads), "--warmup", "2",
           "--min-time", f"{int(seconds * 1000)}ms", "--format", "json", "--no-store"]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    time_ns = json.loads(out.stdout)["network"]["time_ns"]
    return time_ns["median"] * 1e-6, time_ns["count"]


def print_summary(rows, other, label, threads):
    """Markdown table of rows[network, threads, <other>_ms, synergy_ms, ratio] and the geometric
    mean of the ratios per thread count."""
    print(f"| network | thr | {label} ms | synergy ms | ratio |\n|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['network']} | {r['threads']} | {r[other + '_ms']:.2f} | "
              f"{r['synergy_ms']:.2f} | {r['ratio']:.2f} |")
    for t in threads:
        ratios = [r["ratio"] for r in rows if r["threads"] == t]
        if ratios:
            gm = math.exp(sum(math.log(v) for v in ratios) / len(ratios))
            print(f"\nthreads {t}: geometric mean synergy/{label} {gm:.3f} over {len(ratios)} "
                  f"networks (min {min(ratios):.2f}, max {max(ratios):.2f})")
