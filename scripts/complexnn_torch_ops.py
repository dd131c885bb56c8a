"""Complex-valued ops written from their formulas with torch ops, as ComplexNN implements them.

PyTorch has no built-in complex batch norm, cardioid or |z| max-pool; these definitions are shared
by the fixture scripts (`make_complexnn_fixtures.py`, `make_training_fixtures.py`,
`make_pooledcnn_fixtures.py`; torch autograd differentiates them) and the training-step benchmark
(`bench/cvcnn_step_vs_torch.py`), with the fixtures' file format (`save`).
"""
import pathlib

import numpy as np
import torch
import torch.nn.functional as F

FIXTURES = pathlib.Path(__file__).resolve().parent.parent / "Tests" / "Fixtures"


def leaf(t):
    """A fresh autograd leaf holding t's values."""
    return t.clone().detach().requires_grad_(True)


def save(folder, name, **arrays):
    """Writes Tests/Fixtures/<folder>/<name>.npz: the arrays (tensors detached) and `torch_version`
    (UTF-8 bytes)."""
    out = {"torch_version": np.frombuffer(torch.__version__.encode(), dtype=np.uint8)}
    for key, value in arrays.items():
        if isinstance(value, torch.Tensor):
            value = value.detach().numpy()
        out[key] = np.ascontiguousarray(value)
    np.savez(FIXTURES / folder / (name + ".npz"), **out)


def crandn(*shape, scale=1.0):
    return torch.complex(torch.randn(*shape), torch.randn(*shape)) * scale


def safe_direction(z):
    return z / z.abs()


activations = {
    "cReLU": lambda z: torch.complex(F.relu(z.real), F.relu(z.imag)),
    "zReLU": lambda z: z * ((z.real >= 0) & (z.imag >= 0)),
    "cardioid": lambda z: 0.5 * (1 + torch.cos(torch.angle(z))) * z,
    "splitTanh": lambda z: torch.complex(torch.tanh(z.real), torch.tanh(z.imag)),
    "splitSigmoid": lambda z: torch.complex(torch.sigmoid(z.real), torch.sigmoid(z.imag)),
    "modulusTanh": lambda z: torch.tanh(z.abs()) * safe_direction(z),
}


def complex_avg_pool(z, k, s):
    """Average pooling of the real and imaginary parts (window k, stride s)."""
    return torch.complex(F.avg_pool2d(z.real, k, s), F.avg_pool2d(z.imag, k, s))


def max_pool_by_modulus(z, k, s):
    """Max-pool by |z| (window k, stride s) returning the complex value of the largest modulus."""
    _, idx = F.max_pool2d(z.abs(), k, s, return_indices=True)
    return z.flatten(2).gather(2, idx.flatten(2)).view(idx.shape)


def complex_batch_norm(z, gamma_rr, gamma_ri, gamma_ii, beta, running, training, eps=1e-5, momentum=0.1,
                       check_whitening=True):
    """Trabelsi et al. 2018 whitening BN over axis 1; running stats updated in place (unbiased).

    With `check_whitening` it asserts W·V·W = I per channel (a slow Python loop, off in benchmarks)."""
    dims = [d for d in range(z.dim()) if d != 1]
    shape = [1, z.shape[1]] + [1] * (z.dim() - 2)
    if training:
        mean_r, mean_i = z.real.mean(dims), z.imag.mean(dims)
    else:
        mean_r, mean_i = running["mean"].real, running["mean"].imag
    xr, xi = z.real - mean_r.view(shape), z.imag - mean_i.view(shape)
    if training:
        vrr, vri, vii = (xr * xr).mean(dims), (xr * xi).mean(dims), (xi * xi).mean(dims)
        count = z.numel() / z.shape[1]
        with torch.no_grad():
            unbiased = count / (count - 1)
            running["mean"] = (1 - momentum) * running["mean"] + momentum * torch.complex(mean_r, mean_i)
            for key, v in (("vrr", vrr), ("vri", vri), ("vii", vii)):
                running[key] = (1 - momentum) * running[key] + momentum * v * unbiased
    else:
        vrr, vri, vii = running["vrr"], running["vri"], running["vii"]
    vrr, vii = vrr + eps, vii + eps
    s = torch.sqrt(vrr * vii - vri * vri)
    t = torch.sqrt(vrr + vii + 2 * s)
    inv = 1 / (s * t)
    wrr, wri, wii = ((vii + s) * inv).view(shape), (-vri * inv).view(shape), ((vrr + s) * inv).view(shape)
    for c in range(z.shape[1] if check_whitening else 0):  # W V W = I for every channel
        w = torch.tensor([[wrr.flatten()[c], wri.flatten()[c]], [wri.flatten()[c], wii.flatten()[c]]])
        v = torch.tensor([[vrr[c], vri[c]], [vri[c], vii[c]]])
        assert torch.allclose(w @ v @ w, torch.eye(2), atol=1e-4)
    zr, zi = wrr * xr + wri * xi, wri * xr + wii * xi
    g = lambda p: p.view(shape)
    return torch.complex(g(gamma_rr) * zr + g(gamma_ri) * zi + g(beta.real),
                         g(gamma_ri) * zr + g(gamma_ii) * zi + g(beta.imag))


# MARK: - PooledCNN (PooledCNN.swift's layers; parameters and statistics named as in Swift)


def pooled_cnn_parameters(spec, input_channels, classes, make):
    """The parameters of a PooledCNN by Swift name, each `make(role, shape, is_complex)` with role
    conv, gammaRR, gammaRI, gammaII, beta (complex BN), weight, bias (real BN), head_weight or
    head_bias, in the order PooledCNN creates them. `spec`: channels, convs, complex, head, and
    optionally kernel (default 3)."""
    complex_net, kernel, p, previous = spec["complex"], spec.get("kernel", 3), {}, input_channels
    for b, out in enumerate(spec["channels"]):
        for j in range(spec["convs"]):
            p[f"block{b}.conv{j}.weight"] = make("conv", (out, previous, kernel, kernel), complex_net)
            for role in ("gammaRR", "gammaRI", "gammaII", "beta") if complex_net else ("weight", "bias"):
                p[f"block{b}.norm{j}.{role}"] = make(role, (out,), role == "beta")
            previous = out
    complex_head = complex_net and spec["head"] != "concatenatedRealLinear"
    features = 2 * previous if complex_net and not complex_head else previous
    p["head.weight"] = make("head_weight", (classes, features), complex_head)
    p["head.bias"] = make("head_bias", (classes,), complex_head)
    return p


def pooled_cnn_statistics(p, complex_net):
    """Fresh running statistics of each batch norm of parameters `p` (mean 0, covariance I or
    variance 1), by the norm's Swift name."""
    stats = {}
    for name, value in p.items():
        if ".norm" in name and name.endswith(".gammaRR" if complex_net else ".weight"):
            channels = value.shape[0]
            stats[name.rsplit(".", 1)[0]] = (
                {"mean": torch.zeros(channels, dtype=torch.complex64), "vrr": torch.ones(channels),
                 "vri": torch.zeros(channels), "vii": torch.ones(channels)} if complex_net
                else {"mean": torch.zeros(channels), "var": torch.ones(channels)})
    return stats


def conv2d_real_pairs(z, weight, padding):
    """A complex convolution as four real ones (complexPyTorch's `apply_complex`): (W_r * x_r −
    W_i * x_i) + i(W_r * x_i + W_i * x_r). Same values as F.conv2d on complex64, which torch 1.13
    runs on the CPU without its fast real kernels (about 30× slower here)."""
    conv = lambda a, w: F.conv2d(a, w, None, padding=padding)
    xr, xi, wr, wi = z.real, z.imag, weight.real, weight.imag
    return torch.complex(conv(xr, wr) - conv(xi, wi), conv(xi, wr) + conv(xr, wi))


def pooled_cnn_forward(x, p, stats, spec, training, dropout=0.0, check_whitening=True, real_pairs=False):
    """Real logits of a PooledCNN: per block (conv k×k padding k/2, no bias → BN → activation) ×
    convs, then 2×2 pooling clamped to the map; global pooling; dropout (one real mask, in
    training); the head. `spec` adds to pooled_cnn_parameters' keys: activation, pooling
    (max/average), global_pooling (meanMax/average). Running statistics in `stats` move in training.
    Complex convolutions are complex64 F.conv2d, or `conv2d_real_pairs` when `real_pairs`."""
    complex_net = spec["complex"]
    z = x.to(torch.complex64) if complex_net else x
    for b in range(len(spec["channels"])):
        for j in range(spec["convs"]):
            weight, padding = p[f"block{b}.conv{j}.weight"], spec.get("kernel", 3) // 2
            z = (conv2d_real_pairs(z, weight, padding) if complex_net and real_pairs
                 else F.conv2d(z, weight, None, padding=padding))
            norm, s = f"block{b}.norm{j}", stats[f"block{b}.norm{j}"]
            if complex_net:
                z = complex_batch_norm(z, p[norm + ".gammaRR"], p[norm + ".gammaRI"], p[norm + ".gammaII"],
                                       p[norm + ".beta"], running=s, training=training, check_whitening=check_whitening)
                z = activations[spec["activation"]](z)
            else:
                z = F.relu(F.batch_norm(z, s["mean"], s["var"], p[norm + ".weight"], p[norm + ".bias"], training=training))
        window = (min(2, z.shape[2]), min(2, z.shape[3]))
        if spec["pooling"] == "average":
            z = complex_avg_pool(z, window, window) if complex_net else F.avg_pool2d(z, window, window)
        else:
            z = max_pool_by_modulus(z, window, window) if complex_net else F.max_pool2d(z, window, window)
    if spec["global_pooling"] == "average":
        h = z.mean(dim=(2, 3))
    else:
        over_rows = z.mean(dim=2)  # [N, C, frames]
        winner = (over_rows.abs() if complex_net else over_rows).argmax(dim=2, keepdim=True)
        h = over_rows.mean(dim=2) + over_rows.gather(2, winner).squeeze(2)
    if training and dropout > 0:
        h = h * ((torch.rand(h.shape) >= dropout) / (1 - dropout))
    if not complex_net:
        return h @ p["head.weight"].T + p["head.bias"]
    if spec["head"] == "concatenatedRealLinear":
        return torch.cat([h.real, h.imag], dim=1) @ p["head.weight"].T + p["head.bias"]
    return (h @ p["head.weight"].T + p["head.bias"]).abs()
