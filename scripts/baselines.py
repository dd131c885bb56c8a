#!/usr/bin/env python3
"""Simple baselines on a clip manifest (scripts/realbench's manifest.csv or any with
path,label,group,split): train on every row whose split is not `test`, score on the `test`
rows, accuracy by clip and macro-F1; optionally GroupKFold by `group` over all rows.

Models (no hyper-parameter was tuned, on the test set or otherwise):
  logreg-mfcc   StandardScaler + LogisticRegression(C=1.0, lbfgs, multinomial) on 40 MFCC
                statistics: librosa.feature.mfcc(y, sr=22050, n_mfcc=20) with librosa's defaults
                (n_fft 2048, hop 512, 128 Slaney mels, DCT-II ortho), mean and std over frames
                of each coefficient.
  forest-mfcc   RandomForestClassifier(n_estimators=500) on the same 40 numbers, seeds 0, 1, 2.
  logreg-rich   StandardScaler + LogisticRegression(C=1.0) on 238 statistics: the 40 above, the
                std of the MFCC deltas (20), mean/std of the 64-band log-mel spectrogram (128),
                spectral contrast (14), chroma (24), and spectral centroid, bandwidth, roll-off,
                flatness, zero-crossing rate and RMS (12).

With --splits-of BUNDLE... each model is instead fitted on the training tracks an audiocls bundle
recorded (its model.json) and scored on that bundle's validation and test tracks, mean ± sd over
the bundles (e.g. the seeds of `train genre --hold-out-by source`), so that it compares with
audiocls models trained on the same tracks.

Usage: scripts/baselines.py [data/realbench/manifest.csv] [--folds K] [--jobs 2] [--splits-of BUNDLE...]
Prints markdown tables. Features are cached next to the manifest (baseline-features.npz).
"""

import argparse
import csv
import hashlib
import os
import platform
import sys
import time
import warnings
from concurrent.futures import ProcessPoolExecutor

import librosa
import numpy as np
import sklearn
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import GroupKFold
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

RATE = 22050
FOREST_SEEDS = (0, 1, 2)
N_MFCC_STATS = 40


def read_manifest(path):
    """Rows of the manifest with `path` made absolute."""
    base = os.path.dirname(os.path.abspath(path))
    with open(path, newline="") as fh:
        rows = list(csv.DictReader(fh))
    for r in rows:
        r["path"] = os.path.join(base, r["path"])
    return rows


def mean_std(m):
    """Mean and standard deviation over frames (axis 1) of a feature matrix, concatenated."""
    return np.concatenate([m.mean(axis=1), m.std(axis=1)])


def features(path):
    """The 238 statistics of one clip; the first N_MFCC_STATS are the MFCC mean/std."""
    warnings.filterwarnings("ignore", message="Trying to estimate tuning")  # chroma of unpitched clips
    y, _ = librosa.load(path, sr=RATE, mono=True)
    mfcc = librosa.feature.mfcc(y=y, sr=RATE, n_mfcc=20)
    stft = np.abs(librosa.stft(y))
    logmel = librosa.power_to_db(librosa.feature.melspectrogram(S=stft ** 2, sr=RATE, n_mels=64))
    scalars = [librosa.feature.spectral_centroid(S=stft, sr=RATE), librosa.feature.spectral_bandwidth(S=stft, sr=RATE),
               librosa.feature.spectral_rolloff(S=stft, sr=RATE), librosa.feature.spectral_flatness(S=stft),
               librosa.feature.zero_crossing_rate(y), librosa.feature.rms(S=stft)]
    return np.concatenate([
        mean_std(mfcc),
        librosa.feature.delta(mfcc).std(axis=1),
        mean_std(logmel),
        mean_std(librosa.feature.spectral_contrast(S=stft, sr=RATE)),
        mean_std(librosa.feature.chroma_stft(S=stft ** 2, sr=RATE)),
        mean_std(np.vstack(scalars)),
    ]).astype(np.float64)


def feature_matrix(rows, cache, jobs):
    """Features of every row, computed in `jobs` processes, cached by the list of paths."""
    key = hashlib.sha1("\n".join(r["path"] for r in rows).encode()).hexdigest()
    if os.path.exists(cache):
        with np.load(cache) as z:
            if str(z["key"]) == key:
                return z["X"]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        X = np.vstack(list(pool.map(features, [r["path"] for r in rows], chunksize=8)))
    np.savez(cache, X=X, key=key)
    return X


def logreg():
    """Standardised multinomial logistic regression."""
    return make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=5000))


def forest(seed):
    """A random forest of 500 trees."""
    return RandomForestClassifier(n_estimators=500, random_state=seed, n_jobs=1)


MODELS = [  # name, feature columns, model factories (one per seed)
    ("logreg-mfcc", slice(0, N_MFCC_STATS), [logreg]),
    ("forest-mfcc", slice(0, N_MFCC_STATS), [lambda s=s: forest(s) for s in FOREST_SEEDS]),
    ("logreg-rich", slice(None), [logreg]),
]


def score(factory, X, y, train, test):
    """(accuracy, macro-F1, predictions) of one model trained on `train`, scored on `test`."""
    model = factory().fit(X[train], y[train])
    pred = model.predict(X[test])
    return accuracy_score(y[test], pred), f1_score(y[test], pred, average="macro"), pred


def fmt(values):
    """'mean ± sd' of a list of figures (just the figure when there is one)."""
    values = np.asarray(values)
    return f"{values.mean():.3f}" if len(values) == 1 else f"{values.mean():.3f} ± {values.std(ddof=1):.3f}"


def fixed_split(X, y, rows):
    """Per model: test accuracies, macro-F1s (one per seed) and the first seed's predictions."""
    test = np.array([r["split"] == "test" for r in rows])
    results = {}
    for name, cols, factories in MODELS:
        runs = [score(f, X[:, cols], y, ~test, test) for f in factories]
        results[name] = ([a for a, _, _ in runs], [m for _, m, _ in runs], runs[0][2])
    return results, test


def group_folds(X, y, groups, k):
    """Per model: accuracies and macro-F1s over GroupKFold(k) folds (forest: seed 0)."""
    folds = list(GroupKFold(n_splits=k).split(X, y, groups))
    results = {}
    for name, cols, factories in MODELS:
        runs = [score(factories[0], X[:, cols], y, tr, te) for tr, te in folds]
        results[name] = ([a for a, _, _ in runs], [m for _, m, _ in runs])
    return results


def per_class_table(y, test, preds, classes):
    """Markdown rows: per-class test recall of each model."""
    lines = ["| class | test clips | " + " | ".join(preds) + " |", "|---|---|" + "---|" * len(preds)]
    for c in classes:
        mask = y[test] == c
        recalls = [f"{np.mean(p[mask] == c):.2f}" for p in preds.values()]
        lines.append(f"| {c} | {mask.sum()} | " + " | ".join(recalls) + " |")
    return lines


def bundle_splits(X, y, rows, bundles):
    """Per model: (validation, test) accuracies, one per bundle, fitted on each bundle's training tracks."""
    import json
    index = {os.path.realpath(r["path"]): i for i, r in enumerate(rows)}
    results = {name: ([], []) for name, _, _ in MODELS}
    for bundle in bundles:
        with open(os.path.join(bundle, "model.json")) as fh:
            manifest = json.load(fh)
        roots = manifest["dataset"]["roots"]
        role = {}
        for track in manifest["split"]:
            path = os.path.realpath(os.path.join(roots[track.get("root", 0)], track["path"]))
            role[index[path]] = track["split"]
        masks = {name: np.array([role.get(i) == name for i in range(len(rows))]) for name in ("train", "validation", "test")}
        for name, cols, factories in MODELS:
            model = factories[0]().fit(X[masks["train"]][:, cols], y[masks["train"]])
            for k, split in enumerate(("validation", "test")):
                results[name][k].append(accuracy_score(y[masks[split]], model.predict(X[masks[split]][:, cols])))
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("manifest", nargs="?", default="data/realbench/manifest.csv")
    parser.add_argument("--folds", type=int, default=0, help="also GroupKFold by group with K folds")
    parser.add_argument("--jobs", type=int, default=2, help="feature extraction processes (default 2)")
    parser.add_argument("--splits-of", nargs="+", metavar="BUNDLE", help="fit on these bundles' training tracks")
    args = parser.parse_args()
    t0 = time.time()
    rows = read_manifest(args.manifest)
    X = feature_matrix(rows, os.path.join(os.path.dirname(os.path.abspath(args.manifest)),
                                          "baseline-features.npz"), args.jobs)
    y = np.array([r["label"] for r in rows])
    groups = np.array([r["group"] for r in rows])
    if args.splits_of:
        print("| model (first seed) | validation accuracy | test accuracy |\n|---|---|---|")
        for name, (validation, test) in bundle_splits(X, y, rows, args.splits_of).items():
            print(f"| {name} | {fmt(validation)} | {fmt(test)} |")
        return
    fixed, test = fixed_split(X, y, rows)
    folds = group_folds(X, y, groups, args.folds) if args.folds else {}
    head = "| model | test accuracy | test macro-F1 |"
    if folds:
        head += f" {args.folds}-fold accuracy | {args.folds}-fold macro-F1 |"
    print(f"{len(rows)} clips, {len(set(y))} classes, {len(set(groups))} groups; test {test.sum()} clips "
          f"in {len(set(groups[test]))} groups\n")
    print(head)
    print("|" + "---|" * (head.count("|") - 1))
    for name, _, _ in MODELS:
        line = f"| {name} | {fmt(fixed[name][0])} | {fmt(fixed[name][1])} |"
        if folds:
            line += f" {fmt(folds[name][0])} | {fmt(folds[name][1])} |"
        print(line)
    print()
    print("\n".join(per_class_table(y, test, {n: fixed[n][2] for n, _, _ in MODELS}, sorted(set(y)))))
    print(f"\nlibrosa {librosa.__version__}, scikit-learn {sklearn.__version__}, numpy {np.__version__}, "
          f"Python {platform.python_version()}; {time.time() - t0:.0f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
