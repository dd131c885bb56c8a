#!/usr/bin/python3
"""Writes the PyTorch references of ComplexNN's PooledCNN and rectangular pooling to
Tests/Fixtures/complexnn/.

Run with Debian's torch: `/usr/bin/python3 scripts/make_pooledcnn_fixtures.py`.

The networks are written out in torch 1.13 with complex64 tensors directly (complex conv2d, the
complex batch norm, cardioid and |z|-max-pool of complexnn_torch_ops.py), in PooledCNN.swift's
layer order: per block, (Conv2d k×k padding k/2 without bias → batch norm → activation) ×
convs_per_block, then 2×2 pooling with each side clamped to the map (a side of 1 is not pooled);
global pooling (mean over rows, then mean + max over frames, the max by |z| for complex; or the
plain mean); Linear head → real logits (|z| of a complex Linear, or a real Linear on [Re, Im]).
No dropout (the Swift side runs these with dropout 0, and checks eval() separately). One
training step: logits, cross-entropy, `.grad` of every parameter and of the input, the batch
norms' running statistics after it; then eval logits of another batch from those statistics.

- pooled_cnn_complex.npz: channels [2, 3], 2 convs per block, |z|-max pooling, mean+max global
  pooling, modulus head, cardioid; real input [3, 1, 9, 11].
- pooled_cnn_real.npz: the real twin (real BN, ReLU) with average pooling, same input size.
- pooled_cnn_thin.npz: channels [2, 3], 1 conv per block, average pooling, global average, real
  Linear on [Re, Im], CReLU; complex input [2, 1, 1, 7] (one row: pooling only along frames).
- pooling_rectangular.npz: |z|-max-pool (1, 2) and (2, 3) stride (1, 2) of a complex tensor,
  real max-pool (2, 1), complex average pool (3, 2) stride (2, 1); forward and `.grad` under the
  loss sum(Re(conj(w) y)).
Parameter arrays are named `param:<Swift name>`, gradients `grad:<Swift name>`, running
statistics `buffer:<Swift name>`. Each file records `torch_version` (UTF-8 bytes).
"""
import torch
import torch.nn.functional as F

from complexnn_torch_ops import (complex_avg_pool, crandn, leaf, max_pool_by_modulus, pooled_cnn_forward,
                                 pooled_cnn_parameters, pooled_cnn_statistics, save)

torch.manual_seed(20260215)


# MARK: - Rectangular pooling


def weighted_run(fn, x):
    x = leaf(x)
    y = fn(x)
    w = crandn(*y.shape) if y.is_complex() else torch.randn(*y.shape)
    ((torch.conj(w) * y).real.sum() if y.is_complex() else (w * y).sum()).backward()
    return x, y, w, x.grad


pooling_cases = {
    "max_complex_1x2": (lambda x: max_pool_by_modulus(x, (1, 2), (1, 2)), crandn(2, 3, 1, 7)),
    "max_complex_2x3_s1x2": (lambda x: max_pool_by_modulus(x, (2, 3), (1, 2)), crandn(2, 3, 5, 8)),
    "max_real_2x1": (lambda x: F.max_pool2d(x, (2, 1), (2, 1)), torch.randn(2, 3, 5, 4)),
    "avg_complex_3x2_s2x1": (lambda x: complex_avg_pool(x, (3, 2), (2, 1)), crandn(2, 3, 7, 5)),
}
arrays = {}
for case, (fn, x) in pooling_cases.items():
    x, y, w, grad = weighted_run(fn, x)
    arrays.update({f"x_{case}": x, f"y_{case}": y, f"w_out_{case}": w, f"grad_x_{case}": grad})
save("complexnn", "pooling_rectangular", **arrays)


# MARK: - PooledCNN


def random_parameter(role, shape, is_complex):
    """Random values away from the initial ones, so every parameter matters."""
    if role in ("conv", "head_weight"):
        scale = 0.4 if role == "conv" else 0.5
        return crandn(*shape, scale=scale) if is_complex else torch.randn(*shape) * 0.5
    if role == "head_bias":
        return crandn(*shape, scale=0.1) if is_complex else 0.1 * torch.randn(*shape)
    return {"gammaRR": lambda: 0.7 + 0.2 * torch.rand(*shape), "gammaRI": lambda: 0.2 * torch.rand(*shape) - 0.1,
            "gammaII": lambda: 0.7 + 0.2 * torch.rand(*shape), "beta": lambda: crandn(*shape, scale=0.1),
            "weight": lambda: 0.8 + 0.4 * torch.rand(*shape), "bias": lambda: 0.1 * torch.randn(*shape)}[role]()


def buffers(stats, complex_net):
    """The running statistics as `buffer:<Swift name>` arrays."""
    names = {"mean": "runningMean", "vrr": "runningVRR", "vri": "runningVRI", "vii": "runningVII",
             "var": "runningVariance"}
    return {f"buffer:{norm}.{names[key]}": value for norm, s in stats.items() for key, value in s.items()}


def pooled_cnn_fixture(name, spec, x, x_eval, classes=3):
    p = {k: leaf(v) for k, v in pooled_cnn_parameters(spec, x.shape[1], classes, random_parameter).items()}
    stats = pooled_cnn_statistics(p, spec["complex"])
    labels = torch.arange(x.shape[0]) % classes
    x = leaf(x)
    logits = pooled_cnn_forward(x, p, stats, spec, training=True)
    loss = F.cross_entropy(logits, labels)
    loss.backward()
    with torch.no_grad():
        eval_logits = pooled_cnn_forward(x_eval, p, stats, spec, training=False)
    arrays = {"x": x, "labels": labels.numpy().astype("int64"), "logits": logits, "loss": loss.reshape(1),
              "grad_x": x.grad, "x_eval": x_eval, "eval_logits": eval_logits}
    arrays.update({"param:" + k: v for k, v in p.items()})
    arrays.update({"grad:" + k: v.grad for k, v in p.items()})
    arrays.update(buffers(stats, spec["complex"]))
    save("complexnn", name, **arrays)


pooled_cnn_fixture("pooled_cnn_complex",
                   dict(channels=[2, 3], convs=2, complex=True, activation="cardioid", pooling="max",
                        global_pooling="meanMax", head="modulus"),
                   torch.randn(3, 1, 9, 11), torch.randn(2, 1, 9, 11))
pooled_cnn_fixture("pooled_cnn_real",
                   dict(channels=[2, 3], convs=2, complex=False, activation="relu", pooling="average",
                        global_pooling="meanMax", head="modulus"),
                   torch.randn(3, 1, 9, 11), torch.randn(2, 1, 9, 11))
pooled_cnn_fixture("pooled_cnn_thin",
                   dict(channels=[2, 3], convs=1, complex=True, activation="cReLU", pooling="average",
                        global_pooling="average", head="concatenatedRealLinear"),
                   crandn(2, 1, 1, 7), crandn(2, 1, 1, 7))
print("wrote pooling_rectangular.npz, pooled_cnn_complex.npz, pooled_cnn_real.npz, pooled_cnn_thin.npz")
