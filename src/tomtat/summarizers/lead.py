"""The lead baseline: first sentences of each article, taken round-robin."""

from __future__ import annotations

from tomtat.models import Cluster
from tomtat.summarizers.base import Key, Summarizer


class LeadSummarizer(Summarizer):
    name = "lead"
    description = "first sentences of each article, round-robin (baseline)"
    max_overlap = 1.0  # a baseline: take the leads as they are

    def score(self, cluster: Cluster) -> dict[Key, float]:
        n_docs = len(cluster.documents)
        return {s.key: -float(s.index * n_docs + s.doc_position) for s in cluster.sentences}
