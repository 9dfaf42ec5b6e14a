"""How well the year of an undated day is inferred, measured without hand labels.

In each article of the shared corpora, a date written in full with slashes ("11/12/2023") is
taken; every occurrence of it in the article is rewritten without its year ("11/12"); the
year is then inferred from what is left (``tomtat.timeline.infer_year``: the article's own
mentions, then the other articles of its cluster) and compared with the hidden one. One date
per article (the first written in full, not an end of a range), either anywhere in it or only in its first three
sentences (where an article states the day of its news; dates written in full further down
are often background, years away, which no "near the writing" rule can recover). Reported per
source: coverage (a year given) and accuracy (the right year, among those given). VNDS
articles stand alone (no pile).

    PYTHONPATH=src .venv/bin/python benchmarks/years_bench.py --vnds 3000
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
from dataclasses import replace
from pathlib import Path

from tomtat.ingest import ClusterInput, document_from_dict, read_jsonl
from tomtat.models import Document
from tomtat.pipeline import build_cluster
from tomtat.text.sentences import split_sentences
from tomtat.timeline import infer_year
from tomtat.evaluation.corpora import SHARED_DATA

DATA = SHARED_DATA
FULL_DATE = re.compile(r"(?<![\d/])(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*((?:19|20)\d\d)(?![\d/])")


def _in_range(text: str, match: re.Match[str]) -> bool:
    """A range's end (``9/7/1912 – 9/7/2012``): hiding one end leaves the other's year."""
    return bool(
        re.match(r"\s*[-–]\s*\d", text[match.end() : match.end() + 4])
        or re.search(r"\d\s*[-–]\s*$", text[max(0, match.start() - 4) : match.start()])
    )


def _hide(doc: Document, head_only: bool = False) -> tuple[Document, tuple[int, int, int]] | None:
    """The article with its first full date (``head_only``: in its first three sentences,
    where news states the day of its event) written without the year, and that date."""
    match = next((m for m in FULL_DATE.finditer(doc.text) if not _in_range(doc.text, m)), None)
    if match is None:
        return None
    if head_only:
        spans = split_sentences(doc.text)[:3]
        if not spans or match.start() >= spans[-1][1]:
            return None
    day, month, year = (int(g) for g in match.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    same = re.compile(rf"(?<![\d/])0?{day}\s*/\s*0?{month}\s*/\s*{year}(?![\d/])")
    return replace(doc, text=same.sub(f"{day}/{month}", doc.text)), (day, month, year)


def measure(clusters: list[list[Document]], head_only: bool = False) -> dict[str, float | int]:
    n = given = right = 0
    for docs in clusters:
        for i, doc in enumerate(docs):
            hidden = _hide(doc, head_only)
            if hidden is None:
                continue
            changed, (day, month, year) = hidden
            pile = docs[:i] + [changed] + docs[i + 1 :]
            guess = infer_year(build_cluster(pile), changed.id, month, day)
            n += 1
            if guess is not None:
                given += 1
                right += guess.year == year
    return {
        "dates": n,
        "coverage": given / n if n else 0.0,
        "accuracy": right / given if given else 0.0,
        "right": right,
    }


def _clusters(path: Path) -> list[list[Document]]:
    return [list(c.documents) for c in read_jsonl(path) if isinstance(c, ClusterInput)]


def _vnds(n: int, seed: int) -> list[list[Document]]:
    with gzip.open(DATA / "vnds" / "val.jsonl.gz", "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    rows = random.Random(seed).sample(rows, min(n, len(rows)))
    out = []
    for k, row in enumerate(rows):
        doc = document_from_dict({"title": row["title"], "text": row["body"], "id": row["id"]}, k, "vnds")
        if doc is not None:
            out.append([doc])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vnds", type=int, default=3000, help="VNDS articles sampled")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    sources = {
        "abmusu-validation": lambda: _clusters(DATA / "abmusu" / "validation.jsonl"),
        "abmusu-train": lambda: _clusters(DATA / "abmusu" / "train.jsonl"),
        "vims": lambda: _clusters(DATA / "vims" / "train.jsonl"),
        f"vnds-val ({args.vnds} sampled)": lambda: _vnds(args.vnds, args.seed),
    }
    print(f"{'source':28} {'dates in':9} {'dates':>6} {'coverage':>9} {'accuracy':>9}")
    for name, load in sources.items():
        clusters = load()
        for where, head_only in (("the head", True), ("anywhere", False)):
            r = measure(clusters, head_only)
            print(
                f"{name:28} {where:9} {r['dates']:6d} {100 * r['coverage']:8.1f}%"
                f" {100 * r['accuracy']:8.1f}%"
            )


if __name__ == "__main__":
    main()
