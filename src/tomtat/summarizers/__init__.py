"""Interchangeable summarizers behind one interface, found by name.

Each summarizer scores the sentences of a cluster; ``tomtat.select`` turns scores into a summary.
"""

from __future__ import annotations

from tomtat.errors import ConfigError
from tomtat.summarizers.base import Summarizer
from tomtat.summarizers.centroid import CentroidSummarizer
from tomtat.summarizers.lead import LeadSummarizer
from tomtat.summarizers.learned import LearnedSummarizer

_REGISTRY: dict[str, type[Summarizer]] = {
    cls.name: cls for cls in (LearnedSummarizer, CentroidSummarizer, LeadSummarizer)
}

_INSTANCES: dict[str, Summarizer] = {}


def available_methods() -> tuple[str, ...]:
    return tuple(_REGISTRY)


def get_summarizer(name: str) -> Summarizer:
    """The (shared, stateless) summarizer registered under ``name``."""
    if name not in _REGISTRY:
        raise ConfigError(
            f"unknown method {name!r}; choose one of: {', '.join(available_methods())}"
        )
    if name not in _INSTANCES:
        _INSTANCES[name] = _REGISTRY[name]()
    return _INSTANCES[name]


__all__ = ["Summarizer", "available_methods", "get_summarizer"]
