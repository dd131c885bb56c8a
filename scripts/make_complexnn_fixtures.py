#!/usr/bin/python3
"""Writes the PyTorch reference fixtures of the ComplexNN tests to Tests/Fixtures/complexnn/.

Run with Debian's torch: `/usr/bin/python3 scripts/make_complexnn_fixtures.py`.

Every layer/op is run forward and backward with torch.complex64 autograd. The backward pass uses
the loss L = sum(Re(conj(w) * y)) (or sum(w * y) for real outputs) with a random `w_out` of the
output's shape, so the Swift test seeds the output gradient with `w_out`. Gradients are PyTorch's
`.grad` (= dL/dRe + i dL/dIm, the engine's convention). Complex batch norm, modReLU and the other
complex activations have no torch built-in: they are written here from their formulas with torch
ops, and torch's autograd differentiates them. Each file records `torch_version` (UTF-8 bytes).
"""
import os

import numpy as np
import torch
import torch.nn.functional as F

import complexnn_torch_ops as ops
from complexnn_torch_ops import (activations, complex_avg_pool, complex_batch_norm, crandn, leaf, max_pool_by_modulus,
                                 safe_direction)

OUT = ops.FIXTURES / "complexnn"
torch.manual_seed(20251029)


def weighted_loss(y, w):
    return (torch.conj(w) * y).real.sum() if y.is_complex() else (w * y).sum()


def save(name, **arrays):
    ops.save("complexnn", name, **arrays)


def run(name, fn, inputs, extra=None):
    """Runs y = fn(*inputs) with a random output weighting and saves inputs, y, grads."""
    leaves = {k: leaf(v) for k, v in inputs.items()}
    y = fn(**leaves)
    w = crandn(*y.shape) if y.is_complex() else torch.randn(*y.shape)
    weighted_loss(y, w).backward()
    arrays = dict(leaves)
    arrays.update({"grad_" + k: v.grad for k, v in leaves.items()})
    arrays.update(y=y, w_out=w)
    arrays.update(extra or {})
    save(name, **arrays)


# MARK: - Linear and convolution

run("linear_complex", lambda x, weight, bias: x @ weight.T + bias,
    dict(x=crandn(4, 6), weight=crandn(5, 6, scale=0.4), bias=crandn(5)))
run("linear_real", lambda x, weight, bias: x @ weight.T + bias,
    dict(x=torch.randn(4, 6), weight=torch.randn(5, 6) * 0.4, bias=torch.randn(5)))
conv_args = dict(stride=(2, 1), padding=(1, 2), dilation=(1, 2))
run("conv2d_complex", lambda x, weight, bias: F.conv2d(x, weight, bias, **conv_args),
    dict(x=crandn(2, 3, 7, 8), weight=crandn(4, 3, 3, 2, scale=0.3), bias=crandn(4)))
run("conv2d_real", lambda x, weight, bias: F.conv2d(x, weight, bias, **conv_args),
    dict(x=torch.randn(2, 3, 7, 8), weight=torch.randn(4, 3, 3, 2) * 0.3, bias=torch.randn(4)))
run("conv1d_complex", lambda x, weight, bias: F.conv1d(x, weight, bias, stride=2, padding=1, dilation=2),
    dict(x=crandn(2, 3, 11), weight=crandn(4, 3, 3, scale=0.3), bias=crandn(4)))

# MARK: - Activations (formulas in complexnn_torch_ops.py, as documented in Activations.swift)

activation_input = crandn(6, 8)
activation_input[0, :4] = crandn(4, scale=1e-3)  # near z = 0
for kind, fn in activations.items():
    run("activation_" + kind, lambda z, fn=fn: fn(z), dict(z=activation_input))
run("activation_relu", F.relu, dict(input=torch.randn(6, 8)))
run("activation_gelu", F.gelu, dict(input=torch.randn(6, 8)))
modrelu_bias = torch.tensor([-0.8, -0.3, 0.0, 0.2, 0.5, -1.5, 1.0, -0.05])
run("activation_modReLU",
    lambda z, bias: F.relu(z.abs() + bias) * safe_direction(z),
    dict(z=activation_input, bias=modrelu_bias))

# MARK: - Pooling


run("maxpool_complex", lambda x: max_pool_by_modulus(x, 2, 2), dict(x=crandn(2, 3, 7, 9)))
run("maxpool_complex_k3s2", lambda x: max_pool_by_modulus(x, 3, 2), dict(x=crandn(2, 3, 7, 9)))
run("maxpool_real", lambda x: F.max_pool2d(x, 2, 2), dict(x=torch.randn(2, 3, 7, 9)))
run("avgpool_complex_k3s2", lambda x: complex_avg_pool(x, 3, 2), dict(x=crandn(2, 3, 7, 9)))
run("globalavgpool_complex", lambda x: x.mean(dim=(2, 3)), dict(x=crandn(2, 3, 4, 5)))

# MARK: - Batch normalisation


def batch_norm_fixture():
    channels = 3
    running = {"mean": torch.zeros(channels, dtype=torch.complex64), "vrr": torch.ones(channels),
               "vri": torch.zeros(channels), "vii": torch.ones(channels)}
    params = dict(gamma_rr=torch.tensor([0.9, 0.7, 1.2]), gamma_ri=torch.tensor([0.1, -0.2, 0.05]),
                  gamma_ii=torch.tensor([0.8, 1.1, 0.6]), beta=crandn(channels))
    arrays = {}
    # correlated real/imag parts with per-channel offsets, so whitening matters
    for step in range(3):
        base = crandn(4, channels, 3, 5)
        x = (base + 0.6 * base.conj() + torch.tensor([1.0 + 2.0j, -0.5j, 3.0]).view(1, 3, 1, 1)).to(torch.complex64)
        training = step < 2
        leaves = {k: leaf(v) for k, v in params.items()}
        xl = leaf(x)
        y = complex_batch_norm(xl, **leaves, running=running, training=training)
        w = crandn(*y.shape)
        weighted_loss(y, w).backward()
        arrays.update({f"x{step}": xl, f"y{step}": y, f"w_out{step}": w, f"grad_x{step}": xl.grad})
        arrays.update({f"grad_{k}{step}": v.grad for k, v in leaves.items()})
        arrays.update({f"running_{k}{step}": v.clone() for k, v in running.items()})
    arrays.update(params)
    save("complex_batchnorm", **arrays)


def real_batch_norm_fixture():
    bn = torch.nn.BatchNorm2d(3)
    with torch.no_grad():
        bn.weight.copy_(torch.tensor([0.9, 1.3, 0.5]))
        bn.bias.copy_(torch.tensor([0.1, -0.4, 0.2]))
    arrays = {"weight": bn.weight.detach().clone(), "bias": bn.bias.detach().clone()}
    for step in range(3):
        bn.train(step < 2)
        bn.zero_grad()
        x = leaf(torch.randn(4, 3, 3, 5) * 2 + 1)
        y = bn(x)
        w = torch.randn(*y.shape)
        weighted_loss(y, w).backward()
        arrays.update({f"x{step}": x, f"y{step}": y, f"w_out{step}": w, f"grad_x{step}": x.grad,
                       f"grad_weight{step}": bn.weight.grad.clone(), f"grad_bias{step}": bn.bias.grad.clone(),
                       f"running_mean{step}": bn.running_mean.clone(), f"running_var{step}": bn.running_var.clone()})
    save("real_batchnorm", **arrays)


batch_norm_fixture()
real_batch_norm_fixture()

# MARK: - Loss

logits_z = crandn(5, 4)
labels = torch.tensor([0, 3, 1, 1, 2])
for smoothing in (0.0, 0.1):
    z = leaf(logits_z)
    loss = F.cross_entropy(z.abs(), labels, label_smoothing=smoothing)
    loss.backward()
    save(f"cross_entropy_modulus_ls{int(smoothing * 10)}", z=z, labels=labels.numpy().astype(np.int64),
         loss=loss.reshape(1), grad_z=z.grad)

# MARK: - Optimizers (a complex and a real parameter, three steps of fixed gradients)

p0, q0 = crandn(3, 4), torch.randn(5)
grads = [(crandn(3, 4), torch.randn(5)) for _ in range(3)]
optimizers = {
    "sgd_momentum": lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9, weight_decay=0.01),
    "sgd_nesterov": lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.01),
    "adam": lambda ps: torch.optim.Adam(ps, lr=0.01, weight_decay=0.01),
    "adamw": lambda ps: torch.optim.AdamW(ps, lr=0.01, weight_decay=0.1),
}
for name, make in optimizers.items():
    p, q = leaf(p0), leaf(q0)
    opt = make([p, q])
    arrays = {"p_init": p0, "q_init": q0}
    for step, (gp, gq) in enumerate(grads):
        p.grad, q.grad = gp.clone(), gq.clone()
        opt.step()
        arrays.update({f"grad_p{step}": gp, f"grad_q{step}": gq, f"p{step}": p.detach().clone(),
                       f"q{step}": q.detach().clone()})
    save("optimizer_" + name, **arrays)

schedule_rates = {}
for name, make in {"cosine": lambda o: torch.optim.lr_scheduler.CosineAnnealingLR(o, T_max=8, eta_min=0.001)}.items():
    opt = torch.optim.SGD([leaf(q0)], lr=0.1)
    sched = make(opt)
    rates = []
    for _ in range(10):
        rates.append(opt.param_groups[0]["lr"])
        opt.step()
        sched.step()
    schedule_rates[name] = np.array(rates, dtype=np.float64)
save("lr_schedules", **schedule_rates)

# MARK: - A small CVCNN end to end (same layer order as CVCNN.swift, cardioid activation)


def mini_cvcnn():
    p = {"conv1.weight": crandn(2, 1, 2, 2, scale=0.5), "conv1.bias": crandn(2, scale=0.1),
         "bn1.gammaRR": torch.tensor([0.8, 0.6]), "bn1.gammaRI": torch.tensor([0.1, -0.1]),
         "bn1.gammaII": torch.tensor([0.7, 0.9]), "bn1.beta": crandn(2, scale=0.1),
         "conv2.weight": crandn(3, 2, 2, 2, scale=0.5), "conv2.bias": crandn(3, scale=0.1),
         "fc1.weight": crandn(7, 6, scale=0.4), "fc1.bias": crandn(7, scale=0.1),
         "fc2.weight": crandn(3, 7, scale=0.4), "fc2.bias": crandn(3, scale=0.1)}
    leaves = {k: leaf(v) for k, v in p.items()}
    x = leaf(torch.randn(4, 1, 9, 13))
    labels = torch.tensor([0, 2, 1, 2])
    running = {"mean": torch.zeros(2, dtype=torch.complex64), "vrr": torch.ones(2), "vri": torch.zeros(2),
               "vii": torch.ones(2)}
    card = activations["cardioid"]
    h = card(F.conv2d(x.to(torch.complex64), leaves["conv1.weight"], leaves["conv1.bias"]))
    h = max_pool_by_modulus(h, 2, 2)
    h = complex_batch_norm(h, leaves["bn1.gammaRR"], leaves["bn1.gammaRI"], leaves["bn1.gammaII"],
                           leaves["bn1.beta"], running=running, training=True)
    h = max_pool_by_modulus(card(F.conv2d(h, leaves["conv2.weight"], leaves["conv2.bias"])), 2, 2)
    h = card(h.flatten(1) @ leaves["fc1.weight"].T + leaves["fc1.bias"])
    logits = (h @ leaves["fc2.weight"].T + leaves["fc2.bias"]).abs()
    loss = F.cross_entropy(logits, labels)
    loss.backward()
    arrays = {"x": x, "labels": labels.numpy().astype(np.int64), "logits": logits, "loss": loss.reshape(1),
              "grad_x": x.grad}
    arrays.update({"param:" + k: v for k, v in leaves.items()})
    arrays.update({"grad:" + k: v.grad for k, v in leaves.items()})
    save("mini_cvcnn", **arrays)


mini_cvcnn()
print("wrote", sorted(os.listdir(OUT)))
