"""Learned scorer: a linear model over ``tomtat.features``, shipped as ``tomtat/data/scorer.json``.

The model file (written by ``scripts/train_scorer.py``) holds the feature names, the
standardisation (mean, scale), the coefficients and intercept, the blend weight with the
unsupervised centroid score, and how it was trained (each training file's sha256,
cross-validated ROUGE-2 per source). It is read once, on first use. Columns are taken by name.
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


def within_cluster_z(values: np.ndarray) -> np.ndarray:
    """``values`` as z-scores within their cluster (all zero when they do not vary)."""
    values = np.asarray(values, dtype=float)
    spread = values.std() if values.size else 0.0
    return (values - values.mean()) / spread if spread > 0 else np.zeros_like(values)


class LinearModel:
    """``linear = ((x - mean) / scale) @ coef + intercept`` over the named feature columns;
    the score is ``blend * z(linear) + (1 - blend) * z(centroid)`` (``blend`` 1: linear alone)."""

    def __init__(self, data: dict[str, Any], where: str) -> None:
        try:
            names = tuple(data["feature_names"])
            self.mean = np.asarray(data["mean"], dtype=float)
            self.scale = np.asarray(data["scale"], dtype=float)
            self.coef = np.asarray(data["coef"], dtype=float)
            self.intercept = float(data["intercept"])
            self.blend = float(data.get("blend", 1.0))
            self.max_overlap = float(data.get("max_overlap", 0.5))
        except (KeyError, TypeError, ValueError) as err:
            raise ConfigError(f"{where}: not a tomtat scorer model ({err!r})") from None
        unknown = sorted(set(names) - set(FEATURE_NAMES))
        if unknown or len(set(names)) != len(names):
            raise ConfigError(
                f"{where}: model features do not match this tomtat's features "
                f"(unknown {unknown or 'none'}{', repeated names' if not unknown else ''}); "
                "retrain with scripts/train_scorer.py"
            )
        if not 0.0 <= self.blend <= 1.0:
            raise ConfigError(f"{where}: blend {self.blend} is not within [0, 1]")
        if not 0.0 < self.max_overlap <= 1.0:
            raise ConfigError(f"{where}: max_overlap {self.max_overlap} is not within (0, 1]")
        self.names = names
        if not (self.mean.shape == self.scale.shape == self.coef.shape == (len(names),)):
            raise ConfigError(f"{where}: model arrays do not have {len(names)} entries each")
        self.scale[self.scale == 0] = 1.0
        self.info = {k: v for k, v in data.items() if k not in ("mean", "scale", "coef")}

    def predict(self, columns: dict[str, np.ndarray]) -> np.ndarray:
        """Scores from feature columns by name (``tomtat.features.feature_columns``)."""
        linear = ((stack(columns, self.names) - self.mean) / self.scale) @ self.coef + self.intercept
        if self.blend >= 1.0:
            return linear
        centroid = centroid_scores(columns)
        return self.blend * within_cluster_z(linear) + (1 - self.blend) * within_cluster_z(centroid)


def load_model(path: str | Path | None = None) -> LinearModel:
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
    return LinearModel(data, where)


class LearnedSummarizer(Summarizer):
    name = "learned"
    description = "linear model over position, lead/title overlap and cross-article agreement, blended with centroid (trained on AbMuSu + ViMs)"
    def __init__(self, model_path: str | Path | None = None) -> None:
        self._path = model_path
        self._model: LinearModel | None = None
        self._lock = threading.Lock()

    @property
    def model(self) -> LinearModel:
        if self._model is None:
            with self._lock:
                if self._model is None:
                    self._model = load_model(self._path)
        return self._model

    @property
    def max_overlap(self) -> float:  # type: ignore[override]
        """The repeat threshold the model was chosen with (``scorer.json``'s ``max_overlap``)."""
        return self.model.max_overlap

    def score(self, cluster: Cluster) -> dict[Key, float]:
        indexes = candidate_sentences(cluster)
        scores = self.model.predict(feature_columns(cluster, indexes))
        return with_positional_rest(cluster, indexes, scores)
