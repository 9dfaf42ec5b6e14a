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

    @abstractmethod
    def score(self, cluster: Cluster) -> dict[Key, float]:
        """A score for each sentence key ``(doc_id, index)``."""
