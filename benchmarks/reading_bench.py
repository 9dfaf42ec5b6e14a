"""How the summaries read, per source: do they open with the news, do sentences lean on context
they lack, credit lines, ROUGE-2, CPU per cluster.

Sources: AbMuSu validation (100 clusters), ViMs (200; the shipped scorer saw them), VNDS
articles from the fifth held out of ``scripts/train_opener.py`` (``--vnds`` singletons with
their abstract as reference, at ``--vnds-words``; and ``--piles`` piles of three unrelated
articles at 150 words, where story mode tells several events). For each summary:

- ``lead first``: its first sentence is the first sentence of its article (each event's first,
  in a story);
- ``opener hit``: its first sentence is the article sentence best matching the first sentence
  of a human summary (the training target of the opener model);
- ``leaning``: share of summary sentences that open with a word leaning on the sentence before
  (``tomtat.reading.leaning``); ``alone``: those not right after the sentence they lean on;
  ``points back, alone``: those of them that need that sentence (``needs_antecedent``: a bare
  pronoun, a demonstrative, "Theo đó", "Đây là"; not a connective like "Ngoài ra");
- ``opens leaning``: the summary (each event, in a story) opens with a leaning sentence;
- ``credits``: summary sentences that are credit or source lines;
- ROUGE-2 and ROUGE-L F1 x100 against the best reference (``tomtat.evaluation``), median CPU ms per cluster
  (``time.process_time``, facts and timeline off).

Run the same script on the code before a change (``PYTHONPATH=<old>/src``): the reading rules
are loaded from this checkout's ``src/tomtat/reading.py`` whatever ``tomtat`` is imported.

    PYTHONPATH=src .venv/bin/python benchmarks/reading_bench.py --show 30 --out /tmp/after.txt
    PYTHONPATH=src .venv/bin/python benchmarks/reading_bench.py --cross-source   # ViMs CV, pairs
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
from numeric_env import pin  # noqa: E402

pin()  # one thread, and the BLAS kernels the shipped models were fitted with: --cross-source
# refits the scorer, and its figures are then those scripts/train_scorer.py records
# the counting rules are always this checkout's (src/tomtat/reading.py), whatever ``tomtat`` is
# imported: run on older code (PYTHONPATH=<old>/src), the counts stay comparable
_spec = importlib.util.spec_from_file_location("_reading_rules", REPO / "src" / "tomtat" / "reading.py")
rules = importlib.util.module_from_spec(_spec)  # type: ignore[arg-type]
_spec.loader.exec_module(rules)  # type: ignore[union-attr]
try:
    import tomtat.reading  # noqa: F401
except ImportError:  # code from before issue #19: the opener's training data needs the rules
    sys.modules["tomtat.reading"] = rules

from tomtat.evaluation import corpora  # noqa: E402
from train_opener import FILES, jsonl_clusters, reference_openers, vnds_clusters  # noqa: E402

from tomtat import SummarizeOptions, summarize  # noqa: E402
from tomtat.evaluation import best_reference_score  # noqa: E402
credit_line, leaning, needs_antecedent = rules.credit_line, rules.leaning, rules.needs_antecedent


def measure(name, clusters, words, show, out):
    options = SummarizeOptions(facts=False, timeline=False, max_words=words)
    summarize(clusters[0][0], options=options)  # warm up
    rows = {"lead": [], "hit": [], "lean": 0, "unsupported": 0, "pointing": 0, "opens_leaning": [], "credit": 0,
            "n": 0, "r2": [], "rl": [], "ms": [], "events": 0}
    for k, (cluster, references) in enumerate(clusters):
        start = time.process_time()
        summary = summarize(cluster, options=options)
        rows["ms"].append(1000 * (time.process_time() - start))
        parts = [list(e.sentences) for e in summary.events] or [list(summary.sentences)]
        rows["events"] += len(summary.events) > 1
        rows["lead"] += [p[0].index == 0 for p in parts if p]
        positives = {cluster.sentences[i].key for i in reference_openers(cluster, references)}
        rows["hit"].append(summary.sentences[0].key in positives)
        rows["opens_leaning"] += [leaning(p[0].text) is not None for p in parts if p]
        for part in parts:
            for n, s in enumerate(part):
                rows["n"] += 1
                if leaning(s.text) is not None:
                    rows["lean"] += 1
                    before = part[n - 1] if n else None
                    if before is None or before.key != (s.doc_id, s.index - 1):
                        rows["unsupported"] += 1
                        rows["pointing"] += needs_antecedent(s.text)
                rows["credit"] += credit_line(s.text)
        figures = best_reference_score(references, summary.text)
        rows["r2"].append(100 * figures["rouge2"].fmeasure)
        rows["rl"].append(100 * figures["rougeL"].fmeasure)
        if out is not None and k < show:
            from tomtat.render import render

            out.write(f"=== {name} {cluster.id} ({len(cluster.documents)} articles)\n")
            out.write("REF: " + references[0][:400] + "\n")
            for part in parts:
                for s in part:
                    mark = f" [lean:{leaning(s.text)}]" if leaning(s.text) else ""
                    out.write(f"  ({s.doc_position}:{s.index}){mark} {s.text}\n")
                out.write("  --\n")
            out.write(render(summary, "text") + "\n\n")
    n = len(clusters)
    print(
        f"| {name} | {n} | {100 * sum(rows['lead']) / max(1, len(rows['lead'])):.1f} | "
        f"{100 * sum(rows['hit']) / n:.1f} | {100 * rows['lean'] / max(1, rows['n']):.1f} | "
        f"{100 * rows['unsupported'] / max(1, rows['n']):.1f} | {100 * rows['pointing'] / max(1, rows['n']):.1f} | "
        f"{100 * sum(rows['opens_leaning']) / max(1, len(rows['opens_leaning'])):.1f} | {rows['credit']} | "
        f"{statistics.mean(rows['r2']):.2f} | {statistics.mean(rows['rl']):.2f} | "
        f"{statistics.median(rows['ms']):.1f} | {rows['events']} |",
        flush=True,
    )


def cross_source() -> None:
    """scripts/train_scorer.py --cross-source with the selection the library uses now."""
    import train_scorer

    from tomtat import select as select_module

    if "reading" in select_module.select.__code__.co_varnames:
        plain = train_scorer.select

        def with_reading(cluster, keyed, **kw):
            return plain(cluster, keyed, reading=True, **kw)

        train_scorer.select = with_reading
    sources = {name: train_scorer.load(path, 1) for name, path in train_scorer.TRAINING.items()}
    train_scorer.cross_source_table(sources, train_scorer.load(train_scorer.VALIDATION, 1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--vnds", type=int, default=150, help="VNDS held-out singletons")
    parser.add_argument("--vnds-words", type=int, default=60)
    parser.add_argument("--piles", type=int, default=40, help="VNDS held-out piles of 3 articles")
    parser.add_argument("--only", choices=("abmusu", "vims", "vnds", "piles"), action="append")
    parser.add_argument("--show", type=int, default=0, help="write this many summaries per source to --out")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--cross-source", action="store_true")
    args = parser.parse_args()
    if args.cross_source:
        cross_source()
        return
    out = args.out.open("w", encoding="utf-8") if args.out else None
    only = set(args.only or ("abmusu", "vims", "vnds", "piles"))
    print("| source | clusters | lead first % | opener hit % | leaning % | alone % | points back, alone % | "
          "opens leaning % | credits | ROUGE-2 F1 | ROUGE-L F1 | median CPU ms | told as events |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    if "abmusu" in only:
        measure("AbMuSu validation", jsonl_clusters(corpora.ABMUSU_VALIDATION), 200, args.show, out)
    if "vims" in only:
        measure("ViMs", jsonl_clusters(FILES["vims"]), 200, args.show, out)
    if "vnds" in only:
        measure(f"VNDS held-out singletons ({args.vnds_words} w)", vnds_clusters(FILES["vnds"], args.vnds, held_out=True), args.vnds_words, args.show, out)
    if "piles" in only:
        measure("VNDS held-out piles of 3 (150 w)", vnds_clusters(FILES["vnds"], args.piles, held_out=True, size=3), 150, args.show, out)
    if out:
        out.close()


if __name__ == "__main__":
    main()
