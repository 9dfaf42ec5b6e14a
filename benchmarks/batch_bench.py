"""Batch throughput and parent memory: rows/s on 1 and 2 workers and on Dask, peak RSS.

    .venv/bin/python benchmarks/batch_bench.py [--small 2000] [--large 20000] [--default]

Builds a corpus by sampling AbMuSu clusters (../shared/data/abmusu/{train,validation}.jsonl,
with replacement, seeded) into a temporary directory, then runs each job in a fresh child
process (so ``ru_maxrss`` is that job's own peak) through the same code as
``tomtat summarize --input``. The timed runs use the fast 'lead' method with facts and
timeline off; ``--default`` adds the default method, with facts and timeline, on 200 rows
(``--default-rows``): it is some 20 times slower.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "abmusu"


def make_corpus(path: Path, n: int, seed: int = 2024) -> None:
    """``n`` clusters drawn with replacement from AbMuSu train + validation, ids made unique."""
    lines = []
    for name in ("train.jsonl", "validation.jsonl"):
        lines += [line for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line]
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            row = json.loads(rng.choice(lines))
            row["id"] = f"r{i:05d}"
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def one_job(source: str, engine: str, workers: int, method: str, extras: bool) -> dict:
    """Run in the child: one job, as the CLI runs it; returns its numbers."""
    from tomtat.batch import summarize_rows
    from tomtat.jobs import read_lines, run_job
    from tomtat.options import SummarizeOptions

    options = SummarizeOptions(method=method, facts=extras, timeline=extras)
    output = Path(source).with_suffix(".out.jsonl")
    start = time.perf_counter()
    report = run_job(
        lambda done: summarize_rows(
            read_lines(source), options, engine=engine, workers=workers, batch_size=8
        ),
        output,
    )
    seconds = time.perf_counter() - start
    output.unlink()
    return {
        "rows": report.written,
        "failed": report.failed,
        "seconds": round(seconds, 1),
        "rows_per_s": round(report.written / seconds, 1),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def run_child(source: Path, engine: str, workers: int, method: str, extras: bool) -> dict:
    args = [sys.executable, __file__, "--child", str(source), engine, str(workers), method,
            "1" if extras else "0"]
    result = subprocess.run(args, capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=2000)
    parser.add_argument("--large", type=int, default=20000)
    parser.add_argument("--default", action="store_true", help="also the default method")
    parser.add_argument("--default-rows", type=int, default=200, help="rows for --default")
    parser.add_argument("--child", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        source, engine, workers, method, extras = args.child
        print(json.dumps(one_job(source, engine, int(workers), method, extras == "1")))
        return

    from tomtat.options import DEFAULT_METHOD

    runs = [
        (args.small, "process", 1, "lead", False),
        (args.small, "process", 2, "lead", False),
        (args.small, "dask", 2, "lead", False),
        (args.large, "process", 2, "lead", False),
    ]
    if args.default:
        runs.append((args.default_rows, "process", 2, DEFAULT_METHOD, True))
    print("method 'lead' runs have facts and timeline off; the default method runs with both on")
    print(f"{'rows':>6} {'engine':>8} {'workers':>7} {'method':>8} {'rows/s':>8} {'s':>7} "
          f"{'parent peak RSS MB':>19}")
    with tempfile.TemporaryDirectory() as tmp:
        corpora: dict[int, Path] = {}
        for rows, engine, workers, method, extras in runs:
            if rows not in corpora:
                corpora[rows] = Path(tmp) / f"corpus{rows}.jsonl"
                make_corpus(corpora[rows], rows)
            got = run_child(corpora[rows], engine, workers, method, extras)
            print(f"{got['rows']:>6} {engine:>8} {workers:>7} {method:>8} "
                  f"{got['rows_per_s']:>8} {got['seconds']:>7} {got['peak_rss_mb']:>19}",
                  flush=True)
            assert got["rows"] == rows, got


if __name__ == "__main__":
    main()
