"""The exhaustive facts gold (docs/facts-guideline.md): pick the articles, and build the JSONL.

    python benchmarks/facts_gold_build.py pick    # the articles (seeded), written once
    python benchmarks/facts_gold_build.py build   # .ann files -> tests/data/facts_exhaustive.jsonl

``pick`` draws articles of 400-1,500 characters from AbMuSu train and validation, ViMs and
VNDS, balanced over six topics told by the title's words, and writes their texts (as
tomtat's ingest reads them) to tests/data/facts_gold/articles.jsonl. ``build`` resolves the
compact annotations (tests/data/facts_gold/*.ann) to character offsets, checks every span
against the text, and splits the articles once into ``tune`` and ``test`` by a hash of the id.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import random
import re
import sys
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
GOLD_DIR = REPO / "tests" / "data" / "facts_gold"
OUT = REPO / "tests" / "data" / "facts_exhaustive.jsonl"

TOPICS = {
    "crime": "bắt khởi tố công an tử hình án trộm ma túy lừa đảo cướp giết tạm giam truy nã xét xử".split(),
    "sport": "bóng đá hlv đội tuyển world cup cầu thủ v-league trận vô địch sea games tennis".split(),
    "health": "bệnh bác sĩ covid dịch vaccine sức khỏe ngộ độc ung thư virus".split(),
    "entertainment": "ca sĩ phim diễn viên hoa hậu mv showbiz nghệ sĩ album sao".split(),
    "economy": "giá usd doanh nghiệp xuất khẩu tỷ đồng ngân hàng kinh tế chứng khoán xăng vàng".split(),
    "politics": "quốc hội thủ tướng bộ trưởng tổng thống bầu cử chủ tịch ngoại giao đại sứ tổng bí thư".split(),
}
PER_SOURCE = {"abmusu-train": 14, "abmusu-validation": 14, "vims": 26, "vnds": 26}


def split_of(article_id: str) -> str:
    return "tune" if hashlib.sha256(article_id.encode()).digest()[0] % 2 == 0 else "test"


def _topic(title: str) -> str | None:
    t = " " + title.lower() + " "
    hits = [k for k, words in TOPICS.items() if any(f" {w} " in t or f" {w}," in t for w in words)]
    return hits[0] if len(hits) == 1 else None


def _candidates():
    from tomtat.ingest import document_from_dict

    for name, path in (("abmusu-train", "abmusu/train.jsonl"), ("abmusu-validation", "abmusu/validation.jsonl"),
                       ("vims", "vims/train.jsonl")):
        with open(DATA / path, encoding="utf-8") as f:
            for r, line in enumerate(f):
                row = json.loads(line)
                for d, doc in enumerate(row["single_documents"]):
                    yield f"{name}:{r}:{d}", name, doc.get("title") or "", doc.get("raw_text") or ""
    with gzip.open(DATA / "vnds" / "val.jsonl.gz", "rt", encoding="utf-8") as f:
        for r, line in enumerate(f):
            row = json.loads(line)
            doc = document_from_dict({"title": row["title"], "text": row["body"], "id": row["id"]}, 0, "vnds")
            if doc is not None:
                yield f"vnds:{row['id']}", "vnds", doc.title or "", doc.text


def pick() -> None:
    from tomtat.ingest import document_from_dict

    pools: dict[str, dict[str, list]] = {}
    for aid, source, title, text in _candidates():
        if source != "vnds":
            doc = document_from_dict({"title": title, "text": text, "id": aid}, 0, source)
            if doc is None:
                continue
            text = doc.text
        if not 400 <= len(text) <= 1500:
            continue
        topic = _topic(title)
        if topic:
            pools.setdefault(source, {}).setdefault(topic, []).append((aid, source, topic, title, text))
    rng = random.Random(18)
    rows = []
    for source, n in PER_SOURCE.items():
        by_topic = {k: rng.sample(v, len(v)) for k, v in sorted(pools[source].items())}
        taken = 0
        while taken < n:
            for topic in TOPICS:
                if taken < n and by_topic.get(topic):
                    aid, src, tp, title, text = by_topic[topic].pop()
                    rows.append({"id": aid, "source": src, "topic": tp, "title": title, "text": text,
                                 "split": split_of(aid)})
                    taken += 1
    GOLD_DIR.mkdir(parents=True, exist_ok=True)
    with open(GOLD_DIR / "articles.jsonl", "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(len(rows), "articles")


def _occurrences(text: str, span: str) -> list[int]:
    out, i = [], text.find(span)
    while i >= 0:
        out.append(i)
        i = text.find(span, i + 1)
    return out


def _word_bounded(text: str, a: int, b: int) -> bool:
    return (a == 0 or not text[a - 1].isalnum()) and (b == len(text) or not text[b].isalnum())


def parse_ann(path: Path) -> dict[str, list[tuple[str, list[str]]]]:
    blocks: dict[str, list[tuple[str, list[str]]]] = {}
    current = None
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = unicodedata.normalize("NFC", line.rstrip())
        if not line.strip():
            continue
        if line.startswith("# "):
            current = blocks.setdefault(line[2:].strip(), [])
            continue
        tag, _, rest = line.partition(" ")
        if tag not in ("F", "N", "D") or current is None:
            raise SystemExit(f"{path.name}:{n}: not an annotation line: {line!r}")
        current.append((tag, [x.strip() for x in rest.split("|")], f"{path.name}:{n}"))
    return blocks


def build() -> None:
    articles = {}
    with open(GOLD_DIR / "articles.jsonl", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            articles[row["id"]] = row
    errors, out = [], []
    for path in sorted(GOLD_DIR.glob("*.ann")):
        for aid, lines in parse_ann(path).items():
            if aid not in articles:
                errors.append(f"{path.name}: unknown article {aid}")
                continue
            art = articles[aid]
            text = art["text"]
            figures, names, dates = [], [], []
            taken = {"F": [], "D": []}
            name_spans: list[tuple[int, int]] = []
            for tag, fields, where in lines:
                span = fields[0]
                if tag in ("F", "D"):
                    occ = [i for i in _occurrences(text, span)
                           if not any(i < b and a < i + len(span) for a, b in taken[tag])]
                    if not occ:
                        errors.append(f"{where}: {span!r} not in {aid} (or every occurrence taken)")
                        continue
                    a = occ[0]
                    taken[tag].append((a, a + len(span)))
                    if tag == "F":
                        f = (fields + [""] * 6)[:6]
                        if f[5] not in ("current", "earlier", "forecast", "hypothetical"):
                            errors.append(f"{where}: role {f[5]!r}")
                        if f[4] not in ("", "tăng", "giảm"):
                            errors.append(f"{where}: direction {f[4]!r}")
                        figures.append({"span": span, "start": a, "end": a + len(span), "unit": f[1],
                                        "core": f[2], "subject": f[3] or f[2], "direction": f[4], "role": f[5]})
                    else:
                        role = fields[1] if len(fields) > 1 else ""
                        if role not in ("event", "birth", "comparison", "period", "forecast", "name"):
                            errors.append(f"{where}: date role {role!r}")
                        dates.append({"span": span, "start": a, "end": a + len(span), "role": role})
                else:
                    kind = fields[1] if len(fields) > 1 else ""
                    if kind not in ("person", "organisation", "place", "event", "work", "product", "other"):
                        errors.append(f"{where}: kind {kind!r}")
                    occ = [i for i in _occurrences(text, span) if _word_bounded(text, i, i + len(span))]
                    if not occ:
                        errors.append(f"{where}: name {span!r} not in {aid}")
                    names.append((span, kind, occ))
            # a mention inside a longer name belongs to that name
            for span, kind, occ in sorted(names, key=lambda x: -len(x[0])):
                for a in occ:
                    b = a + len(span)
                    if any(x <= a and b <= y for x, y in name_spans):
                        continue
                    name_spans.append((a, b))
            mentions = []
            for span, kind, occ in names:
                for a in occ:
                    if (a, a + len(span)) in name_spans:
                        inside = any(x <= a and a + len(span) <= y and (x, y) != (a, a + len(span))
                                     for x, y in name_spans)
                        if not inside:
                            mentions.append({"span": span, "start": a, "end": a + len(span), "kind": kind})
            for item in figures + dates + mentions:
                assert text[item["start"]:item["end"]] == item["span"]
            out.append({**{k: art[k] for k in ("id", "source", "topic", "split", "title", "text")},
                        "figures": figures, "names": sorted(mentions, key=lambda m: m["start"]),
                        "dates": dates})
    if errors:
        print("\n".join(errors), file=sys.stderr)
        raise SystemExit(f"{len(errors)} errors; nothing written")
    out.sort(key=lambda r: r["id"])
    with open(OUT, "w", encoding="utf-8") as f:
        for row in out:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    n = {k: sum(len(r[k]) for r in out) for k in ("figures", "names", "dates")}
    print(f"{len(out)} articles ({sum(r['split'] == 'test' for r in out)} test), {n}")


if __name__ == "__main__":
    {"pick": pick, "build": build}[sys.argv[1]]()
