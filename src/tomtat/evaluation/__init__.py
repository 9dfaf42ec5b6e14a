"""Scoring summaries against references: Vietnamese-safe ROUGE and bootstrap intervals."""

from __future__ import annotations

from tomtat.evaluation.bootstrap import confidence_interval
from tomtat.evaluation.references import best_reference_score, references_of
from tomtat.evaluation.rouge import METRICS, Score, Tokenizer, score, syllables

__all__ = [
    "METRICS",
    "Score",
    "Tokenizer",
    "aggregate",
    "best_reference_score",
    "confidence_interval",
    "references_of",
    "score",
    "syllables",
]


def aggregate(
    scores: list[dict[str, Score]], n_resamples: int = 1000, level: float = 0.95, seed: int = 0
) -> dict[str, object]:
    """Mean precision, recall and F1 of each metric over ``scores`` (one dict per cluster).

    Returns ``{"n": count, "rouge1": {"precision", "recall", "f1"}, "rouge2": {...},
    "rougeL": {...}, "rouge2_f1_ci": (low, high)}``, the interval a seeded percentile
    bootstrap of the mean ROUGE-2 F1. Raises ``ValueError`` when ``scores`` is empty.
    """
    if not scores:
        raise ValueError("no scores to aggregate")
    result: dict[str, object] = {"n": len(scores)}
    for metric in METRICS:
        rows = [s[metric] for s in scores]
        result[metric] = {
            "precision": sum(r.precision for r in rows) / len(rows),
            "recall": sum(r.recall for r in rows) / len(rows),
            "f1": sum(r.fmeasure for r in rows) / len(rows),
        }
    result["rouge2_f1_ci"] = confidence_interval(
        [s["rouge2"].fmeasure for s in scores], n_resamples=n_resamples, level=level, seed=seed
    )
    return result
