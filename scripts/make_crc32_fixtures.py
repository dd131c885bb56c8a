#!/usr/bin/env python3
"""Writes Tests/Fixtures/numpy/crc32.txt: CRC-32s that Python's zlib (the reference zip and
PNG implementation) computes of deterministic byte patterns, at lengths around the block sizes
of folding CRC code (16, 64, 256 bytes) and at 1 MiB + 7, so the Swift CRC32 is checked against
it without Python. Each line: length, then zlib.crc32 of bytes[i] = (i * 131 + 7) % 256."""
import pathlib
import zlib

out = pathlib.Path(__file__).resolve().parent.parent / "Tests" / "Fixtures" / "numpy" / "crc32.txt"
lengths = [0, 1, 3, 15, 16, 17, 63, 64, 65, 127, 128, 255, 256, 257, 1000, 4099, (1 << 20) + 7]
with open(out, "w") as f:
    f.write(f"zlib {zlib.ZLIB_RUNTIME_VERSION}\n")
    for n in lengths:
        data = bytes((i * 131 + 7) % 256 for i in range(n))
        f.write(f"{n} {zlib.crc32(data)}\n")
print("wrote", out)
