"""Build tomtat's fast tagger (``src/tomtat/data/tagger.json.gz``) from the shared data.

    python scripts/train_tagger.py            # rebuild the file
    python scripts/train_tagger.py --check    # rebuild in memory; fail unless byte-identical

The fast tagger (``tomtat.tagging``, tagger ``"lexicon"``) needs no sequence model at run time:

- **words** from a boundary table: for two adjacent syllables (lower-cased), whether VNDS's own
  word segmentation (``val.jsonl.gz``: ``cơ_quan``, ``Vũng_Tàu``) joins them more often than
  not. Pairs not in the table are joined when both syllables are capitalised (a name:
  ``Lâm Nguyễn Hải Long``) and split otherwise; the table keeps the pairs that differ from
  that default (``quyết định`` joined, ``Theo Bộ`` split), and the capitalised syllables
  that mostly end or start a word next to another capital (``Quốc`` of ``Hàn Quốc``: "Hàn
  Quốc Yoon Suk-yeol" is two words).
- **parts of speech** from a word lexicon: each word's most frequent tag from pyvi's CRF
  tagger (``ViPosTagger``) run once here over VNDS sentences in that segmentation; only words
  whose tag is not the default ``N`` are stored. At run time a capitalised word (not opening
  the sentence) is a proper noun ``Np``, an all-capitals one ``Ny``, a number ``M``.

Articles of VNDS used by the hand-written gold (tests/data) are never read. Everything is
counted in file order and written with sorted keys and a zero gzip time, so the same data give
the same bytes (``--check``).
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

from tomtat.tagging import LEXICON_VERSION as VERSION
from tomtat.tagging import MAX_WORD_SYLLABLES
from tomtat.evaluation.corpora import VNDS

REPO = Path(__file__).resolve().parents[1]
DATA = VNDS
OUT = REPO / "src" / "tomtat" / "data" / "tagger.json.gz"
GOLD = [REPO / "tests" / "data" / "figures_gold.jsonl", REPO / "tests" / "data" / "names_gold.jsonl"]
PAIR_ARTICLES = 22_642  # all of VNDS val for word boundaries (counting only)
TAG_ARTICLES = 4_000  # the first articles for pyvi's tags (about 0.3 ms a sentence)
MIN_PAIR = 2  # a boundary seen fewer times is left to the default
MIN_WORD = 3  # a word tagged fewer times is left to the default N
MIN_SIDE = 3  # a syllable seen fewer times between capitals has no side of its own
MAX_WORDS = 40_000


def _gold_rows() -> set[int]:
    rows: set[int] = set()
    for path in GOLD:
        with open(path, encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                if row["source"].startswith("vnds"):
                    rows.add(row["row"])
    return rows


def _articles(path: Path, limit: int):
    skip = _gold_rows()
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for row, line in enumerate(f):
            if row >= limit:
                return
            if row in skip:
                continue
            body = unicodedata.normalize("NFC", json.loads(line)["body"])
            yield [s.split() for s in body.split("\n") if s.strip()]


def _syllables(token: str) -> list[str] | None:
    parts = token.split("_")
    return parts if all(p.isalpha() for p in parts) else None


def _cap(syllable: str) -> bool:
    return syllable[:1].isupper()


def build(path: Path = DATA) -> bytes:
    join: Counter[tuple[str, str]] = Counter()
    split: Counter[tuple[str, str]] = Counter()
    both_caps: Counter[tuple[str, str]] = Counter()
    # between two capitalised syllables: how often each one ends / starts a word there
    after: dict[str, Counter[bool]] = defaultdict(Counter)
    before: dict[str, Counter[bool]] = defaultdict(Counter)
    for sentences in _articles(path, PAIR_ARTICLES):
        for tokens in sentences:
            previous: list[str] | None = None
            for token in tokens:
                parts = _syllables(token)
                if parts is None:
                    previous = None
                    continue
                if previous is not None:
                    pair = (previous[-1].lower(), parts[0].lower())
                    split[pair] += 1
                    if _cap(previous[-1]) and _cap(parts[0]):
                        both_caps[pair] += 1
                        after[pair[0]][False] += 1
                        before[pair[1]][False] += 1
                for a, b in zip(parts, parts[1:]):
                    pair = (a.lower(), b.lower())
                    join[pair] += 1
                    if _cap(a) and _cap(b):
                        both_caps[pair] += 1
                        after[pair[0]][True] += 1
                        before[pair[1]][True] += 1
                previous = parts
    # an unseen pair of capitalised syllables is split where one of them mostly ends (Quốc in
    # "Hàn Quốc Yoon Suk-yeol") or starts (Việt in "Unilever Việt Nam") a word next to a capital
    ends = sorted(a for a, c in after.items() if sum(c.values()) >= MIN_SIDE and c[False] > c[True])
    starts = sorted(b for b, c in before.items() if sum(c.values()) >= MIN_SIDE and c[False] > c[True])
    end_set, start_set = set(ends), set(starts)
    joined, apart = [], []
    for pair in sorted(set(join) | set(split)):
        j, s = join[pair], split[pair]
        if j + s < MIN_PAIR:
            continue
        capitalised = 2 * both_caps[pair] > j + s  # the default for a pair written so: join
        if j > s and (not capitalised or pair[0] in end_set or pair[1] in start_set):
            joined.append(" ".join(pair))  # capitalised ones: against the syllables' side
        elif s >= j and capitalised:
            apart.append(" ".join(pair))

    from pyvi import ViPosTagger

    tags: dict[str, Counter[str]] = defaultdict(Counter)
    written: dict[str, Counter[bool]] = defaultdict(Counter)  # a syllable inside a sentence: capitalised?
    for sentences in _articles(path, TAG_ARTICLES):
        for tokens in sentences:
            words, predicted = ViPosTagger.postagging(" ".join(tokens))
            for k, (word, tag) in enumerate(zip(words, predicted)):
                parts = _syllables(word)
                if parts is None or len(parts) > MAX_WORD_SYLLABLES:
                    continue
                if k and len(parts) == 1:
                    written[parts[0].lower()][_cap(parts[0])] += 1
                if k and _cap(parts[0]):
                    continue  # a capitalised word inside a sentence: Np / Ny at run time
                tags[" ".join(parts).lower()][str(tag)] += 1
    frequent = sorted(tags, key=lambda w: (-sum(tags[w].values()), w))[:MAX_WORDS]
    lexicon = {}
    for word in sorted(frequent):
        counts = tags[word]
        if sum(counts.values()) < MIN_WORD:
            continue
        tag = min(counts, key=lambda t: (-counts[t], t))
        if tag != "N" or (" " not in word and written[word][False] > written[word][True]):
            # and a syllable mostly written in lower case: a sentence's first word ("Khi")
            lexicon[word] = "CH" if tag == "F" else tag
    model = {
        "version": VERSION,
        "source": "VNDS val.jsonl.gz (gold rows left out): word boundaries of all articles, "
        f"pyvi 0.1.1 tags of the first {TAG_ARTICLES}",
        "joined": joined,
        "apart": apart,
        "ends": ends,
        "starts": starts,
        "tags": lexicon,
    }
    text = json.dumps(model, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0, compresslevel=9) as f:
        f.write(text.encode("utf-8"))
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail unless the file is rebuilt byte for byte")
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    data = build(args.data)
    if args.check:
        same = OUT.exists() and OUT.read_bytes() == data
        print(f"{OUT.relative_to(REPO)}: {'identical' if same else 'DIFFERS'} ({len(data)} bytes rebuilt)")
        sys.exit(0 if same else 1)
    OUT.write_bytes(data)
    model = json.loads(gzip.decompress(data))
    print(f"wrote {OUT.relative_to(REPO)}: {len(data)} bytes, {len(model['joined'])} joined pairs, "
          f"{len(model['apart'])} capitalised pairs apart, {len(model['ends'])} + {len(model['starts'])} "
          f"syllables that end / start a word, {len(model['tags'])} tagged words")


if __name__ == "__main__":
    main()
