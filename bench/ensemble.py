#!/usr/bin/env python3
"""What averaging several bundles' probabilities would give on a manifest's test clips.

Runs `audiocls predict --csv` with each bundle on the clips whose split is `test`, then prints
each bundle's clip accuracy and the accuracy of the mean of their probabilities. A measurement
after the fact, for bundles trained separately (`audiocls train genre --ensemble N` builds an
ensemble on one split inside the tool); the bundles must share their classes.

Usage: bench/ensemble.py AUDIOCLS MANIFEST.csv BUNDLE [BUNDLE ...]
"""
import csv
import io
import os
import subprocess
import sys

import numpy as np


def predictions(audiocls, bundle, paths):
    """Class names and a [clips, classes] probability matrix, rows in the order of `paths`."""
    out = subprocess.run(
        [audiocls, "predict", "--model", bundle, "--csv", *paths], check=True, capture_output=True, text=True
    ).stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    header = list(rows[0].keys())
    classes = header[header.index("confidence") + 1 : header.index("ood_score")]
    by_path = {os.path.realpath(r["path"]): [float(r[c]) for c in classes] for r in rows}
    return classes, np.array([by_path[os.path.realpath(p)] for p in paths])


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    audiocls, manifest, bundles = sys.argv[1], sys.argv[2], sys.argv[3:]
    root = os.path.dirname(os.path.abspath(manifest))
    test = [r for r in csv.DictReader(open(manifest)) if r.get("split") == "test"]
    paths = [os.path.join(root, r["path"]) for r in test]
    probabilities, classes = [], None
    for bundle in bundles:
        names, p = predictions(audiocls, bundle, paths)
        if classes is not None and names != classes:
            sys.exit(f"{bundle}: classes {names} differ from {classes}")
        classes = names
        probabilities.append(p)
    truth = np.array([classes.index(r["label"]) for r in test])
    for bundle, p in zip(bundles, probabilities):
        print(f"{bundle}: {np.mean(p.argmax(1) == truth):.3f}")
    mean = np.mean(probabilities, axis=0)
    print(f"ensemble of {len(bundles)} on {len(test)} test clips: {np.mean(mean.argmax(1) == truth):.3f}")


if __name__ == "__main__":
    main()
