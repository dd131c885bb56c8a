#!/usr/bin/python3
"""Writes the reference fixtures of the PhaseGraph tests to Tests/Fixtures/phasegraph/.

Run with Debian's torch: `/usr/bin/python3 scripts/make_phasegraph_fixtures.py`.

- gcn.npz: PyG's `gcn_norm` + `GCNConv` written out faithfully in torch on an edge list
  (add self-loops with fill value 1, deg = scatter_add(w, col), deg^-1/2 with inf -> 0,
  norm = deg^-1/2[row] * w * deg^-1/2[col], out[col] += norm * (X W^T)[row], + bias), for a batch
  of two weighted undirected graphs (the second has an isolated node), forward and backward with
  the loss L = sum(w_out * out): grads w.r.t. X, W, b and the edge weights.
- complex_gcn.npz: the Hermitian complex convolution in torch complex64:
  A = w * exp(i theta) (w symmetric >= 0, theta antisymmetric), A_tilde = A + I,
  D = diag(sum_j |A_tilde_ij|), A_hat = D^-1/2 A_tilde D^-1/2, out = A_hat (X W^T) + b, with
  L = sum(Re(conj(w_out) * out)); grads (PyTorch .grad) w.r.t. X, W, b and w.
- phases.npz: phase-difference similarity 1 - mean|wrap(phi_i - phi_j)|/pi, PLV and coherence
  angle from NumPy on phases with some phase-locked rows.
Each file records `torch_version` / `numpy_version` (UTF-8 bytes).
"""
import os

import numpy as np
import torch

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "Fixtures", "phasegraph")
torch.manual_seed(20251129)
rng = np.random.default_rng(20251129)


def save(name, **arrays):
    out = {"torch_version": np.frombuffer(torch.__version__.encode(), dtype=np.uint8),
           "numpy_version": np.frombuffer(np.__version__.encode(), dtype=np.uint8)}
    for key, value in arrays.items():
        if isinstance(value, torch.Tensor):
            value = value.detach().numpy()
        out[key] = np.ascontiguousarray(value)
    np.savez(os.path.join(OUT, name + ".npz"), **out)


def leaf(t):
    return t.clone().detach().requires_grad_(True)


def symmetric_weights(n, isolated=None):
    w = torch.rand(n, n) * 1.5 + 0.1
    w = (w + w.T) / 2
    w.fill_diagonal_(0)
    if isolated is not None:
        w[isolated, :] = 0
        w[:, isolated] = 0
    return w


def pyg_gcn_conv(x, weight, bias, dense_w):
    """GCNConv(normalize=True, add_self_loops=True) on the edge list of dense_w's nonzeros."""
    n = x.shape[0]
    row, col = torch.nonzero(dense_w.detach(), as_tuple=True)
    edge_weight = dense_w[row, col]
    loop = torch.arange(n)
    row = torch.cat([row, loop])
    col = torch.cat([col, loop])
    edge_weight = torch.cat([edge_weight, torch.ones(n)])  # fill value 1
    deg = torch.zeros(n).scatter_add(0, col, edge_weight)
    deg_inv_sqrt = deg.pow(-0.5)
    deg_inv_sqrt = deg_inv_sqrt.masked_fill(deg_inv_sqrt == float("inf"), 0)
    norm = deg_inv_sqrt[row] * edge_weight * deg_inv_sqrt[col]
    x_lin = x @ weight.T
    out = torch.zeros(n, weight.shape[0]).index_add(0, col, norm.unsqueeze(1) * x_lin[row])
    return out + bias


def gcn_fixture():
    n, f_in, f_out = 5, 4, 3
    x = leaf(torch.randn(2, n, f_in))
    weight = leaf(torch.randn(f_out, f_in) * 0.5)
    bias = leaf(torch.randn(f_out) * 0.1)
    w = leaf(torch.stack([symmetric_weights(n), symmetric_weights(n, isolated=3)]))
    out = torch.stack([pyg_gcn_conv(x[b], weight, bias, w[b]) for b in range(2)])
    w_out = torch.randn(out.shape)
    (w_out * out).sum().backward()
    save("gcn", x=x, weight=weight, bias=bias, edge_weights=w, out=out, w_out=w_out,
         grad_x=x.grad, grad_weight=weight.grad, grad_bias=bias.grad, grad_edge_weights=w.grad)


def crandn(*shape, scale=1.0):
    return torch.complex(torch.randn(*shape), torch.randn(*shape)) * scale


def complex_gcn_fixture():
    n, f_in, f_out = 5, 4, 3
    x = leaf(crandn(2, n, f_in))
    weight = leaf(crandn(f_out, f_in, scale=0.5))
    bias = leaf(crandn(f_out, scale=0.1))
    w = leaf(torch.stack([symmetric_weights(n), symmetric_weights(n, isolated=1)]))
    theta = torch.rand(2, n, n) * 2 * np.pi - np.pi
    theta = (theta - theta.transpose(1, 2)) / 2  # antisymmetric -> Hermitian A
    a = torch.polar(w, theta) + torch.eye(n)
    deg = a.abs().sum(dim=2)
    scale = deg.pow(-0.5)
    a_hat = scale.unsqueeze(2) * a * scale.unsqueeze(1)
    out = a_hat @ (x @ weight.T) + bias
    w_out = crandn(*out.shape)
    (torch.conj(w_out) * out).real.sum().backward()
    save("complex_gcn", x=x, weight=weight, bias=bias, edge_weights=w, angles=theta, adjacency=a_hat, out=out,
         w_out=w_out, grad_x=x.grad, grad_weight=weight.grad, grad_bias=bias.grad, grad_edge_weights=w.grad)


def phases_fixture():
    nodes, length = 6, 50
    phases = rng.uniform(-np.pi, np.pi, (nodes, length))
    phases[1] = np.angle(np.exp(1j * (phases[0] + 0.7)))  # locked to node 0 with offset 0.7
    phases[4] = np.angle(np.exp(1j * (phases[2] - 2.0 + 0.1 * rng.standard_normal(length))))  # nearly locked
    diff = phases[:, None, :] - phases[None, :, :]
    phase_diff = 1 - np.mean(np.abs(np.angle(np.exp(1j * diff))), axis=2) / np.pi
    coherence = np.mean(np.exp(1j * diff), axis=2)
    save("phases", phases=phases.astype(np.float32), phase_diff=phase_diff.astype(np.float32),
         plv=np.abs(coherence).astype(np.float32), angle=np.angle(coherence).astype(np.float32))


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    gcn_fixture()
    complex_gcn_fixture()
    phases_fixture()
