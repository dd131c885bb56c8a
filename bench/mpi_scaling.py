#!/usr/bin/env python3
"""Training samples/s of `audiocls train genre` with 1 process and with 2 MPI ranks.

Builds audiocls with the MPI trait (release, .build-mpi), synthesises the dataset once, and trains
the demo-sized CVCNN (paper widths 10/20/500, 13×129 MFCC segments, batch 32) in each setting:
1 process with 1 and with 2 threads (OPENBLAS_NUM_THREADS, which ComplexNN takes as its core
count), 1 process with --batch-slices 2 (what 2 ranks compute), and `mpirun -np 1` and `-np 2`
with 1 thread per rank. Prints the median
samples/s over epochs 2…E (training + rank 0's validation) and, for the MPI runs, rank 0's time
per step (forward+backward, allreduce, the rest) and the bytes exchanged per step.

Usage: python3 bench/mpi_scaling.py [--epochs 8] [--tracks-per-class 40] [--seconds 9]
"""
import argparse, json, os, re, statistics, subprocess, tempfile
from pathlib import Path

root = Path(__file__).resolve().parent.parent
parser = argparse.ArgumentParser()
parser.add_argument("--epochs", type=int, default=8)
parser.add_argument("--tracks-per-class", type=int, default=40)
parser.add_argument("--seconds", type=float, default=9)
parser.add_argument("--repeats", type=int, default=3, help="runs of each setting, interleaved; the best is shown")
parser.add_argument("--work", default=None, help="folder for data, cache and bundles (default: a temporary one)")
args = parser.parse_args()

subprocess.run(["swift", "build", "-c", "release", "--traits", "MPI", "--scratch-path", ".build-mpi",
                "--product", "audiocls"], cwd=root, check=True)
audiocls = str(root / ".build-mpi/release/audiocls")
work = Path(args.work or tempfile.mkdtemp())
data = work / "data"
if not (data / "manifest.csv").exists():
    subprocess.run([audiocls, "data", "synth", str(data), "--kind", "genres", "--tracks-per-class",
                    str(args.tracks_per_class), "--seconds", str(args.seconds), "--seed", "1", "--quiet"], check=True)
def mpirun(ranks):
    return ["mpirun", "--allow-run-as-root", "--oversubscribe", "-np", str(ranks)]


settings = [
    ("1 process, 1 thread", [], 1, []),
    ("1 process, 2 threads", [], 2, []),
    ("1 process, --batch-slices 2, 1 thread", [], 1, ["--batch-slices", "2"]),
    ("1 rank (mpirun -np 1), 1 thread", mpirun(1), 1, ["--distributed", "mpi"]),
    ("2 ranks × 1 thread", mpirun(2), 1, ["--distributed", "mpi"]),
]
print(f"load average before: {os.getloadavg()[0]:.2f}")
best = {}
for repeat in range(args.repeats):
    for name, launcher, threads, extra in settings:
        out = work / re.sub(r"\W+", "-", name)
        command = launcher + [audiocls, "train", "genre", str(data), "--epochs", str(args.epochs), "--seed", "1",
                              "--keep", "last", "--cache", str(work / "cache"), "--out", str(out), "--quiet"] + extra
        env = dict(os.environ, OPENBLAS_NUM_THREADS=str(threads))
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
        records = [json.loads(line) for line in (out / "train-log.jsonl").read_text().splitlines()]
        rate = statistics.median(r["samplesPerSecond"] for r in records[1:])
        line = next((l for l in result.stderr.splitlines() if l.startswith("distributed:")), "")
        if rate > best.get(name, (0, ""))[0]:
            best[name] = (rate, line)
print(f"load average after: {os.getloadavg()[0]:.2f}")
print("| setting | samples/s (median of epochs 2–%d, best of %d runs) | rank 0 per step |" % (args.epochs, args.repeats))
print("|---|---|---|")
for name, _, _, _ in settings:
    rate, line = best[name]
    print(f"| {name} | {rate:.0f} | {line.partition('; rank 0 per step: ')[2] or '—'} |")
for name, _, _, _ in settings:
    if best[name][1]:
        print(f"{name}: {best[name][1]}")

# Projection to N nodes from the 1-rank breakdown: t_step(N) = t_fb/N + t_other + t_ar(N), with a
# ring allreduce t_ar(N) = 2(N−1)·α + 2(N−1)/N · bytes/β (α latency per message, β bandwidth).
numbers = re.findall(r"([\d.]+) (?:MB|ms)", best["1 rank (mpirun -np 1), 1 thread"][1])
megabytes, t_fb, _, t_other = (float(x) for x in numbers)
networks = [("10 GbE (α 50 µs, β 1.2 GB/s)", 50e-6, 1.2e9), ("100 Gb/s InfiniBand (α 5 µs, β 12 GB/s)", 5e-6, 12e9)]
print(f"\nprojection from t_fb {t_fb} ms, t_other {t_other} ms, {megabytes} MB per step (batch 32 split over N):")
print("| network | " + " | ".join(f"N={n}" for n in (2, 4, 8, 16)) + " |")
print("|---|" + "---|" * 4)
for label, alpha, beta in networks:
    cells = []
    for n in (2, 4, 8, 16):
        t_ar = 2 * (n - 1) * alpha * 1e3 + 2 * (n - 1) / n * megabytes * 1e6 / beta * 1e3
        t = t_fb / n + t_other + t_ar
        cells.append(f"{t:.1f} ms, {(t_fb + t_other) / t:.2f}×")
    print(f"| {label} | " + " | ".join(cells) + " |")
