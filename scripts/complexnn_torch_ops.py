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
