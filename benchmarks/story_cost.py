"""What story mode costs a cluster that holds one event: summary time with and without it.

Median CPU milliseconds per cluster (``time.process_time``: the machine's other load counts
less than in wall time) on the clusters of ``--data``, facts and timeline off, story mode on
(the default) and off (``SummarizeOptions(story=False)``: the summary as before story mode),
the two interleaved cluster by cluster, ``--passes`` times; and how many clusters story mode
told as several events. Run with one BLAS thread, as batch workers do:

    OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 PYTHONPATH=src .venv/bin/python \\
        benchmarks/story_cost.py --data ../shared/data/abmusu/validation.jsonl
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from tomtat import SummarizeOptions, summarize
from tomtat.ingest import ClusterInput, read_jsonl


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args()
    clusters = [c for c in read_jsonl(args.data) if isinstance(c, ClusterInput)]
    modes = {
        "story off": SummarizeOptions(facts=False, timeline=False, story=False),
        "story on": SummarizeOptions(facts=False, timeline=False),
    }
    for options in modes.values():  # warm up: lazy imports, the model
        summarize(list(clusters[0].documents), options=options)
    times: dict[str, list[float]] = {name: [] for name in modes}
    told = 0
    for n in range(args.passes):
        for cluster in clusters:
            for name, options in modes.items():
                start = time.process_time()
                summary = summarize(list(cluster.documents), options=options)
                times[name].append(1000 * (time.process_time() - start))
                told += n == 0 and bool(summary.events)
    off, on = (statistics.median(times[name]) for name in modes)
    print(f"{len(clusters)} clusters of {args.data}, {args.passes} passes, CPU ms per cluster")
    for name in modes:
        values = sorted(times[name])
        p95 = values[int(0.95 * (len(values) - 1))]
        print(f"{name:10} median {statistics.median(values):6.1f}  p95 {p95:6.1f}")
    print(f"story mode adds {100 * (on / off - 1):+.0f}% to the median; told as several events: "
          f"{told}/{len(clusters)}")  # fmt: skip


if __name__ == "__main__":
    main()
