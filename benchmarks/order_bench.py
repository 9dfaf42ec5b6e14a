"""Events whose year stays unknown in a story: how many, how many the evidence places, and
whether those are placed in the right order.

Piles of three unrelated stories of one source (AbMuSu validation and ViMs: three clusters;
VNDS: three single articles of the fifth held out of training), each story with a truth (below:
11 AbMuSu validation clusters, 47 of ViMs, 342 VNDS articles), shuffled, told by story mode
(``summarize``, facts and timeline off). The corpora carry no article dates, so each article
whose first three sentences write a day in full ("ngày 22/4/2024", the day of its news) gets
that day as its ``Document.date``, a stand-in for a publication date; for a share of them
(``--withheld``, drawn per article) the date is withheld instead, and the day is written
without its year throughout the article ("ngày 22/4"): an unknown year whose truth is known.

An event's truth is the day its articles wrote in full with its day and month (``month_day``),
when they agree; events without one are counted but not judged. The truth is noisy: a head's
first full day is sometimes background ("Ngày 20/7/2012, Bộ Tài chính ban hành ...") in an
article written years later, which the evidence (the years it writes) places near its writing. Per source:

- events told, events with a year, events whose year is unknown (``date`` None), of those
  ``placed`` (told among the dated ones) and ``open`` (told last, under a line saying so);
- placed events with a truth: in the right order (before or after every event with a truth
  day, as told), and events with a year and a truth: the right year.

Run it on this tree and on another to compare (``--src``; before this branch every event with
an unknown year counts as open: it was told after the dated ones)::

    PYTHONPATH=src .venv/bin/python benchmarks/order_bench.py --piles 60
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from dataclasses import replace
from pathlib import Path

FULL_DATE = re.compile(r"(?<![\d/])(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*((?:19|20)\d\d)(?![\d/])")


def _head_date(doc):
    """The first day written in full in the article's first three sentences, or None."""
    from datetime import date

    from tomtat.text.sentences import split_sentences

    spans = split_sentences(doc.text)[:3]
    if not spans:
        return None
    for match in FULL_DATE.finditer(doc.text[: spans[-1][1]]):
        day, month, year = (int(g) for g in match.groups())
        try:
            return date(year, month, day)
        except ValueError:
            continue
    return None


def _withhold(doc, truth):
    same = re.compile(rf"(?<![\d/])0?{truth.day}\s*/\s*0?{truth.month}\s*/\s*{truth.year}(?![\d/])")
    return replace(doc, text=same.sub(f"{truth.day}/{truth.month}", doc.text), date=None)


def prepare(docs, rng: random.Random, withheld: float):
    """The pile's articles, dated or withheld, and each article id's truth day."""
    out, truths = [], {}
    for doc in docs:
        truth = _head_date(doc)
        if truth is None:
            out.append(doc)
            continue
        truths[doc.id] = truth
        out.append(_withhold(doc, truth) if rng.random() < withheld else replace(doc, date=truth.isoformat()))
    return out, truths


def _truth(event, truths):
    if event.month_day is None:
        return None
    found = {truths.get(d) for d in event.documents} - {None}
    found = {t for t in found if (t.month, t.day) == event.month_day}
    return found.pop() if len(found) == 1 else None  # articles that disagree: not judged


def measure(piles, rng, withheld: float) -> dict[str, int]:
    from tomtat import SummarizeOptions, summarize

    options = SummarizeOptions(max_words=200, facts=False, timeline=False)
    c = dict.fromkeys(
        ("piles", "told_as_events", "events", "with_year", "unknown_year", "placed", "open",
         "placed_judged", "placed_right", "year_judged", "year_right"), 0)  # fmt: skip
    for n, docs in enumerate(piles):
        docs, truths = prepare(docs, rng, withheld)
        summary = summarize(docs, options=options, cluster_id=f"p{n}")
        c["piles"] += 1
        if not summary.events:
            continue
        c["told_as_events"] += 1
        told = list(summary.events)
        days = [_truth(e, truths) for e in told]
        for k, event in enumerate(told):
            c["events"] += 1
            if event.date is not None:
                c["with_year"] += 1
                if days[k] is not None:
                    c["year_judged"] += 1
                    c["year_right"] += event.date == days[k].isoformat()
                continue
            c["unknown_year"] += 1
            order = getattr(event, "order", "open")  # before this branch: told after the dated
            c[order] += 1
            others = [(j, d) for j, d in enumerate(days) if j != k and d is not None and told[j].date]
            if order == "placed" and days[k] is not None and others:
                c["placed_judged"] += 1
                c["placed_right"] += all((j < k) == (d <= days[k]) for j, d in others)
    return c


def _clusters(path: Path):
    """The source's clusters with a day written in full in an article's head (a truth)."""
    from tomtat.ingest import ClusterInput, read_jsonl

    clusters = [list(c.documents) for c in read_jsonl(path) if isinstance(c, ClusterInput)]
    return [c for c in clusters if any(_head_date(d) for d in c)]


def _piles(clusters, n: int, rng: random.Random):
    piles = []
    for p in range(n):
        stories = rng.sample(clusters, 3)
        docs = [replace(d, id=f"p{p}s{k}-{d.id}") for k, s in enumerate(stories) for d in s]
        rng.shuffle(docs)
        piles.append(docs)
    return piles


def _vnds(path: Path, n: int, rng: random.Random):
    from tomtat.evaluation.corpora import is_vnds_held_out
    from tomtat.ingest import document_from_dict

    with gzip.open(path, "rt", encoding="utf-8") as f:
        rows = [r for r in map(json.loads, f) if is_vnds_held_out(r["id"]) and FULL_DATE.search(r["body"][:1500])]
    docs = [document_from_dict({"title": r["title"], "text": r["body"], "id": r["id"]}, k, "vnds") for k, r in enumerate(rows)]
    docs = [d for d in docs if _head_date(d)]
    rng.shuffle(docs)
    return [docs[i : i + 3] for i in range(0, min(3 * n, len(docs)) - 2, 3)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--piles", type=int, default=60, help="piles per source")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--withheld", type=float, default=0.5, help="share of dated articles whose date is withheld")
    parser.add_argument("--src", help="import tomtat from this src directory instead")
    args = parser.parse_args()
    if args.src:
        sys.path.insert(0, args.src)
    from tomtat.evaluation.corpora import ABMUSU_VALIDATION, VIMS, VNDS

    sources = {
        "abmusu-validation": lambda rng: _piles(_clusters(ABMUSU_VALIDATION), args.piles, rng),
        "vims": lambda rng: _piles(_clusters(VIMS), args.piles, rng),
        "vnds-held-out": lambda rng: _vnds(VNDS, args.piles, rng),
    }
    print(f"piles of 3 stories, {args.piles} a source, seed {args.seed}, {args.withheld:.0%} of dated articles withheld")
    header = ("source", "piles", "events", "w/ year", "unknown", "placed", "open", "placed right", "year right")
    print("{:18} {:>10} {:>6} {:>7} {:>7} {:>6} {:>5} {:>12} {:>10}".format(*header))
    for name, load in sources.items():
        rng = random.Random(args.seed)
        piles = load(rng)
        c = measure(piles, random.Random(args.seed + 1), args.withheld)
        print(
            f"{name:18} {c['told_as_events']:>4}/{c['piles']:<5} {c['events']:>6} {c['with_year']:>7}"
            f" {c['unknown_year']:>7} {c['placed']:>6} {c['open']:>5}"
            f" {c['placed_right']:>5}/{c['placed_judged']:<6} {c['year_right']:>4}/{c['year_judged']:<5}"
        )


if __name__ == "__main__":
    main()
