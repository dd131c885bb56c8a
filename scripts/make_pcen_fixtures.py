#!/usr/bin/env python3
"""Writes Tests/Fixtures/spectral/pcen.npz and pcen.json: librosa 0.11's `pcen` references for
Sources/Spectral/PerChannelEnergyNormalization.swift and the `pcen` feature.

The signal: a chirp (150 Hz to 6 kHz) over white noise, 2.5 s at 16 kHz, that steps up by 30 dB
at 1.2 s and back down by 20 dB at 1.9 s, so the automatic gain control moves. Its amplitude
mel (`melspectrogram(power=1)`, the PCEN paper's framing: 25 ms windows every 10 ms, 40 bands)
is scaled by 2**31 as librosa's `pcen` documentation recommends for audio in [-1, 1], and PCEN'd
with librosa's defaults and three other settings (one for each of librosa's compression
formulas). Arrays: `signal` (float32), `mel` (the float32 amplitude mel, unscaled), `SETTING`
(PCEN of mel * 2**31, float32) and `defaults_zf` (librosa's final filter delays, return_zf=True).

Usage: python3 scripts/make_pcen_fixtures.py   (versions pinned in scripts/requirements.txt)"""
import json
import pathlib

import librosa
import numpy as np
import scipy
import scipy.signal

out = pathlib.Path(__file__).resolve().parent.parent / "Tests" / "Fixtures" / "spectral"
SR, DURATION = 16000, 2.5
STFT = dict(n_fft=512, hop_length=160, win_length=400, window="hann", center=True, pad_mode="constant")
MEL = dict(sr=SR, n_mels=40, fmin=0.0, fmax=SR / 2, htk=False, norm="slaney")
SCALE = 2.0**31
SETTINGS = {
    "defaults": dict(),
    "custom": dict(gain=0.8, bias=10.0, power=0.25, time_constant=0.06, eps=1e-4),
    "log": dict(power=0.0, time_constant=1.0),
    "unbiased": dict(bias=0.0, gain=0.9),
}

rng = np.random.default_rng(1402)
t = np.arange(int(DURATION * SR)) / SR
level = np.where(t < 1.2, 0.01, np.where(t < 1.9, 0.3, 0.03))
chirp = scipy.signal.chirp(t, f0=150, t1=DURATION, f1=6000, method="logarithmic")
y = (level * chirp + 0.002 * rng.standard_normal(t.size)).astype(np.float32)

mel = librosa.feature.melspectrogram(y=y, **STFT, **MEL, power=1.0)
arrays = dict(signal=y, mel=mel)
for name, setting in SETTINGS.items():
    arrays[name] = librosa.pcen(mel * SCALE, sr=SR, hop_length=STFT["hop_length"], **setting).astype(np.float32)
_, zf = librosa.pcen(mel * SCALE, sr=SR, hop_length=STFT["hop_length"], return_zf=True)
arrays["defaults_zf"] = zf.astype(np.float32).reshape(-1)

np.savez(out / "pcen.npz", **{k: np.ascontiguousarray(v) for k, v in arrays.items()})
meta = {"versions": {"librosa": librosa.__version__, "numpy": np.__version__, "scipy": scipy.__version__},
        "sample_rate": SR, "input_scale": SCALE, "stft": {k: v for k, v in STFT.items() if k != "pad_mode"},
        "mel": {k: v for k, v in MEL.items() if k != "sr"}, "settings": SETTINGS}
(out / "pcen.json").write_text(json.dumps(meta, indent=1, sort_keys=True) + "\n")
print("wrote", out / "pcen.npz", (out / "pcen.npz").stat().st_size, "bytes;", mel.shape[1], "frames")
