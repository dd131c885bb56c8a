#!/usr/bin/env python3
"""Feature extraction against its floor, in one run on the same files (issue #17).

For each output set, interleaved best-of-N runs (of each binary, with --also) of:
  audiocls extract features FILES --features SET --jobs 1   (and --jobs 2)
  FFT floor: FFTW r2c of the same number of frames (bench/fft_floor.c, FFTW_MEASURE, one core)
  write floor: plain write() of buffers of the same sizes as the .npz files audiocls wrote
and prints seconds, the ratio to the floor (FFT + write for sets with the STFT, FFT alone for
mel,mfcc), the --jobs 2 speed-up and the load average before and after. No librosa needed.
Besides wall time it prints CPU time (user + system, from getrusage) of audiocls --jobs 1 and of
the write floor: on a machine loaded by other work, wall time mostly measures waiting for a core.
With --realtime the script and every child run under SCHED_FIFO (priority 1, root only, as in
bench/predict_cold.py): they preempt the other work, so wall times, and the --jobs 2 speed-up,
are those of a quiet machine (caches, memory bus and disk are still shared).

Before every timed run the previous output is removed and the inputs are read into the page
cache, outside the timing. With --one-core, --jobs 1 is also timed pinned to one core (taskset):
audiocls then hashes each input on its job's thread instead of a second one, and the --jobs 2
speed-up over that run is the scaling from one core to two.

Usage: bench/extract_floor.py BINARY (FOLDER | LIST.txt) [--also OLD_BINARY] [--sets stft,mel,mfcc mel,mfcc]
                               [--repeats 5] [--realtime] [--one-core] [--work FOLDER]
  FOLDER is searched for .wav/.au/.flac/.ogg; LIST.txt names one file per line. A set may carry
  more options of extract after the features: --sets "stft,mel,mfcc" "stft,mel,mfcc --dtype float16".
"""
import argparse
import os
import pathlib
import resource
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent


def files_of(source):
    path = pathlib.Path(source)
    if path.is_dir():
        return sorted(str(p) for p in path.rglob("*") if p.suffix in {".wav", ".au", ".flac", ".ogg"})
    return [line.strip() for line in path.read_text().splitlines() if line.strip()]


def warm(files):
    """Reads every input, so that the timed run finds them in the page cache (this machine's
    proactive reclaim, DAMON, evicts pages idle for a while, and a run would wait for the disk)."""
    for name in files:
        with open(name, "rb") as f:
            while f.read(1 << 20):
                pass


def timed(fn):
    """(wall seconds, CPU seconds of this process and its finished children) of fn()."""
    def cpu():
        own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
    t0, c0 = time.perf_counter(), cpu()
    fn()
    return time.perf_counter() - t0, cpu() - c0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("source")
    parser.add_argument("--also", action="append", default=[], metavar="BINARY",
                        help="another binary timed in the same rounds (e.g. the one before a change)")
    parser.add_argument("--sets", nargs="+", default=["stft,mel,mfcc", "mel,mfcc"])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--n-fft", type=int, default=2048)
    parser.add_argument("--hop", type=int, default=512)
    parser.add_argument("--realtime", action="store_true", help="run under SCHED_FIFO, children too")
    parser.add_argument("--work", metavar="FOLDER",
                        help="where the outputs and the write floor's files go (default: the temporary folder)")
    parser.add_argument("--one-core", action="store_true",
                        help="also time --jobs 1 pinned to one core (taskset): no second core for the hash")
    args = parser.parse_args()
    files, binaries = files_of(args.source), [args.binary] + args.also
    work = pathlib.Path(tempfile.mkdtemp(prefix="extract-floor-", dir=args.work))
    floor_bin = work / "fft_floor"
    flags = subprocess.check_output(["pkg-config", "--cflags", "--libs", "fftw3f"], text=True).split()
    subprocess.run(["cc", "-O2", str(ROOT / "bench" / "fft_floor.c"), "-o", str(floor_bin)] + flags, check=True)
    if args.realtime:
        os.sched_setscheduler(0, os.SCHED_FIFO, os.sched_param(1))
    print(f"{len(files)} files, {' '.join(binaries)}, best of {args.repeats}; load before: {os.getloadavg()}")
    for spec in args.sets:
        features, *extra = spec.split()  # e.g. "stft,mel,mfcc --dtype float16"
        out = work / "out"

        def fresh(folder):
            """Before a timed run: the previous run's output removed, the inputs in the page cache."""
            shutil.rmtree(folder, ignore_errors=True)
            warm(files)

        def extract(binary, jobs, one_core=False):
            pin = ["taskset", "-c", str(sorted(os.sched_getaffinity(0))[0])] if one_core else []
            subprocess.run(pin + [binary, "extract", "features", *files, "--out", str(out), "--features", features,
                                  "--jobs", str(jobs), "--quiet", *extra], check=True, stderr=subprocess.DEVNULL)

        fresh(out)
        extract(args.binary, 1)  # warm: page cache, and the sizes for the write floor
        sizes = [p.stat().st_size for p in out.rglob("*.npz")]
        frames = sum(int(line.split('"stft":[')[1].split("]")[0].split(",")[1]) if '"stft"' in line
                     else int(line.split('"mel":[')[1].split("]")[0].split(",")[1])
                     for line in (out / "index.jsonl").read_text().splitlines())
        payload = os.urandom(max(sizes))
        wdir = work / "w"

        def write_floor():
            wdir.mkdir()
            for i, size in enumerate(sizes):
                with open(wdir / f"{i}.npz", "wb") as f:
                    f.write(memoryview(payload)[:size])

        runs = {"jobs1": (1, False), "jobs2": (2, False)} | ({"one core": (1, True)} if args.one_core else {})
        best = {key: 1e9 for key in ["write", "fft", "write cpu"]
                + [f"{b} {k}{cpu}" for b in binaries for k in runs for cpu in ["", " cpu"]]}

        def keep(key, measured):
            best[key], best[key + " cpu"] = min(best[key], measured[0]), min(best[key + " cpu"], measured[1])

        for _ in range(args.repeats):
            for binary in binaries:
                for run, (jobs, one_core) in runs.items():
                    fresh(out)
                    keep(f"{binary} {run}", timed(lambda: extract(binary, jobs, one_core)))
            fresh(wdir)
            keep("write", timed(write_floor))
            # FFTW on one file's worth of frames at a time (in cache, as audiocls transforms them).
            per_frame = float(subprocess.check_output(
                [str(floor_bin), str(args.n_fft), str(max(1, frames // len(sizes))), "20"], text=True))
            best["fft"] = min(best["fft"], per_frame * frames)
        with_stft = "stft" in features or "phase" in features
        floor = best["fft"] + (best["write"] if with_stft else 0)
        cpu_floor = best["fft"] + (best["write cpu"] if with_stft else 0)
        print(f"== --features {spec}: {frames} frames, {sum(sizes) / 1e6:.1f} MB written")
        for name, t in [("FFT floor", best["fft"]), ("write floor", best["write"]),
                        ("floor (" + ("FFT + write" if with_stft else "FFT") + ")", floor)]:
            print(f"{name:28} {t:8.3f} s  {t / floor:6.2f}× floor")
        print(f"{'write floor CPU':28} {best['write cpu']:8.3f} s")
        for binary in binaries:
            one, two = best[f"{binary} jobs1"], best[f"{binary} jobs2"]
            one_cpu, two_cpu = best[f"{binary} jobs1 cpu"], best[f"{binary} jobs2 cpu"]
            print(f"-- {binary}")
            print(f"{'  --jobs 1':28} {one:8.3f} s  {one / floor:6.2f}× floor")
            print(f"{'  --jobs 2':28} {two:8.3f} s  {two / floor:6.2f}× floor")
            print(f"{'  CPU time, --jobs 1':28} {one_cpu:8.3f} s  {one_cpu / cpu_floor:6.2f}× floor (CPU)")
            print(f"  --jobs 2 speed-up over --jobs 1: {one / two:.2f}× (CPU time --jobs 1 {one_cpu:.3f} s, --jobs 2 "
                  f"{two_cpu:.3f} s: at most {2 * one / two_cpu:.2f}× on 2 cores)")
            if args.one_core:
                pinned, pinned_cpu = best[f"{binary} one core"], best[f"{binary} one core cpu"]
                print(f"{'  --jobs 1 on one core':28} {pinned:8.3f} s  {pinned / floor:6.2f}× floor, CPU "
                      f"{pinned_cpu:.3f} s; --jobs 2 speed-up over it: {pinned / two:.2f}×")
    print(f"load after: {os.getloadavg()}")
    shutil.rmtree(work)


if __name__ == "__main__":
    sys.exit(main())
