"""Unsupervised scorer: centrality, cross-document support and position, no training."""

from __future__ import annotations

import numpy as np

from tomtat.features import FEATURE_NAMES, sentence_features
from tomtat.models import Cluster
from tomtat.summarizers.base import Key, Summarizer

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
        features = sentence_features(cluster)
        column = {name: i for i, name in enumerate(FEATURE_NAMES)}
        scores = sum(w * features[:, column[name]] for name, w in _WEIGHTS.items())
        scores = scores + 0.5 / (1.0 + features[:, column["sentence_index"]])
        return {s.key: float(v) for s, v in zip(cluster.sentences, np.asarray(scores))}
