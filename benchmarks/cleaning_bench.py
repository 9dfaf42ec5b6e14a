"""What cleaning removes, per source: share of characters, caption lines, a sample to read.

    python benchmarks/cleaning_bench.py                     # AbMuSu validation, ViMs, 3,000 VNDS
    python benchmarks/cleaning_bench.py --vnds 22642 --show 30

VNDS bodies are one sentence a line with photo captions inline, and each page lists its
captions: a body line equal to a caption is a caption. "own story" excludes what follows a
related-link marker when cleaning judged it another article (reported apart).
For AbMuSu and ViMs (no labels) the removed lines are printed for reading (``--show``).
Each article is cleaned with its sapo when the source has one (AbMuSu ``anchor_text``, VNDS
``abstract``), as ``tomtat`` ingests it: the caption model judges the body after the sapo.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
from pathlib import Path

try:
    from tomtat.text import clean_article_report
except ImportError:  # tomtat before cleaning reported what it removed: measure it all the same
    from types import SimpleNamespace

    from tomtat.text import clean_article

    def clean_article_report(raw, known_title=None):
        title, body = clean_article(raw, find_title=known_title is None)
        return SimpleNamespace(body=body, warnings=(), other_story=())
from tomtat.text.normalize import normalize
from tomtat.text.segmented import restore
from tomtat.text.sentences import split_sentences
from tomtat.evaluation.corpora import SHARED_DATA, is_vnds_held_out

DATA = SHARED_DATA


def _key(line: str) -> str:
    return re.sub(r"\s+", " ", line).strip()


def _chars(text: str) -> int:
    return sum(1 for c in text if not c.isspace())


def abmusu_like(path: Path):
    for line in path.open(encoding="utf-8"):
        row = json.loads(line)
        for doc in row["single_documents"]:
            yield doc.get("title") or "", doc.get("anchor_text") or "", doc["raw_text"], None


def vnds(path: Path, n: int, seed: int = 0):
    """``n`` articles from the fifth of VNDS the caption model never saw (seeded sample)."""
    rows = [json.loads(line) for line in gzip.open(path, "rt", encoding="utf-8")]
    rows = [row for row in rows if is_vnds_held_out(str(row["id"]))]
    random.Random(seed).shuffle(rows)
    for row in rows[:n]:
        yield row["title"], row.get("abstract") or "", row["body"], [c.strip() for c in row.get("captions") or []]


def measure(name: str, articles, show: int) -> dict:
    total = removed = 0
    n = flagged = 0
    cap_lines = cap_removed = 0
    own_total = own_removed = 0
    other_story = 0
    removed_sample: list[str] = []
    for title, lead, raw, captions in articles:
        n += 1
        try:
            report = clean_article_report(raw, known_title=title or None, known_lead=lead or None)
        except TypeError:  # tomtat before the caption model took the sapo
            report = clean_article_report(raw, known_title=title or None)
        kept_text = _key(report.body.replace("\n", " "))
        if report.warnings:
            flagged += 1
        lines = [ln for ln in normalize(raw).split("\n") if ln.strip()]
        caption_set = {normalize(c) for c in captions} if captions is not None else set()
        tail = {_key(restore(normalize(t))) for t in report.other_story}
        for line in lines:
            is_caption = line.strip() in caption_set
            plain = _key(restore(line)) if captions is not None else _key(line)
            # a line counts by its sentences: a credit cut from a paragraph's end costs its own length
            pieces = [plain] if plain in kept_text else [plain[a:b] for a, b in split_sentences(plain)]
            lost = sum(_chars(p) for p in pieces if p not in kept_text)
            gone = lost > _chars(plain) / 2
            c = _chars(plain)
            total += c
            removed += lost
            if is_caption:
                cap_lines += 1
                cap_removed += gone
            elif plain in tail:
                other_story += c
            else:
                own_total += c
                own_removed += lost
                if lost and len(removed_sample) < 10 * max(show, 1):
                    removed_sample.append(" | ".join(p for p in pieces if p not in kept_text))
    out = {
        "source": name,
        "articles": n,
        "removed_chars_pct": round(100 * removed / max(total, 1), 3),
        "articles_flagged": flagged,
    }
    if captions is not None:
        out.update(
            {
                "caption_lines": cap_lines,
                "caption_lines_removed_pct": round(100 * cap_removed / max(cap_lines, 1), 2),
                "own_story_noncaption_removed_pct": round(100 * own_removed / max(own_total, 1), 3),
                "other_story_chars_pct": round(100 * other_story / max(total, 1), 3),
            }
        )
    print(json.dumps(out, ensure_ascii=False))
    rng = random.Random(1)
    for line in rng.sample(removed_sample, min(show, len(removed_sample))):
        print(f"  removed: {line[:160]}")
    return out


def story_check(path: Path) -> None:
    """How ``continues_story`` separates a VNDS digest's appended stories (after "Xem thêm
    tại đây." and a headline) from an article's own second half (against its first half)."""
    from tomtat.text.clutter import OTHER_STORY_OVERLAP, continues_story

    tails: list[float] = []
    halves: list[float] = []
    for i, line in enumerate(gzip.open(path, "rt", encoding="utf-8")):
        row = json.loads(line)
        body = [restore(normalize(x)) for x in row["body"].split("\n")]
        before = [restore(normalize(row["title"]))]
        marks = [j for j, b in enumerate(body) if b.startswith("Xem thêm tại đây")]
        if marks:
            j = marks[0]
            end = marks[1] if len(marks) > 1 else len(body)
            if end - j > 3:
                tails.append(continues_story("\n".join(before + body[:j]), "\n".join(body[j + 2 : end])))
        elif len(body) >= 8 and i % 10 == 0:
            h = len(body) // 2
            halves.append(continues_story("\n".join(before + body[:h]), "\n".join(body[h:])))
    below = lambda xs: sum(x < OTHER_STORY_OVERLAP for x in xs) / max(len(xs), 1)  # noqa: E731
    print(json.dumps({
        "threshold": OTHER_STORY_OVERLAP,
        "appended_stories": len(tails), "appended_judged_other_pct": round(100 * below(tails), 1),
        "own_halves": len(halves), "own_halves_judged_other_pct": round(100 * below(halves), 2),
    }))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--vnds", type=int, default=3000, help="VNDS articles sampled (seeded)")
    parser.add_argument("--show", type=int, default=10, help="removed lines printed per source")
    parser.add_argument("--story", action="store_true", help="only measure the other-story test")
    args = parser.parse_args()
    if args.story:
        story_check(args.data / "vnds" / "val.jsonl.gz")
        return
    measure("abmusu-validation", abmusu_like(args.data / "abmusu" / "validation.jsonl"), args.show)
    measure("vims", abmusu_like(args.data / "vims" / "train.jsonl"), args.show)
    measure("vnds", vnds(args.data / "vnds" / "val.jsonl.gz", args.vnds), args.show)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
