#!/usr/bin/env python3
"""Writes Tests/Fixtures/metrics/sklearn.json: scikit-learn's accuracy, per-class precision /
recall / F1, macro-F1 and confusion matrix for a few seeded label sets, including a class that
is never predicted and a class absent from the truth."""
import json
import pathlib
import numpy as np
import sklearn
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score, precision_recall_fscore_support

out = pathlib.Path(__file__).resolve().parent.parent / "Tests" / "Fixtures" / "metrics"
out.mkdir(parents=True, exist_ok=True)
rng = np.random.default_rng(3)
cases = []
for n, k in [(40, 3), (100, 5), (17, 4)]:
    truth = rng.integers(0, k, n)
    predicted = np.where(rng.random(n) < 0.6, truth, rng.integers(0, k, n))
    cases.append((truth, predicted, k))
cases.append((np.array([0, 0, 1, 1, 2]), np.array([0, 1, 1, 1, 1]), 4))  # class 2 never predicted, class 3 absent
records = []
for truth, predicted, k in cases:
    labels = list(range(k))
    p, r, f, _ = precision_recall_fscore_support(truth, predicted, labels=labels, zero_division=0)
    records.append({
        "classCount": k, "truth": truth.tolist(), "predicted": predicted.tolist(),
        "accuracy": accuracy_score(truth, predicted),
        "precision": p.tolist(), "recall": r.tolist(), "f1": f.tolist(),
        "macroF1": f1_score(truth, predicted, average="macro", zero_division=0),
        "confusion": confusion_matrix(truth, predicted, labels=labels).tolist(),
    })
(out / "sklearn.json").write_text(json.dumps({"sklearn": sklearn.__version__, "cases": records}, indent=1) + "\n")
print("wrote", out / "sklearn.json")
