#!/usr/bin/env python3
"""Writes Tests/Fixtures/spectral/: reference features from librosa 0.11 (plus NumPy/SciPy) for
the Swift `Spectral` module. One .npz per test signal (the float32 input and every reference
output for that case's parameters), windows.npz (scipy.signal.get_window) and meta.json (the
parameters of every case and the library versions). Signals are synthesised deterministically
here. The phase features (instantaneous frequency, group delay, the paper's workflows 1 and 2)
have no librosa function: they are computed in NumPy from librosa's STFT, straight from the
formulas documented in Sources/Spectral/PhaseFeatures.swift, in float64; phase_advance.npz holds
audiocls's `if-logmel` and phase coherence of every case (Sources/Spectral/PhaseAdvanceMel.swift),
the same way.

Usage: python3 scripts/make_spectral_fixtures.py   (versions pinned in scripts/requirements.txt)"""
import json
import pathlib

import librosa
import numpy as np
import scipy
import scipy.fft
import scipy.signal

out = pathlib.Path(__file__).resolve().parent.parent / "Tests" / "Fixtures" / "spectral"
out.mkdir(parents=True, exist_ok=True)
SR = 22050
rng = np.random.default_rng(2510)


def seconds(duration):
    return np.arange(int(round(duration * SR))) / SR


def chord(duration):
    """A major triad (A3, C#4, E4), five harmonics each, with attack and decay."""
    t = seconds(duration)
    y = np.zeros_like(t)
    for f0 in (220.0, 277.18, 329.63):
        for h in range(1, 6):
            y += np.sin(2 * np.pi * f0 * h * t + h) / h**1.5
    return 0.2 * y * np.minimum(1, t / 0.02) * np.exp(-1.5 * t)


def transients(duration):
    """Low-level noise, two decaying noise bursts and three clicks."""
    n = int(round(duration * SR))
    y = 0.01 * rng.standard_normal(n)
    for start in (0.1, 0.45):
        i = int(start * SR)
        m = min(n - i, int(0.15 * SR))
        y[i:i + m] += 0.5 * rng.standard_normal(m) * np.exp(-np.arange(m) / (0.03 * SR))
    for click in (0.05, 0.3, 0.62):
        y[int(click * SR)] += 0.9
    return y


def chirp(duration):
    """A linear sweep from 100 Hz to 8 kHz."""
    return 0.5 * scipy.signal.chirp(seconds(duration), f0=100, t1=duration, f1=8000, method="linear")


def short_tone(duration):
    """A 1 kHz sine plus a little noise."""
    t = seconds(duration)
    return 0.3 * np.sin(2 * np.pi * 1000 * t) + 0.01 * rng.standard_normal(t.size)


def vibrato(n):
    """A 440 Hz tone with 6 Hz vibrato, `n` samples (not a multiple of the hop)."""
    t = np.arange(n) / SR
    return 0.4 * np.sin(2 * np.pi * 440 * t + 8 * np.sin(2 * np.pi * 6 * t))


defaults = dict(n_fft=2048, hop_length=512, win_length=2048, window="hann", center=True,
                n_mels=128, fmin=0.0, fmax=SR / 2, htk=False, norm="slaney", n_mfcc=20, lifter=0)
cases = {
    # librosa defaults; also the paper's 13-band MFCC and a liftered MFCC.
    "chord": (chord(0.4), dict(defaults, paper_mfcc=True, lifter_mfcc=22, extras=True, phase_derivatives=True)),
    # A window shorter than the FFT (centre-padded), Hamming, 40 mels below 8 kHz.
    "transients": (transients(0.75), dict(defaults, n_fft=512, hop_length=256, win_length=400,
                                          window="hamming", n_mels=40, fmin=30.0, fmax=8000.0, n_mfcc=13)),
    # Uncentred frames, Blackman window, HTK mel without norm.
    "chirp": (chirp(0.5), dict(defaults, n_fft=1024, hop_length=256, win_length=1024, window="blackman",
                               center=False, n_mels=64, htk=True, norm=None)),
    # Shorter than one frame: only the zero padding of center=True makes frames.
    "short": (short_tone(0.1), dict(defaults, phase_derivatives=True)),
    # 1000 samples, fewer than nFFT even with centring's padding on one side.
    "tiny": (short_tone(1000 / SR), dict(defaults)),
    # A length that is not a multiple of the hop; HTK mel with Slaney norm.
    "vibrato": (vibrato(5000), dict(defaults, htk=True)),
}


def principal_value(x):
    return np.mod(x + np.pi, 2 * np.pi) - np.pi


def instantaneous_frequency(D, sr, hop, n_fft):
    phase = np.angle(D).astype(np.float64)
    k = np.arange(D.shape[0])[:, None]
    centre = k * sr / n_fft
    advance = np.diff(phase, axis=1) - 2 * np.pi * k * hop / n_fft
    rest = principal_value(advance) * sr / (2 * np.pi * hop) + centre
    return np.concatenate([np.broadcast_to(centre, (D.shape[0], 1)), rest], axis=1).astype(np.float32)


def phase_advance_mels(D, mel_basis):
    """A, the amplitude mel, and P, the mel sum of X[k,t]·conj(X[k,t−1])/|X[k,t−1]| (|X[k,0]| in
    frame 0 and after a zero)."""
    X = D.astype(np.complex128)
    W = mel_basis.astype(np.float64)
    previous = np.concatenate([np.zeros_like(X[:, :1]), X[:, :-1]], axis=1)
    size = np.abs(previous)
    advance = np.where(size > 0, X * np.conj(previous) / np.maximum(size, 1e-300), np.abs(X))
    return W @ np.abs(X), W @ advance


def if_log_mel(D, mel_basis, centres, hop, epsilon=1e-4):
    """audiocls's `if-logmel`: log(1 + A/ε) · exp(i·princarg(arg P − 2π·f_m·hop/sr)), f_m the
    band centres; frame 0 has phase 0."""
    A, P = phase_advance_mels(D, mel_basis)
    angle = principal_value(np.angle(P) - 2 * np.pi * np.mod(centres[:, None] * hop / SR, 1))
    angle[:, 0] = 0
    return (np.log1p(A / epsilon) * np.exp(1j * angle)).astype(np.complex64)


def phase_coherence(D, mel_basis):
    """audiocls's phase coherence |P|/A (0 where A = 0), frame 0 repeating frame 1."""
    A, P = phase_advance_mels(D, mel_basis)
    c = np.where(A > 0, np.minimum(1, np.abs(P) / np.maximum(A, 1e-300)), 0)
    if c.shape[1] > 1:
        c[:, 0] = c[:, 1]
    return c.astype(np.float32)


def group_delay(D, n_fft):
    phase = np.angle(D).astype(np.float64)
    gd = -principal_value(np.diff(phase, axis=0)) * n_fft / (2 * np.pi)
    return np.concatenate([gd, gd[-1:]], axis=0).astype(np.float32)


EPSILON = 1e-6
phase_advance = {}
meta = {"versions": {"librosa": librosa.__version__, "numpy": np.__version__, "scipy": scipy.__version__},
        "sample_rate": SR, "epsilon": EPSILON, "cases": {}}
for name, (signal, p) in cases.items():
    y = signal.astype(np.float32)
    stft_args = dict(n_fft=p["n_fft"], hop_length=p["hop_length"], win_length=p["win_length"],
                     window=p["window"], center=p["center"], pad_mode="constant")
    mel_args = dict(sr=SR, n_mels=p["n_mels"], fmin=p["fmin"], fmax=p["fmax"],
                    htk=p["htk"], norm=p["norm"])
    # mfcc's own `norm` is the DCT's; the mel norm goes in as `mel_norm`.
    mfcc_args = dict(stft_args, **{k: v for k, v in mel_args.items() if k != "norm"}, mel_norm=p["norm"])
    D = librosa.stft(y, **stft_args)
    mel_basis = librosa.filters.mel(n_fft=p["n_fft"], **mel_args)
    mel = librosa.feature.melspectrogram(y=y, **stft_args, **mel_args, power=2.0)
    db = librosa.power_to_db(mel, ref=1.0, amin=1e-10, top_db=80.0)
    arrays = dict(
        signal=y, stft=D.astype(np.complex64), mel_basis=mel_basis, melspectrogram=mel, power_to_db=db,
        mfcc=librosa.feature.mfcc(y=y, n_mfcc=p["n_mfcc"], **mfcc_args),
        istft=librosa.istft(D, hop_length=p["hop_length"], win_length=p["win_length"], n_fft=p["n_fft"],
                            window=p["window"], center=p["center"], length=len(y)),
    )
    # Keep the files small: every 16th filter of big filterbanks, some outputs for some cases only.
    row_step = 16 if mel_basis.shape[0] > 16 else 1
    arrays["mel_basis"] = np.ascontiguousarray(mel_basis[::row_step])
    if p.get("extras"):
        arrays["power_to_db_ref_max"] = librosa.power_to_db(mel, ref=np.max, top_db=80.0)
        arrays["istft_no_length"] = librosa.istft(D, hop_length=p["hop_length"], win_length=p["win_length"],
                                                  n_fft=p["n_fft"], window=p["window"], center=p["center"])
    if p.get("phase_derivatives"):
        arrays["instantaneous_frequency"] = instantaneous_frequency(D, SR, p["hop_length"], p["n_fft"])
        arrays["group_delay"] = group_delay(D, p["n_fft"])
    # Workflow 1: complex mel, log magnitude with the phase kept.
    C = mel_basis.astype(np.float64) @ D.astype(np.complex128)
    arrays["complex_log_mel"] = (np.log(np.abs(C) + EPSILON) * np.exp(1j * np.angle(C))).astype(np.complex64)
    # Workflow 2: MFCC of the STFT times exp(i·DCT(mel @ angle(STFT))), first n_mfcc rows.
    mfcc_of_D = librosa.feature.mfcc(S=librosa.power_to_db(mel_basis @ (np.abs(D) ** 2)), n_mfcc=p["n_mfcc"])
    phase_dct = scipy.fft.dct(mel_basis.astype(np.float64) @ np.angle(D).astype(np.float64),
                              type=2, norm="ortho", axis=0)[:p["n_mfcc"]]
    arrays["phase_mfcc"] = (mfcc_of_D * np.exp(1j * phase_dct)).astype(np.complex64)
    if p["n_fft"] >= 2048:
        # Quadratic phase coupling Q = X(2k)·conj(X(k))²·|…|^(-2/3), and pooled in 40 mel bands over 0…sr/4
        # (filters of a sr/2, n_fft/2 filterbank: same bin spacing); the log step is workflow 1's.
        X = D.astype(np.complex128)
        rows = (X.shape[0] + 1) // 2
        B = X[0:2 * rows:2] * np.conj(X[:rows]) ** 2
        magnitude = np.abs(B)
        Q = np.where(magnitude > 0, B / np.maximum(magnitude, 1e-300) ** (2 / 3), 0)
        arrays["phase_coupling"] = Q[::8].astype(np.complex64)  # every 8th row keeps the file small
        octave_basis = librosa.filters.mel(sr=SR / 2, n_fft=p["n_fft"] // 2, n_mels=40, fmin=p["fmin"],
                                           fmax=min(p["fmax"] or SR / 4, SR / 4), htk=p["htk"], norm=p["norm"])
        arrays["phase_coupling_mel"] = (octave_basis.astype(np.float64) @ Q).astype(np.complex64)
    centres = librosa.mel_frequencies(p["n_mels"] + 2, fmin=p["fmin"], fmax=p["fmax"], htk=p["htk"])[1:-1]
    phase_advance[f"{name}_if_logmel"] = if_log_mel(D, mel_basis, centres, p["hop_length"])
    phase_advance[f"{name}_coherence"] = phase_coherence(D, mel_basis)
    if p.pop("paper_mfcc", False):  # the paper's MFCC: 13 mel bands, 13 coefficients
        arrays["mfcc_paper"] = librosa.feature.mfcc(y=y, n_mfcc=13, **dict(mfcc_args, n_mels=13))
    if (lifter := p.pop("lifter_mfcc", None)) is not None:
        arrays["mfcc_lifter"] = librosa.feature.mfcc(y=y, n_mfcc=p["n_mfcc"], lifter=lifter, **mfcc_args)
        p["lifter_mfcc"] = lifter
    np.savez(out / f"{name}.npz", **{k: np.ascontiguousarray(v) for k, v in arrays.items()})
    meta["cases"][name] = dict(p, mel_basis_row_step=row_step, paper_mfcc="mfcc_paper" in arrays,
                               arrays=sorted(arrays))

np.savez(out / "phase_advance.npz", **phase_advance)  # CASE_if_logmel, CASE_coherence: [n_mels, frames]

windows = {f"{w}_{n}": scipy.signal.get_window(w, n, fftbins=True).astype(np.float32)
           for w in ("hann", "hamming", "blackman", "boxcar") for n in (1, 7, 400, 1000)}
windows["hann_400_in_512"] = librosa.util.pad_center(windows["hann_400"], size=512)
windows["hann_7_in_10"] = librosa.util.pad_center(windows["hann_7"], size=10)
np.savez(out / "windows.npz", **windows)
(out / "meta.json").write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n")
print("wrote", out, sum(f.stat().st_size for f in out.iterdir()), "bytes")
