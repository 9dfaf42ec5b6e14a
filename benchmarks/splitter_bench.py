"""How the sentence splitter's boundaries agree with VNDS's, by kind of cut.

VNDS (``vnds/val.jsonl.gz``) ships each article's body one sentence a line (word-segmented).
Each body is restored line by line (``tomtat.text.segmented.restore``, as ingest does), the
lines are joined with a space into one paragraph, and ``split_sentences`` cuts it: a cut inside
a line is a *false boundary*, a line end it does not cut is a *miss*. Both are broken down by
the token before the stop:

- ``initial``: one capital letter, or a run of them with stops ("T.", "T.H.", "Đ. T. H."),
  after a capitalised word or a kinship/title word ("anh L.", "Nguyễn Hữu T.");
- ``abbreviation``: a known abbreviation (``ABBREVIATIONS``) or a dotted token ("TP.HCM.");
- ``other``.

The kinds are this benchmark's own (not the splitter's rules), so runs on the code before and
after a change (``PYTHONPATH=<old>/src``) count the same cells.

Misses are also split by how the next line opens: VNDS's own segmenter cuts after initials too
("Thạch Sà Kh." / "(SN 1983, …)", "Kh." / "là người …"), so a line end before ``(``, ``,`` or a
lower-case word is the gold's mistake more often than the splitter's; ``--show`` prints
examples of each cell so they can be read.

    PYTHONPATH=src .venv/bin/python benchmarks/splitter_bench.py                 # held-out fifth, 3000 articles
    PYTHONPATH=src .venv/bin/python benchmarks/splitter_bench.py --train --show 5
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
from collections import Counter, defaultdict

from tomtat.evaluation import corpora
from tomtat.text.normalize import normalize
from tomtat.text.segmented import restore
from tomtat.text.sentences import ABBREVIATIONS, split_sentences

_DIGRAPHS = frozenset("Ch Gh Gi Kh Ng Ngh Nh Ph Qu Th Tr".split())


def _initial(x: str) -> bool:
    """"T", "Đ", "Kh", "Ng": one capital letter or a Vietnamese initial consonant."""
    return len(x) == 1 and x.isupper() or x in _DIGRAPHS
_TITLE_WORDS = ("anh", "chị", "ông", "bà", "cháu", "bé", "em", "cô", "chú", "cáo", "tượng", "nhân", "tên", "thầy", "cụ", "gã", "ả", "cậu", "bác", "dì")


def kind(text: str, end: int) -> str:
    """The kind of cut that ends at ``end`` (just after the punctuation run)."""
    head = text[max(0, end - 40) : end].rstrip("\"”’')]")
    if not head.endswith("."):
        return "other"
    before = head[:-1]
    token = before.rsplit(None, 1)[-1] if before.split() else ""
    low = token.lower().strip(".")
    if (low in ABBREVIATIONS or low.rsplit(".", 1)[-1] in ABBREVIATIONS) and not _initial(token):
        return "abbreviation"  # "TS.", "TP.", "PGS.TS."; "H.", "Q.", "Ng." are judged by what precedes
    # "T", "T.H", "P.T.N", or "Đ. T. H" (a run of spaced initials)
    letters = token.replace("_", "").split(".")
    if all(_initial(x) for x in letters if x) and any(letters):
        words = before[: len(before) - len(token)].split()
        run = [token.strip(".")]
        while words and words[-1].endswith(".") and all(_initial(x) for x in words[-1][:-1].replace("_", "").split(".")):
            run.append(words.pop()[:-1])  # "Đ. T. H." – the initials before this one
        if any("." in x for x in run):
            return "initial"  # "N.T", "V.Đ. T": a dotted run is initials whatever precedes
        prev = words[-1].strip(",;:(\"“") if words else ""
        if prev.lower() in _TITLE_WORDS:
            return "initial"
        if low in ABBREVIATIONS:
            return "abbreviation"  # "UBND Q.", "TAND H.", "K P."
        if len(prev) > 1 and prev[0].isupper() and prev[1:].islower():
            return "initial"
        return "other"
    if "." in token.strip("."):
        return "abbreviation"
    return "other"


def opening(line: str) -> str:
    c = line.lstrip("\"“‘'«[-–— ")[:1]
    if not c:
        return "empty"
    if c in "(,;:":
        return "( , ;"
    if c.isalpha() and not c.isupper():
        return "lower-case"
    return "capital/digit"


def articles(held_out: bool, n: int):
    with gzip.open(corpora.VNDS, "rt", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if corpora.is_vnds_held_out(str(row["id"])) != held_out:
                continue
            lines = [restore(normalize(x)) for x in row["body"].split("\n")]
            lines = [x for x in lines if x.strip()]
            if lines:
                yield row["id"], lines
                n -= 1
                if n <= 0:
                    return


def measure(held_out: bool, n: int):
    false_cuts: Counter[str] = Counter()
    misses: Counter[tuple[str, str]] = Counter()
    gold_ends: Counter[str] = Counter()
    examples: dict[object, list[str]] = defaultdict(list)
    for _, lines in articles(held_out, n):
        text = " ".join(lines)
        ends, pos = [], 0
        for x in lines[:-1]:
            pos += len(x)
            ends.append(pos)
            pos += 1
        gold = set(ends)
        cuts = {b for _, b in split_sentences(text)[:-1]}
        for b in cuts - gold:  # spans are stripped: a cut at a line end ends exactly there
            k = kind(text, b)
            false_cuts[k] += 1
            examples[("false", k)].append(text[max(0, b - 60) : b] + " ‖ " + text[b : b + 40])
        hit = cuts & gold
        for e, (i, x) in zip(ends, enumerate(lines[:-1])):
            k = kind(text, e)
            gold_ends[k] += 1
            if e not in hit:
                o = opening(lines[i + 1])
                misses[(k, o)] += 1
                examples[("miss", k, o)].append(x[-60:] + " ‖ " + lines[i + 1][:40])
    return false_cuts, misses, gold_ends, examples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=3000, help="articles")
    parser.add_argument("--train", action="store_true", help="the training part, not the held-out fifth")
    parser.add_argument("--show", type=int, default=0, help="examples per cell")
    args = parser.parse_args()
    false_cuts, misses, gold_ends, examples = measure(not args.train, args.n)
    kinds = ("initial", "abbreviation", "other")
    part = "training part" if args.train else "held-out fifth"
    print(f"VNDS {part}, {args.n} articles; line ends by kind: " + ", ".join(f"{k} {gold_ends[k]}" for k in kinds))
    print(f"{'kind':14} {'false cuts':>10} {'misses':>8}   misses by next line: capital/digit | ( , ; | lower-case")
    for k in kinds:
        m = sum(v for (kk, _), v in misses.items() if kk == k)
        by = " | ".join(str(misses[(k, o)]) for o in ("capital/digit", "( , ;", "lower-case"))
        print(f"{k:14} {false_cuts[k]:>10} {m:>8}   {by}")
    print(f"{'total':14} {sum(false_cuts.values()):>10} {sum(misses.values()):>8}")
    if args.show:
        rng = random.Random(0)
        for key in sorted(examples, key=str):
            sample = examples[key] if len(examples[key]) <= args.show else rng.sample(examples[key], args.show)
            print(f"\n== {' / '.join(key)} ({len(examples[key])})")
            for s in sample:
                print("  ", s)


if __name__ == "__main__":
    main()
