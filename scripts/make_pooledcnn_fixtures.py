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

from complexnn_torch_ops import (activations, complex_avg_pool, complex_batch_norm, crandn, leaf, max_pool_by_modulus,
                                 save)

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


def block_pool(z, kind):
    window = (min(2, z.shape[2]), min(2, z.shape[3]))
    if kind == "average":
        return complex_avg_pool(z, window, window) if z.is_complex() else F.avg_pool2d(z, window, window)
    return max_pool_by_modulus(z, window, window) if z.is_complex() else F.max_pool2d(z, window, window)


def global_pool(z, kind):
    if kind == "average":
        return z.mean(dim=(2, 3))
    over_rows = z.mean(dim=2)  # [N, C, frames]
    winner = (over_rows.abs() if z.is_complex() else over_rows).argmax(dim=2, keepdim=True)
    return over_rows.mean(dim=2) + over_rows.gather(2, winner).squeeze(2)


def parameters(channels, convs, input_channels, complex_net, head, classes):
    """Random parameters named as PooledCNN.namedParameters() names them."""
    p = {}
    previous = input_channels
    for b, out in enumerate(channels):
        for j in range(convs):
            prefix = f"block{b}."
            shape = (out, previous, 3, 3)
            p[prefix + f"conv{j}.weight"] = crandn(*shape, scale=0.4) if complex_net else torch.randn(*shape) * 0.5
            if complex_net:
                p[prefix + f"norm{j}.gammaRR"] = 0.7 + 0.2 * torch.rand(out)
                p[prefix + f"norm{j}.gammaRI"] = 0.2 * torch.rand(out) - 0.1
                p[prefix + f"norm{j}.gammaII"] = 0.7 + 0.2 * torch.rand(out)
                p[prefix + f"norm{j}.beta"] = crandn(out, scale=0.1)
            else:
                p[prefix + f"norm{j}.weight"] = 0.8 + 0.4 * torch.rand(out)
                p[prefix + f"norm{j}.bias"] = 0.1 * torch.randn(out)
            previous = out
    if complex_net and head != "concatenatedRealLinear":
        p["head.weight"], p["head.bias"] = crandn(classes, previous, scale=0.5), crandn(classes, scale=0.1)
    else:
        features = 2 * previous if complex_net else previous
        p["head.weight"], p["head.bias"] = torch.randn(classes, features) * 0.5, 0.1 * torch.randn(classes)
    return p


def running_statistics(p, complex_net):
    """Fresh running statistics per batch norm (mean 0, covariance I / variance 1), by Swift name."""
    stats = {}
    for name in p:
        if name.endswith(".gammaRR") or (not complex_net and name.endswith(".weight") and ".norm" in name):
            norm = name.rsplit(".", 1)[0]
            channels = p[name].shape[0]
            stats[norm] = ({"mean": torch.zeros(channels, dtype=torch.complex64), "vrr": torch.ones(channels),
                            "vri": torch.zeros(channels), "vii": torch.ones(channels)} if complex_net
                           else {"mean": torch.zeros(channels), "var": torch.ones(channels)})
    return stats


def forward(x, p, stats, spec, training):
    complex_net, act = spec["complex"], spec["activation"]
    z = x.to(torch.complex64) if complex_net else x
    for b in range(len(spec["channels"])):
        for j in range(spec["convs"]):
            prefix = f"block{b}.conv{j}"
            z = F.conv2d(z, p[prefix + ".weight"], None, padding=1)
            norm = f"block{b}.norm{j}"
            if complex_net:
                z = complex_batch_norm(z, p[norm + ".gammaRR"], p[norm + ".gammaRI"], p[norm + ".gammaII"],
                                       p[norm + ".beta"], running=stats[norm], training=training)
            else:
                z = F.batch_norm(z, stats[norm]["mean"], stats[norm]["var"], p[norm + ".weight"], p[norm + ".bias"],
                                 training=training)
            z = activations[act](z) if complex_net else F.relu(z)
        z = block_pool(z, spec["pooling"])
    h = global_pool(z, spec["global_pooling"])
    if not complex_net:
        return h @ p["head.weight"].T + p["head.bias"]
    if spec["head"] == "concatenatedRealLinear":
        return torch.cat([h.real, h.imag], dim=1) @ p["head.weight"].T + p["head.bias"]
    return (h @ p["head.weight"].T + p["head.bias"]).abs()


def buffers(stats, complex_net):
    out = {}
    for norm, s in stats.items():
        if complex_net:
            out.update({f"buffer:{norm}.runningMean": s["mean"], f"buffer:{norm}.runningVRR": s["vrr"],
                        f"buffer:{norm}.runningVRI": s["vri"], f"buffer:{norm}.runningVII": s["vii"]})
        else:
            out.update({f"buffer:{norm}.runningMean": s["mean"], f"buffer:{norm}.runningVariance": s["var"]})
    return out


def pooled_cnn_fixture(name, spec, x, x_eval, classes=3):
    p = {k: leaf(v) for k, v in parameters(spec["channels"], spec["convs"], x.shape[1], spec["complex"],
                                           spec["head"], classes).items()}
    stats = running_statistics(p, spec["complex"])
    labels = torch.arange(x.shape[0]) % classes
    x = leaf(x)
    logits = forward(x, p, stats, spec, training=True)
    loss = F.cross_entropy(logits, labels)
    loss.backward()
    with torch.no_grad():
        eval_logits = forward(x_eval, p, stats, spec, training=False)
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
