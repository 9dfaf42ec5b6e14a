"""Peak memory and seconds of event grouping on growing piles, near-duplicates and distinct.

Two kinds of pile, 1,000 / 2,000 / 5,000 / 10,000 articles each:

- ``near-dup``: one real article (the median-length one of AbMuSu validation) and near-copies of
  it, the way wire copies and live updates of one story arrive: a retitled head ("Cập nhật:",
  "(TTXVN)"), one sentence dropped, one figure changed, one dated update sentence appended.
  The right answer is ONE event.
- ``distinct``: real, different articles: VNDS validation articles (22,642 single articles,
  segmenter underscores read as spaces), the first N.

Each measurement runs in a fresh process, so its peak RSS and CPU seconds are its own
(``os.wait4``; process start and imports included, reading the pile included):

- ``group``: ``tomtat.events.group_articles`` on Documents built in the process;
- ``cluster``: the command a user runs, ``tomtat cluster --input pile.jsonl -j 1`` (reading,
  cleaning, grouping, one summary per event), end to end.

A child that would pass ``--max-gb`` of address space is stopped and reported as such (the old
grouping took 24 GB and was killed by the kernel at 5,000 near-duplicates).

    python benchmarks/events_bench.py [--sizes 1000 2000 5000 10000] [--kinds near-dup distinct]
        [--modes group cluster] [--src ../main/src]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from tomtat.evaluation.corpora import SHARED_DATA

REPO = Path(__file__).resolve().parents[1]
DATA = SHARED_DATA


def _source_article() -> dict:
    with (DATA / "abmusu" / "validation.jsonl").open(encoding="utf-8") as fh:
        articles = [d for line in fh for d in json.loads(line)["single_documents"]]
    articles.sort(key=lambda d: (len(d.get("raw_text") or ""), d.get("title") or ""))
    best = articles[len(articles) // 2]  # the median length (2,444 characters)
    return {"title": best["title"].strip(), "text": best["raw_text"].strip()}


def near_duplicates(size: int, seed: int = 0) -> list[dict]:
    """``size`` near-copies of one article (the first is the article itself)."""
    from tomtat.text.sentences import sentences

    source = _source_article()
    lines = sentences(source["text"])
    rng = random.Random(seed)
    rows = [{"id": "a0", "title": source["title"], "text": source["text"]}]
    for n in range(1, size):
        kept = list(lines)
        del kept[rng.randrange(len(kept))]
        k = rng.randrange(len(kept))
        kept[k] = " ".join(str(int(w) + rng.randint(1, 9)) if w.isdigit() else w for w in kept[k].split(" "))
        hour, minute = rng.randrange(24), rng.randrange(60)
        kept.append(f"Cập nhật lúc {hour}:{minute:02d}: lực lượng chức năng đang tiếp tục xác minh thêm {rng.randint(2, 99)} trường hợp.")
        head = rng.choice(["Cập nhật: ", "(TTXVN) ", "Tin mới: ", ""])
        rows.append({"id": f"a{n}", "title": head + source["title"], "text": " ".join(kept)})
    return rows


def distinct(size: int) -> list[dict]:
    """The first ``size`` VNDS validation articles (segmenter underscores read as spaces)."""
    rows = []
    with gzip.open(DATA / "vnds" / "val.jsonl.gz", "rt", encoding="utf-8") as fh:
        for n, line in enumerate(fh):
            if n == size:
                break
            row = json.loads(line)
            text = "\n".join(filter(None, [row.get("abstract") or "", row.get("body") or ""]))
            rows.append({"id": f"v{n}", "title": (row.get("title") or "").replace("_", " "), "text": text.replace("_", " ")})
    return rows


_GROUP_CHILD = """
import json, sys, time
from tomtat.events import group_articles
from tomtat.models import Document
docs = [Document(id=r["id"], title=r["title"], text=r["text"]) for r in map(json.loads, open(sys.argv[1], encoding="utf-8"))]
started = time.perf_counter()
groups = group_articles(docs)
print(json.dumps({"seconds": time.perf_counter() - started, "events": len(groups),
                  "largest": max(map(len, groups))}))
"""


def _limit(max_gb: float):
    def apply() -> None:
        import resource

        cap = int(max_gb * 2**30)
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    return apply


def measure(mode: str, pile: Path, max_gb: float, src: Path = REPO / "src") -> dict:
    env = {**os.environ, "PYTHONPATH": str(src)}
    if mode == "group":
        command = [sys.executable, "-c", _GROUP_CHILD, str(pile)]
    else:
        out = pile.with_suffix(".events.jsonl")
        command = [sys.executable, "-m", "tomtat.cli", "cluster", "--input", str(pile), "-j", "1", "-o", str(out)]
    log_out, log_err = pile.with_suffix(".stdout"), pile.with_suffix(".stderr")
    started = time.perf_counter()
    with log_out.open("wb") as out_fh, log_err.open("wb") as err_fh:
        child = subprocess.Popen(command, env=env, stdout=out_fh, stderr=err_fh, preexec_fn=_limit(max_gb))
        _, status, usage = os.wait4(child.pid, 0)  # this child's own peak RSS
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    stdout, stderr = log_out.read_bytes(), log_err.read_bytes()
    result = {
        "peak_mb": usage.ru_maxrss / 1024,
        "wall_seconds": seconds,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,  # steadier than wall time on a busy machine
        "ok": child.returncode == 0,
    }
    if not result["ok"]:
        result["error"] = (stderr.decode(errors="replace").strip().splitlines() or ["?"])[-1][:120]
    elif mode == "group":
        result.update(json.loads(stdout))
    else:
        rows = [json.loads(line) for line in out.open(encoding="utf-8")]
        result.update(events=len(rows), largest=max(len(r["articles"]) for r in rows))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000, 5000, 10000])
    parser.add_argument("--kinds", nargs="+", default=["near-dup", "distinct"], choices=["near-dup", "distinct"])
    parser.add_argument("--modes", nargs="+", default=["group", "cluster"], choices=["group", "cluster"])
    parser.add_argument("--max-gb", type=float, default=8.0, help="address-space cap of each child")
    parser.add_argument("--src", type=Path, default=REPO / "src", help="tomtat sources to measure (e.g. another checkout's, for before/after)")
    args = parser.parse_args()
    print(f"{'pile':<10}{'articles':>9}{'mode':>9}{'peak MB':>9}{'wall s':>9}{'CPU s':>9}{'events':>8}{'largest':>8}  note")
    with tempfile.TemporaryDirectory() as tmp:
        for kind in args.kinds:
            for size in args.sizes:
                rows = near_duplicates(size) if kind == "near-dup" else distinct(size)
                pile = Path(tmp) / f"{kind}-{size}.jsonl"
                pile.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
                for mode in args.modes:
                    r = measure(mode, pile, args.max_gb, args.src)
                    note = "" if r["ok"] else f"FAILED: {r['error']}"
                    if mode == "group":
                        note = note or f"grouping alone: {r['seconds']:.2f} s wall"
                    print(f"{kind:<10}{size:>9}{mode:>9}{r['peak_mb']:>9.0f}{r['wall_seconds']:>9.2f}{r['cpu_seconds']:>9.2f}"
                          f"{r.get('events', 0):>8}{r.get('largest', 0):>8}  {note}", flush=True)


if __name__ == "__main__":
    main()
