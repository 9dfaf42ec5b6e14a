"""Train the learned sentence scorer and write ``src/tomtat/data/scorer.json``.

    python scripts/train_scorer.py             # retrain from ../shared/data/abmusu/train.jsonl
    python scripts/train_scorer.py --check     # exit 1 when a rebuild differs from the shipped file

Clusters are built by ``tomtat.ingest.cluster_from_row`` + ``tomtat.pipeline.build_cluster``
(the inference code path). A sentence's label is its alignment score: the best syllable-bigram
F1 against any one sentence of the reference summary. Ridge's alpha is picked by 5-fold
cross-validation by cluster (fixed seed), each fold scored end to end: greedy selection
(``tomtat.select.select``) at a 200-syllable budget, ROUGE-2 F1 of the summary.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # small matrices: BLAS threads only contend
from multiprocessing import Pool
from pathlib import Path

import numpy as np
from sklearn.linear_model import Ridge
from sklearn.model_selection import KFold
from sklearn.preprocessing import StandardScaler

from tomtat.evaluation import score, syllables
from tomtat.features import FEATURE_NAMES, sentence_features
from tomtat.ingest import cluster_from_row
from tomtat.models import Cluster
from tomtat.pipeline import build_cluster
from tomtat.select import select, syllable_bigrams
from tomtat.text.sentences import sentences as split_text

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO / ".." / "shared" / "data" / "abmusu" / "train.jsonl"
DEFAULT_OUT = REPO / "src" / "tomtat" / "data" / "scorer.json"
ALPHAS = (10.0, 100.0, 300.0, 1000.0, 3000.0)
MAX_OVERLAP = 0.5  # LearnedSummarizer.max_overlap
BUDGET = 200
FOLDS, SEED = 5, 0
MODEL_VERSION = 1


def alignment_labels(cluster: Cluster, reference: str) -> np.ndarray:
    """Best syllable-bigram F1 of each sentence against any one reference sentence."""
    refs = [set(zip(t, t[1:])) for t in (syllables(r) for r in split_text(reference)) if len(t) >= 3]
    labels = np.zeros(len(cluster.sentences))
    for k, s in enumerate(cluster.sentences):
        bigrams = syllable_bigrams(s.text)
        for ref in refs:
            common = len(bigrams & ref)
            if common:
                labels[k] = max(labels[k], 2 * common / (len(bigrams) + len(ref)))
    return labels


def prepare(args: tuple[int, str, str]) -> tuple[Cluster, str, np.ndarray, np.ndarray]:
    """One JSONL line -> (cluster, reference, features, labels)."""
    line_no, line, where = args
    item = cluster_from_row(json.loads(line), line_no, where)
    cluster = build_cluster(item.documents, item.id)
    return cluster, item.reference or "", sentence_features(cluster), alignment_labels(cluster, item.reference or "")


def load(path: Path, workers: int = 2) -> list[tuple[Cluster, str, np.ndarray, np.ndarray]]:
    lines = [(i + 1, line, path.name) for i, line in enumerate(path.read_text(encoding="utf-8").splitlines()) if line.strip()]
    with Pool(workers) as pool:
        return pool.map(prepare, lines, chunksize=4)


def summary_r2(cluster: Cluster, reference: str, scores: np.ndarray, max_overlap: float = MAX_OVERLAP) -> float:
    """ROUGE-2 F1 of the summary that ``scores`` select, as ``tomtat eval`` measures it."""
    keyed = {s.key: float(v) for s, v in zip(cluster.sentences, scores)}
    chosen = select(cluster, keyed, max_words=BUDGET, max_overlap=max_overlap)
    return score(reference, " ".join(s.text for s in chosen))["rouge2"].fmeasure


def ridge(alpha: float):
    def fit(X: np.ndarray, y: np.ndarray):
        scaler = StandardScaler().fit(X)
        model = Ridge(alpha=alpha).fit(scaler.transform(X), y)
        return lambda Z: model.predict(scaler.transform(Z))

    return fit


def cv_predictions(data, fit, folds: int = FOLDS, seed: int = SEED) -> list[np.ndarray]:
    """Out-of-fold scores of every cluster; folds split clusters, never sentences."""
    out: list[np.ndarray] = [np.zeros(0)] * len(data)
    for train, test in KFold(folds, shuffle=True, random_state=seed).split(np.arange(len(data))):
        predict = fit(np.vstack([data[i][2] for i in train]), np.concatenate([data[i][3] for i in train]))
        for i in test:
            out[i] = predict(data[i][2])
    return out


def mean_r2(data, predictions, max_overlap: float = MAX_OVERLAP) -> float:
    return 100 * float(np.mean([summary_r2(c, ref, p, max_overlap) for (c, ref, _, _), p in zip(data, predictions)]))


def _round(values) -> list[float]:
    return [float(f"{v:.6g}") for v in np.asarray(values, dtype=float).ravel()]


def build_model(data, data_sha256: str, data_name: str, log=print) -> dict:
    """Pick alpha by cross-validated ROUGE-2, fit on all clusters, return the JSON model."""
    cv = {}
    for alpha in ALPHAS:
        cv[alpha] = mean_r2(data, cv_predictions(data, ridge(alpha)))
        log(f"alpha {alpha:g}: CV ROUGE-2 F1 {cv[alpha]:.2f}")
    best = max(ALPHAS, key=lambda a: (round(cv[a], 6), -a))
    X = np.vstack([d[2] for d in data])
    y = np.concatenate([d[3] for d in data])
    scaler = StandardScaler().fit(X)
    model = Ridge(alpha=best).fit(scaler.transform(X), y)
    return {
        "model": "ridge",
        "version": MODEL_VERSION,
        "label": "alignment F1: best syllable-bigram F1 against any one reference sentence",
        "training_data": {"file": data_name, "sha256": data_sha256, "clusters": len(data), "sentences": int(len(y))},
        "cv": {
            "metric": f"ROUGE-2 F1 x100, {BUDGET}-syllable greedy summaries, max_overlap {MAX_OVERLAP}",
            "folds": FOLDS,
            "seed": SEED,
            "alpha": best,
            "by_alpha": {f"{a:g}": round(cv[a], 2) for a in ALPHAS},
            "rouge2_f1": round(cv[best], 2),
        },
        "feature_names": list(FEATURE_NAMES),
        "mean": _round(scaler.mean_),
        "scale": _round(scaler.scale_),
        "coef": _round(model.coef_),
        "intercept": _round([model.intercept_])[0],
    }


def dumps(model: dict) -> str:
    return json.dumps(model, ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="AbMuSu-style training JSONL")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--check", action="store_true", help="rebuild in memory; exit 1 if it differs from --out")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    log = lambda msg: print(msg, file=sys.stderr)  # noqa: E731
    data = load(args.data, args.workers)
    sha = hashlib.sha256(args.data.read_bytes()).hexdigest()
    text = dumps(build_model(data, sha, args.data.name, log))
    if args.check:
        same = args.out.exists() and args.out.read_text(encoding="utf-8") == text
        log("scorer.json is up to date" if same else f"{args.out} differs from a rebuild")
        return 0 if same else 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    log(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
