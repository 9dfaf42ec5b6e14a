"""Train the learned sentence scorer and write ``src/tomtat/data/scorer.json``.

    python scripts/train_scorer.py                 # retrain on AbMuSu train + ViMs
    python scripts/train_scorer.py --check         # exit 1 when a rebuild differs from the shipped file
    python scripts/train_scorer.py --cross-source  # the cross-source table (lead, centroid, learned)
    python scripts/train_scorer.py --search        # measure the (weights, repeat penalty) grid (minutes)

Clusters are built by ``tomtat.ingest.cluster_from_row`` + ``tomtat.pipeline.build_cluster``
(the inference code path). A sentence's label is its alignment score: the best syllable-bigram
F1 against any one sentence of any reference summary. The model has three parts, each z-scored
within the cluster and weighed by WEIGHTS: a Ridge regression over ``tomtat.features`` columns,
gradient-boosted regression trees (scikit-learn's HistGradientBoostingRegressor, fixed seed, one
thread) over the same columns without the ``sapo_x_`` copies (a tree splits on ``sapo_cluster``
itself), and the unsupervised centroid score. The summary is then chosen by
``tomtat.select.select`` with the repeat threshold MAX_OVERLAP and the repeat penalty
REPEAT_PENALTY (maximal marginal relevance). The trees are written as plain numbers (each
node's feature, threshold or leaf value, children) and scored by
``tomtat.summarizers.learned.TreeEnsemble``, here as at run time: no pickled estimator.

The weights and the penalty are chosen by the *worst source*: for each setting of the grid,
``--search`` measures learned ROUGE-2 in source (5-fold CV by cluster on each source, the
other source wholly in training) and out of source (one source only -> the other), each
summary end to end (selection at a 200-syllable budget, ROUGE-2 F1 against the best
reference). The worst source decides, never one file's figure: the settings whose smaller
in-source gain over the
better of lead and centroid is within NOISE (the spread of a CV figure over fold splits) of
the best; among those, the one whose worst out-of-source gain is largest (the one that holds
best on news it never saw) is pinned below. Out of source alone cannot decide: a ViMs-only
model cannot learn what AbMuSu's sapos are worth (ViMs has none), so that setting only ever
pulls towards the centroid scorer. AbMuSu validation is never used to choose. The rebuild
(and ``--check``, run by CI) fits the pinned setting only and records its figures.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys

if __name__ == "__main__":  # before numpy loads: pin OpenBLAS's kernels (same bytes on any x86-64 CPU)
    from numeric_env import pin

    pin()
from dataclasses import dataclass
from multiprocessing import Pool
from pathlib import Path

import numpy as np
from sklearn.ensemble import HistGradientBoostingRegressor
from sklearn.linear_model import Ridge
from sklearn.model_selection import KFold
from threadpoolctl import threadpool_limits

from tomtat.evaluation import best_reference_score, references_of, syllables
from tomtat.features import FEATURE_NAMES, feature_columns, stack
from tomtat.ingest import cluster_from_row
from tomtat.models import Cluster
from tomtat.pipeline import build_cluster
from tomtat.select import select
from tomtat.summarizers.centroid import CentroidSummarizer, centroid_scores
from tomtat.summarizers.lead import LeadSummarizer
from tomtat.summarizers.learned import PARTS, TreeEnsemble, within_cluster_z
from tomtat.text.sentences import sentences as split_text
from tomtat.text.words import bigram_set, syllable_bigrams
from tomtat.evaluation.corpora import SHARED_DATA

REPO = Path(__file__).resolve().parents[1]
DATA_DIR = SHARED_DATA
TRAINING = {"abmusu": DATA_DIR / "abmusu" / "train.jsonl", "vims": DATA_DIR / "vims" / "train.jsonl"}
VALIDATION = DATA_DIR / "abmusu" / "validation.jsonl"
DEFAULT_OUT = REPO / "src" / "tomtat" / "data" / "scorer.json"
ALPHA = 3000.0  # Ridge penalty (chosen with the blend 0.6 of model version 2: alpha 1000 lost out of source)
# boosted trees: fixed seed, no early stopping (no random validation split), one thread
TREE_PARAMS = {"max_iter": 200, "learning_rate": 0.05, "max_leaf_nodes": 15, "min_samples_leaf": 40,
               "l2_regularization": 1.0, "early_stopping": False, "random_state": 0}  # fmt: skip
TREE_FEATURES = tuple(name for name in FEATURE_NAMES if not name.startswith("sapo_x_"))
# pinned by ``--search`` (a few minutes; the rebuild and --check fit these only)
WEIGHTS = {"ridge": 0.2, "trees": 0.4, "centroid": 0.4}  # of the z-scored parts
MAX_OVERLAP = 0.25  # the learned summarizer's repeat threshold (measured: 0.5 -> 0.25 is +2.2 on ViMs CV, +0.8 on AbMuSu validation)
REPEAT_PENALTY = 0.0  # score lost per unit of overlap with the chosen sentences (tomtat.select)
SEARCH_WEIGHTS = (
    (0.6, 0.0, 0.4),  # model version 2: ridge and centroid
    (1.0, 0.0, 0.0), (0.0, 1.0, 0.0), (0.4, 0.3, 0.3), (0.3, 0.3, 0.4), (0.2, 0.4, 0.4), (0.2, 0.2, 0.6),
)  # ridge, trees, centroid  # fmt: skip
SEARCH_PENALTIES = (0.0, 1.0)
BUDGET = 200
FOLDS, SEED = 5, 0
MODEL_VERSION = 3


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


def summary_r2(example: Example, scores: np.ndarray, max_overlap: float = MAX_OVERLAP,
               repeat_penalty: float = REPEAT_PENALTY) -> float:  # fmt: skip
    """ROUGE-2 F1 of the summary that ``scores`` select, against the best reference."""
    keyed = {s.key: float(v) for s, v in zip(example.cluster.sentences, scores)}
    chosen = select(example.cluster, keyed, max_words=BUDGET, max_overlap=max_overlap, repeat_penalty=repeat_penalty)
    return best_reference_score(example.references, " ".join(s.text for s in chosen))["rouge2"].fmeasure


def mean_r2(examples: list[Example], predictions: list[np.ndarray], max_overlap: float = MAX_OVERLAP,
            repeat_penalty: float = REPEAT_PENALTY) -> float:  # fmt: skip
    return 100 * float(np.mean([summary_r2(e, p, max_overlap, repeat_penalty) for e, p in zip(examples, predictions)]))


_TREE_COLUMNS = [FEATURE_NAMES.index(name) for name in TREE_FEATURES]


def tree_payload(model: HistGradientBoostingRegressor) -> dict:
    """The fitted trees as plain numbers (the ``trees`` entry of scorer.json, read by
    ``tomtat.summarizers.learned.TreeEnsemble``): per node its feature (-1 at a leaf), its
    threshold (at a leaf its value) and its children. Full float precision: the shipped trees
    split exactly where the fitted ones do."""
    trees = []
    for (predictor,) in model._predictors:  # one tree per iteration (single output)
        nodes = predictor.nodes
        leaf = nodes["is_leaf"].astype(bool)
        if nodes["is_categorical"].any():
            raise ValueError("categorical splits are not supported")
        trees.append({
            "feature": [-1 if f else int(i) for f, i in zip(leaf, nodes["feature_idx"])],
            "value": [float(v) if f else float(t) for f, v, t in zip(leaf, nodes["value"], nodes["num_threshold"])],
            "left": [0 if f else int(i) for f, i in zip(leaf, nodes["left"])],
            "right": [0 if f else int(i) for f, i in zip(leaf, nodes["right"])],
        })  # fmt: skip
    return {"feature_names": list(TREE_FEATURES), "baseline": float(np.ravel(model._baseline_prediction)[0]),
            "params": dict(TREE_PARAMS), "trees": trees}  # fmt: skip


class Fitted:
    """The three parts, fitted on ``examples``: Ridge over standardised features, boosted trees,
    and (unfitted) the centroid score. ``parts`` gives each one's z-scores within a cluster."""

    def __init__(self, examples: list[Example], alpha: float = ALPHA, trees: bool = True) -> None:
        X = np.vstack([e.features for e in examples])
        y = np.concatenate([e.labels for e in examples])
        self.mean = X.mean(axis=0)
        self.scale = X.std(axis=0)
        self.scale[self.scale == 0] = 1.0
        self.ridge = Ridge(alpha=alpha).fit((X - self.mean) / self.scale, y)
        self.n_sentences = len(y)
        self.trees: dict | None = None
        self.ensemble: TreeEnsemble | None = None
        if trees:
            with threadpool_limits(1):  # summation order fixed: the same trees on any machine
                boosted = HistGradientBoostingRegressor(**TREE_PARAMS).fit(X[:, _TREE_COLUMNS], y)
            self.trees = tree_payload(boosted)
            self.ensemble = TreeEnsemble(self.trees, "trees")

    def linear(self, example: Example) -> np.ndarray:
        return ((example.features - self.mean) / self.scale) @ self.ridge.coef_ + self.ridge.intercept_

    def parts(self, example: Example) -> np.ndarray:
        """z-scores of the ridge, trees and centroid parts (PARTS order), one row each."""
        n = len(example.labels)
        trees = self.ensemble.predict(example.features[:, _TREE_COLUMNS]) if self.ensemble else np.zeros(n)
        return np.stack([within_cluster_z(self.linear(example)), within_cluster_z(trees), within_cluster_z(example.centroid)])


def combine(parts: np.ndarray, weights: dict[str, float] = WEIGHTS) -> np.ndarray:
    return np.array([weights[part] for part in PARTS]) @ parts


Setting = tuple[tuple[float, float, float], float]  # (ridge, trees, centroid weights), repeat penalty
PINNED: Setting = (tuple(WEIGHTS[p] for p in PARTS), REPEAT_PENALTY)  # type: ignore[assignment]


def folds(examples: list[Example], k: int = FOLDS, seed: int = SEED) -> list[tuple[list[int], list[int]]]:
    return [(list(a), list(b)) for a, b in KFold(k, shuffle=True, random_state=seed).split(np.arange(len(examples)))]


def cross_validated_parts(target: list[Example], extra: list[Example]) -> list[np.ndarray]:
    """Each ``target`` cluster's parts from the model of its 5-fold CV split, ``extra`` always in training."""
    parts: list[np.ndarray] = [np.zeros(0)] * len(target)
    for train, test in folds(target):
        model = Fitted(extra + [target[i] for i in train])
        for i in test:
            parts[i] = model.parts(target[i])
    return parts


def out_of_source_parts(train: list[Example], target: list[Example]) -> list[np.ndarray]:
    model = Fitted(train)
    return [model.parts(e) for e in target]


def score_setting(target: list[Example], parts: list[np.ndarray], setting: Setting) -> float:
    weights, penalty = setting
    w = dict(zip(PARTS, weights))
    return mean_r2(target, [combine(p, w) for p in parts], MAX_OVERLAP, penalty)


def lead_scores(example: Example) -> np.ndarray:
    n_docs = len(example.cluster.documents)
    return np.array([-float(s.index * n_docs + s.doc_position) for s in example.cluster.sentences])


def baselines(examples: list[Example]) -> dict[str, float]:
    """ROUGE-2 of the lead and centroid summarizers, each with its own repeat threshold and penalty."""
    return {
        "lead": mean_r2(examples, [lead_scores(e) for e in examples], LeadSummarizer.max_overlap,
                        LeadSummarizer.repeat_penalty),
        "centroid": mean_r2(examples, [e.centroid for e in examples], CentroidSummarizer.max_overlap,
                            CentroidSummarizer.repeat_penalty),
    }


def measure(sources: dict[str, list[Example]], settings: list[Setting]) -> dict[Setting, dict[str, float]]:
    """Learned ROUGE-2 of each setting in source (5-fold CV, the other source in training) and
    out of source (the models are fitted once; the settings weigh and select their parts)."""
    a, b = sources["abmusu"], sources["vims"]
    runs = {
        "abmusu_cv": (a, cross_validated_parts(a, b)),
        "vims_cv": (b, cross_validated_parts(b, a)),
        "abmusu_to_vims": (b, out_of_source_parts(a, b)),
        "vims_to_abmusu": (a, out_of_source_parts(b, a)),
    }
    return {setting: {k: score_setting(t, p, setting) for k, (t, p) in runs.items()} for setting in settings}


TARGET_OF = {"abmusu_cv": "abmusu", "vims_cv": "vims", "abmusu_to_vims": "vims", "vims_to_abmusu": "abmusu"}
IN_SOURCE, OUT_OF_SOURCE = ("abmusu_cv", "vims_cv"), ("abmusu_to_vims", "vims_to_abmusu")
NOISE = 0.6  # ROUGE-2 spread of a CV figure over fold splits (measured on AbMuSu train, 3 seeds)


def worst_margin(figures: dict[str, float], base: dict[str, dict[str, float]], settings=IN_SOURCE) -> float:
    """The smallest gain over the better of lead and centroid on each setting's target."""
    return min(figures[k] - max(base[TARGET_OF[k]].values()) for k in settings)


def describe(setting: Setting) -> str:
    weights, penalty = setting
    return " ".join(f"{part} {w:g}" for part, w in zip(PARTS, weights)) + f", repeat penalty {penalty:g}"


def search(sources: dict[str, list[Example]], log=print) -> Setting:
    """Every (weights, repeat penalty) of the grid, measured; the worst source decides: the
    settings whose smaller in-source gain is within NOISE of the best one; among them, the one
    whose worst out-of-source gain is largest (the one that holds best on the source it never
    saw). A filter on issue #10's ViMs CV target (46.0) was tried and dropped: the settings'
    ViMs CV figures lie within NOISE of each other, and removing 3 caption sentences from the
    31,600 training sentences moved the trees' ViMs CV by 0.4, so such a filter chooses by
    one file's noise (on this data it took ridge 0.6 + centroid 0.4 with the penalty: AbMuSu
    CV 37.59 against 38.05, each out-of-source figure lower)."""
    base = {name: baselines(examples) for name, examples in sources.items()}
    log(f"baselines: {base}")
    grid = [(w, p) for w in SEARCH_WEIGHTS for p in SEARCH_PENALTIES]
    results = measure(sources, grid)
    for setting, figures in results.items():
        text = " ".join(f"{k} {v:.2f}" for k, v in figures.items())
        log(f"{describe(setting)}: {text}; worst source gain {worst_margin(figures, base):+.2f}, "
            f"worst out-of-source gain {worst_margin(figures, base, OUT_OF_SOURCE):+.2f}")
    best = max(worst_margin(r, base) for r in results.values())
    close = [key for key, r in results.items() if worst_margin(r, base) >= best - NOISE]
    return max(close, key=lambda key: (round(worst_margin(results[key], base, OUT_OF_SOURCE), 6), grid.index(key) * -1))


def _round(values) -> list[float]:
    return [float(f"{v:.6g}") for v in np.asarray(values, dtype=float).ravel()]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build_model(sources: dict[str, list[Example]], files: dict[str, tuple[str, str]], log=print) -> dict:
    """Fit on every source with the pinned setting; ``files``: name -> (file, sha256)."""
    base = {name: {k: round(v, 2) for k, v in baselines(examples).items()} for name, examples in sources.items()}
    figures = {k: round(v, 2) for k, v in measure(sources, [PINNED])[PINNED].items()}
    log(f"baselines {base}; learned {figures}")
    model = Fitted(sources["abmusu"] + sources["vims"])
    assert model.trees is not None
    return {
        "model": "ridge+trees+centroid",
        "version": MODEL_VERSION,
        "label": "alignment F1: best syllable-bigram F1 against any one sentence of any reference",
        "score": "weights.ridge * z(ridge) + weights.trees * z(trees) + weights.centroid * z(centroid), "
        "z-scores within the cluster",
        "training_data": {
            name: {"file": files[name][0], "sha256": files[name][1], "clusters": len(examples),
                   "sentences": int(sum(len(e.labels) for e in examples))}
            for name, examples in sources.items()
        },
        "evaluation": {
            "metric": f"ROUGE-2 F1 x100 against the best reference, {BUDGET}-syllable summaries",
            "in_source": f"{FOLDS}-fold CV over the source's clusters (seed {SEED}), the other source in training",
            "out_of_source": "trained on one source only, scored on all of the other",
            "chosen_by": f"the worst source's in-source gain over the better of lead and centroid; "
            f"among settings within {NOISE} of the best, the best worst out-of-source gain "
            "(scripts/train_scorer.py --search)",
            "baselines": base,
            "learned": figures,
        },
        "alpha": ALPHA,
        "weights": dict(WEIGHTS),
        "max_overlap": MAX_OVERLAP,
        "repeat_penalty": REPEAT_PENALTY,
        "feature_names": list(FEATURE_NAMES),
        "mean": _round(model.mean),
        "scale": _round(model.scale),
        "coef": _round(model.ridge.coef_),
        "intercept": _round([model.ridge.intercept_])[0],
        "trees": model.trees,
    }


_NUMBER_LIST = re.compile(r"\[\s*(-?[0-9][-+.0-9eE]*(?:,\s*-?[0-9][-+.0-9eE]*)*)\s*\]")


def dumps(model: dict) -> str:
    """Indented JSON with each list of numbers on one line (the trees hold thousands)."""
    text = json.dumps(model, ensure_ascii=False, indent=1)
    return _NUMBER_LIST.sub(lambda m: "[" + ",".join(v.strip() for v in m.group(1).split(",")) + "]", text) + "\n"


def cross_source_table(sources: dict[str, list[Example]], validation: list[Example], log=print) -> list[dict]:
    """Lead, centroid and learned on each target, in source and out of source (the README table)."""
    a, b = sources["abmusu"], sources["vims"]
    val_base, vims_base, a_base = baselines(validation), baselines(b), baselines(a)
    pinned = lambda target, parts: score_setting(target, parts, PINNED)  # noqa: E731
    vims_only = Fitted(b)
    rows = [
        ("AbMuSu validation (100)", "AbMuSu train + ViMs (shipped)", val_base, pinned(validation, out_of_source_parts(a + b, validation))),
        ("ViMs (200), 5-fold CV", "AbMuSu train + 4/5 of ViMs", vims_base, pinned(b, cross_validated_parts(b, a))),
        ("AbMuSu train (200), 5-fold CV", "ViMs + 4/5 of AbMuSu train", a_base, pinned(a, cross_validated_parts(a, b))),
        ("ViMs (200), out of source", "AbMuSu train only", vims_base, pinned(b, out_of_source_parts(a, b))),
        ("AbMuSu validation (100), out of source", "ViMs only", val_base, pinned(validation, [vims_only.parts(e) for e in validation])),
        ("AbMuSu train (200), out of source", "ViMs only", a_base, pinned(a, [vims_only.parts(e) for e in a])),
    ]  # fmt: skip
    log("| target | learned trained on | lead | centroid | learned | learned - max(lead, centroid) |")
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
    parser.add_argument("--search", action="store_true", help="measure the (weights, repeat penalty) grid; print the choice")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    log = lambda msg: print(msg, file=sys.stderr)  # noqa: E731
    paths = {"abmusu": args.abmusu, "vims": args.vims}
    sources = {name: load(path, args.workers) for name, path in paths.items()}
    if args.cross_source:
        cross_source_table(sources, load(VALIDATION, args.workers), log=print)
        return 0
    if args.search:
        chosen = search(sources, log)
        print(f"chosen: {describe(chosen)} (pin them as WEIGHTS and REPEAT_PENALTY; pinned now: {describe(PINNED)})")
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
