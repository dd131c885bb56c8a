#!/usr/bin/env python3
"""Cold `audiocls predict` on one 30 s clip: several binaries interleaved in one run (issue #17).

Each run is a fresh process; wall time and CPU time (user + system) come from os.wait4, and
minor page faults too. Prints the median and best of --repeats runs per binary and the load
average before and after (wall time on a loaded 2-core machine is mostly waiting for a core;
CPU time is what the process itself spent).

Usage: bench/predict_cold.py BUNDLE CLIP BINARY [BINARY ...] [--repeats 21]
  A bundle: audiocls data synth DATA --tracks-per-class 2 --seconds 30; audiocls train genre DATA
  --epochs 1 --val 0 --test 0 --out BUNDLE (what bench/predict_vs_python.py does).
"""
import argparse
import os
import statistics
import subprocess
import time


def cold(binary, bundle, clip):
    start = time.perf_counter()
    child = subprocess.Popen([binary, "predict", clip, "--model", bundle, "--json"], stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    assert status == 0, f"{binary} exited with {status}"
    return time.perf_counter() - start, usage.ru_utime + usage.ru_stime, usage.ru_minflt


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("bundle")
    parser.add_argument("clip")
    parser.add_argument("binaries", nargs="+")
    parser.add_argument("--repeats", type=int, default=21)
    args = parser.parse_args()
    print(f"load before: {os.getloadavg()}")
    runs = {b: [] for b in args.binaries}
    for b in args.binaries:
        cold(b, args.bundle, args.clip)  # page cache
    for _ in range(args.repeats):
        for b in args.binaries:
            runs[b].append(cold(b, args.bundle, args.clip))
    print(f"{'binary':40} {'wall median':>12} {'wall best':>10} {'CPU median':>11} {'CPU best':>9} {'minflt':>7}")
    for b, r in runs.items():
        wall, cpu, faults = zip(*r)
        print(f"{b:40} {1000 * statistics.median(wall):10.1f}ms {1000 * min(wall):8.1f}ms "
              f"{1000 * statistics.median(cpu):9.1f}ms {1000 * min(cpu):7.1f}ms {int(statistics.median(faults)):7d}")
    print(f"load after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
