#!/usr/bin/env python3
"""Feature extraction, audiocls against librosa, in one run on the same files.

Both decode to mono 22050 Hz and write the requested features (librosa defaults: n_fft 2048, hop
512, 128 Slaney mels, 20 MFCCs) to one .npz per file, for two output sets: the issue's
STFT (complex) + phase + mel power + MFCC (16.6 MB per 30 s clip, so writing is a large share),
and mel + MFCC alone (0.8 MB; both tools still compute the STFT). Prints ms per file for:
librosa (warm, in one process, import and JIT excluded), audiocls as one process over all files
(--jobs 1 and --jobs 2), audiocls as a cold process on one file, and two floors: FFTW alone on
the same frames (r2c, bench/fft_floor.c) and writing the same bytes audiocls wrote (plain
write() of buffers of the .npz sizes into new files, no computation). Ratios are against librosa.

Usage: bench/extract_vs_librosa.py [--tracks-per-class 4] [--seconds 30]   (builds with scripts/build-release first)
"""
import argparse
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

import librosa
import numpy as np
import soundfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def librosa_features(path, out, features):
    y, sr = librosa.load(path, sr=22050)
    stft = librosa.stft(y)
    mel = librosa.feature.melspectrogram(S=np.abs(stft) ** 2, sr=sr)
    arrays = {"mel": mel, "mfcc": librosa.feature.mfcc(S=librosa.power_to_db(mel), n_mfcc=20)}
    if "stft" in features:
        arrays["stft"] = stft.astype(np.complex64)
    if "phase" in features:
        arrays["phase"] = np.angle(stft)
    np.savez(out, **arrays)
    return stft.shape[1]


def write_floor(sizes, folder, repeats):
    """Seconds to write() buffers of `sizes` bytes into new files in `folder`, best of `repeats`."""
    payload = os.urandom(max(sizes))

    def go():
        for i, size in enumerate(sizes):
            with open(os.path.join(folder, f"w{i}.bin"), "wb") as f:
                f.write(memoryview(payload)[:size])
        for i in range(len(sizes)):
            os.remove(os.path.join(folder, f"w{i}.bin"))
    return best_of(repeats, go)


def best_of(n, fn):
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tracks-per-class", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    audiocls = subprocess.check_output([str(ROOT / "scripts" / "build-release")], cwd=ROOT, text=True,
                                       stderr=subprocess.DEVNULL).strip()
    floor_bin = OUT / "fft_floor"
    OUT.mkdir(parents=True, exist_ok=True)
    cflags = subprocess.check_output(["pkg-config", "--cflags", "--libs", "fftw3f"], text=True).split()
    run(["cc", "-O2", str(ROOT / "bench" / "fft_floor.c"), "-o", str(floor_bin)] + cflags)

    clips = OUT / "clips"
    if clips.exists():
        shutil.rmtree(clips)
    run([audiocls, "data", "synth", str(clips), "--kind", "genres", "--tracks-per-class", str(args.tracks_per_class),
         "--seconds", str(args.seconds), "--quiet"])
    mixed = sorted(str(p) for p in clips.rglob("*") if p.suffix in {".wav", ".flac", ".ogg", ".au", ".aiff"})
    # The same clips as GTZAN stores them: 22050 Hz mono 16-bit AU, so nothing is resampled.
    gtzan = OUT / "clips-22050-mono"
    shutil.rmtree(gtzan, ignore_errors=True)
    gtzan.mkdir()
    for i, f in enumerate(mixed):
        y, _ = librosa.load(f, sr=22050)
        soundfile.write(gtzan / f"{i:03d}.au", y, 22050, subtype="PCM_16")
    for label, files in [("mixed formats, rates and channels (resampled)", mixed),
                         ("22050 Hz mono 16-bit AU, like GTZAN (no resampling)", sorted(str(p) for p in gtzan.iterdir()))]:
        for features in ["stft,phase,mel,mfcc", "mel,mfcc"]:
            print(f"== {label}, --features {features}")
            compare(files, audiocls, floor_bin, args, features)


def compare(files, audiocls, floor_bin, args, features):
    n = len(files)

    with tempfile.TemporaryDirectory() as tmp:
        librosa_features(files[0], os.path.join(tmp, "warm.npz"), features)  # JIT and caches, not timed
        frames = [0]

        def librosa_all():
            frames[0] = sum(librosa_features(f, os.path.join(tmp, f"{i}.npz"), features) for i, f in enumerate(files))

        t_librosa = best_of(args.repeats, librosa_all) / n

        def audiocls_all(jobs):
            def go():
                out = os.path.join(tmp, f"a{jobs}")
                shutil.rmtree(out, ignore_errors=True)
                run([audiocls, "extract", "features", *files, "--out", out, "--features", features,
                     "--jobs", str(jobs), "--quiet"], stderr=subprocess.DEVNULL)
            return go

        t_one_job = best_of(args.repeats, audiocls_all(1)) / n
        t_two_jobs = best_of(args.repeats, audiocls_all(2)) / n

        def cold_single():
            out = os.path.join(tmp, "cold")
            shutil.rmtree(out, ignore_errors=True)
            run([audiocls, "extract", "features", files[0], "--out", out, "--features", features,
                 "--jobs", "1", "--quiet"], stderr=subprocess.DEVNULL)

        t_cold = best_of(args.repeats, cold_single)
        sizes = [p.stat().st_size for p in pathlib.Path(tmp, "a1").rglob("*.npz")]
        t_write = write_floor(sizes, tmp, args.repeats) / n
    frames_per_file = frames[0] / n
    per_frame = float(subprocess.check_output([str(floor_bin), "2048", str(int(frames_per_file)), "20"], text=True))
    t_floor = per_frame * frames_per_file

    print(f"{n} files of {args.seconds:g} s ({frames_per_file:.0f} frames each), librosa {librosa.__version__}, numpy {np.__version__}")
    floor = t_floor + t_write
    print(f"{'':34} {'ms/file':>9} {'× librosa':>10} {'÷ FFT+write floor':>18}")
    for name, t in [("librosa (warm, one process)", t_librosa), ("audiocls --jobs 1 (one process)", t_one_job),
                    ("audiocls --jobs 2 (one process)", t_two_jobs), ("audiocls cold process, one file", t_cold),
                    ("FFT floor (FFTW r2c only)", t_floor), (f"write floor ({sum(sizes) / n / 1e6:.1f} MB/file)", t_write),
                    ("FFT + write floor", floor)]:
        print(f"{name:34} {1000 * t:9.2f} {t_librosa / t:10.2f} {t / floor:18.2f}")
    print(f"--jobs 2 speed-up over --jobs 1: {t_one_job / t_two_jobs:.2f}×")


if __name__ == "__main__":
    sys.exit(main())
