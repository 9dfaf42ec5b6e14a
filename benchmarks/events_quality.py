"""How well tomtat.events.group_articles recovers AbMuSu clusters from a shuffled pile.

Every article of every cluster is shuffled into one pile (seeded); the gold events are the
clusters. Thresholds are tuned on train.jsonl and reported on validation.jsonl, for tomtat's
method and for a plain baseline: TF-IDF + sklearn AgglomerativeClustering (cosine, average
linkage, distance_threshold tuned on train).

    python benchmarks/events_quality.py [--data ../shared/data/abmusu]
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score

from tomtat.events import THRESHOLD, _head, group_from_scores, pair_scores
from tomtat.models import Document

REPO = Path(__file__).resolve().parents[1]


def load_pile(path: Path, seed: int = 0) -> tuple[list[Document], list[int]]:
    """All articles of all clusters, shuffled; and each one's gold cluster."""
    items = []
    with path.open(encoding="utf-8") as fh:
        for c, line in enumerate(fh):
            row = json.loads(line)
            for k, d in enumerate(row["single_documents"]):
                doc = Document(
                    id=f"{c}-{k}",
                    title=(d.get("title") or "").strip(),
                    lead=(d.get("anchor_text") or "").strip(),
                    text=(d.get("raw_text") or "").strip(),
                )
                items.append((doc, c))
    random.Random(seed).shuffle(items)
    return [d for d, _ in items], [c for _, c in items]


def labels_of(groups: list[list[int]], n: int) -> list[int]:
    labels = [0] * n
    for g, members in enumerate(groups):
        for i in members:
            labels[i] = g
    return labels


def purity(pred: list[int], gold: list[int]) -> float:
    by_pred: dict[int, Counter] = {}
    for p, g in zip(pred, gold):
        by_pred.setdefault(p, Counter())[g] += 1
    return sum(c.most_common(1)[0][1] for c in by_pred.values()) / len(gold)


def report(pred: list[int], gold: list[int]) -> dict[str, float]:
    return {
        "purity": purity(pred, gold),
        "inv_purity": purity(gold, pred),
        "ari": adjusted_rand_score(gold, pred),
        "n_events": len(set(pred)),
    }


def baseline_labels(docs: list[Document], threshold: float, distances: np.ndarray) -> list[int]:
    model = AgglomerativeClustering(
        n_clusters=None, distance_threshold=threshold, metric="precomputed", linkage="average"
    )
    return model.fit_predict(distances).tolist()


def baseline_distances(docs: list[Document]) -> np.ndarray:
    vectorizer = TfidfVectorizer(token_pattern=r"(?u)[^\W_]+", ngram_range=(1, 2), sublinear_tf=True)
    matrix = vectorizer.fit_transform([_head(d) for d in docs])
    return np.clip(1.0 - (matrix @ matrix.T).toarray(), 0.0, 2.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "abmusu")
    args = parser.parse_args()
    train_docs, train_gold = load_pile(args.data / "train.jsonl")
    val_docs, val_gold = load_pile(args.data / "validation.jsonl")

    grid = [round(x, 3) for x in np.arange(0.05, 0.975, 0.025)]
    # tomtat: score candidate pairs once, try every threshold
    scores, dups = pair_scores(train_docs)
    tuned = max(
        grid,
        key=lambda t: report(labels_of(group_from_scores(len(train_docs), scores, dups, t), len(train_docs)), train_gold)["ari"],
    )
    dist = baseline_distances(train_docs)
    base_tuned = max(grid, key=lambda t: report(baseline_labels(train_docs, t, dist), train_gold)["ari"])

    started = time.perf_counter()
    scores, dups = pair_scores(val_docs)
    ours = report(labels_of(group_from_scores(len(val_docs), scores, dups, tuned), len(val_docs)), val_gold)
    ours_seconds = time.perf_counter() - started
    default = report(labels_of(group_from_scores(len(val_docs), scores, dups, THRESHOLD), len(val_docs)), val_gold)
    started = time.perf_counter()
    base = report(baseline_labels(val_docs, base_tuned, baseline_distances(val_docs)), val_gold)
    base_seconds = time.perf_counter() - started

    print(f"train: {len(train_docs)} articles / {len(set(train_gold))} events; "
          f"validation: {len(val_docs)} articles / {len(set(val_gold))} events")
    print(f"{'method':<44}{'purity':>8}{'invPur':>8}{'ARI':>8}{'events':>8}{'sec':>7}")
    rows = [
        (f"tomtat events (threshold {tuned}, tuned on train)", ours, ours_seconds),
        (f"tomtat events (THRESHOLD constant {THRESHOLD})", default, float("nan")),
        (f"TF-IDF + agglomerative (dist {base_tuned}, train)", base, base_seconds),
    ]
    for name, r, sec in rows:
        print(f"{name:<44}{r['purity']:>8.3f}{r['inv_purity']:>8.3f}{r['ari']:>8.3f}{r['n_events']:>8d}{sec:>7.2f}")


if __name__ == "__main__":
    main()
