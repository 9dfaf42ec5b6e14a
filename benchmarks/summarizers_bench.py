"""tomtat's summarizers beside the lead baseline and sumy's LexRank, on the same clusters.

Prints, for each data file, ROUGE-1/2/L F1 on syllables (tomtat.evaluation; with several
references, as in ViMs, each summary is scored against its best reference), ROUGE-2 F1 under the
VLSP 2022 AbMuSu protocol (pyvi re-segmentation, lowercase, the `rouge` package's
get_scores(avg=True), against that same reference), milliseconds per cluster (median, p95,
and the median CPU time of this process, steadier than wall time on a shared machine; sentence
splitting and word segmentation included, from the same cleaned documents for every method),
batch clusters/second with 1 and 2 processes, and the peak RSS of the whole batch.

    .venv/bin/python benchmarks/summarizers_bench.py        # AbMuSu validation and ViMs
    .venv/bin/python benchmarks/summarizers_bench.py --data ../shared/data/abmusu/validation.jsonl

The shipped learned model was trained on ViMs (and AbMuSu train): its ViMs row here is not a
held-out figure; ``scripts/train_scorer.py --cross-source`` gives the ViMs 5-fold CV one.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time
from pathlib import Path

from tomtat import SummarizeOptions, summarize
from tomtat.parallel import ordered_map
from tomtat.rows import summarize_row
from tomtat.evaluation import aggregate, best_reference_score, score
from tomtat.evaluation.run import read_references
from tomtat.ingest import ClusterInput
from tomtat.evaluation.corpora import SHARED_DATA

REPO = Path(__file__).resolve().parents[1]


class VietnameseTokenizer:
    """sumy tokenizer: tomtat's sentence splitter, underthesea's word segmenter."""

    language = "vietnamese"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        from tomtat.text.sentences import split_sentences

        return tuple(paragraph[a:b] for a, b in split_sentences(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        from tomtat.text.words import tokenize

        return tokenize(sentence)


def lexrank_summary(item: ClusterInput, max_words: int) -> str:
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer

    text = "\n\n".join(doc.text for doc in item.documents)
    document = PlaintextParser.from_string(text, VietnameseTokenizer()).document

    def within_budget(ranked):
        chosen, used = [], 0
        for info in ranked:
            n = len(str(info.sentence).split())
            if used + n <= max_words:
                chosen.append(info)
                used += n
        return chosen

    return " ".join(str(s) for s in LexRankSummarizer()(document, within_budget))


def abmusu_rouge2(references: list[str], candidates: list[str]) -> float:
    """ROUGE-2 F1 as the VLSP 2022 AbMuSu leaderboard computed it."""
    from pyvi import ViTokenizer
    from rouge import Rouge

    def prep(text: str) -> str:
        return ViTokenizer.tokenize(text).lower() or "."

    scores = Rouge().get_scores([prep(c) for c in candidates], [prep(r) for r in references], avg=True)
    return scores["rouge-2"]["f"]


def cold_caches() -> None:
    """Forget segmented sentences, so that every method pays for its own segmentation."""
    from tomtat.text.words import tokenize

    tokenize.cache_clear()


def run_method(name: str, items: list[ClusterInput], references: list[tuple[str, ...]], max_words: int) -> dict:
    cold_caches()
    candidates, millis, cpu_millis = [], [], []
    for item in items:
        start, cpu_start = time.perf_counter(), time.process_time()
        if name == "sumy-lexrank":
            text = lexrank_summary(item, max_words)
        else:
            options = SummarizeOptions(max_words=max_words, method=name, facts=False, timeline=False)
            text = summarize(item.documents, options=options).text
        millis.append(1000 * (time.perf_counter() - start))
        cpu_millis.append(1000 * (time.process_time() - cpu_start))
        candidates.append(text)
    scores = [best_reference_score(refs, c) for refs, c in zip(references, candidates)]
    best = [max(refs, key=lambda r: score(r, c)["rouge2"].fmeasure) for refs, c in zip(references, candidates)]
    result = aggregate(scores)
    millis.sort()
    return {
        "method": name,
        "r1": 100 * result["rouge1"]["f1"],
        "r2": 100 * result["rouge2"]["f1"],
        "rl": 100 * result["rougeL"]["f1"],
        "ci": tuple(100 * x for x in result["rouge2_f1_ci"]),
        "abmusu_r2": abmusu_rouge2(best, candidates),
        "median_ms": statistics.median(millis),
        "median_cpu_ms": statistics.median(cpu_millis),
        "p95_ms": millis[min(len(millis) - 1, int(0.95 * len(millis)))],
    }


def batch_throughput(items: list[ClusterInput], method: str, max_words: int, workers: int) -> float:
    options = SummarizeOptions(max_words=max_words, method=method, facts=False, timeline=False)
    cold_caches()
    start = time.perf_counter()
    rows = list(ordered_map(summarize_row, items, options, workers=workers))
    assert not any("error" in r for r in rows)
    return len(items) / (time.perf_counter() - start)


DEFAULT_DATA = ("abmusu/validation.jsonl", "vims/train.jsonl")


def bench_file(path: str, args: argparse.Namespace) -> None:
    entries = [e for e in read_references(path) if isinstance(e, tuple) and e[1]][: args.limit]
    items, references = [e[0] for e in entries], [e[1] for e in entries]
    n_refs = sum(map(len, references)) / max(1, len(references))
    print(f"{len(items)} clusters from {path} ({n_refs:.2f} references each), budget {args.max_words} syllables\n")
    header = f"{'method':<14}{'R1':>7}{'R2':>7}{'RL':>7}  {'R2 95% CI':<15}{'AbMuSu R2':>10}{'median ms':>11}{'p95 ms':>9}{'CPU ms':>8}"
    print(header)
    print("-" * len(header))
    rows = [run_method(name, items, references, args.max_words) for name in args.methods.split(",")]
    for r in rows:
        ci = f"[{r['ci'][0]:.1f}, {r['ci'][1]:.1f}]"
        print(
            f"{r['method']:<14}{r['r1']:>7.2f}{r['r2']:>7.2f}{r['rl']:>7.2f}  {ci:<15}"
            f"{r['abmusu_r2']:>10.4f}{r['median_ms']:>11.1f}{r['p95_ms']:>9.1f}{r['median_cpu_ms']:>8.1f}"
        )
    method = rows[0]["method"]
    if method != "sumy-lexrank" and not args.no_batch:
        print(f"\nbatch, method {method}, facts and timeline off:")
        for workers in (1, 2):
            rate = batch_throughput(items, method, args.max_words, workers)
            print(f"  {workers} process(es): {rate:.1f} clusters/s")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", action="append", help="JSONL with summary or summaries (repeatable)")
    parser.add_argument("--max-words", type=int, default=200)
    parser.add_argument("--limit", type=int)
    parser.add_argument("--methods", default="learned,centroid,lead,sumy-lexrank")
    parser.add_argument("--no-batch", action="store_true", help="skip the batch throughput runs")
    args = parser.parse_args()
    paths = args.data or [str(SHARED_DATA / name) for name in DEFAULT_DATA]
    # warm up lazily loaded models so the first cluster's time is not the loading time
    first = next(e for e in read_references(paths[0]) if isinstance(e, tuple))
    summarize(first[0].documents, options=SummarizeOptions(facts=False, timeline=False))
    for path in paths:
        bench_file(path, args)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS: {own:.0f} MB this process, {children:.0f} MB largest worker")


if __name__ == "__main__":
    main()
