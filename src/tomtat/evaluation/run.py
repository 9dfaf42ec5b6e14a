"""Summarize every cluster of a JSONL file that has a reference, and score the summaries."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from tomtat.batch import ordered_map, summarize_row
from tomtat.errors import InputError
from tomtat.evaluation import aggregate, score
from tomtat.ingest import ClusterInput, read_jsonl
from tomtat.options import SummarizeOptions


def _with_reference(path: Path, limit: int | None) -> Iterator[ClusterInput | InputError]:
    """Rows that carry a reference, and the rows that could not be read (counted as errors)."""
    items = (
        item for item in read_jsonl(path) if isinstance(item, InputError) or item.reference
    )
    return islice(items, limit)


def evaluate_file(
    path: str | Path, options: SummarizeOptions, workers: int = 1, limit: int | None = None
) -> dict[str, Any]:
    """ROUGE of ``options.method`` over the clusters of ``path`` that carry a reference."""
    path = Path(path)
    scores = []
    errors = 0
    for row in ordered_map(summarize_row, _with_reference(path, limit), options, workers=workers):
        if "error" in row:
            errors += 1
            continue
        scores.append(score(row["reference"], row["summary"]))
    if not scores:
        raise InputError("no cluster with a reference summary to evaluate", where=str(path))
    result = aggregate(scores)
    result["errors"] = errors
    return result
