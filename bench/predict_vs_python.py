#!/usr/bin/env python3
"""`audiocls predict` against the same job in Python (librosa + PyTorch), each as a cold process.

The job: decode one 30 s clip to mono 22050 Hz, 13 MFCCs from 13 mel bands (n_fft 2048, hop 512),
standardise with the bundle's statistics, cut into 129-frame (3 s) windows every 64 frames (the
bundle's hop, half a segment), the last ending at the clip's end as `predict` does, run the paper's
CVCNN (Conv 1→10 k2, cardioid, |z|-max-pool 2, complex BN, Conv 10→20 k2, cardioid, pool 2,
Linear 1240→500, cardioid, Linear 500→C, |z|) and average the segment softmax. The Python side
loads the same bundle's weights (model.safetensors, parsed with NumPy) into a complexPyTorch-style
model built from real torch ops, so both print the same probabilities (checked).

Python: Debian's /usr/bin/python3 with its torch (1.13, CPU) and numpy 1.24, plus librosa 0.11.0
installed into a venv that sees the system packages (bench/out/torch-venv, created on first run;
the system interpreter is not modified). Wall time and peak RSS of each cold process come from
os.wait4; the median of --repeats runs is reported.

Usage: bench/predict_vs_python.py [--repeats 5]   (needs `scripts/build-release` first)
"""
import argparse
import json
import os
import pathlib
import statistics
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out" / "predict"
VENV = ROOT / "bench" / "out" / "torch-venv"


def worker(clip, bundle):
    """The Python pipeline; prints the mean probabilities as JSON."""
    import librosa
    import numpy as np
    import torch
    import torch.nn.functional as F

    torch.set_grad_enabled(False)
    manifest = json.loads((pathlib.Path(bundle) / "model.json").read_text())
    raw = (pathlib.Path(bundle) / "model.safetensors").read_bytes()
    header_length = int.from_bytes(raw[:8], "little")
    header = json.loads(raw[8:8 + header_length])
    dtypes = {"F32": np.float32, "C64": np.complex64}
    weights = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        begin, end = entry["data_offsets"]
        array = np.frombuffer(raw[8 + header_length + begin:8 + header_length + end], dtype=dtypes[entry["dtype"]])
        weights[name] = array.reshape(entry["shape"])

    def planes(name):
        w = weights[name]
        return torch.from_numpy(np.ascontiguousarray(w.real)), torch.from_numpy(np.ascontiguousarray(w.imag))

    def conv(xr, xi, name):
        (wr, wi), (br, bi) = planes(name + ".weight"), planes(name + ".bias")
        return (F.conv2d(xr, wr) - F.conv2d(xi, wi) + br.view(1, -1, 1, 1),
                F.conv2d(xr, wi) + F.conv2d(xi, wr) + bi.view(1, -1, 1, 1))

    def linear(xr, xi, name):
        (wr, wi), (br, bi) = planes(name + ".weight"), planes(name + ".bias")
        return xr @ wr.T - xi @ wi.T + br, xr @ wi.T + xi @ wr.T + bi

    def cardioid(xr, xi):
        r = torch.sqrt(xr * xr + xi * xi)
        scale = torch.where(r > 0, 0.5 * (1 + xr / torch.where(r > 0, r, torch.ones_like(r))), torch.zeros_like(r))
        return scale * xr, scale * xi

    def pool(xr, xi):
        _, index = F.max_pool2d(xr * xr + xi * xi, 2, return_indices=True)
        n, c, h, w = index.shape
        flat = index.view(n, c, -1)
        gather = lambda x: x.view(n, c, -1).gather(2, flat).view(n, c, h, w)
        return gather(xr), gather(xi)

    def batch_norm(xr, xi, name):
        mean_r, mean_i = planes(name + ".runningMean")
        eps = 1e-5
        vrr = torch.from_numpy(weights[name + ".runningVRR"]) + eps
        vri = torch.from_numpy(weights[name + ".runningVRI"])
        vii = torch.from_numpy(weights[name + ".runningVII"]) + eps
        s = torch.sqrt(vrr * vii - vri * vri)
        t = torch.sqrt(vrr + vii + 2 * s)
        wrr, wri, wii = (vii + s) / (s * t), -vri / (s * t), (vrr + s) / (s * t)
        grr, gri, gii = (torch.from_numpy(weights[name + k]) for k in (".gammaRR", ".gammaRI", ".gammaII"))
        beta_r, beta_i = planes(name + ".beta")
        v = lambda a: a.view(1, -1, 1, 1)
        cr, ci = xr - v(mean_r), xi - v(mean_i)
        zr, zi = v(wrr) * cr + v(wri) * ci, v(wri) * cr + v(wii) * ci
        return v(grr) * zr + v(gri) * zi + v(beta_r), v(gri) * zr + v(gii) * zi + v(beta_i)

    spectral = manifest["training"]["spectral"]
    y, sr = librosa.load(clip, sr=spectral["sampleRate"])
    mfcc = librosa.feature.mfcc(y=y, sr=sr, n_mfcc=spectral["nMFCC"], n_mels=spectral["nMels"],
                                n_fft=spectral["nFFT"], hop_length=spectral["hopLength"])
    norm = manifest["normalization"]
    x = (mfcc - np.array(norm["mean"])[:, None]) / np.array(norm["standardDeviation"])[:, None]
    frames, total = manifest["framesPerSegment"], x.shape[1]
    segmenting = manifest["training"]["segmenting"]
    hop_seconds = segmenting.get("hopSeconds") or segmenting["segmentSeconds"] / 2
    hop = max(1, int(hop_seconds * spectral["sampleRate"] / spectral["hopLength"]))
    starts = list(range(0, total - frames + 1, hop)) if total > frames else [0]
    if total > frames and starts[-1] + frames < total:
        starts.append(total - frames)  # the last window ends at the clip's end
    segments = np.zeros((len(starts), 1, x.shape[0], frames), dtype=np.float32)
    for k, start in enumerate(starts):
        window = x[:, start:start + frames]
        segments[k, 0, :, :window.shape[1]] = window
    xr, xi = torch.from_numpy(segments), torch.zeros(segments.shape)
    xr, xi = batch_norm(*pool(*cardioid(*conv(xr, xi, "conv1"))), "bn1")
    xr, xi = pool(*cardioid(*conv(xr, xi, "conv2")))
    xr, xi = cardioid(*linear(xr.flatten(1), xi.flatten(1), "fc1"))
    xr, xi = linear(xr, xi, "fc2")
    probabilities = torch.softmax(torch.sqrt(xr * xr + xi * xi), dim=1).mean(0)
    print(json.dumps({"probabilities": probabilities.tolist(), "torch": torch.__version__, "librosa": librosa.__version__}))


def timed(command):
    """(seconds, peak RSS in MiB, stdout) of one cold process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    stdout = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if status != 0:
        sys.exit(f"{command[0]} failed with status {status}")
    return seconds, usage.ru_maxrss / 1024, stdout


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--worker", nargs=2, metavar=("CLIP", "BUNDLE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker(*args.worker)

    audiocls = subprocess.check_output([str(ROOT / "scripts" / "build-release")], cwd=ROOT, text=True).strip()
    if not VENV.exists():
        subprocess.run(["/usr/bin/python3", "-m", "venv", "--system-site-packages", str(VENV)], check=True)
        subprocess.run([str(VENV / "bin" / "python"), "-m", "pip", "install", "-q", "librosa==0.11.0", "numpy==1.24.2"], check=True)
    data, bundle = OUT / "data", OUT / "model"
    if not (data / "manifest.csv").exists():
        subprocess.run([audiocls, "data", "synth", str(data), "--tracks-per-class", "2", "--seconds", "30", "--quiet"], check=True)
    # A fresh bundle each time (one epoch, a few seconds), so it always matches this build.
    # The paper's CVCNN on MFCCs, the model the torch worker builds (no longer the default).
    subprocess.run([audiocls, "train", "genre", str(data), "--model", "cvcnn", "--architecture", "paper", "--features", "mfcc",
                    "--epochs", "1", "--val", "0", "--test", "0", "--out", str(bundle), "--overwrite",
                    "--cache", str(OUT / "cache"), "--quiet"], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    clip = str(data / "techno" / "techno.0000.wav")  # 30 s, 16-bit mono 22050 Hz
    swift_command = [audiocls, "predict", clip, "--model", str(bundle), "--json"]
    python_command = [str(VENV / "bin" / "python"), __file__, "--worker", clip, str(bundle)]

    runs = {"audiocls": [], "python": []}
    for _ in range(args.repeats):
        runs["audiocls"].append(timed(swift_command))
        runs["python"].append(timed(python_command))
    swift_p = json.loads(runs["audiocls"][-1][2])["probabilities"]
    python_out = json.loads(runs["python"][-1][2])
    difference = max(abs(a - b) for a, b in zip(swift_p, python_out["probabilities"]))
    median = {k: statistics.median(r[0] for r in v) for k, v in runs.items()}
    rss = {k: max(r[1] for r in v) for k, v in runs.items()}
    print(f"clip: {clip} (30 s); model: {bundle} (paper CVCNN, {len(swift_p)} classes); {args.repeats} cold runs each, median")
    print(f"python: torch {python_out['torch']}, librosa {python_out['librosa']} ({VENV / 'bin' / 'python'})")
    print(f"audiocls predict   {1000 * median['audiocls']:8.1f} ms   peak RSS {rss['audiocls']:7.1f} MiB")
    print(f"librosa + torch    {1000 * median['python']:8.1f} ms   peak RSS {rss['python']:7.1f} MiB")
    print(f"wall-time ratio    {median['python'] / median['audiocls']:8.1f} x")
    print(f"max |probability difference| {difference:.2e}")


if __name__ == "__main__":
    main()
