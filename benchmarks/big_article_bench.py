"""One very long article: seconds and peak memory to summarize it (issue #20: 1 MB took 32 s,
57 of 60 profiled seconds in the caption features, which compared every line with every line).

    python benchmarks/big_article_bench.py --mb 1
    PYTHONPATH=<old checkout>/src python benchmarks/big_article_bench.py --mb 1   # the peer

The article is AbMuSu validation's articles one after another (one paragraph a line) until
the size is reached: real Vietnamese text, deterministic.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"


def long_article(megabytes: float) -> str:
    parts: list[str] = []
    size = 0
    while size < megabytes * 1e6:
        with open(DATA / "abmusu" / "validation.jsonl", encoding="utf-8") as f:
            for line in f:
                for doc in json.loads(line)["single_documents"]:
                    parts.append(doc["raw_text"])
                    size += len(doc["raw_text"].encode("utf-8"))
                    if size >= megabytes * 1e6:
                        return "\n".join(parts)
    return "\n".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=float, default=1.0)
    args = parser.parse_args()
    text = long_article(args.mb)
    import tomtat
    from tomtat.text.captions import article_features

    tomtat.summarize(["Hà Nội mưa lớn chiều 5/9. Nhiều tuyến phố ngập sâu."], max_words=20)  # load models
    start = time.perf_counter()
    doc = tomtat.to_documents([{"title": "Bài dài", "text": text}])[0]
    cleaned = time.perf_counter() - start
    lines = doc.text.split("\n")
    t0 = time.perf_counter()
    article_features(lines, "Bài dài")
    features = time.perf_counter() - t0
    summary = tomtat.summarize([doc], max_words=200)
    total = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({
        "bytes": len(text.encode("utf-8")), "lines": len(lines), "clean_s": round(cleaned, 1),
        "caption_features_again_s": round(features, 2), "total_s": round(total, 1),
        "peak_rss_mb": round(peak), "summary_sentences": len(summary.sentences),
    }))


if __name__ == "__main__":
    main()
