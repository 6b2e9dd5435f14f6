#!/usr/bin/python3
"""Writes PyTorch's output for the committed ONNX samples, for the engine's PyTorch comparison.

Run with Debian's /usr/bin/python3 (python3-torch, python3-torchvision, python3-onnx, numpy):

  tests/engine/make_pytorch_reference.py [--data tests/data/onnx]

For every small sample of scripts/make_onnx_samples.py whose .onnx file exists, it rebuilds the
PyTorch module the same way (same constructor, same seed), checks that exporting it again gives
exactly the committed file's weights (so the module really is the one in the file), then writes
<name>.input.npy (float32, seeded normal noise, batch 1) and <name>.output.npy (the module's
output for that input, in eval mode, float32).
"""
import argparse
import importlib.util
import os
import sys
import tempfile

import numpy as np
import onnx
import torch
from onnx import numpy_helper

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def load_sample_script():
    path = os.path.join(ROOT, "scripts", "make_onnx_samples.py")
    spec = importlib.util.spec_from_file_location("make_onnx_samples", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def initializers(path):
    return {t.name: numpy_helper.to_array(t) for t in onnx.load(path).graph.initializer}


def same_weights(committed, exported):
    a, b = initializers(committed), initializers(exported)
    if a.keys() != b.keys():
        return False
    return all(a[k].shape == b[k].shape and np.array_equal(a[k], b[k]) for k in a)


def make(samples, name, data_dir):
    ctor, hw, opset, dynamic = samples.SMALL[name]
    path = os.path.join(data_dir, name + ".onnx")
    model = samples.build(ctor)
    with tempfile.TemporaryDirectory() as scratch:
        again = os.path.join(scratch, name + ".onnx")
        samples.export(model, torch.randn(1, 3, hw, hw), again, opset, dynamic)
        if not same_weights(path, again):
            print(f"{name}: the committed file's weights differ from a fresh export; "
                  "regenerate the samples first", file=sys.stderr)
            return False
    generator = torch.Generator().manual_seed(20180330)
    x = torch.randn(1, 3, hw, hw, generator=generator)
    with torch.no_grad():
        y = model(x)
    np.save(os.path.join(data_dir, name + ".input.npy"), x.numpy().astype(np.float32))
    np.save(os.path.join(data_dir, name + ".output.npy"), y.numpy().astype(np.float32))
    print(f"{name}: input {tuple(x.shape)} output {tuple(y.shape)}", file=sys.stderr)
    return True


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", default=os.path.join(ROOT, "tests", "data", "onnx"))
    args = p.parse_args()
    samples = load_sample_script()
    ok = True
    for name in samples.SMALL:
        if os.path.exists(os.path.join(args.data, name + ".onnx")):
            ok = make(samples, name, args.data) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
