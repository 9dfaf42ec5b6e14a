"""Learned scorer: a linear model and boosted trees over ``tomtat.features``, blended with the
unsupervised centroid score; shipped as ``tomtat/data/scorer.json``.

The model file (written by ``scripts/train_scorer.py``) holds the feature names, the linear
part's standardisation (mean, scale), coefficients and intercept, the trees (plain numbers: for
each node its feature, threshold or leaf value and children), the weights of the three z-scored
parts, the selection settings the model was chosen with (repeat threshold and penalty), and how
it was trained (each training file's sha256, ROUGE-2 per source in and out of source). It is
read once, on first use. Columns are taken by name. No pickled estimator: nothing here depends
on the scikit-learn version that trained it.
"""

from __future__ import annotations

import json
import threading
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from tomtat.errors import ConfigError
from tomtat.features import FEATURE_NAMES, candidate_sentences, feature_columns, stack
from tomtat.models import Cluster
from tomtat.summarizers.base import Key, Summarizer, with_positional_rest
from tomtat.summarizers.centroid import centroid_scores

MODEL_FILE = "scorer.json"
PARTS = ("ridge", "trees", "centroid")


def within_cluster_z(values: np.ndarray) -> np.ndarray:
    """``values`` as z-scores within their cluster (all zero when they do not vary)."""
    values = np.asarray(values, dtype=float)
    spread = values.std() if values.size else 0.0
    return (values - values.mean()) / spread if spread > 0 else np.zeros_like(values)


def _known_names(names: tuple[str, ...], where: str) -> None:
    unknown = sorted(set(names) - set(FEATURE_NAMES))
    if unknown or len(set(names)) != len(names):
        raise ConfigError(
            f"{where}: model features do not match this tomtat's features "
            f"(unknown {unknown or 'none'}{', repeated names' if not unknown else ''}); "
            "retrain with scripts/train_scorer.py"
        )


class TreeEnsemble:
    """Regression trees summed: ``baseline + sum of each tree's leaf value``.

    ``data``: ``feature_names`` and ``baseline``, and ``trees``, each a dict of four equal-length
    lists over its nodes (node 0 the root): ``feature`` (a position in ``feature_names``, -1 at a
    leaf), ``value`` (the threshold: ``x <= value`` goes ``left``, else ``right``; at a leaf its
    value), ``left`` and ``right`` (node numbers within the tree). Features are finite
    (``tomtat.features``), so no missing-value branch is needed.
    """

    def __init__(self, data: dict[str, Any], where: str) -> None:
        try:
            self.names = tuple(data["feature_names"])
            self.baseline = float(data["baseline"])
            trees = data["trees"]
            features, values, lefts, rights, roots = [], [], [], [], []
            offset = 0
            for tree in trees:
                feature = np.asarray(tree["feature"], dtype=np.int64)
                n = feature.size
                value = np.asarray(tree["value"], dtype=float)
                left = np.asarray(tree["left"], dtype=np.int64)
                right = np.asarray(tree["right"], dtype=np.int64)
                if not (n and value.shape == left.shape == right.shape == (n,)):
                    raise ValueError("node lists of different lengths")
                inner = feature >= 0
                if (feature >= len(self.names)).any() or ((left[inner] <= 0) | (left[inner] >= n)
                        | (right[inner] <= 0) | (right[inner] >= n)).any():  # fmt: skip
                    raise ValueError("a node points outside its tree")
                roots.append(offset)
                features.append(feature)
                values.append(value)
                lefts.append(np.where(inner, left + offset, np.arange(n) + offset))
                rights.append(np.where(inner, right + offset, np.arange(n) + offset))
                offset += n
        except (KeyError, TypeError, ValueError) as err:
            raise ConfigError(f"{where}: not a tomtat tree model ({err!r})") from None
        _known_names(self.names, where)
        self.feature = np.concatenate(features) if features else np.zeros(0, np.int64)
        self.value = np.concatenate(values) if values else np.zeros(0)
        self.left = np.concatenate(lefts) if lefts else np.zeros(0, np.int64)
        self.right = np.concatenate(rights) if rights else np.zeros(0, np.int64)
        self.roots = np.asarray(roots, dtype=np.int64)
        try:
            self.depth = self._depth()
        except ValueError as err:
            raise ConfigError(f"{where}: not a tomtat tree model ({err})") from None

    def _depth(self) -> int:
        """The longest root-to-leaf path, walked from the roots (a cycle is refused)."""
        depth, level = 0, self.roots
        while level.size:
            inner = level[self.feature[level] >= 0]
            if not inner.size:
                break
            if depth > self.feature.size:
                raise ValueError("a cycle among the nodes")
            depth += 1
            level = np.concatenate([self.left[inner], self.right[inner]])
        return depth

    def predict(self, X: np.ndarray) -> np.ndarray:
        """The ensemble's value for each row of ``X`` (columns in ``names`` order)."""
        n = X.shape[0]
        if n == 0 or not self.roots.size:
            return np.full(n, self.baseline)
        node = np.broadcast_to(self.roots, (n, self.roots.size)).copy()
        rows = np.arange(n)[:, None]
        for _ in range(self.depth):  # a leaf points to itself
            feature = self.feature[node]
            x = X[rows, np.maximum(feature, 0)]
            node = np.where(x <= self.value[node], self.left[node], self.right[node])
        leaf_values = self.value[node]
        total = np.full(n, self.baseline)
        for t in range(self.roots.size):  # tree by tree, in order: the sum the trainer computed
            total += leaf_values[:, t]
        return total


class ScorerModel:
    """``score = w_ridge * z(linear) + w_trees * z(trees) + w_centroid * z(centroid)``, z-scores
    within the cluster, where ``linear = ((x - mean) / scale) @ coef + intercept`` over the named
    feature columns and ``trees`` a :class:`TreeEnsemble`. An older file's ``blend`` reads as
    ``w_ridge = blend``, ``w_centroid = 1 - blend``."""

    def __init__(self, data: dict[str, Any], where: str) -> None:
        try:
            names = tuple(data["feature_names"])
            self.mean = np.asarray(data["mean"], dtype=float)
            self.scale = np.asarray(data["scale"], dtype=float)
            self.coef = np.asarray(data["coef"], dtype=float)
            self.intercept = float(data["intercept"])
            if "weights" in data:
                weights = {part: float(data["weights"].get(part, 0.0)) for part in PARTS}
                if set(data["weights"]) - set(PARTS):
                    raise ValueError(f"weights of unknown parts {sorted(set(data['weights']) - set(PARTS))}")
            else:
                blend = float(data.get("blend", 1.0))
                if not 0.0 <= blend <= 1.0:
                    raise ConfigError(f"{where}: blend {blend} is not within [0, 1]")
                weights = {"ridge": blend, "trees": 0.0, "centroid": 1.0 - blend}
            self.max_overlap = float(data.get("max_overlap", 0.5))
            self.repeat_penalty = float(data.get("repeat_penalty", 0.0))
        except (KeyError, TypeError, ValueError, AttributeError) as err:
            raise ConfigError(f"{where}: not a tomtat scorer model ({err!r})") from None
        _known_names(names, where)
        if any(not 0.0 <= w <= 1.0 for w in weights.values()) or not abs(sum(weights.values()) - 1.0) < 1e-9:
            raise ConfigError(f"{where}: weights {weights} are not within [0, 1] with sum 1")
        if not 0.0 < self.max_overlap <= 1.0:
            raise ConfigError(f"{where}: max_overlap {self.max_overlap} is not within (0, 1]")
        if not 0.0 <= self.repeat_penalty <= 10.0:
            raise ConfigError(f"{where}: repeat_penalty {self.repeat_penalty} is not within [0, 10]")
        self.names = names
        if not (self.mean.shape == self.scale.shape == self.coef.shape == (len(names),)):
            raise ConfigError(f"{where}: model arrays do not have {len(names)} entries each")
        self.scale[self.scale == 0] = 1.0
        self.weights = weights
        self.blend = weights["ridge"]  # the ridge part's weight (older files: their blend)
        if weights["trees"] > 0 and not isinstance(data.get("trees"), dict):
            raise ConfigError(f"{where}: a trees weight without trees")
        self.trees = TreeEnsemble(data["trees"], where) if weights["trees"] > 0 else None
        self.info = {k: v for k, v in data.items() if k not in ("mean", "scale", "coef", "trees")}

    def linear(self, columns: dict[str, np.ndarray]) -> np.ndarray:
        return ((stack(columns, self.names) - self.mean) / self.scale) @ self.coef + self.intercept

    def predict(self, columns: dict[str, np.ndarray]) -> np.ndarray:
        """Scores from feature columns by name (``tomtat.features.feature_columns``)."""
        w = self.weights
        score = np.zeros(len(columns[self.names[0]]) if self.names else 0)
        if w["ridge"] > 0:
            score = score + w["ridge"] * within_cluster_z(self.linear(columns))
        if self.trees is not None:
            score = score + w["trees"] * within_cluster_z(self.trees.predict(stack(columns, self.trees.names)))
        if w["centroid"] > 0:
            score = score + w["centroid"] * within_cluster_z(centroid_scores(columns))
        return score


LinearModel = ScorerModel  # the name before trees joined the linear part


def load_model(path: str | Path | None = None) -> ScorerModel:
    """The model at ``path``, or the shipped one. Raises ConfigError for a bad or stale file."""
    if path is None:
        where = f"tomtat/data/{MODEL_FILE}"
        try:
            text = resources.files("tomtat").joinpath("data", MODEL_FILE).read_text(encoding="utf-8")
        except OSError as err:
            raise ConfigError(f"{where}: cannot read the shipped model ({err.strerror})") from None
    else:
        where = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as err:
            raise ConfigError(f"{where}: cannot read the model ({err.strerror})") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise ConfigError(f"{where}: malformed model JSON ({err.msg})") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: not a tomtat scorer model")
    return ScorerModel(data, where)


class LearnedSummarizer(Summarizer):
    name = "learned"
    description = "linear model and boosted trees over position, lead/title overlap and cross-article agreement, blended with centroid (trained on AbMuSu + ViMs)"
    def __init__(self, model_path: str | Path | None = None) -> None:
        self._path = model_path
        self._model: ScorerModel | None = None
        self._lock = threading.Lock()

    @property
    def model(self) -> ScorerModel:
        if self._model is None:
            with self._lock:
                if self._model is None:
                    self._model = load_model(self._path)
        return self._model

    @property
    def max_overlap(self) -> float:  # type: ignore[override]
        """The repeat threshold the model was chosen with (``scorer.json``'s ``max_overlap``)."""
        return self.model.max_overlap

    @property
    def repeat_penalty(self) -> float:  # type: ignore[override]
        """The selection's repeat penalty the model was chosen with (``scorer.json``)."""
        return self.model.repeat_penalty

    def score(self, cluster: Cluster) -> dict[Key, float]:
        indexes = candidate_sentences(cluster)
        scores = self.model.predict(feature_columns(cluster, indexes))
        return with_positional_rest(cluster, indexes, scores)
