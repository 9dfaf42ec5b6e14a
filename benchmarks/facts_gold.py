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


# --- the exhaustive gold (docs/facts-guideline.md, tests/data/facts_exhaustive.jsonl) -------------
# What a reader is shown (the short list of figures and names, the shown timeline) is judged item
# by item against every figure, name and date of the article, strictly: a figure is right when it
# overlaps a gold figure of role ``current``, has its number, its subject holds the gold ``core``
# and it shows the gold direction; a name when its value is a gold name span of the same kind; a
# timeline entry when its date is a gold date of role ``event``. Recall is over the gold items a
# short list could hold (current figures; person/organisation/place names; event dates).

_KIND = {"person": "person", "organization": "organisation", "location": "place"}
SOURCES = ("abmusu", "vims", "vnds")


def _source(article_id: str) -> str:
    return article_id.split(":")[0].split("-")[0]


def _digits(s: str) -> str:
    return re.sub(r"\D", "", s)


def _fold(s: str) -> str:
    return " ".join(re.sub(r"[^\w%/]+", " ", s.casefold()).split())


def _fact_spans(fact, doc_text: str, sentences: dict) -> list[tuple[int, int]]:
    spans = []
    for key in fact.sources:
        s = sentences[key]
        i = s.text.find(fact.text)
        while i >= 0:
            spans.append((s.start + i, s.start + i + len(fact.text)))
            i = s.text.find(fact.text, i + 1)
    return spans


def judge_figure(fact, row: dict, sentences: dict) -> tuple[bool, dict | None, str]:
    """(right, the gold figure it hits, why not)."""
    spans = _fact_spans(fact, row["text"], sentences)
    hits = [g for g in row["figures"] for a, b in spans if a < g["end"] and g["start"] < b]
    if not hits:
        return False, None, "not a figure"
    gold = hits[0]
    num = re.match(r"[\d.,]+", fact.value)
    if not num or _digits(num.group()) not in _digits(gold["span"]):
        return False, gold, "value"
    if gold["role"] != "current":
        return False, gold, gold["role"]
    subject = _fold(f"{getattr(fact, 'direction', '')} {fact.subject}")
    if not gold["core"] or _fold(gold["core"]) not in subject:
        return False, gold, "subject"
    if gold["direction"] and gold["direction"] not in subject.split() and gold["direction"] not in _fold(fact.value):
        return False, gold, "direction"
    return True, gold, ""


def judge_name(fact, row: dict) -> tuple[bool, str]:
    kinds = {m["span"]: m["kind"] for m in row["names"]}
    for text in (fact.value, fact.text):
        if text in kinds:
            return (kinds[text] == _KIND.get(fact.kind), "" if kinds[text] == _KIND.get(fact.kind) else "kind " + kinds[text])
    return False, "span"


def judge_date(event, row: dict, sentences: dict) -> tuple[bool, str]:
    s = sentences[event.sentence]
    i = s.text.find(event.date_text)
    if i < 0:
        return False, "not found"
    a, b = s.start + i, s.start + i + len(event.date_text)
    hits = [g for g in row["dates"] if a < g["end"] and g["start"] < b]
    if not hits:
        return False, "not a date"
    return hits[0]["role"] == "event", hits[0]["role"]


@dataclass
class Tally:
    shown: int = 0
    right: int = 0
    gold: int = 0
    found: int = 0

    @property
    def precision(self) -> float:
        return self.right / self.shown if self.shown else float("nan")

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else float("nan")


def score_exhaustive(split: str, show_errors: bool = False) -> dict[tuple[str, str], Tally]:
    """Tallies per (kind, source) of what a one-article summary shows, on one half of the gold."""
    from tomtat import summarize
    from tomtat.models import Document
    from tomtat.render import short_list, timeline_entries

    tallies: dict[tuple[str, str], Tally] = {}
    for row in load("facts_exhaustive.jsonl"):
        if row["split"] != split:
            continue
        src = _source(row["id"])
        summary = summarize([Document(id="d0", text=row["text"], title=row["title"])])
        sentences = {s.key: s for s in summary.cluster.sentences}
        shown = short_list(summary.facts)
        fig = tallies.setdefault(("figures", src), Tally())
        names = tallies.setdefault(("names", src), Tally())
        dates = tallies.setdefault(("timeline", src), Tally())
        current = [g for g in row["figures"] if g["role"] == "current"]
        fig.gold += len(current)
        seen: set[int] = set()
        for fact in shown:
            if fact.kind in ("money", "percent", "count"):
                fig.shown += 1
                ok, gold, why = judge_figure(fact, row, sentences)
                if ok and id(gold) in seen:
                    ok, why = False, "twice"
                if ok:
                    seen.add(id(gold))
                    fig.right += 1
                    fig.found += 1
                elif show_errors:
                    print(f"FIG  {row['id']}: {fact.subject!r}: {fact.value} -- {why}"
                          + (f" (gold {gold['core']!r} {gold['span']!r})" if gold else ""))
            else:
                names.shown += 1
                ok, why = judge_name(fact, row)
                names.right += ok
                if not ok and show_errors:
                    print(f"NAME {row['id']}: {fact.value!r} {fact.kind} -- {why}")
        gold_names = {(m["span"], m["kind"]) for m in row["names"] if m["kind"] in ("person", "organisation", "place")}
        names.gold += len(gold_names)
        names.found += len(gold_names & {(f.value, _KIND.get(f.kind)) for f in shown})
        events = [g for g in row["dates"] if g["role"] == "event"]
        dates.gold += len(events)
        hit_events: set[int] = set()
        for entry in timeline_entries(summary):
            dates.shown += 1
            ok, why = judge_date(entry["event"], row, sentences)
            dates.right += ok
            if ok:
                s = sentences[entry["event"].sentence]
                a = s.start + s.text.find(entry["event"].date_text)
                hit_events |= {id(g) for g in events if g["start"] < a + len(entry["event"].date_text) and a < g["end"]}
            elif show_errors:
                print(f"DATE {row['id']}: {entry['event'].date_text!r} -- {why}")
        dates.found += len(hit_events)
    return tallies


def _wilson_low(right: int, n: int, z: float = 1.0) -> float:
    if not n:
        return 0.0
    p = right / n
    centre = p + z * z / (2 * n)
    spread = z * ((p * (1 - p) + z * z / (4 * n)) / n) ** 0.5
    return (centre - spread) / (1 + z * z / n)


def calibrate(split: str = "tune", show: bool = False) -> dict[str, dict[str, tuple[int, int, float]]]:
    """Every figure and name tomtat finds (not only those shown) on one half, per confidence
    bucket (tomtat.confidence): (right, found, lower end of the Wilson interval at z=1)."""
    import tomtat.facts as facts_module
    from tomtat import confidence as conf
    from tomtat import summarize
    from tomtat.models import Document

    calls: list[str] = []
    fig_conf, name_conf = facts_module.figure_confidence, facts_module.name_confidence

    def fig_spy(*a):
        calls.append(conf.figure_bucket(*a))
        return fig_conf(*a)

    def name_spy(*a):
        calls.append(conf.name_bucket(*a))
        return name_conf(*a)

    facts_module.figure_confidence, facts_module.name_confidence = fig_spy, name_spy
    tallies: dict[str, dict[str, list[int]]] = {"figures": {}, "names": {}}
    try:
        for row in load("facts_exhaustive.jsonl"):
            if row["split"] != split:
                continue
            calls.clear()
            summary = summarize([Document(id="d0", text=row["text"], title=row["title"])])
            sentences = {s.key: s for s in summary.cluster.sentences}
            for fact, bucket in zip(summary.facts, calls):
                if fact.kind in ("money", "percent", "count"):
                    ok = judge_figure(fact, row, sentences)[0]
                    t = tallies["figures"].setdefault(bucket, [0, 0])
                else:
                    ok = judge_name(fact, row)[0]
                    t = tallies["names"].setdefault(bucket, [0, 0])
                t[0] += ok
                t[1] += 1
                if show and not ok:
                    print(f"{bucket:20} {row['id']}: {fact.subject!r} {fact.value!r} {fact.kind}")
    finally:
        facts_module.figure_confidence, facts_module.name_confidence = fig_conf, name_conf
    return {k: {b: (r, n, _wilson_low(r, n)) for b, (r, n) in v.items()} for k, v in tallies.items()}


def print_exhaustive(tallies: dict[tuple[str, str], Tally], split: str) -> None:
    print(f"shown items right (precision) and recall, {split} half of tests/data/facts_exhaustive.jsonl")
    print(f"{'':10}" + "".join(f"{s:>24}" for s in (*SOURCES, "all")))
    for kind in ("figures", "names", "timeline"):
        cells = []
        for src in (*SOURCES, "all"):
            ts = [t for (k, s), t in tallies.items() if k == kind and (src == "all" or s == src)]
            t = Tally(*(sum(getattr(x, f) for x in ts) for f in ("shown", "right", "gold", "found")))
            cells.append(f"P {t.right}/{t.shown}={t.precision:.2f} R {t.recall:.2f}")
        print(f"{kind:10}" + "".join(f"{c:>24}" for c in cells))


def main() -> None:
    import argparse

    from tomtat.entities import baseline_entities, find_entities
    from tomtat.facts import find_figures

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="print every miss")
    parser.add_argument("--exhaustive", choices=("tune", "test"),
                        help="score the shown items on one half of the exhaustive gold instead")
    parser.add_argument("--calibrate", action="store_true",
                        help="share right per confidence bucket on the tuning half (tomtat.confidence)")
    args = parser.parse_args()
    if args.calibrate:
        for kind, buckets in calibrate(show=args.errors).items():
            for bucket, (r, n, low) in sorted(buckets.items()):
                print(f"{kind:8} {bucket:22} {r:4}/{n:<4} right {r / n:.2f}  low {low:.2f}")
        return
    if args.exhaustive:
        print_exhaustive(score_exhaustive(args.exhaustive, args.errors), args.exhaustive)
        return
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
