"""Facts and timeline beside the summary: time per cluster, the default batch against sumy
LexRank, one big cluster, and quality on the hand-written gold set (tests/data).

    .venv/bin/python benchmarks/facts_bench.py                      # everything
    .venv/bin/python benchmarks/facts_bench.py --only gold          # gold set only (about 30 s)
    .venv/bin/python benchmarks/facts_bench.py --only stages --limit 20

Parts (``--only``, comma-separated):
- ``stages``: CPU milliseconds per cluster (median, p95; process time with one BLAS thread,
  as in a batch worker, since wall time swings on a shared machine) of the summary
  (``summarize`` with facts and timeline off), facts (``extract_facts`` given the summary)
  and timeline (``extract_timeline``), on AbMuSu validation and ViMs, each from cold tagging
  caches. It also runs on an older tomtat for "before" rows: ``PYTHONPATH=<a checkout of
  e74ea5b>/src python benchmarks/facts_bench.py --only stages``.
- ``batch``: whole-process wall time of ``tomtat summarize --input`` (default: facts and
  timeline on; and ``--no-facts --no-timeline``) beside the eval harness's LexRank run
  (``benchmarks/summarizers_bench.py --methods sumy-lexrank``), on AbMuSu validation.
- ``big``: one cluster of 200 articles of about 5 KB (AbMuSu train articles cut at a sentence
  end near 5 KB), facts and timeline on: seconds of each stage and peak RSS of a fresh process.
  ``bigfacts``: the same cluster with no summary (facts and timeline alone, minutes less).
- ``gold``: figure subjects and names on tests/data, per source (ViMs rows were looked at
  while writing rules; VNDS rows were not), with each tagger (``lexicon``, the default;
  pyvi; underthesea) and underthesea's NER; tagging CPU time per sentence.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from tomtat.evaluation.corpora import SHARED_DATA

REPO = Path(__file__).resolve().parents[1]
DATA = SHARED_DATA
sys.path.insert(0, str(REPO / "benchmarks"))


def _percentiles(values: list[float]) -> tuple[float, float]:
    values = sorted(values)
    return statistics.median(values), values[min(len(values) - 1, int(0.95 * len(values)))]


def _clusters(name: str, limit: int | None):
    from tomtat.ingest import ClusterInput, read_jsonl

    path = {"abmusu": DATA / "abmusu/validation.jsonl", "vims": DATA / "vims/train.jsonl"}[name]
    items = [i for i in read_jsonl(str(path)) if isinstance(i, ClusterInput)]
    return items[:limit]


def _cold() -> None:
    try:
        from tomtat.tagging import may_hold_figure, name_tokens, pos_tokens

        name_tokens.cache_clear()
        if hasattr(may_hold_figure, "cache_clear"):
            may_hold_figure.cache_clear()
    except ImportError:  # tomtat before the shared tagging (main e74ea5b): the "before" rows
        from tomtat.entities import pos_tokens
    pos_tokens.cache_clear()
    import tomtat.timeline

    import tomtat.entities

    if hasattr(tomtat.entities._word_syllables, "cache_clear"):  # offsets read once per word
        tomtat.entities._word_syllables.cache_clear()
    if hasattr(tomtat.timeline, "_dates"):  # dates read once per text (facts and timeline share)
        tomtat.timeline._dates.cache_clear()


def _facts(extract_facts, summary) -> None:
    try:
        extract_facts(summary.cluster, summary=summary.sentences)
    except TypeError:  # tomtat before facts were ranked by the summary
        extract_facts(summary.cluster)


def stages(limit: int | None) -> None:
    import numpy  # noqa: F401  (loaded first: threadpool_limits only limits loaded libraries)
    import scipy.sparse  # noqa: F401
    import sklearn.feature_extraction.text  # noqa: F401
    from threadpoolctl import threadpool_limits

    with threadpool_limits(1):  # as in a batch worker; and process time then counts one thread
        _stages(limit)


def _stages(limit: int | None) -> None:
    from tomtat import SummarizeOptions, summarize
    from tomtat.facts import extract_facts
    from tomtat.pipeline import build_cluster
    from tomtat.timeline import extract_timeline

    off = SummarizeOptions(facts=False, timeline=False)
    for name in ("abmusu", "vims"):
        items = _clusters(name, limit)
        warm = build_cluster(items[0].documents)
        summarize(warm, options=off)
        _facts(extract_facts, summarize(warm, options=off))
        times: dict[str, list[float]] = {"summary": [], "facts": [], "timeline": []}
        for item in items:
            _cold()
            t0 = time.process_time()
            summary = summarize(item.documents, options=off)
            t1 = time.process_time()
            _facts(extract_facts, summary)
            t2 = time.process_time()
            extract_timeline(summary.cluster)
            t3 = time.process_time()
            times["summary"].append(1000 * (t1 - t0))
            times["facts"].append(1000 * (t2 - t1))
            times["timeline"].append(1000 * (t3 - t2))
        total = [sum(x) for x in zip(*times.values())]
        added = [(t - s) / s for t, s in zip(total, times["summary"])]
        print(f"\n{name}: {len(items)} clusters, CPU milliseconds per cluster (process time: the machine is shared)")
        print(f"{'stage':<10}{'median':>9}{'p95':>9}")
        for stage, values in {**times, "all three": total}.items():
            med, p95 = _percentiles(values)
            print(f"{stage:<10}{med:>9.1f}{p95:>9.1f}")
        print(f"facts + timeline add {100 * statistics.median(added):.0f}% to the median cluster "
              f"(median of per-cluster ratios); "
              f"{100 * (statistics.median(total) / statistics.median(times['summary']) - 1):.0f}% "
              f"median to median")


def _wall(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system, the process and its workers) of ``cmd``."""
    import resource

    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, cwd=REPO, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def batch() -> None:
    data = str(DATA / "abmusu/validation.jsonl")
    with tempfile.TemporaryDirectory() as tmp:
        out = str(Path(tmp) / "out.jsonl")
        tomtat = [sys.executable, "-m", "tomtat.cli", "summarize", "--input", data, "-o", out, "-q"]
        lexrank = [sys.executable, str(REPO / "benchmarks/summarizers_bench.py"),
                   "--methods", "sumy-lexrank", "--data", data]
        lex = _wall(lexrank)
        full = _wall(tomtat)
        bare = _wall([*tomtat, "--no-facts", "--no-timeline"])
    print(f"\nAbMuSu validation, whole process, {os.cpu_count()} cores (the default: all of them)")
    print(f"{'run':<44}{'wall s':>8}{'x LexRank':>11}{'CPU s':>8}{'x LexRank':>11}")
    for label, (w, c) in (("sumy LexRank (summarizers_bench.py)", lex),
                          ("tomtat summarize --input (facts, timeline)", full),
                          ("tomtat summarize --no-facts --no-timeline", bare)):
        print(f"{label:<44}{w:>8.2f}{w / lex[0]:>11.2f}{c:>8.2f}{c / lex[1]:>11.2f}")


BIG_SCRIPT = r"""
import json, resource, sys, time
from tomtat import summarize, to_documents
from tomtat.text.sentences import split_sentences
from tomtat.ingest import ClusterInput, read_jsonl
docs = []
for item in read_jsonl(sys.argv[1]):
    if not isinstance(item, ClusterInput):
        continue
    for d in item.documents:
        text = d.text
        if len(text.encode()) < 4000:
            continue
        cut = [e for _, e in split_sentences(text) if len(text[:e].encode()) <= 5200]
        docs.append({"id": f"a{len(docs)}", "title": d.title, "text": text[: cut[-1]] if cut else text})
        if len(docs) == 200:
            break
    if len(docs) == 200:
        break
from tomtat import SummarizeOptions
from tomtat.facts import extract_facts
from tomtat.pipeline import build_cluster
from tomtat.timeline import extract_timeline
rss = lambda: round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
t0 = time.perf_counter()
cluster = build_cluster(to_documents(docs))
summary_on = sys.argv[2] == "summary"
s = summarize(cluster, options=SummarizeOptions(facts=False, timeline=False)) if summary_on else None
t1 = time.perf_counter()
rss_summary = rss()
c1 = time.process_time()
facts = extract_facts(cluster, summary=s.sentences if s else ())
t2, c2 = time.perf_counter(), time.process_time()
timeline = extract_timeline(cluster)
t3, c3 = time.perf_counter(), time.process_time()
kb = sum(len(d["text"].encode()) for d in docs) / len(docs) / 1000
print(json.dumps({"articles": len(docs), "mean_kb": round(kb, 2), "sentences": len(cluster.sentences),
                  "summary_s": round(t1 - t0, 2), "facts_s": round(t2 - t1, 2),
                  "timeline_s": round(t3 - t2, 2), "peak_mb_after_summary": rss_summary,
                  "facts_cpu_s": round(c2 - c1, 2), "timeline_cpu_s": round(c3 - c2, 2),
                  "peak_mb": rss(), "facts": len(facts), "timeline": len(timeline)}))
"""


def big(summary: bool = True) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    out = subprocess.run([sys.executable, "-c", BIG_SCRIPT, str(DATA / "abmusu/train.jsonl"),
                          "summary" if summary else "facts"],
                         check=True, env=env, capture_output=True, text=True).stdout
    r = json.loads(out.strip().splitlines()[-1])
    print(f"\none cluster of {r['articles']} articles of {r['mean_kb']} KB ({r['sentences']} sentences): "
          f"{'summary' if summary else 'cluster built (no summary)'} {r['summary_s']} s "
          f"(peak RSS {r['peak_mb_after_summary']} MB), facts {r['facts_s']} s "
          f"({r['facts_cpu_s']} s CPU), timeline {r['timeline_s']} s ({r['timeline_cpu_s']} s CPU); "
          f"peak RSS {r['peak_mb']} MB (whole process, models included); "
          f"{r['facts']} facts, {r['timeline']} timeline events")


def gold() -> None:
    from facts_gold import load, score_figures, score_names

    from tomtat.entities import baseline_entities, find_entities
    from tomtat.facts import find_figures
    from tomtat.tagging import TAGGERS, pos_tokens

    figures, names = load("figures_gold.jsonl"), load("names_gold.jsonl")
    sources = {"ViMs (rules looked at)": "vims", "VNDS (held out)": "vnds", "all": ""}
    print(f"\n{'gold set':<24}{'tagger':<13}{'subjects':>10}{'found':>8}{'name P':>8}{'R':>7}{'F1':>7}")
    for label, prefix in sources.items():
        fig_rows = [r for r in figures if r["source"].startswith(prefix)]
        name_rows = [r for r in names if r["source"].startswith(prefix)]
        for tagger in TAGGERS:
            f = score_figures(lambda t, tg=tagger: find_figures(t, tg), fig_rows)
            n = score_names(lambda t, tg=tagger: find_entities(t, tg), name_rows)
            print(f"{label:<24}{tagger:<13}{f.subject_accuracy:>10.3f}{f.found:>5}/{f.n_gold:<3}"
                  f"{n.precision:>7.3f}{n.recall:>7.3f}{n.f1:>7.3f}")
        n = score_names(baseline_entities, name_rows)
        print(f"{label:<24}{'NER (uts)':<13}{'':>10}{'':>8}{n.precision:>8.3f}{n.recall:>7.3f}{n.f1:>7.3f}")
    texts = list(dict.fromkeys([r["text"] for r in figures] + [r["text"] for r in names]))
    for item in _clusters("abmusu", 10):
        from tomtat.pipeline import build_cluster

        texts += [s.text for s in build_cluster(item.documents).sentences]
    for tagger in TAGGERS:
        pos_tokens(texts[0], tagger)
        pos_tokens.cache_clear()
        start = time.process_time()
        for t in texts:
            pos_tokens(t, tagger)
        ms = 1000 * (time.process_time() - start) / len(texts)
        print(f"tagging with {tagger}: {ms:.3f} ms CPU per sentence ({len(texts)} sentences)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="gold,stages,big,batch")
    parser.add_argument("--limit", type=int, help="clusters per source for 'stages'")
    args = parser.parse_args()
    parts = args.only.split(",")
    if "gold" in parts:
        gold()
    if "stages" in parts:
        stages(args.limit)
    if "big" in parts:
        big()
    if "bigfacts" in parts:  # the same cluster, no summary: facts and timeline alone
        big(summary=False)
    if "batch" in parts:
        batch()


if __name__ == "__main__":
    main()
