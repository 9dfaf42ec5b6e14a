"""Batch throughput and parent memory: rows/s on 1 and 2 workers and on Dask, peak RSS.

    .venv/bin/python benchmarks/batch_bench.py [--small 2000] [--large 20000] [--default]
    .venv/bin/python benchmarks/batch_bench.py --small 1000 --bad-every 20


Builds a corpus by sampling AbMuSu clusters (../shared/data/abmusu/{train,validation}.jsonl,
with replacement, seeded) into a temporary directory, then runs each job in a fresh child
process (so ``ru_maxrss`` is that job's own peak) through the same code as
``tomtat summarize --input``. The timed runs use the fast 'lead' method with facts and
timeline off; ``--default`` adds the default method, with facts and timeline, on 200 rows
(``--default-rows``): it is some 20 times slower.

``--bad-every N`` runs instead the same corpus on 2 workers with and without a bad line after
every N-th row (in turn: JSON nested 5,000 deep, malformed JSON, a row that is not an object,
a row without documents), and checks that every line gets its row, in order.
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
from tomtat.evaluation.corpora import SHARED_DATA

REPO = Path(__file__).resolve().parents[1]
DATA = SHARED_DATA / "abmusu"


BAD_LINES = (
    '{"id": "deep", "documents": ' + "[" * 5000 + "]" * 5000 + "}",
    '{"id": "broken", "documents": [',
    '["not", "an", "object"]',
    '{"id": "empty", "documents": []}',
)


def _id_of(line: str, line_no: int) -> str:
    """The id a row gets (tomtat.rows.line_id): its "id" when it parses, else its line."""
    try:
        data = json.loads(line)
    except (ValueError, RecursionError):
        return str(line_no)
    return str(data["id"]) if isinstance(data, dict) and data.get("id") else str(line_no)


def make_corpus(path: Path, n: int, seed: int = 2024, bad_every: int = 0) -> list[str]:
    """``n`` clusters drawn with replacement from AbMuSu train + validation, ids made unique;
    with ``bad_every``, a bad line after every ``bad_every``-th row. Returns the ids the rows
    must have, in order."""
    lines = []
    for name in ("train.jsonl", "validation.jsonl"):
        lines += [line for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line]
    rng = random.Random(seed)
    ids = []
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            row = json.loads(rng.choice(lines))
            row["id"] = f"r{i:05d}"
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            ids.append(row["id"])
            if bad_every and (i + 1) % bad_every == 0:
                bad = BAD_LINES[(i // bad_every) % len(BAD_LINES)]
                out.write(bad + "\n")
                ids.append(_id_of(bad, line_no=len(ids) + 1))
    return ids


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
    ids = [json.loads(line)["id"] for line in output.read_text(encoding="utf-8").splitlines()]
    output.unlink()
    return {
        "ids": ids,
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
    parser.add_argument("--bad-every", type=int, default=0, help="bad lines: see above")
    parser.add_argument("--child", nargs=5, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        source, engine, workers, method, extras = args.child
        print(json.dumps(one_job(source, engine, int(workers), method, extras == "1")))
        return

    if args.bad_every:
        bad_rows(args.small, args.bad_every)
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


def bad_rows(n: int, every: int) -> None:
    """The same ``n`` clusters on 2 workers, without and with bad lines."""
    print(f"{'rows':>6} {'bad':>5} {'failed':>6} {'in order':>8} {'rows/s':>8} {'s':>7}")
    with tempfile.TemporaryDirectory() as tmp:
        for bad_every in (0, every):
            path = Path(tmp) / f"corpus{bad_every}.jsonl"
            ids = make_corpus(path, n, bad_every=bad_every)
            got = run_child(path, "process", 2, "lead", False)
            print(f"{got['rows']:>6} {len(ids) - n:>5} {got['failed']:>6} "
                  f"{str(got['ids'] == ids):>8} {got['rows_per_s']:>8} {got['seconds']:>7}",
                  flush=True)
            assert got["ids"] == ids, "rows missing or out of order"


if __name__ == "__main__":
    main()
