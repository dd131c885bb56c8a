#!/usr/bin/env python3
"""Writes Tests/Fixtures/spectral/descriptors.npz: librosa 0.11's frame-wise spectral descriptors,
the references for Sources/Spectral/SpectralShape.swift, SpectralContrast.swift, Chroma.swift and
the `descriptors` feature.

The signal: 0.6 s at 22050 Hz of a 220 Hz tone with 8 harmonics, a chirp (100 Hz to 8 kHz) and a
click train over quiet noise, then 0.2 s of digital silence (frames of exact zeros). Arrays:
`signal` (float32); `S` = |stft(signal)| (n_fft 2048, hop 512, float32) and, from it,
`centroid`, `bandwidth`, `rolloff`, `flatness`, `rms`, `contrast` (librosa's defaults) and
`chroma` (`chroma_stft(S=S**2, tuning=0)`); `descriptors` = the whole feature from the signal:
`power_to_db(mel)` (64 bands), `mfcc(S=power_to_db(mel), n_mfcc=20)`, contrast, chroma and the
five shape rows stacked. `S_8k`, `contrast_8k`: the same at 8000 Hz with n_fft 512, where only 5
octave bands start below Nyquist (`n_bands=5`).

Usage: python3 scripts/make_descriptor_fixtures.py   (versions pinned in scripts/requirements.txt)"""
import pathlib

import librosa
import numpy as np
import scipy.signal

out = pathlib.Path(__file__).resolve().parent.parent / "Tests" / "Fixtures" / "spectral" / "descriptors.npz"
SR, N_FFT, HOP = 22050, 2048, 512


def signal(sr, seconds, rng):
    t = np.arange(int(seconds * sr)) / sr
    tone = sum(np.sin(2 * np.pi * 220 * h * t) / h for h in range(1, 9))
    chirp = scipy.signal.chirp(t, f0=100, t1=seconds, f1=min(8000, 0.45 * sr), method="logarithmic")
    clicks = np.zeros_like(t)
    clicks[:: int(0.15 * sr)] = 1.0
    y = 0.1 * tone + 0.05 * chirp + 0.3 * clicks + 0.003 * rng.standard_normal(t.size)
    return np.concatenate([y, np.zeros(int(0.2 * sr))]).astype(np.float32)


def shape(S, sr, n_fft):
    kw = dict(S=S, sr=sr, n_fft=n_fft)
    return dict(centroid=librosa.feature.spectral_centroid(**kw), bandwidth=librosa.feature.spectral_bandwidth(**kw),
                rolloff=librosa.feature.spectral_rolloff(**kw), flatness=librosa.feature.spectral_flatness(S=S),
                rms=librosa.feature.rms(S=S, frame_length=n_fft))


rng = np.random.default_rng(2612)
y = signal(SR, 0.6, rng)
S = np.abs(librosa.stft(y, n_fft=N_FFT, hop_length=HOP))
arrays = dict(signal=y, S=S, **shape(S, SR, N_FFT))
arrays["contrast"] = librosa.feature.spectral_contrast(S=S, sr=SR, n_fft=N_FFT)
arrays["chroma"] = librosa.feature.chroma_stft(S=S**2, sr=SR, n_fft=N_FFT, tuning=0)
mel = librosa.feature.melspectrogram(y=y, sr=SR, n_fft=N_FFT, hop_length=HOP, n_mels=64)
log_mel = librosa.power_to_db(mel)
mfcc = librosa.feature.mfcc(S=log_mel, n_mfcc=20)
rows = [log_mel, mfcc, arrays["contrast"], arrays["chroma"]] + [arrays[k] for k in ("centroid", "bandwidth", "rolloff", "flatness", "rms")]
arrays["descriptors"] = np.vstack(rows)

y8 = signal(8000, 0.4, rng)
S8 = np.abs(librosa.stft(y8, n_fft=512, hop_length=128))
arrays["S_8k"] = S8
arrays["contrast_8k"] = librosa.feature.spectral_contrast(S=S8, sr=8000, n_fft=512, n_bands=5)

np.savez(out, **{k: np.ascontiguousarray(v, dtype=np.float32) for k, v in arrays.items()})
print("wrote", out, out.stat().st_size, "bytes;", S.shape[1], "frames;", "librosa", librosa.__version__)
