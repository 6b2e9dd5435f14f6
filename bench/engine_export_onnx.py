#!/usr/bin/python3
"""Exports torchvision architectures (random weights, eval mode, batch 1) to ONNX for
bench/engine_vs_opencv. Run with Debian's /usr/bin/python3 (python3-torch, python3-torchvision).

    /usr/bin/python3 bench/engine_export_onnx.py OUT_DIR [name ...]

Opset 13, except opset 10 for the networks OpenCV DNN 4.6 cannot read at 13 (as in
data/engine_baselines.csv).
"""
import os
import sys

import torch
import torchvision

NETWORKS = {
    "alexnet": 224, "resnet18": 224, "resnet50": 224, "squeezenet1_0": 224,
    "squeezenet1_1": 224, "mobilenet_v2": 224, "mobilenet_v3_small": 224, "googlenet": 224,
    "densenet121": 224, "shufflenet_v2_x1_0": 224, "mnasnet1_0": 224, "efficientnet_b0": 224,
    "regnet_x_400mf": 224, "inception_v3": 299, "vgg16": 224,
}
OPSET_10 = {"mobilenet_v2", "shufflenet_v2_x1_0"}


def randomize_vectors(model):
    """Distinct biases and BN statistics: the exporter merges equal initializers into Identity
    nodes, which OpenCV DNN 4.6 cannot read."""
    for key, t in model.state_dict().items():
        if not t.is_floating_point():
            continue
        if key.endswith("running_var"):
            t.uniform_(0.5, 1.5)
        elif t.dim() <= 1:
            t.add_(torch.empty_like(t).uniform_(-0.05, 0.05))


def export(name, out_dir):
    path = os.path.join(out_dir, name + ".onnx")
    if os.path.exists(path):
        return
    torch.manual_seed(0)
    kwargs = {"aux_logits": False, "init_weights": True} if name in ("googlenet", "inception_v3") else {}
    model = getattr(torchvision.models, name)(weights=None, **kwargs).eval()
    randomize_vectors(model)
    size = NETWORKS[name]
    x = torch.rand(1, 3, size, size)
    with torch.no_grad():
        torch.onnx.export(model, x, path, opset_version=10 if name in OPSET_10 else 13,
                          input_names=["input"], output_names=["output"])
    print(f"wrote {path}", file=sys.stderr)


def main():
    out_dir = sys.argv[1]
    os.makedirs(out_dir, exist_ok=True)
    for name in sys.argv[2:] or NETWORKS:
        export(name, out_dir)


if __name__ == "__main__":
    main()
