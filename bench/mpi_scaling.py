#!/usr/bin/env python3
"""Training samples/s of `audiocls train genre` with 1 process and with 2 MPI ranks.

Builds audiocls with the MPI trait (release, .build-mpi), synthesises the dataset once, and trains
the demo-sized CVCNN (paper widths 10/20/500, 13×129 MFCC segments, batch 32) in each setting:
1 process with 1 and with 2 OpenBLAS threads, 1 process with --batch-slices 2 (what 2 ranks
compute), and `mpirun -np 1` and `-np 2` with 1 OpenBLAS thread per rank. Prints the median
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
    ("1 process, 1 BLAS thread", [], 1, []),
    ("1 process, 2 BLAS threads", [], 2, []),
    ("1 process, --batch-slices 2, 1 BLAS thread", [], 1, ["--batch-slices", "2"]),
    ("1 rank (mpirun -np 1), 1 BLAS thread", mpirun(1), 1, ["--distributed", "mpi"]),
    ("2 ranks × 1 BLAS thread", mpirun(2), 1, ["--distributed", "mpi"]),
]
print(f"load average before: {os.getloadavg()[0]:.2f}")
print("| setting | samples/s (median of epochs 2–%d) | rank 0 per step |" % args.epochs)
print("|---|---|---|")
for name, launcher, threads, extra in settings:
    out = work / re.sub(r"\W+", "-", name)
    command = launcher + [audiocls, "train", "genre", str(data), "--epochs", str(args.epochs), "--seed", "1",
                          "--keep", "last", "--cache", str(work / "cache"), "--out", str(out), "--quiet"] + extra
    env = dict(os.environ, OPENBLAS_NUM_THREADS=str(threads))
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    records = [json.loads(line) for line in (out / "train-log.jsonl").read_text().splitlines()]
    rate = statistics.median(r["samplesPerSecond"] for r in records[1:])
    line = next((l for l in result.stderr.splitlines() if l.startswith("distributed:")), "")
    print(f"| {name} | {rate:.0f} | {line.partition('; rank 0 per step: ')[2] or '—'} |")
    if line:
        print(f"<!-- {line} -->")
print(f"load average after: {os.getloadavg()[0]:.2f}")
