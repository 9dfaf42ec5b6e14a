"""Small batch inputs for the batch, resume and Dask tests: clusters of real Vietnamese
sentences drawn (seeded) from the demo cluster in examples/demo."""

from __future__ import annotations

import json
import random
from pathlib import Path

DEMO_DIR = Path(__file__).resolve().parents[1] / "examples" / "demo"
CHEAP = ("--method", "lead", "--no-facts", "--no-timeline", "--max-words", "60")


def demo_sentences() -> list[str]:
    """The sentences of the demo articles (word-segmented, as shipped)."""
    sentences = []
    for path in sorted(DEMO_DIR.glob("*.txt")):
        text = " ".join(path.read_text(encoding="utf-8").split())
        sentences += [s.strip() + " ." for s in text.split(" . ") if len(s.split()) >= 6]
    return sentences


def make_clusters(n: int, seed: int = 6) -> list[dict]:
    """``n`` clusters of 2-3 short articles, each 3-5 sentences."""
    rng = random.Random(seed)
    pool = demo_sentences()
    clusters = []
    for i in range(n):
        docs = [
            {"title": f"Bài {j + 1}", "text": " ".join(rng.sample(pool, rng.randint(3, 5)))}
            for j in range(rng.randint(2, 3))
        ]
        clusters.append({"id": f"c{i:03d}", "documents": docs})
    return clusters


def write_jsonl(path: Path, rows: list, extra_lines: dict[int, str] | None = None) -> Path:
    """Write rows as JSONL; ``extra_lines`` puts raw lines (e.g. malformed) before row indexes."""
    lines = []
    for i, row in enumerate(rows):
        if extra_lines and i in extra_lines:
            lines.append(extra_lines[i])
        lines.append(json.dumps(row, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
