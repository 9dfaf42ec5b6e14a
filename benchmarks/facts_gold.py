"""Score tomtat's figures and names on the hand-written gold set in tests/data.

Figures: a gold figure is found when a figure of tomtat overlaps its span; its subject is right
when tomtat's subject equals the gold subject or one of ``subject_also`` (case, spaces around
``-`` and a trailing full stop ignored). Names: exact span and type (CoNLL style), every name of
every gold sentence is annotated, so precision counts every name tomtat finds there.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

GOLD = Path(__file__).resolve().parents[1] / "tests" / "data"


def load(name: str) -> list[dict]:
    with open(GOLD / name, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _norm(phrase: str) -> str:
    return re.sub(r"\s*-\s*", "-", " ".join(phrase.casefold().split())).rstrip(".")


@dataclass(frozen=True)
class FigureScore:
    n_gold: int
    found: int
    subject_right: int
    unit_right: int

    @property
    def subject_accuracy(self) -> float:
        """Right subjects over all gold figures (a missed figure counts as wrong)."""
        return self.subject_right / self.n_gold

    @property
    def subject_accuracy_found(self) -> float:
        return self.subject_right / max(1, self.found)


def score_figures(find_figures: Callable, rows: list[dict] | None = None, misses: list | None = None) -> FigureScore:
    rows = rows if rows is not None else load("figures_gold.jsonl")
    found = right = unit_right = 0
    cache: dict[str, list] = {}
    for row in rows:
        figures = cache.setdefault(row["text"], find_figures(row["text"]))
        hits = [f for f in figures if f.start < row["end"] and row["start"] < f.end]
        if not hits:
            if misses is not None:
                misses.append((row, None))
            continue
        found += 1
        fig = hits[0]
        unit_right += _norm(fig.unit) == _norm(row["unit"])
        ok = {_norm(s) for s in [row["subject"], *row["subject_also"]]}
        if _norm(fig.subject) in ok:
            right += 1
        elif misses is not None:
            misses.append((row, fig))
    return FigureScore(len(rows), found, right, unit_right)


@dataclass(frozen=True)
class NameScore:
    n_gold: int
    n_pred: int
    right: int

    @property
    def precision(self) -> float:
        return self.right / max(1, self.n_pred)

    @property
    def recall(self) -> float:
        return self.right / max(1, self.n_gold)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score_names(find: Callable, rows: list[dict] | None = None, errors: list | None = None) -> NameScore:
    rows = rows if rows is not None else load("names_gold.jsonl")
    n_gold = n_pred = right = 0
    for row in rows:
        gold = {(m["start"], m["end"], m["type"]) for m in row["mentions"]}
        pred = {(e.start, e.end, e.kind) for e in find(row["text"])}
        n_gold += len(gold)
        n_pred += len(pred)
        right += len(gold & pred)
        if errors is not None and gold != pred:
            t = row["text"]
            errors.append(
                (t, sorted((t[a:b], k) for a, b, k in gold - pred), sorted((t[a:b], k) for a, b, k in pred - gold))
            )
    return NameScore(n_gold, n_pred, right)


def main() -> None:
    import argparse

    from tomtat.entities import baseline_entities, find_entities
    from tomtat.facts import find_figures

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="print every miss")
    args = parser.parse_args()
    misses: list = []
    fig = score_figures(find_figures, misses=misses)
    errors: list = []
    names = score_names(find_entities, errors=errors)
    base = score_names(baseline_entities)
    print(f"figures: {fig.found}/{fig.n_gold} found, unit right {fig.unit_right}, "
          f"subject right {fig.subject_right}/{fig.n_gold} = {fig.subject_accuracy:.3f} "
          f"({fig.subject_accuracy_found:.3f} of those found)")
    for label, s in (("tomtat names", names), ("underthesea ner", base)):
        print(f"{label:<16} P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.3f} ({s.right} right, {s.n_pred} found, {s.n_gold} gold)")
    if args.errors:
        for row, f in misses:
            print("FIG", row["figure"], "| gold:", row["subject"], "| got:", f.subject if f else "(not found)")
        for text, missed, extra in errors:
            print("NAME", text[:90], "\n   missed", missed, "\n   extra ", extra)


if __name__ == "__main__":
    main()
