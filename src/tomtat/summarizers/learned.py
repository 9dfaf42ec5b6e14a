"""Learned scorer: a linear model over ``tomtat.features``, shipped as ``tomtat/data/scorer.json``.

The model file (written by ``scripts/train_scorer.py``) holds the feature names, the
standardisation (mean, scale), the coefficients and intercept, and how it was trained
(data sha256, cross-validated ROUGE-2). It is read once, on first use.
"""

from __future__ import annotations

import json
import threading
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from tomtat.errors import ConfigError
from tomtat.features import FEATURE_NAMES, sentence_features
from tomtat.models import Cluster
from tomtat.summarizers.base import Key, Summarizer

MODEL_FILE = "scorer.json"


class LinearModel:
    """``score = ((x - mean) / scale) @ coef + intercept`` over ``FEATURE_NAMES`` columns."""

    def __init__(self, data: dict[str, Any], where: str) -> None:
        try:
            names = tuple(data["feature_names"])
            self.mean = np.asarray(data["mean"], dtype=float)
            self.scale = np.asarray(data["scale"], dtype=float)
            self.coef = np.asarray(data["coef"], dtype=float)
            self.intercept = float(data["intercept"])
        except (KeyError, TypeError, ValueError) as err:
            raise ConfigError(f"{where}: not a tomtat scorer model ({err!r})") from None
        if names != FEATURE_NAMES:
            missing = sorted(set(FEATURE_NAMES) - set(names))
            extra = sorted(set(names) - set(FEATURE_NAMES))
            raise ConfigError(
                f"{where}: model features do not match this tomtat's features "
                f"(missing {missing or 'none'}, unknown {extra or 'none'}"
                f"{', order differs' if not (missing or extra) else ''}); retrain with "
                "scripts/train_scorer.py"
            )
        if not (self.mean.shape == self.scale.shape == self.coef.shape == (len(names),)):
            raise ConfigError(f"{where}: model arrays do not have {len(names)} entries each")
        self.scale[self.scale == 0] = 1.0
        self.info = {k: v for k, v in data.items() if k not in ("mean", "scale", "coef")}

    def predict(self, features: np.ndarray) -> np.ndarray:
        return ((features - self.mean) / self.scale) @ self.coef + self.intercept


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
    description = "linear model over position, lead/title overlap and cross-article agreement (trained on AbMuSu)"
    max_overlap = 0.5

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

    def score(self, cluster: Cluster) -> dict[Key, float]:
        scores = self.model.predict(sentence_features(cluster))
        return {s.key: float(v) for s, v in zip(cluster.sentences, scores)}
