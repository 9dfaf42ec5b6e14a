"""Unsupervised scorer: centrality, cross-document support and position, no training."""

from __future__ import annotations

import numpy as np

from tomtat.features import candidate_sentences, feature_columns
from tomtat.models import Cluster
from tomtat.summarizers.base import Key, Summarizer, with_positional_rest

_WEIGHTS = {
    "centroid_similarity": 1.0,
    "lead_similarity": 0.5,
    "title_similarity": 0.5,
    "support": 0.15,
    "is_first_doc": 0.2,
}


class CentroidSummarizer(Summarizer):
    name = "centroid"
    description = "TF-IDF centrality + cross-article support + position prior (unsupervised)"

    def score(self, cluster: Cluster) -> dict[Key, float]:
        indexes = candidate_sentences(cluster)
        return with_positional_rest(cluster, indexes, centroid_scores(feature_columns(cluster, indexes)))


def centroid_scores(columns: dict[str, np.ndarray]) -> np.ndarray:
    """The unsupervised score of each sentence from its feature columns (by name)."""
    scores = sum(w * columns[name] for name, w in _WEIGHTS.items())
    return np.asarray(scores + 0.5 / (1.0 + columns["sentence_index"]), dtype=float)
