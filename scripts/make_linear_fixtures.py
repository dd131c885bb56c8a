#!/usr/bin/env python3
"""Writes Tests/Fixtures/linear/sklearn_logistic.json: scikit-learn's StandardScaler +
LogisticRegression (multinomial, lbfgs, C as given, tight tolerance) on seeded Gaussian features,
the reference for audiocls' `--model linear` fit (StatisticsClassifier.fit(statistics:labels:)).
Two cases: well separated classes (C = 1) and overlapping ones with stronger regularisation
(C = 0.1), including a constant column (scale 1, as StandardScaler leaves it)."""
import json
import pathlib

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

out = pathlib.Path(__file__).resolve().parent.parent / "Tests" / "Fixtures" / "linear"
out.mkdir(parents=True, exist_ok=True)
rng = np.random.default_rng(7)


def case(n_per_class, classes, width, spread, c):
    centres = rng.normal(0, spread, (classes, width))
    x = np.concatenate([centres[k] + rng.normal(0, 1, (n_per_class, width)) * rng.uniform(0.5, 3, width)
                        for k in range(classes)]).astype(np.float32)
    x[:, -1] = 2.5  # a constant column
    y = np.repeat(np.arange(classes), n_per_class)
    test = (centres[rng.integers(0, classes, 10)] + rng.normal(0, 1.5, (10, width))).astype(np.float32)
    test[:, -1] = 2.5
    scaler = StandardScaler().fit(x)
    model = LogisticRegression(C=c, tol=1e-12, max_iter=100000).fit(scaler.transform(x), y)
    return {
        "C": c, "statistics": x.tolist(), "labels": y.tolist(), "test": test.tolist(),
        "mean": scaler.mean_.tolist(), "scale": scaler.scale_.tolist(),
        "coefficients": model.coef_.tolist(), "intercept": model.intercept_.tolist(),
        "testProbabilities": model.predict_proba(scaler.transform(test)).tolist(),
    }


cases = [case(20, 3, 6, 2.0, 1.0), case(30, 4, 8, 0.7, 0.1)]
(out / "sklearn_logistic.json").write_text(json.dumps(
    {"generator": f"scripts/make_linear_fixtures.py, scikit-learn {sklearn.__version__}, numpy {np.__version__}",
     "cases": cases}))
print(f"wrote {out / 'sklearn_logistic.json'}")
