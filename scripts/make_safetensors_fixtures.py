#!/usr/bin/env python3
"""Writes Tests/Fixtures/safetensors/: a file written by the reference `safetensors` package
(numpy API) with F32, C64 and I64 tensors and metadata, plus the values as text, so the Swift
reader is checked against the real format rather than against our own writer."""
import json
import pathlib
import numpy as np
import safetensors
from safetensors.numpy import save_file

out = pathlib.Path(__file__).resolve().parent.parent / "Tests" / "Fixtures" / "safetensors"
out.mkdir(parents=True, exist_ok=True)
rng = np.random.default_rng(11)
tensors = {
    "conv1.weight": (rng.standard_normal((2, 1, 2, 2)) + 1j * rng.standard_normal((2, 1, 2, 2))).astype(np.complex64),
    "bn.running_mean": rng.standard_normal(3).astype(np.float32),
    "steps": np.array([7], dtype=np.int64),
}
save_file(tensors, out / "reference.safetensors", metadata={"format": "audiocls-test"})
values = {
    "safetensors": safetensors.__version__,
    "conv1.weight": [float(x) for z in tensors["conv1.weight"].ravel() for x in (z.real, z.imag)],
    "bn.running_mean": [float(x) for x in tensors["bn.running_mean"]],
}
(out / "reference.json").write_text(json.dumps(values, indent=1) + "\n")
print("wrote", out)
