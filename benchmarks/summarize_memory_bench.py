"""Peak memory and time of `tomtat summarize` on one very large article (should grow linearly).

The article is made of distinct real sentences (every sentence of ViMs and AbMuSu, in file
order, each used once, a paragraph every five sentences) up to each size; each size runs in a
fresh process (`tomtat summarize FILE --no-facts --no-timeline`, the default method) whose peak
RSS is read from the kernel (ru_maxrss of the finished child).

    python benchmarks/summarize_memory_bench.py [--sizes-mb 0.25 0.5 1 2] [--method learned]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from tomtat.evaluation.corpora import SHARED_DATA

REPO = Path(__file__).resolve().parents[1]
DATA = SHARED_DATA


def distinct_sentences() -> list[str]:
    """Every distinct sentence of the shared ViMs and AbMuSu files, in file order."""
    from tomtat.text.sentences import sentences

    seen: set[str] = set()
    out: list[str] = []
    for name in ("vims/train.jsonl", "abmusu/train.jsonl", "abmusu/validation.jsonl"):
        with (DATA / name).open(encoding="utf-8") as fh:
            for line in fh:
                for doc in json.loads(line)["single_documents"]:
                    for sentence in sentences(doc.get("raw_text") or ""):
                        sentence = " ".join(sentence.split())
                        if len(sentence) > 30 and sentence not in seen:
                            seen.add(sentence)
                            out.append(sentence)
    return out


def article(sentences: list[str], size_bytes: int) -> str:
    """Distinct sentences up to ``size_bytes`` of UTF-8, five to a paragraph."""
    paragraphs, current, used = [], [], 0
    for sentence in sentences:
        used += len(sentence.encode("utf-8")) + 1
        if used > size_bytes:
            break
        current.append(sentence)
        if len(current) == 5:
            paragraphs.append(" ".join(current))
            current = []
    else:
        raise SystemExit(f"not enough distinct sentences for {size_bytes} bytes")
    paragraphs.append(" ".join(current))
    return "\n".join(p for p in paragraphs if p)


def measure(path: Path, method: str) -> tuple[float, float, int]:
    """(seconds, peak RSS in MB, exit status) of one `tomtat summarize` run in a fresh process."""
    command = [sys.executable, "-m", "tomtat.cli", "summarize", str(path), "--no-facts",
               "--no-timeline", "--method", method, "--format", "json"]  # fmt: skip
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=out, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if code:
            err.seek(0)
            print(err.read().decode("utf-8", "replace")[-500:], file=sys.stderr)
    return seconds, usage.ru_maxrss / 1024, code


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes-mb", type=float, nargs="+", default=[0.25, 0.5, 1.0, 2.0])
    parser.add_argument("--method", default="learned")
    args = parser.parse_args()
    sentences = distinct_sentences()
    print(f"{len(sentences)} distinct sentences available; method {args.method}, facts and timeline off\n")
    print(f"{'MB':>6}{'sentences':>11}{'seconds':>9}{'peak RSS MB':>13}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in sorted(args.sizes_mb):
            text = article(sentences, int(size * 1_000_000))
            path = Path(tmp) / f"article-{size:g}MB.txt"
            path.write_text(text, encoding="utf-8")
            seconds, peak, status = measure(path, args.method)
            n = text.count(". ") + text.count(".\n") + 1
            note = "" if status == 0 else f"  (exit {status})"
            print(f"{size:>6g}{n:>11,}{seconds:>9.1f}{peak:>13.0f}{note}", flush=True)


if __name__ == "__main__":
    main()
