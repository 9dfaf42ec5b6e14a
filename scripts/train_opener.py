"""Train the opener model (``src/tomtat/data/opener.json``): which sentence a human summary starts from.

For each cluster of AbMuSu train, ViMs and the training part of VNDS (four in five articles of
``vnds/val.jsonl.gz`` by a hash of their id; the fifth is held out for
``benchmarks/reading_bench.py``), the article sentence that best matches the first sentence of
each human summary (syllable-bigram F1; VNDS: its abstract) is a positive, every other sentence
a negative. A logistic regression (scikit-learn, standardised columns of
``tomtat.reading.opener_columns``) learns them; the file holds plain numbers (columns, mean,
scale, coefficients, intercept), the training files' sha256 and counts, and how often the top
sentence is the right one (top-1) beside "the first sentence of the first article".

    PYTHONPATH=src .venv/bin/python scripts/train_opener.py           # rewrite the model
    PYTHONPATH=src .venv/bin/python scripts/train_opener.py --check   # exit 1 unless byte-identical
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
import zlib

if __name__ == "__main__":  # before numpy loads: pin OpenBLAS's kernels (same bytes on any x86-64 CPU)
    from numeric_env import pin

    pin()
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from tomtat.errors import InputError
from tomtat.evaluation import references_of
from tomtat.evaluation import corpora
from tomtat.ingest import cluster_from_row
from tomtat.ingest.jsonl import document_from_dict
from tomtat.models import Cluster
from tomtat.pipeline import build_cluster
from tomtat.reading import OPENER_COLUMNS, opener_columns
from tomtat.text.sentences import sentences as split_text
from tomtat.text.words import bigram_set, syllable_bigrams, syllables

REPO = Path(__file__).resolve().parents[1]
FILES = {"abmusu": corpora.ABMUSU_TRAIN, "vims": corpora.VIMS, "vnds": corpora.VNDS}
DEFAULT_OUT = REPO / "src" / "tomtat" / "data" / "opener.json"
VNDS_TRAIN = 3000  # VNDS training articles, the first in file order
C = 1.0
MIN_MATCH = 0.1  # a reference opener matching no sentence this well teaches nothing
MODEL_VERSION = 1


def vnds_held_out(article_id: str) -> bool:
    """The fifth of VNDS kept out of training (by a hash of the id)."""
    return zlib.crc32(article_id.encode("utf-8")) % 5 == 0


def jsonl_clusters(path: Path) -> list[tuple[Cluster, tuple[str, ...]]]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").split("\n")):
        if not line.strip():
            continue
        row = json.loads(line)
        try:
            item = cluster_from_row(row, n + 1, path.name)
            out.append((build_cluster(item.documents, item.id), references_of(row)))
        except InputError:
            continue
    return out


def vnds_clusters(path: Path, n: int, held_out: bool, size: int = 1) -> list[tuple[Cluster, tuple[str, ...]]]:
    """``n`` VNDS articles of the training part (or of the held-out fifth), each a cluster of
    one with its abstract as reference; ``size`` > 1 makes piles of consecutive articles
    (the abstracts joined, the first one's sentence first)."""
    out: list[tuple[Cluster, tuple[str, ...]]] = []
    docs, refs = [], []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for k, line in enumerate(f):
            if len(out) >= n:
                break
            row = json.loads(line)
            if vnds_held_out(row["id"]) != held_out or not row.get("abstract"):
                continue
            try:
                doc = document_from_dict({"title": row["title"], "text": row["body"], "id": row["id"]}, k, "vnds")
            except InputError:
                continue
            if doc is None:
                continue
            abstract = " ".join(row["abstract"].replace("_", " ").split())
            docs.append(doc)
            refs.append(abstract)
            if len(docs) == size:
                try:
                    out.append((build_cluster(docs, docs[0].id), (" ".join(refs),)))
                except InputError:
                    pass
                docs, refs = [], []
    return out


def reference_openers(cluster: Cluster, references: tuple[str, ...]) -> list[int]:
    """For each reference, the position of the sentence best matching its first sentence."""
    grams = [syllable_bigrams(s.text) for s in cluster.sentences]
    found = []
    for reference in references:
        first = next(iter(split_text(reference)), "")
        ref = bigram_set(syllables(first))
        if len(ref) < 3:
            continue
        f1 = [2 * len(g & ref) / (len(g) + len(ref)) if g else 0.0 for g in grams]
        best = int(np.argmax(f1))
        if f1[best] >= MIN_MATCH:
            found.append(best)
    return found


def examples(clusters):
    X, y, groups = [], [], []
    for n, (cluster, references) in enumerate(clusters):
        positives = set(reference_openers(cluster, references))
        if not positives:
            continue
        rows = opener_columns(cluster)
        X += rows
        y += [int(k in positives) for k in range(len(rows))]
        groups += [n] * len(rows)
    return np.asarray(X, dtype=float), np.asarray(y), np.asarray(groups)


def top1(model_logits: np.ndarray, y: np.ndarray, groups: np.ndarray) -> float:
    hits, total = 0, 0
    for g in np.unique(groups):
        rows = np.flatnonzero(groups == g)
        hits += int(y[rows[int(np.argmax(model_logits[rows]))]])
        total += 1
    return hits / max(1, total)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _round(values) -> list[float]:
    return [float(f"{v:.8g}") for v in values]


def build(log=print) -> dict:
    sources = {
        "abmusu": jsonl_clusters(FILES["abmusu"]),
        "vims": jsonl_clusters(FILES["vims"]),
        "vnds": vnds_clusters(FILES["vnds"], VNDS_TRAIN, held_out=False),
    }
    parts = {name: examples(c) for name, c in sources.items()}
    X = np.vstack([p[0] for p in parts.values()])
    y = np.concatenate([p[1] for p in parts.values()])
    # each source weighs the same in the fit, whatever its number of sentences
    weight = np.concatenate([np.full(len(p[1]), len(y) / (len(parts) * len(p[1]))) for p in parts.values()])
    mean = X.mean(axis=0)
    scale = X.std(axis=0)
    scale[scale == 0] = 1.0
    fit = LogisticRegression(C=C, max_iter=2000, solver="lbfgs")
    fit.fit((X - mean) / scale, y, sample_weight=weight)
    coef, intercept = _round(fit.coef_[0]), float(f"{fit.intercept_[0]:.8g}")
    accuracy = {}
    first_col = OPENER_COLUMNS.index("first")
    doc_col = OPENER_COLUMNS.index("first_doc")
    for name, (Xs, ys, gs) in parts.items():
        logits = ((Xs - mean) / scale) @ np.asarray(coef) + intercept
        lead = Xs[:, first_col] * 2 + Xs[:, doc_col] - 1e-6 * np.arange(len(ys))
        accuracy[name] = {"model": round(top1(logits, ys, gs), 4), "first_sentence": round(top1(lead, ys, gs), 4),
                          "clusters": int(len(np.unique(gs)))}  # fmt: skip
        log(f"{name}: top-1 opener {accuracy[name]['model']:.3f} (first sentence of the first article "
            f"{accuracy[name]['first_sentence']:.3f}) over {accuracy[name]['clusters']} clusters")  # fmt: skip
    return {
        "version": MODEL_VERSION,
        "columns": list(OPENER_COLUMNS),
        "mean": _round(mean),
        "scale": _round(scale),
        "coef": coef,
        "intercept": intercept,
        "trained_on": {name: {"file": f"{p.parent.name}/{p.name}", "sha256": sha256(p)} for name, p in FILES.items()},
        "vnds_articles": VNDS_TRAIN,
        "C": C,
        "top1_in_sample": accuracy,
    }


def dumps(model: dict) -> str:
    return json.dumps(model, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--check", action="store_true", help="rebuild in memory; exit 1 if it differs from --out")
    args = parser.parse_args(argv)
    log = lambda msg: print(msg, file=sys.stderr)  # noqa: E731
    text = dumps(build(log))
    if args.check:
        same = args.out.exists() and args.out.read_text(encoding="utf-8") == text
        log("opener.json is up to date" if same else f"{args.out} differs from a rebuild")
        return 0 if same else 1
    args.out.write_text(text, encoding="utf-8")
    log(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
