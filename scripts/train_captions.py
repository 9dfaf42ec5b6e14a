"""Train the caption model and write ``src/tomtat/data/captions.json``.

    python scripts/train_captions.py             # retrain from ../shared/data/vnds/val.jsonl.gz
    python scripts/train_captions.py --check     # exit 1 when a rebuild differs from the shipped file

Labels come free with VNDS: a body line equal to one of the page's ``captions`` is a caption.
Articles whose id hashes into the last fifth (``held_out``) are never trained on: they measure
the model (precision and recall in the JSON's ``heldout``). The threshold is the lowest whose
precision on the training articles' cross-validated predictions reaches ``TARGET_PRECISION``.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_predict

from tomtat.text.captions import is_held_out as held_out
from tomtat.text.captions import article_features
from tomtat.text.captions import vnds_bucket as _bucket
from tomtat.text.normalize import normalize
from tomtat.text.segmented import restore

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO / ".." / "shared" / "data" / "vnds" / "val.jsonl.gz"
DEFAULT_OUT = REPO / "src" / "tomtat" / "data" / "captions.json"
C = 0.5
MIN_COUNT = 10  # a feature seen in fewer training lines is left out
MIN_WEIGHT = 0.08  # smaller weights are dropped from the shipped file (keeps it small)
TARGET_PRECISION = 0.97
MODEL_VERSION = 1


def article_lines(row: dict) -> tuple[str, list[str], list[int]]:
    captions = {normalize(c).strip() for c in row.get("captions") or []}
    raw = [normalize(x).strip() for x in row["body"].split("\n") if x.strip()]
    return restore(normalize(row["title"])), [restore(x) for x in raw], [int(x in captions) for x in raw]


def load(path: Path, limit: int | None = None):
    train, test = [], []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if limit is not None and _bucket(str(row["id"])) % 80 >= limit:
                continue
            (test if held_out(str(row["id"])) else train).append(article_lines(row))
    return train, test


def featurize(articles):
    feats, labels, groups = [], [], []
    for g, (title, lines, ys) in enumerate(articles):
        feats.extend(article_features(lines, title))
        labels.extend(ys)
        groups.extend([g] * len(ys))
    return feats, np.array(labels), np.array(groups)


def precision_recall(y: np.ndarray, predicted: np.ndarray) -> tuple[float, float]:
    tp = int(np.sum(predicted & (y == 1)))
    return tp / max(int(predicted.sum()), 1), tp / max(int(y.sum()), 1)


def build(path: Path, limit: int | None = None) -> dict:
    train, test = load(path, limit)
    x_train, y_train, _ = featurize(train)
    counts: dict[str, int] = {}
    for f in x_train:
        for k in f:
            counts[k] = counts.get(k, 0) + 1
    keep = {k for k, c in counts.items() if c >= MIN_COUNT}
    x_train = [{k: v for k, v in f.items() if k in keep} for f in x_train]
    vec = DictVectorizer(sort=True)
    matrix = vec.fit_transform(x_train).tocsr()
    matrix.indices = matrix.indices.astype(np.int32)
    matrix.indptr = matrix.indptr.astype(np.int32)
    model = LogisticRegression(C=C, max_iter=2000, solver="liblinear", fit_intercept=False)
    cv = cross_val_predict(model, matrix, y_train, cv=3, method="predict_proba")[:, 1]
    for t in (0.3, 0.5, 0.7, 0.9):
        p, r = precision_recall(y_train, cv >= t)
        print(f"cross-validated at {t}: precision {p:.3f} recall {r:.3f}", file=sys.stderr)
    threshold = 0.5
    for t in np.arange(0.05, 0.96, 0.01):
        if precision_recall(y_train, cv >= t)[0] >= TARGET_PRECISION:
            threshold = round(float(t), 2)
            break
    model.fit(matrix, y_train)
    weights = {
        name: round(float(w), 4)
        for name, w in zip(vec.get_feature_names_out(), model.coef_[0])
        if abs(w) >= MIN_WEIGHT
    }
    from tomtat.text.captions import CaptionModel

    shipped = CaptionModel(weights, threshold)
    y_test, predicted = [], []
    for title, lines, ys in test:
        y_test.extend(ys)
        predicted.extend(shipped.captions(lines, title))
    p, r = precision_recall(np.array(y_test), np.array(predicted))
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return {
        "version": MODEL_VERSION,
        "training": {
            "file": path.name,
            "sha256": digest,
            "articles": len(train),
            "lines": len(y_train),
            "captions": int(y_train.sum()),
            "limit": limit,
        },
        "heldout": {
            "articles": len(test),
            "lines": len(y_test),
            "captions": int(sum(y_test)),
            "precision": round(p, 4),
            "recall": round(r, 4),
        },
        "threshold": threshold,
        "weights": dict(sorted(weights.items())),
    }


def dumps(model: dict) -> str:
    return json.dumps(model, ensure_ascii=False, indent=0, sort_keys=False) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--limit", type=int, default=None, help="only N in 80 of the articles, training and held-out alike (to iterate)")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    text = dumps(build(args.data, args.limit))
    if args.check:
        same = args.out.exists() and args.out.read_text(encoding="utf-8") == text
        print("captions.json is up to date" if same else "captions.json differs from a rebuild")
        sys.exit(0 if same else 1)
    args.out.write_text(text, encoding="utf-8")
    print(json.dumps(json.loads(text)["heldout"]), f"{len(text) // 1024} KB")


if __name__ == "__main__":
    main()
