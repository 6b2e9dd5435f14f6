#!/usr/bin/python3
"""Makes ONNX sample models of torchvision architectures and counts their MACs with forward hooks.

Run with Debian's /usr/bin/python3 (python3-torch, python3-torchvision, python3-onnx).

  make_onnx_samples.py --set small --out tests/data/onnx --json tests/data/onnx/macs.json
      writes the small committed samples (reduced width / class count, random weights) and
      rewrites macs.json with the conv and fully-connected MAC totals of every sample, small and
      full-size, counted by PyTorch forward hooks.
  make_onnx_samples.py --set fuzz --out fuzz/corpus/onnx
      writes the few-kB seed models of the ONNX fuzz target.
  make_onnx_samples.py --set full --out build/onnx_samples
      writes the full-size torchvision networks (tens of MB each, never committed); the tests
      run this when the files are missing and /usr/bin/python3 has torch, and skip otherwise.

MACs follow the SyNERGY definition at batch 1: conv out_h*out_w*out_c*k_h*k_w*in_c/groups,
fully-connected in*out.
"""
import argparse
import json
import os
import sys
import tempfile

import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision
from torchvision import models


class OpsSample(nn.Module):
    """Small network that uses layer types torchvision networks rarely export (PyTorch writes
    LocalResponseNorm as a chain of elementary ops, so LRN is covered by the C++ tests)."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 16, 3, stride=2, padding=1, bias=False)
        self.bn1 = nn.BatchNorm2d(16)
        self.pool1 = nn.MaxPool2d(3, stride=2, ceil_mode=True)
        self.grouped = nn.Conv2d(16, 32, 3, padding=2, dilation=2, groups=4)
        self.avg = nn.AvgPool2d(3, stride=2, padding=1, ceil_mode=True, count_include_pad=False)
        self.asym = nn.Conv2d(32, 24, (3, 1), stride=(1, 2))
        self.se_fc1 = nn.Conv2d(24, 8, 1)
        self.se_fc2 = nn.Conv2d(8, 24, 1)
        self.fc = nn.Linear(384, 10)
        self.weight = nn.Parameter(torch.randn(10, 7))

    def forward(self, x):
        x = F.leaky_relu(self.bn1(self.conv1(x)), 0.1)
        x = self.pool1(x)
        x = F.relu6(self.grouped(x))
        x = self.avg(x)
        x = F.pad(x, (1, 0, 0, 1))
        x = torch.tanh(self.asym(x))
        s = x.mean(dim=(2, 3), keepdim=True)
        s = torch.sigmoid(self.se_fc2(F.relu(self.se_fc1(s))))
        x = x * s
        a, b = torch.split(x, [16, 8], dim=1)
        x = torch.cat([b, a], dim=1)
        x = x[:, :, 1:, :]
        x = x.transpose(2, 3).contiguous()
        x = x.view(x.size(0), -1)
        x = F.hardtanh(self.fc(x), -2.0, 2.0)
        x = x @ self.weight
        return F.softmax(x, dim=1)


class FuzzSeed(nn.Module):
    """A few-hundred-parameter network: small seeds keep the fuzzer's mutations effective."""

    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3, padding=1)
        self.bn = nn.BatchNorm2d(4)
        self.dw = nn.Conv2d(4, 4, 3, stride=2, padding=1, groups=4, bias=False)
        self.fc = nn.Linear(4 * 3 * 3, 3)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.bn(self.conv(x))), 2, ceil_mode=True)
        x = F.hardswish(self.dw(x))
        x = x * torch.sigmoid(x.mean(dim=(2, 3), keepdim=True))
        a, b = torch.chunk(x, 2, dim=1)
        x = F.relu6(torch.cat([b, F.pad(a, (0, 0, 0, 0))], dim=1))
        x = x.view(x.size(0), -1)
        return F.softmax(self.fc(x), dim=1)


def tiny_shufflenet():
    return models.ShuffleNetV2([2, 2, 2], [24, 24, 48, 96, 128], num_classes=10)


# name -> (constructor, input hw, opset, dynamic batch). "small" ones are committed.
SMALL = {
    "mobilenet_v2_w025": (lambda: models.mobilenet_v2(width_mult=0.25, num_classes=10), 96, 11,
                          False),
    "shufflenet_v2_tiny": (tiny_shufflenet, 64, 13, False),
    "mobilenet_v3_small_w025": (
        lambda: models.mobilenet_v3_small(width_mult=0.25, num_classes=10), 64, 9, False),
    "ops_opset9": (OpsSample, 40, 9, False),
    "ops_opset17": (OpsSample, 40, 17, True),
}
FUZZ = {f"seed_opset{v}": (FuzzSeed, 9, v, v == 17) for v in (9, 11, 13, 17)}
FULL = {
    "resnet18": (models.resnet18, 224, 13, False),
    "mobilenet_v2": (models.mobilenet_v2, 224, 11, False),
    "squeezenet1_0": (models.squeezenet1_0, 224, 9, False),
    "shufflenet_v2_x1_0": (models.shufflenet_v2_x1_0, 224, 13, True),
    "mobilenet_v3_small": (models.mobilenet_v3_small, 224, 14, False),
    "efficientnet_b0": (models.efficientnet_b0, 224, 17, False),
    "googlenet": (lambda: models.googlenet(init_weights=False, aux_logits=False), 224, 12, False),
    "densenet121": (models.densenet121, 224, 10, False),
}


def build(ctor):
    torch.manual_seed(0)
    model = ctor()
    model.eval()
    return model


def hook_macs(model, x):
    """Conv and fully-connected MACs of one forward pass at batch 1, by forward hooks."""
    totals = {"conv": 0, "fc": 0}

    def on_conv(m, inp, out):
        k = m.kernel_size[0] * m.kernel_size[1]
        totals["conv"] += out[0].numel() * k * (m.in_channels // m.groups)

    def on_linear(m, inp, out):
        totals["fc"] += (out.numel() // out.shape[-1]) * m.in_features * m.out_features

    handles = []
    for m in model.modules():
        if isinstance(m, nn.Conv2d):
            handles.append(m.register_forward_hook(on_conv))
        elif isinstance(m, nn.Linear):
            handles.append(m.register_forward_hook(on_linear))
    with torch.no_grad():
        model(x)
    for h in handles:
        h.remove()
    if isinstance(model, OpsSample):  # the bare x @ weight is a MatMul with a constant
        totals["fc"] += model.weight.shape[0] * model.weight.shape[1]
    return totals


def export(model, x, path, opset, dynamic):
    # PRESERVE keeps BatchNormalization nodes (EVAL would fold them into the convolutions).
    keep_bn = isinstance(model, (OpsSample, FuzzSeed))
    mode = torch.onnx.TrainingMode.PRESERVE if keep_bn else torch.onnx.TrainingMode.EVAL
    axes = {"input": {0: "N"}, "output": {0: "N"}} if dynamic else None
    folder = os.path.dirname(os.path.abspath(path))
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(suffix=".onnx", dir=folder)
    os.close(fd)
    try:
        with torch.no_grad():
            torch.onnx.export(model, x, tmp, opset_version=opset, input_names=["input"],
                              output_names=["output"], dynamic_axes=axes, training=mode,
                              do_constant_folding=True)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)  # atomic: concurrent test processes never see half a file


def make(name, spec, out_dir, force):
    ctor, hw, opset, dynamic = spec
    path = os.path.join(out_dir, name + ".onnx")
    model = build(ctor)
    x = torch.randn(1, 3, hw, hw)
    if force or not os.path.exists(path):
        export(model, x, path, opset, dynamic)
    counts = hook_macs(model, x)
    return {"file": name + ".onnx", "input": [1, 3, hw, hw], "opset": opset,
            "dynamic_batch": dynamic, "conv_macs": counts["conv"], "fc_macs": counts["fc"]}


def main():
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--set", choices=["small", "full", "fuzz"], required=True)
    p.add_argument("--out", required=True, help="folder for the .onnx files")
    p.add_argument("--json", help="write the MAC counts of every sample here (with --set small)")
    p.add_argument("--force", action="store_true", help="overwrite existing files")
    args = p.parse_args()

    if args.set in ("full", "fuzz"):
        for name, spec in (FULL if args.set == "full" else FUZZ).items():
            make(name, spec, args.out, args.force)
            print(name, file=sys.stderr)
        return
    record = {"generator": "scripts/make_onnx_samples.py", "torch": torch.__version__,
              "torchvision": torchvision.__version__,
              "macs": "batch 1; conv out_h*out_w*out_c*k_h*k_w*in_c/groups; fc in*out",
              "small": {}, "full": {}}
    for name, spec in SMALL.items():
        record["small"][name] = make(name, spec, args.out, True)
    if args.json:
        for name, (ctor, hw, opset, _) in FULL.items():
            counts = hook_macs(build(ctor), torch.randn(1, 3, hw, hw))
            record["full"][name] = {"file": name + ".onnx", "input": [1, 3, hw, hw],
                                    "opset": opset, "conv_macs": counts["conv"],
                                    "fc_macs": counts["fc"]}
        with open(args.json, "w") as f:
            json.dump(record, f, indent=2)
            f.write("\n")


if __name__ == "__main__":
    main()
