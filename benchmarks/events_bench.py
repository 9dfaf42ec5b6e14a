"""Speed of tomtat.events.group_articles on growing piles (should grow near-linearly).

Piles of 1,000 / 2,000 / 5,000 / 10,000 articles: the AbMuSu train + validation articles, then
seeded variants of them (about a third of the sentences dropped, the rest reordered, the lead
sometimes dropped), the way several outlets rewrite one wire story.

    python benchmarks/events_bench.py [--sizes 1000 2000 5000 10000]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from pathlib import Path

from tomtat.events import group_articles
from tomtat.models import Document

REPO = Path(__file__).resolve().parents[1]
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def load_articles(data: Path) -> list[Document]:
    docs = []
    for split in ("train", "validation"):
        with (data / f"{split}.jsonl").open(encoding="utf-8") as fh:
            for c, line in enumerate(fh):
                for k, d in enumerate(json.loads(line)["single_documents"]):
                    docs.append(
                        Document(
                            id=f"{split}-{c}-{k}",
                            title=(d.get("title") or "").strip(),
                            lead=(d.get("anchor_text") or "").strip(),
                            text=(d.get("raw_text") or "").strip(),
                        )
                    )
    return docs


def variant(doc: Document, rng: random.Random, n: int) -> Document:
    sentences = [s for s in _SENTENCE_END.split(doc.text) if s]
    kept = [s for s in sentences if rng.random() > 0.33] or sentences[:1]
    rng.shuffle(kept)
    lead = doc.lead if rng.random() < 0.5 else ""
    return Document(id=f"{doc.id}-v{n}", title=doc.title, lead=lead, text=" ".join(kept))


def pile(articles: list[Document], size: int, seed: int = 0) -> list[Document]:
    rng = random.Random(seed)
    out = list(articles[:size])
    n = 0
    while len(out) < size:
        out.append(variant(articles[n % len(articles)], rng, n))
        n += 1
    rng.shuffle(out)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data" / "abmusu")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 5000, 10000])
    args = parser.parse_args()
    articles = load_articles(args.data)
    print(f"{len(articles)} source articles")
    group_articles(articles[:200])  # warm up: imports, regex compilation
    print(f"{'articles':>9}{'seconds':>10}{'articles/s':>12}{'events':>8}{'s per 1k':>10}")
    for size in args.sizes:
        docs = pile(articles, size)
        started = time.perf_counter()
        groups = group_articles(docs)
        seconds = time.perf_counter() - started
        print(f"{size:>9}{seconds:>10.2f}{size / seconds:>12.0f}{len(groups):>8}{1000 * seconds / size:>10.2f}")


if __name__ == "__main__":
    main()
