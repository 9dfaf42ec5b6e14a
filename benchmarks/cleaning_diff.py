"""Cleaned text of every article, for a before/after diff of a cleaning change.

    PYTHONPATH=<old>/src python benchmarks/cleaning_diff.py dump before.jsonl
    PYTHONPATH=src       python benchmarks/cleaning_diff.py dump after.jsonl
    python benchmarks/cleaning_diff.py diff before.jsonl after.jsonl

Articles: AbMuSu validation and train, ViMs, and the first ``--vnds`` VNDS articles (3,000),
each read as ``tomtat`` ingests it (``tomtat.to_documents``: title, sapo, text). ``diff``
counts, per source, the articles whose text changed, and among them those that lost a sentence
they had before (a "loss"), and prints what was lost or gained for reading.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"


def articles(data: Path, n_vnds: int):
    for name, path in (
        ("abmusu_validation", data / "abmusu" / "validation.jsonl"),
        ("abmusu_train", data / "abmusu" / "train.jsonl"),
        ("vims", data / "vims" / "train.jsonl"),
    ):
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f, start=1):
                row = json.loads(line)
                for j, doc in enumerate(row.get("single_documents") or row.get("documents") or []):
                    yield name, f"{row.get('id') or number}/{j}", {
                        "title": doc.get("title"), "lead": doc.get("anchor_text"), "text": doc.get("raw_text") or doc.get("text"),
                    }
    with gzip.open(data / "vnds" / "val.jsonl.gz", "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i >= n_vnds:
                break
            row = json.loads(line)
            yield "vnds", row["id"], {"title": row.get("title"), "lead": row.get("abstract"), "text": row.get("body")}


def dump(out: Path, data: Path, n_vnds: int) -> None:
    import tomtat
    from tomtat.errors import InputError

    with open(out, "w", encoding="utf-8") as sink:
        for source, key, item in articles(data, n_vnds):
            try:
                doc = tomtat.to_documents([item])[0]
                text, warnings = doc.text, list(doc.warnings)
            except InputError as err:
                text, warnings = None, [str(err)]
            sink.write(json.dumps({"source": source, "id": key, "text": text, "warnings": warnings}, ensure_ascii=False) + "\n")


def diff(before: Path, after: Path, show: int) -> None:
    from tomtat.text.sentences import split_sentences

    # the two dumps list the same articles in the same order (AbMuSu rows have no id)
    old = [json.loads(line) for line in open(before, encoding="utf-8")]
    new = [json.loads(line) for line in open(after, encoding="utf-8")]
    assert len(old) == len(new)
    stats: dict[str, dict[str, int]] = {}
    shown = 0
    for n, (a, b) in enumerate(zip(old, new)):
        key = (a["source"], a["id"], n)
        s = stats.setdefault(key[0], {"articles": 0, "changed": 0, "lost_sentences": 0, "gained_sentences": 0, "warnings_changed": 0})
        s["articles"] += 1
        if a["warnings"] != b["warnings"]:
            s["warnings_changed"] += 1
        if a["text"] == b["text"]:
            continue
        s["changed"] += 1
        sa = {a["text"][i:j] for i, j in split_sentences(a["text"])} if a["text"] else set()
        sb = {b["text"][i:j] for i, j in split_sentences(b["text"])} if b["text"] else set()
        lost, gained = sa - sb, sb - sa
        s["lost_sentences"] += len(lost)
        s["gained_sentences"] += len(gained)
        if shown < show:
            shown += 1
            print(f"--- {key}: lost {len(lost)}, gained {len(gained)}")
            for x in sorted(lost)[:3]:
                print("  - " + x[:200])
            for x in sorted(gained)[:3]:
                print("  + " + x[:200])
    print(json.dumps(stats, indent=1))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("command", choices=["dump", "diff"])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--vnds", type=int, default=3000)
    parser.add_argument("--show", type=int, default=40)
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.files[0], args.data, args.vnds)
    else:
        diff(args.files[0], args.files[1], args.show)


if __name__ == "__main__":
    sys.exit(main())
