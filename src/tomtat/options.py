"""One validated options object shared by the Python API, the CLI and the HTTP API."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from tomtat.errors import ConfigError

DEFAULT_METHOD = "learned"
FORMATS = ("text", "markdown", "json")


def _positive_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


@dataclass(frozen=True)
class SummarizeOptions:
    """How to summarize a cluster. Built once, validated once, passed everywhere."""

    max_words: int = 200  # budget in syllables of the restored text, as Vietnamese ROUGE counts
    max_sentences: int | None = None
    method: str = DEFAULT_METHOD
    facts: bool = True  # extract key facts
    timeline: bool = True  # extract dated events
    story: bool = True  # a pile of several events: summarize each, in date order

    def __post_init__(self) -> None:
        if not _positive_int(self.max_words):
            raise ConfigError(f"max_words must be a positive integer, got {self.max_words!r}")
        if self.max_sentences is not None and not _positive_int(self.max_sentences):
            raise ConfigError(
                f"max_sentences must be a positive integer, got {self.max_sentences!r}"
            )
        from tomtat.summarizers import available_methods

        if self.method not in available_methods():
            raise ConfigError(
                f"unknown method {self.method!r}; choose one of: {', '.join(available_methods())}"
            )

    @classmethod
    def from_mapping(cls, values: dict[str, Any]) -> SummarizeOptions:
        """Build from a dict (HTTP body, config file), ignoring keys that are not options."""
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in values.items() if k in names and v is not None})

    def with_(self, **changes: Any) -> SummarizeOptions:
        return replace(self, **changes)
