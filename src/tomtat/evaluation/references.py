"""Reference summaries of a row, and scoring against several: the best reference counts.

AbMuSu rows carry one ``summary``; ViMs rows carry ``summaries`` (two or more human summaries,
``summary`` being the first). A candidate is scored against each reference and the reference
with the best ROUGE-2 F1 gives all of its scores (the convention of multi-reference news sets).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tomtat.evaluation.rouge import Score, score


def references_of(row: Any) -> tuple[str, ...]:
    """Every non-empty reference summary of a JSONL row, whitespace collapsed, in row order."""
    if not isinstance(row, dict):
        return ()
    found: list[str] = []
    many = row.get("summaries")
    if isinstance(many, list):
        found += [s for s in many if isinstance(s, str)]
    for name in ("reference", "summary"):
        if isinstance(row.get(name), str):
            found.append(row[name])
    out: list[str] = []
    for text in found:
        text = " ".join(text.split())
        if text and text not in out:
            out.append(text)
    return tuple(out)


def best_reference_score(references: Sequence[str], candidate: str) -> dict[str, Score]:
    """ROUGE-1/2/L of ``candidate`` against the reference it matches best by ROUGE-2 F1."""
    if not references:
        raise ValueError("no reference to score against")
    scores = [score(reference, candidate) for reference in references]
    return max(scores, key=lambda s: s["rouge2"].fmeasure)
