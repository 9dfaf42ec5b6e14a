"""Dump tomtat's outputs over the shared corpora as JSON Lines, to check a refactoring byte for byte.

    nice -n 10 .venv/bin/python scripts/dump_outputs.py --out /tmp/dump-before
    ... change the code ...
    nice -n 10 .venv/bin/python scripts/dump_outputs.py --out /tmp/dump-after
    cmp /tmp/dump-before/<file> /tmp/dump-after/<file>   # or: diff -r -q

Files written (one JSON row per cluster or event, in input order; one process, deterministic):

- ``<corpus>.summarize.jsonl``: ``summarize`` with default options (story, facts, timeline on);
- ``<corpus>.flat.jsonl``: the same with ``story=False``;
- ``<corpus>.cluster.jsonl``: the rows of ``tomtat cluster`` (events) over the corpus's articles
  taken as one pile (ids ``<line>-<index>``), with the CLI's options (100 words, no facts,
  no timeline, no story).

Corpora: AbMuSu train and validation, ViMs (one cluster a line), and the first 500 VNDS articles
in file order (summarized in piles of 5 consecutive articles; clustered as one pile of 500).
A cluster that raises is written as ``{"id", "error"}`` with the exception's class and message,
so a change in what fails shows up as a difference too. ``--limit N`` keeps the first N
clusters (N*5 VNDS articles) for a quick look; the byte-identity check runs without it.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tomtat import SummarizeOptions, summarize, to_documents
from tomtat.errors import TomtatError
from tomtat.ingest import cluster_from_row
from tomtat.render import to_dict
from tomtat.evaluation.corpora import SHARED_DATA

try:  # the events' row producer (tomtat.rows after the redesign of issue #17)
    from tomtat.rows import summarize_events
except ImportError:  # pragma: no cover - before the redesign
    from tomtat.events import summarize_events

DATA = SHARED_DATA
VNDS_ARTICLES = 500
VNDS_PILE = 5


def _dumps(row: Any) -> str:
    return json.dumps(row, ensure_ascii=False) + "\n"


def jsonl_clusters(path: Path, limit: int | None) -> Iterator[tuple[str, list[dict]]]:
    """(cluster id, raw article dicts) of an AbMuSu/ViMs-style file."""
    with path.open(encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if limit is not None and n > limit:
                return
            row = json.loads(line)
            yield str(row.get("id", n)), row


def vnds_clusters(path: Path, limit: int | None) -> Iterator[tuple[str, dict]]:
    """The first 500 VNDS articles, 5 consecutive ones a cluster."""
    n_articles = VNDS_ARTICLES if limit is None else min(VNDS_ARTICLES, limit * VNDS_PILE)
    docs = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if len(docs) == n_articles:
                break
            row = json.loads(line)
            docs.append(
                {"id": str(row["id"]), "title": row["title"], "anchor_text": row.get("abstract") or "",
                 "raw_text": row["body"]}
            )
    for start in range(0, len(docs), VNDS_PILE):
        yield f"vnds-{start // VNDS_PILE}", {"id": f"vnds-{start // VNDS_PILE}",
                                             "documents": docs[start:start + VNDS_PILE]}


def _error(cluster_id: str, err: BaseException) -> dict:
    return {"id": cluster_id, "error": f"{type(err).__name__}: {err}"}


def summary_rows(clusters: list[tuple[str, dict]], options: SummarizeOptions) -> Iterator[dict]:
    for n, (cluster_id, row) in enumerate(clusters, 1):
        try:
            cluster = cluster_from_row(row, n, "dump")
            yield to_dict(summarize(cluster.documents, options=options, cluster_id=cluster.id))
        except (TomtatError, Exception) as err:  # noqa: BLE001 - a failure is an output too
            yield _error(cluster_id, err)


def pile(clusters: list[tuple[str, dict]]) -> list[Any]:
    """Every article of the corpus as one pile, ids made unique by their cluster's line."""
    articles = []
    for n, (_, row) in enumerate(clusters, 1):
        for i, doc in enumerate(row.get("documents", row.get("single_documents")) or []):
            articles.append({**doc, "id": f"{n}-{i}"})
    return articles


def event_rows(clusters: list[tuple[str, dict]]) -> Iterator[dict]:
    options = SummarizeOptions(max_words=100, facts=False, timeline=False, story=False)  # as `tomtat cluster`
    try:
        documents = to_documents(pile(clusters))
        yield from summarize_events(documents, options, workers=1)
    except (TomtatError, Exception) as err:  # noqa: BLE001
        yield _error("pile", err)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="directory for the dumps")
    parser.add_argument("--data", type=Path, default=DATA, help="the shared data (default ../shared/data)")
    parser.add_argument("--limit", type=int, default=None, help="first N clusters of each corpus only")
    parser.add_argument("--only", nargs="*", default=None, help="corpora to dump (default: all)")
    parser.add_argument("--modes", nargs="*", default=["summarize", "flat", "cluster"])
    args = parser.parse_args(argv)
    corpora = {
        "abmusu-train": lambda: list(jsonl_clusters(args.data / "abmusu" / "train.jsonl", args.limit)),
        "abmusu-validation": lambda: list(jsonl_clusters(args.data / "abmusu" / "validation.jsonl", args.limit)),
        "vims": lambda: list(jsonl_clusters(args.data / "vims" / "train.jsonl", args.limit)),
        "vnds500": lambda: list(vnds_clusters(args.data / "vnds" / "val.jsonl.gz", args.limit)),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    for name, load in corpora.items():
        if args.only and name not in args.only:
            continue
        clusters = load()
        for mode in args.modes:
            start = time.perf_counter()
            if mode == "summarize":
                rows = summary_rows(clusters, SummarizeOptions())
            elif mode == "flat":
                rows = summary_rows(clusters, SummarizeOptions(story=False))
            else:
                rows = event_rows(clusters)
            with (args.out / f"{name}.{mode}.jsonl").open("w", encoding="utf-8") as sink:
                n = sum(sink.write(_dumps(row)) > 0 for row in rows)
            print(f"{name}.{mode}: {n} rows in {time.perf_counter() - start:.0f} s", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
