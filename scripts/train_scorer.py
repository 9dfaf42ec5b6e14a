"""Train the learned sentence scorer and write ``src/tomtat/data/scorer.json``.

    python scripts/train_scorer.py                 # retrain on AbMuSu train + ViMs
    python scripts/train_scorer.py --check         # exit 1 when a rebuild differs from the shipped file
    python scripts/train_scorer.py --cross-source  # the cross-source table (lead, centroid, learned)
    python scripts/train_scorer.py --search        # measure the (alpha, blend) grid (minutes)

Clusters are built by ``tomtat.ingest.cluster_from_row`` + ``tomtat.pipeline.build_cluster``
(the inference code path). A sentence's label is its alignment score: the best syllable-bigram
F1 against any one sentence of any reference summary. The model is a Ridge regression over
``tomtat.features`` columns, blended with the unsupervised centroid score (both z-scored within
the cluster). Ridge's alpha and the blend weight are chosen by the *worst source*: for each
pair of the grid, ``--search`` measures learned ROUGE-2 in source (5-fold CV by cluster on each
source, the other source wholly in training) and out of source (one source only -> the other),
each summary end to end (greedy selection by ``tomtat.select.select`` at a 200-syllable budget,
ROUGE-2 F1 against the best reference). The worst source decides: the pairs whose smaller
in-source gain over the better of lead and centroid is within NOISE (the spread of a CV figure
over fold splits) of the best; among those, the one whose worst out-of-source gain is largest
(the one that holds best on news it never saw) is pinned below. Out of source alone cannot
decide: a ViMs-only model cannot learn what AbMuSu's sapos are worth (ViMs has none), so that
setting only ever pulls the blend towards the centroid scorer. AbMuSu validation is never used to choose. The
rebuild (and ``--check``, run by CI) fits the pinned pair only and records its figures.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # small matrices: BLAS threads only contend
from dataclasses import dataclass
from multiprocessing import Pool
from pathlib import Path

import numpy as np
from sklearn.linear_model import Ridge
from sklearn.model_selection import KFold

from tomtat.evaluation import best_reference_score, references_of, syllables
from tomtat.features import FEATURE_NAMES, feature_columns, stack
from tomtat.ingest import cluster_from_row
from tomtat.models import Cluster
from tomtat.pipeline import build_cluster
from tomtat.select import select
from tomtat.summarizers.centroid import CentroidSummarizer, centroid_scores
from tomtat.summarizers.lead import LeadSummarizer
from tomtat.summarizers.learned import within_cluster_z
from tomtat.text.sentences import sentences as split_text
from tomtat.text.words import bigram_set, syllable_bigrams

REPO = Path(__file__).resolve().parents[1]
DATA_DIR = REPO / ".." / "shared" / "data"
TRAINING = {"abmusu": DATA_DIR / "abmusu" / "train.jsonl", "vims": DATA_DIR / "vims" / "train.jsonl"}
VALIDATION = DATA_DIR / "abmusu" / "validation.jsonl"
DEFAULT_OUT = REPO / "src" / "tomtat" / "data" / "scorer.json"
# pinned by ``--search`` (a few minutes; the rebuild and --check fit these only)
ALPHA = 3000.0  # Ridge penalty
BLEND = 0.6  # weight of the Ridge score; the rest is the centroid score
MAX_OVERLAP = 0.25  # the learned summarizer's repeat threshold (measured: 0.5 -> 0.25 is +2.2 on ViMs CV, +0.8 on AbMuSu validation)
SEARCH_ALPHAS = (1000.0, 3000.0)
SEARCH_BLENDS = (1.0, 0.8, 0.6)
BUDGET = 200
FOLDS, SEED = 5, 0
MODEL_VERSION = 2


@dataclass
class Example:
    """One training or evaluation cluster with its references, features and labels."""

    cluster: Cluster
    references: tuple[str, ...]
    features: np.ndarray  # FEATURE_NAMES columns
    centroid: np.ndarray  # the unsupervised centroid score of each sentence
    labels: np.ndarray


def alignment_labels(cluster: Cluster, references: tuple[str, ...]) -> np.ndarray:
    """Best syllable-bigram F1 of each sentence against any one sentence of any reference."""
    parts = [syllables(r) for reference in references for r in split_text(reference)]
    refs = [bigram_set(t) for t in parts if len(t) >= 3]
    labels = np.zeros(len(cluster.sentences))
    for k, s in enumerate(cluster.sentences):
        bigrams = syllable_bigrams(s.text)
        for ref in refs:
            common = len(bigrams & ref)
            if common:
                labels[k] = max(labels[k], 2 * common / (len(bigrams) + len(ref)))
    return labels


def prepare(args: tuple[int, str, str]) -> Example:
    """One JSONL line -> its Example."""
    line_no, line, where = args
    row = json.loads(line)
    item = cluster_from_row(row, line_no, where)
    cluster = build_cluster(item.documents, item.id)
    references = references_of(row)
    columns = feature_columns(cluster)
    return Example(cluster, references, stack(columns), centroid_scores(columns), alignment_labels(cluster, references))


def load(path: Path, workers: int = 2) -> list[Example]:
    text = path.read_text(encoding="utf-8")
    lines = [(i + 1, line, path.name) for i, line in enumerate(text.split("\n")) if line.strip()]
    with Pool(workers) as pool:
        return pool.map(prepare, lines, chunksize=4)


def summary_r2(example: Example, scores: np.ndarray, max_overlap: float = MAX_OVERLAP) -> float:
    """ROUGE-2 F1 of the summary that ``scores`` select, against the best reference."""
    keyed = {s.key: float(v) for s, v in zip(example.cluster.sentences, scores)}
    chosen = select(example.cluster, keyed, max_words=BUDGET, max_overlap=max_overlap)
    return best_reference_score(example.references, " ".join(s.text for s in chosen))["rouge2"].fmeasure


def mean_r2(examples: list[Example], predictions: list[np.ndarray], max_overlap: float = MAX_OVERLAP) -> float:
    return 100 * float(np.mean([summary_r2(e, p, max_overlap) for e, p in zip(examples, predictions)]))


class Fitted:
    """A Ridge model over standardised features, blended with the centroid score."""

    def __init__(self, examples: list[Example], alpha: float, blend: float = 1.0) -> None:
        X = np.vstack([e.features for e in examples])
        y = np.concatenate([e.labels for e in examples])
        self.mean = X.mean(axis=0)
        self.scale = X.std(axis=0)
        self.scale[self.scale == 0] = 1.0
        self.ridge = Ridge(alpha=alpha).fit((X - self.mean) / self.scale, y)
        self.blend = blend
        self.n_sentences = len(y)

    def predict(self, example: Example) -> np.ndarray:
        linear = ((example.features - self.mean) / self.scale) @ self.ridge.coef_ + self.ridge.intercept_
        if self.blend >= 1.0:
            return linear
        return self.blend * within_cluster_z(linear) + (1 - self.blend) * within_cluster_z(example.centroid)


def folds(examples: list[Example], k: int = FOLDS, seed: int = SEED) -> list[tuple[list[int], list[int]]]:
    return [(list(a), list(b)) for a, b in KFold(k, shuffle=True, random_state=seed).split(np.arange(len(examples)))]


def cross_validated(target: list[Example], extra: list[Example], alpha: float, blend: float) -> float:
    """Mean ROUGE-2 of ``target`` by 5-fold CV over its clusters, ``extra`` always in training."""
    predictions: list[np.ndarray] = [np.zeros(0)] * len(target)
    for train, test in folds(target):
        model = Fitted(extra + [target[i] for i in train], alpha, blend)
        for i in test:
            predictions[i] = model.predict(target[i])
    return mean_r2(target, predictions)


def out_of_source(train: list[Example], target: list[Example], alpha: float, blend: float) -> float:
    model = Fitted(train, alpha, blend)
    return mean_r2(target, [model.predict(e) for e in target])


def lead_scores(example: Example) -> np.ndarray:
    n_docs = len(example.cluster.documents)
    return np.array([-float(s.index * n_docs + s.doc_position) for s in example.cluster.sentences])


def baselines(examples: list[Example]) -> dict[str, float]:
    """ROUGE-2 of the lead and centroid summarizers, each with its own repeat threshold."""
    return {
        "lead": mean_r2(examples, [lead_scores(e) for e in examples], LeadSummarizer.max_overlap),
        "centroid": mean_r2(examples, [e.centroid for e in examples], CentroidSummarizer.max_overlap),
    }


def measure(sources: dict[str, list[Example]], alpha: float, blend: float) -> dict[str, float]:
    """Learned ROUGE-2 in source (5-fold CV, the other source in training) and out of source."""
    a, b = sources["abmusu"], sources["vims"]
    return {
        "abmusu_cv": cross_validated(a, b, alpha, blend),
        "vims_cv": cross_validated(b, a, alpha, blend),
        "abmusu_to_vims": out_of_source(a, b, alpha, blend),
        "vims_to_abmusu": out_of_source(b, a, alpha, blend),
    }


TARGET_OF = {"abmusu_cv": "abmusu", "vims_cv": "vims", "abmusu_to_vims": "vims", "vims_to_abmusu": "abmusu"}
IN_SOURCE, OUT_OF_SOURCE = ("abmusu_cv", "vims_cv"), ("abmusu_to_vims", "vims_to_abmusu")
NOISE = 0.6  # ROUGE-2 spread of a CV figure over fold splits (measured on AbMuSu train, 3 seeds)


def worst_margin(figures: dict[str, float], base: dict[str, dict[str, float]], settings=IN_SOURCE) -> float:
    """The smallest gain over the better of lead and centroid on each setting's target."""
    return min(figures[k] - max(base[TARGET_OF[k]].values()) for k in settings)


def search(sources: dict[str, list[Example]], log=print) -> tuple[float, float]:
    """Every (alpha, blend) of the grid, measured. First the worst source: the pairs whose
    smaller in-source gain is within NOISE of the best one; among them, the pair whose worst
    out-of-source gain is largest (the one that holds best on the source it never saw)."""
    base = {name: baselines(examples) for name, examples in sources.items()}
    log(f"baselines: {base}")
    results = {}
    for alpha in SEARCH_ALPHAS:
        for blend in SEARCH_BLENDS:
            results[alpha, blend] = measure(sources, alpha, blend)
            figures = " ".join(f"{k} {v:.2f}" for k, v in results[alpha, blend].items())
            log(f"alpha {alpha:g} blend {blend:g}: {figures}; worst source gain "
                f"{worst_margin(results[alpha, blend], base):+.2f}, worst out-of-source gain "
                f"{worst_margin(results[alpha, blend], base, OUT_OF_SOURCE):+.2f}")
    best = max(worst_margin(r, base) for r in results.values())
    close = [key for key, r in results.items() if worst_margin(r, base) >= best - NOISE]
    return max(close, key=lambda key: (round(worst_margin(results[key], base, OUT_OF_SOURCE), 6), key[1], -key[0]))


def _round(values) -> list[float]:
    return [float(f"{v:.6g}") for v in np.asarray(values, dtype=float).ravel()]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build_model(sources: dict[str, list[Example]], files: dict[str, tuple[str, str]], log=print) -> dict:
    """Fit on every source with the pinned ALPHA and BLEND; ``files``: name -> (file, sha256)."""
    base = {name: {k: round(v, 2) for k, v in baselines(examples).items()} for name, examples in sources.items()}
    figures = {k: round(v, 2) for k, v in measure(sources, ALPHA, BLEND).items()}
    log(f"baselines {base}; learned {figures}")
    model = Fitted(sources["abmusu"] + sources["vims"], ALPHA, BLEND)
    return {
        "model": "ridge+centroid",
        "version": MODEL_VERSION,
        "label": "alignment F1: best syllable-bigram F1 against any one sentence of any reference",
        "score": "blend * z(ridge) + (1 - blend) * z(centroid), z-scores within the cluster",
        "training_data": {
            name: {"file": files[name][0], "sha256": files[name][1], "clusters": len(examples),
                   "sentences": int(sum(len(e.labels) for e in examples))}
            for name, examples in sources.items()
        },
        "evaluation": {
            "metric": f"ROUGE-2 F1 x100 against the best reference, {BUDGET}-syllable greedy summaries",
            "in_source": f"{FOLDS}-fold CV over the source's clusters (seed {SEED}), the other source in training",
            "out_of_source": "trained on one source only, scored on all of the other",
            "chosen_by": f"the worst source's in-source gain over the better of lead and centroid; "
            f"among pairs within {NOISE} of the best, the best worst out-of-source gain "
            "(scripts/train_scorer.py --search)",
            "baselines": base,
            "learned": figures,
        },
        "alpha": ALPHA,
        "blend": BLEND,
        "max_overlap": MAX_OVERLAP,
        "feature_names": list(FEATURE_NAMES),
        "mean": _round(model.mean),
        "scale": _round(model.scale),
        "coef": _round(model.ridge.coef_),
        "intercept": _round([model.ridge.intercept_])[0],
    }


def dumps(model: dict) -> str:
    return json.dumps(model, ensure_ascii=False, indent=1) + "\n"


def cross_source_table(sources: dict[str, list[Example]], validation: list[Example], log=print) -> list[dict]:
    """Lead, centroid and learned on each target, in source and out of source (the README table)."""
    a, b = sources["abmusu"], sources["vims"]
    val_base, vims_base, a_base = baselines(validation), baselines(b), baselines(a)
    rows = [
        ("AbMuSu validation (100)", "AbMuSu train + ViMs (shipped)", val_base, out_of_source(a + b, validation, ALPHA, BLEND)),
        ("ViMs (200), 5-fold CV", "AbMuSu train + 4/5 of ViMs", vims_base, cross_validated(b, a, ALPHA, BLEND)),
        ("AbMuSu train (200), 5-fold CV", "ViMs + 4/5 of AbMuSu train", a_base, cross_validated(a, b, ALPHA, BLEND)),
        ("ViMs (200), out of source", "AbMuSu train only", vims_base, out_of_source(a, b, ALPHA, BLEND)),
        ("AbMuSu validation (100), out of source", "ViMs only", val_base, out_of_source(b, validation, ALPHA, BLEND)),
    ]
    log(f"| target | learned trained on | lead | centroid | learned | learned - max(lead, centroid) |")
    log("|---|---|---|---|---|---|")
    for target, training, base, learned in rows:
        log(f"| {target} | {training} | {base['lead']:.2f} | {base['centroid']:.2f} | **{learned:.2f}** | {learned - max(base.values()):+.2f} |")
    return [{"target": t, "training": tr, **base, "learned": le} for t, tr, base, le in rows]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--abmusu", type=Path, default=TRAINING["abmusu"], help="AbMuSu train JSONL")
    parser.add_argument("--vims", type=Path, default=TRAINING["vims"], help="ViMs JSONL (multi-reference)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--check", action="store_true", help="rebuild in memory; exit 1 if it differs from --out")
    parser.add_argument("--cross-source", action="store_true", help="print the cross-source table (Markdown)")
    parser.add_argument("--search", action="store_true", help="measure the (alpha, blend) grid; print the choice")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    log = lambda msg: print(msg, file=sys.stderr)  # noqa: E731
    paths = {"abmusu": args.abmusu, "vims": args.vims}
    sources = {name: load(path, args.workers) for name, path in paths.items()}
    if args.cross_source:
        cross_source_table(sources, load(VALIDATION, args.workers), log=print)
        return 0
    if args.search:
        alpha, blend = search(sources, log)
        print(f"chosen: alpha {alpha:g}, blend {blend:g} (pin them as ALPHA and BLEND)")
        return 0
    files = {name: (f"{path.parent.name}/{path.name}", sha256(path)) for name, path in paths.items()}
    text = dumps(build_model(sources, files, log))
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
