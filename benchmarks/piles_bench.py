"""Piles of three unrelated stories: does the summary cover each of them?

Each pile mixes the articles of three clusters of one source (AbMuSu validation, ViMs),
shuffled, each article renamed so ids stay unique. The pile is summarized at ``--words``:

* ``flat``: one summary of the pile as one story (``SummarizeOptions(story=False)``);
* ``story``: tomtat's default (several events: each its share, in date order);
* ``apart``: each true story summarized on its own with a third of the budget (the peer).

For each story its reference's ROUGE-2 recall (syllables, ``tomtat.evaluation.score``) against
the pile's summary (for ``apart``: against its own summary). Reported per source: the weakest
story of a pile (mean over piles), how many stories reach ``--floor`` recall, the mean over
stories; and how well the events found inside piles match the true stories (adjusted Rand
index of the article -> event assignment, sklearn), with how often story mode fired.

    PYTHONPATH=src .venv/bin/python benchmarks/piles_bench.py --piles 50 --seed 0
"""

from __future__ import annotations

import argparse
import random
import statistics
from dataclasses import replace
from pathlib import Path

from tomtat import SummarizeOptions, summarize
from tomtat.evaluation import score
from tomtat.ingest import ClusterInput, read_jsonl
from tomtat.pipeline import build_cluster
from tomtat.story import find_story
from tomtat.evaluation.corpora import SHARED_DATA

DATA = SHARED_DATA
SOURCES = {
    "abmusu-validation": DATA / "abmusu" / "validation.jsonl",
    "vims": DATA / "vims" / "train.jsonl",
}


def _clusters(path: Path) -> list[ClusterInput]:
    return [c for c in read_jsonl(path) if isinstance(c, ClusterInput) and c.reference]


def make_piles(clusters: list[ClusterInput], n_piles: int, rng: random.Random):
    """``n_piles`` piles of three distinct clusters: (shuffled documents, story of each, refs)."""
    piles = []
    for _ in range(n_piles):
        stories = rng.sample(clusters, 3)
        docs = [
            (k, replace(d, id=f"s{k}-{d.id}"))
            for k, story in enumerate(stories)
            for d in story.documents
        ]
        rng.shuffle(docs)
        piles.append(([d for _, d in docs], [k for k, _ in docs], stories))
    return piles


def _recall(reference: str, summary: str) -> float:
    return score(reference, summary)["rouge2"].recall


def run(source: str, piles, words: int, floor: float) -> dict:
    from sklearn.metrics import adjusted_rand_score

    flat_opts = SummarizeOptions(max_words=words, facts=False, timeline=False, story=False)
    story_opts = SummarizeOptions(max_words=words, facts=False, timeline=False)
    apart_opts = SummarizeOptions(max_words=words // 3, facts=False, timeline=False, story=False)
    recalls: dict[str, list[list[float]]] = {"flat": [], "story": [], "apart": []}
    aris, fired, n_events = [], 0, []
    for n, (docs, labels, stories) in enumerate(piles):
        flat = summarize(docs, options=flat_opts, cluster_id=f"p{n}").text
        story_summary = summarize(docs, options=story_opts, cluster_id=f"p{n}")
        recalls["flat"].append([_recall(s.reference, flat) for s in stories])
        recalls["story"].append([_recall(s.reference, story_summary.text) for s in stories])
        recalls["apart"].append(
            [_recall(s.reference, summarize(list(s.documents), options=apart_opts).text) for s in stories]
        )
        groups = find_story(build_cluster(docs, f"p{n}"))
        found = [0] * len(docs)
        for g, group in enumerate(groups or []):
            for i in group.documents:
                found[i] = g
        fired += groups is not None
        n_events.append(len(groups) if groups else 1)
        aris.append(adjusted_rand_score(labels, found))
    out = {"source": source, "piles": len(piles), "story_mode_fired": fired,
           "mean_events_found": statistics.mean(n_events), "ari": statistics.mean(aris)}  # fmt: skip
    for mode, rows in recalls.items():
        out[mode] = {
            "weakest_recall": statistics.mean(min(r) for r in rows),
            "stories_reaching_floor": sum(x >= floor for r in rows for x in r),
            "stories": sum(len(r) for r in rows),
            "mean_recall": statistics.mean(x for r in rows for x in r),
        }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--piles", type=int, default=50, help="piles in all, shared by the sources")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--words", type=int, default=200)
    parser.add_argument("--floor", type=float, default=0.15)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    per_source = args.piles // len(SOURCES)
    print(f"piles of 3 stories, {args.words} words, seed {args.seed}; ROUGE-2 recall x100")
    header = f"{'source':18} {'mode':6} {'weakest':>8} {'mean':>6} {'reach ' + str(args.floor):>11}"
    print(header)
    for source, path in SOURCES.items():
        result = run(source, make_piles(_clusters(path), per_source, rng), args.words, args.floor)
        for mode in ("flat", "story", "apart"):
            r = result[mode]
            print(
                f"{source:18} {mode:6} {100 * r['weakest_recall']:8.1f} {100 * r['mean_recall']:6.1f}"
                f" {r['stories_reaching_floor']:>5}/{r['stories']}"
            )
        ratio = result["story"]["weakest_recall"] / result["apart"]["weakest_recall"]
        print(
            f"{source:18} story/apart weakest {100 * ratio:.0f}%; events in piles: ARI "
            f"{result['ari']:.3f}, story mode on {result['story_mode_fired']}/{result['piles']} piles,"
            f" {result['mean_events_found']:.2f} events a pile"
        )


if __name__ == "__main__":
    main()
