#!/usr/bin/env python3
"""PyTorch side of synergy's GPU comparison: latency and NVML energy per inference of the fixed
network set, eager at batch 1 and 32 and replayed as a CUDA graph at batch 1.

Energy: a poller thread timestamps every change of NVML's total-energy counter (it updates about
every 100 ms); the mean power between the first and last change inside the timed window, times
the GPU time per inference, is the energy per inference. Each configuration is measured
--repeats times; mean, stddev and cv are reported with the sample count.

  /usr/bin/python3 scripts/device/torch_baseline.py --out torch.json            # on the GPU
  /usr/bin/python3 scripts/device/torch_baseline.py --device cpu --batches 1 --window 0.1  # smoke
"""
import argparse
import ctypes
import json
import statistics
import sys
import threading
import time

NETWORKS = ["alexnet", "resnet50", "googlenet", "squeezenet", "mobilenet_v1", "mobilenet_v2"]


class Nvml:
    """The few NVML entry points used here, loaded with ctypes (no Python binding needed)."""

    def __init__(self, index=0):
        self.lib = ctypes.CDLL("libnvidia-ml.so.1")
        if self.lib.nvmlInit_v2() != 0:
            raise RuntimeError("nvmlInit_v2 failed")
        self.handle = ctypes.c_void_p()
        if self.lib.nvmlDeviceGetHandleByIndex_v2(index, ctypes.byref(self.handle)) != 0:
            raise RuntimeError("nvmlDeviceGetHandleByIndex_v2 failed")

    def energy_mj(self):
        value = ctypes.c_ulonglong()
        if self.lib.nvmlDeviceGetTotalEnergyConsumption(self.handle, ctypes.byref(value)) != 0:
            raise RuntimeError("nvmlDeviceGetTotalEnergyConsumption failed")
        return value.value


class EdgePoller:
    """Background thread recording (time, energy) at each change of the energy counter."""

    def __init__(self, nvml):
        self.nvml, self.edges, self.stop = nvml, [], threading.Event()
        self.thread = threading.Thread(target=self._loop, daemon=True)

    def _loop(self):
        last = self.nvml.energy_mj()
        while not self.stop.is_set():
            e = self.nvml.energy_mj()
            if e != last:
                self.edges.append((time.monotonic(), e))
                last = e

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()

    def mean_power_w(self, t0, t1):
        inside = [(t, e) for t, e in self.edges if t0 <= t <= t1]
        if len(inside) < 2:
            return None
        (ta, ea), (tb, eb) = inside[0], inside[-1]
        return (eb - ea) * 1e-3 / (tb - ta)


def mobilenet_v1(torch):
    """MobileNet v1 1.0 (224): a stem conv, 13 depthwise-separable blocks, pool and FC."""
    nn = torch.nn

    def block(cin, cout, stride, depthwise):
        groups = cin if depthwise else 1
        k = 3 if depthwise or cin == 3 else 1
        return [nn.Conv2d(cin, cout if not depthwise else cin, k, stride, k // 2, groups=groups,
                          bias=False),
                nn.BatchNorm2d(cout if not depthwise else cin), nn.ReLU(inplace=True)]

    plan = [(64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2)] + [(512, 1)] * 5 + \
           [(1024, 2), (1024, 1)]
    layers, cin = block(3, 32, 2, False), 32
    for cout, stride in plan:
        layers += block(cin, cin, stride, True) + block(cin, cout, 1, False)
        cin = cout
    return nn.Sequential(*layers, nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(1024, 1000))


def build(torch, name):
    import torchvision.models as m
    if name == "mobilenet_v1":
        return mobilenet_v1(torch), 224
    if name == "googlenet":
        return m.googlenet(weights=None, aux_logits=False, init_weights=False), 224
    if name == "squeezenet":
        return m.squeezenet1_0(weights=None), 227
    if name == "alexnet":
        return m.alexnet(weights=None), 227
    return getattr(m, name)(weights=None), 224


def timed_window(torch, step, device, window_s, poller):
    """Runs step() back to back for window_s; returns (inferences, seconds, mean power W)."""
    sync = torch.cuda.synchronize if device == "cuda" else (lambda: None)
    sync()
    t0, n = time.monotonic(), 0
    while time.monotonic() - t0 < window_s:
        step()
        n += 1
        if n % 8 == 0:
            sync()
    sync()
    t1 = time.monotonic()
    power = poller.mean_power_w(t0, t1) if poller else None
    return n, t1 - t0, power


def summarize(values):
    values = [v for v in values if v is not None]
    if not values:
        return None
    mean = statistics.fmean(values)
    sd = statistics.stdev(values) if len(values) > 1 else 0.0
    return {"mean": mean, "stddev": sd, "cv": sd / mean if mean else None, "n": len(values)}


def measure(torch, name, mode, batch, args, poller):
    model, size = build(torch, name)
    model = model.eval().to(args.device)
    x = torch.randn(batch, 3, size, size, device=args.device)
    with torch.inference_mode():
        step = lambda: model(x)  # noqa: E731
        if mode == "graph":
            static_x = x.clone()
            stream = torch.cuda.Stream()
            stream.wait_stream(torch.cuda.current_stream())
            with torch.cuda.stream(stream):
                for _ in range(3):
                    model(static_x)
            torch.cuda.current_stream().wait_stream(stream)
            graph = torch.cuda.CUDAGraph()
            with torch.cuda.graph(graph):
                model(static_x)
            step = graph.replay
        for _ in range(args.warmup):
            step()
        latency, energy = [], []
        for _ in range(args.repeats):
            n, seconds, power = timed_window(torch, step, args.device, args.window, poller)
            latency.append(seconds / n * 1e3)
            energy.append(power * seconds / n if power is not None else None)
    return {"network": name, "mode": mode, "batch": batch,
            "latency_ms": summarize(latency),
            "energy_j_per_inference": summarize(energy),
            "energy_provenance": "NVML total-energy counter, edge-aligned mean power x time"
            if poller else "unavailable (no NVML)"}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--out", help="write the results as JSON here (default: stdout)")
    p.add_argument("--networks", default=",".join(NETWORKS))
    p.add_argument("--device", default="cuda", choices=["cuda", "cpu"])
    p.add_argument("--window", type=float, default=1.5, help="seconds per timed window")
    p.add_argument("--repeats", type=int, default=2)
    p.add_argument("--warmup", type=int, default=5)
    p.add_argument("--batches", default="1,32", help="eager batch sizes (graph replay: batch 1)")
    p.add_argument("--tf32", action="store_true", help="allow TF32 (default: strict float32)")
    args = p.parse_args()

    import torch
    torch.backends.cudnn.allow_tf32 = args.tf32
    torch.backends.cuda.matmul.allow_tf32 = args.tf32
    torch.backends.cudnn.benchmark = True
    if args.device == "cuda" and not torch.cuda.is_available():
        print("torch_baseline: no CUDA device visible to PyTorch", file=sys.stderr)
        return 3
    configs = [("eager", int(b)) for b in args.batches.split(",")]
    configs += [("graph", 1)] if args.device == "cuda" else []
    nvml = None
    if args.device == "cuda":
        try:
            nvml = Nvml()
        except (OSError, RuntimeError) as e:
            print(f"torch_baseline: NVML unavailable ({e}); energy not measured", file=sys.stderr)
    results = []
    for name in args.networks.split(","):
        for mode, batch in configs:
            if nvml:
                with EdgePoller(nvml) as poller:
                    r = measure(torch, name, mode, batch, args, poller)
            else:
                r = measure(torch, name, mode, batch, args, None)
            results.append(r)
            lat = r["latency_ms"]
            print(f"{name:14s} {mode:5s} b{batch:<3d} {lat['mean']:9.3f} ms "
                  f"(cv {lat['cv']:.3f}, n {lat['n']})", file=sys.stderr)
    doc = {"framework": "pytorch", "torch": torch.__version__, "device": args.device,
           "gpu": torch.cuda.get_device_name(0) if args.device == "cuda" else None,
           "precision": "tf32" if args.tf32 else "float32", "window_s": args.window,
           "repeats": args.repeats, "results": results}
    text = json.dumps(doc, indent=2)
    if args.out:
        with open(args.out, "w") as f:
            f.write(text + "\n")
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
