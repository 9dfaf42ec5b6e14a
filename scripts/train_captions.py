"""An experiment, measured and left out of cleaning: photo captions told by a learned model.

    python scripts/train_captions.py                 # train on 4/5 of VNDS, measure on the rest
    python scripts/train_captions.py --out m.json    # also write the model

A caption ("Tổng thống Mỹ Donald Trump.", "Cảnh sát áp giải Đoàn Thị Hương rời phiên tòa ở
Sepang, Malaysia, ngày 1/3.") reads like a sentence. Labels come free with VNDS: a body line
equal to one of the page's ``captions`` is a caption. The model is a logistic regression over
syllable n-grams, the line's shape (length, final stop, capitals, parentheses), its place
(position, words shared with its neighbours and with the title). Articles whose id hashes into
the last fifth are never trained on: they measure the model. ``--first-line`` leaves articles'
first lines out of training and measurement.

Why it is not used by ``tomtat.text``: on held-out VNDS it reaches precision 0.98 at recall
0.45 only through the article's first line (two thirds of VNDS's inline captions are the top
photo's caption, printed first); on ViMs the same first lines are leads, and the three lines
it flagged there were all leads. Without first lines the best it does is precision 0.82 at
recall 0.12 (cross-validated). See /work/notes/clean.md and benchmarks/cleaning_bench.py.
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

from tomtat.text.normalize import normalize
from tomtat.text.segmented import restore
from tomtat.text.words import syllables

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO / ".." / "shared" / "data" / "vnds" / "val.jsonl.gz"
C = 0.5
MIN_COUNT = 10  # a feature seen in fewer training lines is left out
MIN_WEIGHT = 0.08  # smaller weights are dropped from the shipped file (keeps it small)
TARGET_PRECISION = 0.97
MODEL_VERSION = 1


_DIGITS = re.compile(r"\d+")
_PAREN = re.compile(r"\(([^()]{1,20})\)")
_LENGTH_BINS = (3, 5, 8, 12, 16, 20, 25, 30, 40, 60)
_ENDINGS = '.?!:;”")…'
MAX_CAPTION_WORDS = 60  # longer lines are never judged


def _bin(value: float, edges: Sequence[float]) -> int:
    for i, edge in enumerate(edges):
        if value <= edge:
            return i
    return len(edges)


def _bigrams(words: list[str]) -> set[tuple[str, str]]:
    return set(zip(words, words[1:]))


def _shared(words: list[str], other: list[str]) -> float:
    mine = _bigrams(words)
    return len(mine & _bigrams(other)) / len(mine) if mine else 0.0


_DATELINE = re.compile(
    r"^(?:\(?[A-ZĐ][\w.]*\)?\s*[-–—]\s*)?(?:(?:sáng|trưa|chiều|tối|đêm|rạng sáng|ngày|hôm|hôm nay|hôm qua|tuần|"
    r"tháng|năm|theo|chiều tối|cuối|đầu)\b|\d{1,2}[/-]\d{1,2})",
    re.I,
)


def line_features(lines: Sequence[str], i: int, title: str = "") -> dict[str, float]:
    """Features of ``lines[i]`` among its neighbours (plain, restored text) and the title."""
    return article_features(lines, title, only=i)[0]


def article_features(lines: Sequence[str], title: str = "", only: int | None = None) -> list[dict[str, float]]:
    """:func:`line_features` of every line (or of line ``only``), each line's syllables read once."""
    words_of = [syllables(line) for line in lines]
    title_words = syllables(title)
    n = len(lines)
    out = []
    for i in range(n) if only is None else (only,):
        line = lines[i]
        lower = words_of[i]
        words = [_DIGITS.sub("0", w) for w in lower]
        tokens = line.split()
        feats: dict[str, float] = {"bias": 1.0}
        for w in set(words):
            feats[f"u:{w}"] = 1.0
        for a, b in _bigrams(words):
            feats[f"b:{a} {b}"] = 1.0
        if words:
            feats[f"first:{words[0]}"] = 1.0
            feats[f"last:{words[-1]}"] = 1.0
            if len(words) > 1:
                feats[f"first2:{words[0]} {words[1]}"] = 1.0
        feats[f"len:{_bin(len(tokens), _LENGTH_BINS)}"] = 1.0
        end = line.rstrip()[-1:] if line.strip() else ""
        feats["end:" + (end if end and end in _ENDINGS else "none")] = 1.0
        feats[f"commas:{min(line.count(','), 4)}"] = 1.0
        capitals = sum(1 for t in tokens[1:] if t[:1].isupper())
        feats[f"caps:{_bin(capitals / max(len(tokens) - 1, 1), (0.0, 0.1, 0.2, 0.35, 0.5))}"] = 1.0
        for m in _PAREN.finditer(line):
            feats[f"paren:{m.group(1).strip().lower()}"] = 1.0
        if any(c.isdigit() for c in line):
            feats["digit"] = 1.0
        feats[f"pos:{'first' if i == 0 else 'last' if i == n - 1 else _bin(i / max(n - 1, 1), (0.25, 0.5, 0.75))}"] = 1.0
        prev = words_of[i - 1] if i > 0 else []
        nxt = words_of[i + 1] if i + 1 < n else []
        feats[f"prev:{_bin(_shared(lower, prev), (0.0, 0.05, 0.15, 0.3))}"] = 1.0
        feats[f"next:{_bin(_shared(lower, nxt), (0.0, 0.05, 0.15, 0.3))}"] = 1.0
        prev_len = len(lines[i - 1].split()) if i > 0 else 0
        feats[f"prevlen:{_bin(prev_len, _LENGTH_BINS)}"] = 1.0
        at = "first" if i == 0 else "other"
        feats[f"{at}&title:{_bin(_shared(lower, title_words), (0.0, 0.1, 0.25, 0.5))}"] = 1.0
        feats[f"{at}&len:{_bin(len(tokens), _LENGTH_BINS)}"] = 1.0
        feats[f"{at}&dateline:{int(bool(_DATELINE.match(line)))}"] = 1.0
        if i + 1 < n:
            feats[f"{at}&next_dateline:{int(bool(_DATELINE.match(lines[i + 1])))}"] = 1.0
            feats[f"{at}&nextlen:{_bin(len(lines[i + 1].split()), _LENGTH_BINS)}"] = 1.0
        out.append(feats)
    return out


def vnds_bucket(article_id: str) -> int:
    """0-99 by the sha256 of a VNDS article id: buckets 80-99 are held out from training."""
    import hashlib

    return int(hashlib.sha256(article_id.encode()).hexdigest(), 16) % 100


def is_held_out(article_id: str) -> bool:
    """Is this VNDS article in the part set aside to measure the model (a fifth)?"""
    return vnds_bucket(article_id) >= 80


class CaptionModel:
    """A linear model over :func:`line_features`: ``probability(lines, i)``."""

    def __init__(self, weights: dict[str, float], threshold: float) -> None:
        self.weights = weights
        self.threshold = threshold

    def _probability(self, features: dict[str, float]) -> float:
        z = sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def probabilities(self, lines: Sequence[str], title: str = "") -> list[float]:
        """The caption probability of every line (0 for lines over ``MAX_CAPTION_WORDS``)."""
        return [
            0.0 if len(line.split()) > MAX_CAPTION_WORDS else self._probability(features)
            for i, (line, features) in enumerate(zip(lines, article_features(lines, title)))
        ]

    def captions(self, lines: Sequence[str], title: str = "") -> list[bool]:
        return [p >= self.threshold for p in self.probabilities(lines, title)]


def article_lines(row: dict) -> tuple[str, list[str], list[int]]:
    captions = {normalize(c).strip() for c in row.get("captions") or []}
    raw = [normalize(x).strip() for x in row["body"].split("\n") if x.strip()]
    return restore(normalize(row["title"])), [restore(x) for x in raw], [int(x in captions) for x in raw]


def load(path: Path, limit: int | None = None):
    train, test = [], []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if limit is not None and vnds_bucket(str(row["id"])) % 80 >= limit:
                continue
            (test if is_held_out(str(row["id"])) else train).append(article_lines(row))
    return train, test


def featurize(articles, skip_first: bool = False):
    feats, labels, groups = [], [], []
    for g, (title, lines, ys) in enumerate(articles):
        start = 1 if skip_first else 0
        feats.extend(article_features(lines, title)[start:])
        labels.extend(ys[start:])
        groups.extend([g] * len(ys[start:]))
    return feats, np.array(labels), np.array(groups)


def precision_recall(y: np.ndarray, predicted: np.ndarray) -> tuple[float, float]:
    tp = int(np.sum(predicted & (y == 1)))
    return tp / max(int(predicted.sum()), 1), tp / max(int(y.sum()), 1)


def build(path: Path, limit: int | None = None, skip_first: bool = False) -> dict:
    train, test = load(path, limit)
    x_train, y_train, _ = featurize(train, skip_first)
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
    shipped = CaptionModel(weights, threshold)
    y_test, predicted = [], []
    start = 1 if skip_first else 0
    for title, lines, ys in test:
        y_test.extend(ys[start:])
        predicted.extend(shipped.captions(lines, title)[start:])
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
    parser.add_argument("--out", type=Path, default=None, help="write the model here")
    parser.add_argument("--limit", type=int, default=None, help="only N in 80 of the articles (to iterate)")
    parser.add_argument("--first-line", action="store_true", help="leave articles' first lines out")
    args = parser.parse_args()
    model = build(args.data, args.limit, skip_first=args.first_line)
    text = dumps(model)
    if args.out is not None:
        args.out.write_text(text, encoding="utf-8")
    print(json.dumps({"threshold": model["threshold"], **model["heldout"]}), f"{len(text) // 1024} KB model")


if __name__ == "__main__":
    main()
