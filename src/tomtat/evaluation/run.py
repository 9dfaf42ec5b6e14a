"""Summarize every cluster of a JSONL file that has a reference, and score the summaries.

A row may carry one reference (``summary``, AbMuSu) or several (``summaries``, ViMs): with
several, each summary is scored against the reference it matches best (ROUGE-2 F1).
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from tomtat.parallel import ordered_map
from tomtat.rows import summarize_row
from tomtat.errors import InputError
from tomtat.evaluation import aggregate, best_reference_score, references_of
from tomtat.ingest import ClusterInput, cluster_from_row
from tomtat.ingest.jsonl import parse_line, read_lines
from tomtat.options import SummarizeOptions


def _row_with_references(row: Any, line_no: int, where: str) -> tuple[ClusterInput, tuple[str, ...]]:
    return cluster_from_row(row, line_no, where), references_of(row)


def read_references(path: str | Path) -> Iterator[tuple[ClusterInput, tuple[str, ...]] | InputError]:
    """Each row of ``path`` as (cluster, its references), or the InputError that stops it."""
    for line in read_lines(path):
        yield parse_line(line, _row_with_references)


def evaluate_file(
    path: str | Path, options: SummarizeOptions, workers: int = 1, limit: int | None = None
) -> dict[str, Any]:
    """ROUGE of ``options.method`` over the clusters of ``path`` that carry a reference."""
    path = Path(path)
    pending: list[tuple[str, ...]] = []  # references of the rows sent, in order

    def items() -> Iterator[ClusterInput | InputError]:
        for entry in read_references(path):
            if isinstance(entry, InputError):
                pending.append(())
                yield entry
            elif entry[1]:
                pending.append(entry[1])
                yield entry[0]

    scores, errors = [], 0
    rows = ordered_map(summarize_row, islice(items(), limit), options, workers=workers)
    for position, row in enumerate(rows):
        if "error" in row:
            errors += 1
            continue
        scores.append(best_reference_score(pending[position], row["summary"]))
    if not scores:
        raise InputError("no cluster with a reference summary to evaluate", where=str(path))
    result = aggregate(scores)
    result["errors"] = errors
    return result
