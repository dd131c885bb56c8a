#!/usr/bin/python3
"""Writes the NumPy references of the phase graph's node statistics and phase-advance edges to
Tests/Fixtures/phasegraph/nodes.npz.

Run with Debian's NumPy: `/usr/bin/python3 scripts/make_graphnode_fixtures.py`.

- values [5, 130] and values_odd [3, 31]: node sequences (normal noise plus a slow cosine);
  statistics / statistics_odd: per node the mean, the standard deviation (ddof 0) and the
  modulation spectrum in octave bands, sqrt(2 * sum_{k in band} |rfft(x - mean)[k]|^2) / T with
  bands [2^b, min(2^(b+1), T//2 + 1)) for 2^b <= T//2.
- phases [6, 40]: node phases (node 1 = node 0's phase advanced by a constant frequency, so its raw
  PLV with node 0 is low but its phase-advance PLV is 1); advance_plv: |mean_l exp(i(dphi_i(l) -
  dphi_j(l)))| with dphi(l) = phi(l) - phi(l-1).
Records `numpy_version` (UTF-8 bytes).
"""
import os

import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "Tests", "Fixtures", "phasegraph")
rng = np.random.default_rng(20261204)


def statistics(values):
    length = values.shape[1]
    half = length // 2
    bands = []
    b = 1
    while b <= half:
        bands.append((b, min(2 * b, half + 1)))
        b *= 2
    mean = values.mean(axis=1)
    spectrum = np.abs(np.fft.rfft(values - mean[:, None], axis=1)) ** 2
    rows = [mean, values.std(axis=1)]
    rows += [np.sqrt(2 * spectrum[:, lo:hi].sum(axis=1)) / length for lo, hi in bands]
    return np.stack(rows, axis=1)


def node_values(nodes, length):
    t = np.arange(length)
    slow = np.cos(2 * np.pi * 3 * t / length)
    return rng.standard_normal((nodes, length)) + rng.uniform(0.5, 2, (nodes, 1)) * slow + rng.uniform(-1, 3, (nodes, 1))


def advance_plv(phases):
    advances = np.diff(phases, axis=1)
    return np.abs(np.mean(np.exp(1j * (advances[:, None, :] - advances[None, :, :])), axis=2))


if __name__ == "__main__":
    values, values_odd = node_values(5, 130), node_values(3, 31)
    phases = rng.uniform(-np.pi, np.pi, (6, 40))
    phases[1] = np.angle(np.exp(1j * (phases[0] + 1.3 * np.arange(40) + 0.4)))
    phases[3] = np.angle(np.exp(1j * (phases[2] - 0.5 * np.arange(40) + 0.2 * rng.standard_normal(40))))
    os.makedirs(OUT, exist_ok=True)
    np.savez(
        os.path.join(OUT, "nodes.npz"),
        numpy_version=np.frombuffer(np.__version__.encode(), dtype=np.uint8),
        values=values.astype(np.float32), statistics=statistics(values).astype(np.float32),
        values_odd=values_odd.astype(np.float32), statistics_odd=statistics(values_odd).astype(np.float32),
        phases=phases.astype(np.float32), advance_plv=advance_plv(phases).astype(np.float32))
