#!/usr/bin/env python3
"""Cold `audiocls predict` on one 30 s clip: several binaries interleaved in one run (issue #17).

Each run is a fresh process; wall time and CPU time (user + system) come from os.wait4, and
minor page faults too. Prints the median and best of --repeats runs per binary and the load
average before and after (wall time on a loaded 2-core machine is mostly waiting for a core;
CPU time is what the process itself spent).

With --floor, a floor runs in the same rounds: bench/predict_floor.c, a cold C process that only
runs the real sgemm products of the bundle's convolutions (shapes from model.json, pooled family;
every batch of Predictor.windowsPerBatch = 4 windows, the batches shared out over 2 threads,
OPENBLAS_NUM_THREADS=1): the arithmetic no implementation of this model can skip.

With --realtime every child runs under SCHED_FIFO (priority 1, root only): it preempts the other
work on the machine, so a loaded machine behaves for it much like a quiet one (the caches and the
memory bus are still shared); wall times then repeat to within a few percent.

Usage: bench/predict_cold.py BUNDLE CLIP BINARY [BINARY ...] [--repeats 21] [--floor] [--realtime]
  A bundle: audiocls data synth DATA --tracks-per-class 2 --seconds 30; audiocls train genre DATA
  --epochs 1 --val 0 --test 0 --out BUNDLE (what bench/predict_vs_python.py does).
"""
import argparse
import json
import math
import os
import pathlib
import statistics
import subprocess
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
WINDOWS_PER_BATCH = 4  # Predictor.windowsPerBatch


def realtime():
    os.sched_setscheduler(0, os.SCHED_FIFO, os.sched_param(1))


def cold(command, env=None, fifo=False):
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, env=env, preexec_fn=realtime if fifo else None)
    _, status, usage = os.wait4(child.pid, 0)
    assert status == 0, f"{command[0]} exited with {status}"
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_minflt


def floor_command(binary, bundle, clip):
    """predict_floor's arguments: per batch, (count, m, n, k) of every convolution's real products."""
    manifest = json.loads((pathlib.Path(bundle) / "model.json").read_text())
    arch = manifest["architecture"]
    assert arch["family"] == "pooled", "the floor knows the pooled family only"
    prediction = json.loads(subprocess.check_output([binary, "predict", clip, "--model", bundle, "--json"]))
    batches = math.ceil(prediction["windows"] / WINDOWS_PER_BATCH)
    rows, frames, k = arch["inputRows"], manifest["framesPerSegment"], arch["kernel"]
    complex_input = "meanImaginary" in manifest["normalization"]
    channels, products = arch["inputChannels"], []
    for out in arch["channels"]:
        for _ in range(arch["convolutionsPerBlock"]):
            count = 4 if complex_input and arch["complex"] else 2 if complex_input or arch["complex"] else 1
            products += [count, out, WINDOWS_PER_BATCH * rows * frames, channels * k * k]
            channels, complex_input = out, arch["complex"]
        rows, frames = (rows // 2 if rows > 1 else 1), (frames // 2 if frames > 1 else 1)
    out = ROOT / "bench" / "out" / "predict_floor"
    out.parent.mkdir(parents=True, exist_ok=True)
    blas = subprocess.check_output(["pkg-config", "--cflags", "--libs", "openblas"], text=True).split()
    subprocess.run(["cc", "-O2", str(ROOT / "bench" / "predict_floor.c"), "-o", str(out), "-lpthread"] + blas, check=True)
    return [str(out), "2", str(batches)] + [str(x) for x in products]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("bundle")
    parser.add_argument("clip")
    parser.add_argument("binaries", nargs="+")
    parser.add_argument("--repeats", type=int, default=21)
    parser.add_argument("--floor", action="store_true", help="also time bench/predict_floor.c")
    parser.add_argument("--realtime", action="store_true", help="run the children under SCHED_FIFO")
    args = parser.parse_args()
    commands = {b: ([b, "predict", args.clip, "--model", args.bundle, "--json"], None) for b in args.binaries}
    if args.floor:
        floor = floor_command(args.binaries[-1], args.bundle, args.clip)
        print("floor:", " ".join(floor[1:]))
        commands["floor (sgemm only, 2 threads)"] = (floor, dict(os.environ, OPENBLAS_NUM_THREADS="1"))
    print(f"load before: {os.getloadavg()}{', children under SCHED_FIFO' if args.realtime else ''}")
    runs = {b: [] for b in commands}
    for command, env in commands.values():
        cold(command, env, args.realtime)  # page cache
    for _ in range(args.repeats):
        for b, (command, env) in commands.items():
            runs[b].append(cold(command, env, args.realtime))
    print(f"{'binary':40} {'wall median':>12} {'wall best':>10} {'CPU median':>11} {'CPU best':>9} {'minflt':>7}")
    for b, r in runs.items():
        wall, cpu, faults = zip(*r)
        print(f"{b:40} {1000 * statistics.median(wall):10.1f}ms {1000 * min(wall):8.1f}ms "
              f"{1000 * statistics.median(cpu):9.1f}ms {1000 * min(cpu):7.1f}ms {int(statistics.median(faults)):7d}")
    print(f"load after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
