#!/usr/bin/env python3
"""Writes Tests/Fixtures/numpy/: .npy and .npz files written by NumPy itself, so the Swift
reader is checked against the real format (np.save / np.savez with force_zip64 members)."""
import pathlib
import numpy as np

out = pathlib.Path(__file__).resolve().parent.parent / "Tests" / "Fixtures" / "numpy"
out.mkdir(parents=True, exist_ok=True)
rng = np.random.default_rng(7)
f32 = rng.standard_normal((3, 5)).astype(np.float32)
c64 = (rng.standard_normal((4, 2)) + 1j * rng.standard_normal((4, 2))).astype(np.complex64)
i64 = np.arange(6, dtype=np.int64).reshape(2, 3)
np.save(out / "f32_3x5.npy", f32)
np.save(out / "c64_4x2.npy", c64)
np.save(out / "f64_scalar.npy", np.float64(2.5))
np.save(out / "f32_empty.npy", np.zeros((0, 4), dtype=np.float32))
np.savez(out / "mixed.npz", f32=f32, c64=c64, i64=i64)
# Half precision: float32 inputs at every rounding edge (ties to even in the normal and the
# subnormal range, the largest half, the first values past it, zeros, infinities, NaN) and
# random values over 60 octaves; NumPy's astype(float16) of them, and those halves widened back.
edges = np.array([0.0, -0.0, 1.0, -1.0, 1 + 2**-11, 1 + 3 * 2**-11, 1 + 2**-11 + 2**-20, 65504.0, 65519.996,
                  65520.0, -65520.0, 1e9, 2**-14, 2**-14 - 2**-25, 2**-24, 2**-25, 2**-25 + 2**-40, 3 * 2**-25,
                  5 * 2**-25, 2**-26, 1e-30, np.inf, -np.inf, np.nan], dtype=np.float32)
spread = (rng.standard_normal(488) * np.exp2(rng.uniform(-30, 18, 488))).astype(np.float32)
f16_in = np.concatenate([edges, spread]).astype(np.float32)
with np.errstate(over="ignore"):
    f16_out = f16_in.astype(np.float16)
np.save(out / "f16_in.npy", f16_in)
np.save(out / "f16_out.npy", f16_out)
np.save(out / "f16_widened.npy", f16_out.astype(np.float32))
# The values again as text, so the test compares against numbers NumPy printed, not our reader.
with open(out / "values.txt", "w") as f:
    f.write("numpy " + np.__version__ + "\n")
    f.write("f32 " + " ".join(repr(float(x)) for x in f32.ravel()) + "\n")
    f.write("c64 " + " ".join(f"{float(z.real)!r} {float(z.imag)!r}" for z in c64.ravel()) + "\n")
    f.write("i64 " + " ".join(str(int(x)) for x in i64.ravel()) + "\n")
print("wrote", out)
