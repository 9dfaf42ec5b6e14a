"""The one interface every summarizer implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import ClassVar

from tomtat.models import Cluster

Key = tuple[str, int]


class Summarizer(ABC):
    """Scores every sentence of a cluster; higher means more summary-worthy."""

    name: ClassVar[str]
    description: ClassVar[str]
    max_overlap: ClassVar[float] = 0.5  # bigram overlap above which a sentence repeats another
    repeat_penalty: ClassVar[float] = 0.0  # score lost per unit of overlap with the summary (tomtat.select)

    @abstractmethod
    def score(self, cluster: Cluster) -> dict[Key, float]:
        """A score for each sentence key ``(doc_id, index)``."""


def with_positional_rest(cluster: Cluster, indexes: list[int], values) -> dict[Key, float]:
    """Scores of the sentences ``indexes`` (see ``tomtat.features.candidate_sentences``), and
    for every other sentence of the cluster a score below all of them, falling with position
    (sentence index, then article), as the lead baseline would rank them."""
    sentences = cluster.sentences
    scores = {sentences[k].key: float(v) for k, v in zip(indexes, values)}
    if len(scores) < len(sentences):
        floor = min(scores.values(), default=0.0) - 1.0
        n_docs = max(1, len(cluster.documents))
        for s in sentences:
            if s.key not in scores:
                scores[s.key] = floor - (s.index * n_docs + s.doc_position) / len(sentences)
    return scores
