#!/usr/bin/env python3
"""Which synthetic "phase" dataset hides its label from magnitude spectrograms?

Renders candidate datasets of harmonic complexes (sr 22050, 3 s clips, F0 log-uniform in
80-300 Hz, up to 24 partials below 5 kHz, spectral slope h^-s with s in 0.5-2, +-3 dB
per-partial jitter, linear 20 ms fade-in and fade-out, random RMS or peak level) whose classes
differ only in phase relations between partials, and scores each with random forests
(5-fold cross-validation). The "doubling c in {0, pi}" candidate is the construction of
Sources/Synthesis/PhaseStyle.swift (same distributions, not the same random
stream). Features:

* magnitude-only: MFCC, delta-MFCC, log-mel per-band, frame-energy, spectral-flux and
  centroid statistics (librosa defaults: n_fft 2048, hop 512, 128 mels, 20 MFCCs);
* phase-aware: statistics of phase relations read from the complex STFT at the harmonic peaks
  (F0 estimated from the clip's own magnitude spectrum, never from the generator):
  doubling  X(k_2h) conj(X(k_h))^2         -> phi_2h - 2 phi_h
  triplet   X(k_1) X(k_h) conj(X(k_h+1))   -> phi_1 + phi_h - phi_h+1
  curvature X(k_h+1) X(k_h-1) conj(X(k_h))^2 -> phi_h+1 - 2 phi_h + phi_h-1
  each summarised over frames by the mean unit phasor (real, imaginary, modulus).

A third column scores the clip's waveform skewness alone: a one-number, non-spectral statistic
that is odd under polarity inversion.

Usage: python3 scripts/phase_dataset_study.py [--clips 240] [--seed 2026] [--only TEXT]
Prints one markdown table; scripts/phase_dataset_study.md records a run.
"""

import argparse
import time

import librosa
import numpy as np
import scipy
import scipy.stats
import sklearn
from sklearn.ensemble import RandomForestClassifier
from sklearn.model_selection import StratifiedKFold, cross_val_predict

SR = 22050
SECONDS = 3.0
N_FFT = 2048
HOP = 512
MAX_PARTIALS = 24
MAX_PARTIAL_HZ = 5000.0
FADE = 0.02


# MARK: - Generators ---------------------------------------------------------------------------

def partial_count(f0):
    return int(min(MAX_PARTIALS, np.floor(MAX_PARTIAL_HZ / f0)))


def doubling_phases(rng, count, offset):
    """Odd partials get uniform random phases; phi_2h = 2 phi_h + offset for every 2h <= count."""
    phases = rng.uniform(0, 2 * np.pi, count)  # index h-1; even entries are overwritten
    for h in range(1, count // 2 + 1):  # increasing h: phi_h is final before phi_2h is set
        phases[2 * h - 1] = 2 * phases[h - 1] + offset
    return phases


def schroeder_phases(rng, count, sign):
    h = np.arange(1, count + 1)
    return sign * np.pi * h * (h - 1) / count + h * rng.uniform(0, 2 * np.pi)


def sine_phases(rng, count):
    return np.arange(1, count + 1) * rng.uniform(0, 2 * np.pi)


def render(rng, phase_rule, normalise="rms"):
    f0 = float(np.exp(rng.uniform(np.log(80), np.log(300))))
    count = partial_count(f0)
    h = np.arange(1, count + 1)
    slope = rng.uniform(0.5, 2.0)
    amplitudes = h ** -slope * 10 ** (rng.uniform(-3, 3, count) / 20)
    phases = phase_rule(rng, count)
    n = int(SECONDS * SR)
    t = np.arange(n) / SR
    y = (amplitudes[:, None] * np.cos(2 * np.pi * f0 * h[:, None] * t[None, :] + phases[:, None])).sum(0)
    # linear attack and release, symmetric about the clip's centre (SignalBuilder.addTone)
    k = np.arange(n)
    y *= np.minimum(1, np.minimum(k, n - 1 - k) / SR / FADE)
    if normalise == "rms":  # RMS -30...-12 dBFS
        y *= 10 ** (rng.uniform(-30, -12) / 20) / np.sqrt(np.mean(y ** 2))
    else:  # peak 0.3...0.9, like GenreStyle and PhaseStyle
        y *= rng.uniform(0.3, 0.9) / np.max(np.abs(y))
    return y.astype(np.float32)


def doubling(offsets):
    return [lambda rng, c, o=o: doubling_phases(rng, c, o) for o in offsets]


CANDIDATES = {
    # name: (class rules, normalisation, why magnitudes should match)
    "schroeder+/-": ([lambda r, c: schroeder_phases(r, c, +1), lambda r, c: schroeder_phases(r, c, -1)],
                     "rms", "time reversal (exact for frame-order-free statistics)"),
    "sine/schroeder/random (RMS level)": (
        [sine_phases, lambda r, c: schroeder_phases(r, c, +1), lambda r, c: r.uniform(0, 2 * np.pi, c)],
        "rms", "none by construction"),
    "sine/schroeder/random (peak level)": (
        [sine_phases, lambda r, c: schroeder_phases(r, c, +1), lambda r, c: r.uniform(0, 2 * np.pi, c)],
        "peak", "none by construction"),
    "doubling c in {0, pi}": (doubling([0, np.pi]), "peak", "polarity: class pi = -(class 0), exact"),
    "doubling c in {0, 2pi/3, 4pi/3}": (doubling([0, 2 * np.pi / 3, 4 * np.pi / 3]), "peak",
                                        "global phase rotation (approximate for the STFT)"),
    "doubling c in {pi/4, 3pi/4, 5pi/4, 7pi/4}": (doubling([np.pi / 4, 3 * np.pi / 4, 5 * np.pi / 4, 7 * np.pi / 4]),
                                                   "peak", "polarity and time reversal"),
}


# MARK: - Features -----------------------------------------------------------------------------

def magnitude_features(y):
    S = np.abs(librosa.stft(y, n_fft=N_FFT, hop_length=HOP))
    mel_db = librosa.power_to_db(librosa.feature.melspectrogram(S=S ** 2, sr=SR))
    mfcc = librosa.feature.mfcc(S=mel_db, n_mfcc=20)
    delta = librosa.feature.delta(mfcc)
    energy_db = librosa.power_to_db((S ** 2).sum(0))
    flux = np.sqrt((np.diff(S, axis=1).clip(min=0) ** 2).sum(0))
    centroid = librosa.feature.spectral_centroid(S=S, sr=SR)[0]
    stats = lambda a: [a.mean(-1), a.std(-1)]
    return np.concatenate([
        *stats(mfcc), *stats(delta), *stats(mel_db),
        [energy_db.mean(), energy_db.std(), energy_db.min(), energy_db.max(), np.abs(np.diff(energy_db)).mean()],
        [flux.mean(), flux.std(), *stats(centroid)],
    ])


F0_GRID = np.arange(70.0, 330.0, 0.1)
F0_HARMONICS = np.arange(1, MAX_PARTIALS + 1)
F0_MASK = F0_HARMONICS[None, :] <= np.array([partial_count(f0) for f0 in F0_GRID])[:, None]


def estimate_f0(spectrum):
    """Harmonic comb on the clip's mean log-magnitude spectrum: peaks at h F0, troughs between."""
    log_mag = np.log(spectrum + 1e-9 * spectrum.max())
    bins = np.arange(len(log_mag))
    at = lambda f: np.interp(f * N_FFT / SR, bins, log_mag)
    peaks = at(F0_GRID[:, None] * F0_HARMONICS[None, :])
    troughs = at(F0_GRID[:, None] * (F0_HARMONICS[None, :] - 0.5))
    score = ((peaks - troughs) * F0_MASK).sum(1) / F0_MASK.sum(1)
    return F0_GRID[np.argmax(score)]


def phase_features(y):
    X = librosa.stft(y, n_fft=N_FFT, hop_length=HOP)[:, 2:-2]  # drop frames touching the padding
    X = X * (-1.0) ** np.arange(X.shape[0])[:, None]  # phase referenced to the frame centre
    magnitude = np.abs(X).mean(1)
    f0 = estimate_f0(magnitude)
    count = partial_count(f0)
    peaks = {}
    for h in range(1, count + 1):
        centre = int(round(h * f0 * N_FFT / SR))
        window = slice(centre - 1, centre + 2)
        peaks[h] = X[centre - 1 + int(np.argmax(magnitude[window]))]

    def coherence(z):
        if z is None:
            return [0.0, 0.0, 0.0]
        mean = (z / (np.abs(z) + 1e-30)).mean()
        return [mean.real, mean.imag, abs(mean)]

    get = lambda h: peaks.get(h)
    product = lambda *zs: None if any(z is None for z in zs) else np.prod(zs, axis=0)
    out = []
    for h in range(1, 7):
        out += coherence(product(get(2 * h), np.conj(get(h)), np.conj(get(h))) if get(2 * h) is not None else None)
    for h in range(1, 11):
        out += coherence(product(get(1), get(h), np.conj(get(h + 1))) if get(h + 1) is not None else None)
    for h in range(2, 11):
        out += coherence(product(get(h + 1), get(h - 1), np.conj(get(h)), np.conj(get(h)))
                         if get(h + 1) is not None else None)
    return np.array(out)


# MARK: - Study --------------------------------------------------------------------------------

def cross_validated_accuracy(features, labels, seed):
    """Pooled accuracy of 5-fold stratified cross-validation and its 95% Wilson interval."""
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=seed)
    forest = RandomForestClassifier(n_estimators=200, random_state=seed, n_jobs=2)
    predicted = cross_val_predict(forest, features, labels, cv=folds)
    n, p, z = len(labels), (predicted == labels).mean(), 1.96
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return f"{p:.1%} ({centre - half:.0%}-{centre + half:.0%})"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clips", type=int, default=240, help="clips per class")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--only", help="run only the candidates whose name contains this text")
    args = parser.parse_args()
    print(f"numpy {np.__version__}, librosa {librosa.__version__}, scikit-learn {sklearn.__version__}, "
          f"scipy {scipy.__version__}; {args.clips} clips/class, seed {args.seed}; random forest (200 trees), "
          f"5-fold stratified cross-validation, accuracy pooled over folds (95% Wilson interval)\n")
    print("| candidate | classes | magnitudes match by | chance | magnitude-only | phase-aware | waveform skewness |")
    print("|---|---|---|---|---|---|---|")
    for index, (name, (rules, normalise, why)) in enumerate(CANDIDATES.items()):
        if args.only and args.only not in name:
            continue
        started = time.time()
        magnitude, phase, skewness, labels = [], [], [], []
        for label, rule in enumerate(rules):
            for clip in range(args.clips):
                rng = np.random.default_rng([args.seed, index, label, clip])
                y = render(rng, rule, normalise)
                magnitude.append(magnitude_features(y))
                phase.append(phase_features(y))
                skewness.append([scipy.stats.skew(y)])
                labels.append(label)
        labels = np.array(labels)
        cells = " | ".join(cross_validated_accuracy(np.array(x), labels, args.seed)
                           for x in (magnitude, phase, skewness))
        print(f"| {name} | {len(rules)} | {why} | {1 / len(rules):.1%} | {cells} |  "
              f"<!-- {len(labels)} clips, {time.time() - started:.0f} s -->", flush=True)


if __name__ == "__main__":
    main()
