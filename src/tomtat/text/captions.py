"""Photo captions inside running text, told by a small learned model.

A caption ("Tổng thống Mỹ Donald Trump.", "Cảnh sát áp giải Đoàn Thị Hương rời phiên tòa ở
Sepang, Malaysia, ngày 1/3.") reads like a sentence but is not part of the story. The model
is a logistic regression over syllable n-grams, the line's shape (length, final stop,
capitals, parentheses) and its place among its neighbours (position, words shared with the
lines around it), trained on VNDS pages whose captions are labelled (a body line equal to
one of the page's captions). ``scripts/train_captions.py`` rebuilds
``src/tomtat/data/captions.json``; the weights load lazily, once.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

from tomtat.text.words import syllables

_DIGITS = re.compile(r"\d+")
_PAREN = re.compile(r"\(([^()]{1,20})\)")
_LENGTH_BINS = (3, 5, 8, 12, 16, 20, 25, 30, 40, 60)
_ENDINGS = '.?!:;”")…'
MAX_CAPTION_WORDS = 60  # longer lines are never judged


def _bin(value: float, edges: Sequence[float]) -> int:
    for i, edge in enumerate(edges):
        if value <= edge:
            return i
    return len(edges)


def _bigrams(words: list[str]) -> set[tuple[str, str]]:
    return set(zip(words, words[1:]))


def _shared(words: list[str], other: list[str]) -> float:
    mine = _bigrams(words)
    return len(mine & _bigrams(other)) / len(mine) if mine else 0.0


_DATELINE = re.compile(
    r"^(?:\(?[A-ZĐ][\w.]*\)?\s*[-–—]\s*)?(?:(?:sáng|trưa|chiều|tối|đêm|rạng sáng|ngày|hôm|hôm nay|hôm qua|tuần|"
    r"tháng|năm|theo|chiều tối|cuối|đầu)\b|\d{1,2}[/-]\d{1,2})",
    re.I,
)


def line_features(lines: Sequence[str], i: int, title: str = "") -> dict[str, float]:
    """Features of ``lines[i]`` among its neighbours (plain, restored text) and the title."""
    return article_features(lines, title, only=i)[0]


def article_features(lines: Sequence[str], title: str = "", only: int | None = None) -> list[dict[str, float]]:
    """:func:`line_features` of every line (or of line ``only``), each line's syllables read once."""
    words_of = [syllables(line) for line in lines]
    title_words = syllables(title)
    n = len(lines)
    out = []
    for i in range(n) if only is None else (only,):
        line = lines[i]
        lower = words_of[i]
        words = [_DIGITS.sub("0", w) for w in lower]
        tokens = line.split()
        feats: dict[str, float] = {"bias": 1.0}
        for w in set(words):
            feats[f"u:{w}"] = 1.0
        for a, b in _bigrams(words):
            feats[f"b:{a} {b}"] = 1.0
        if words:
            feats[f"first:{words[0]}"] = 1.0
            feats[f"last:{words[-1]}"] = 1.0
            if len(words) > 1:
                feats[f"first2:{words[0]} {words[1]}"] = 1.0
        feats[f"len:{_bin(len(tokens), _LENGTH_BINS)}"] = 1.0
        end = line.rstrip()[-1:] if line.strip() else ""
        feats["end:" + (end if end and end in _ENDINGS else "none")] = 1.0
        feats[f"commas:{min(line.count(','), 4)}"] = 1.0
        capitals = sum(1 for t in tokens[1:] if t[:1].isupper())
        feats[f"caps:{_bin(capitals / max(len(tokens) - 1, 1), (0.0, 0.1, 0.2, 0.35, 0.5))}"] = 1.0
        for m in _PAREN.finditer(line):
            feats[f"paren:{m.group(1).strip().lower()}"] = 1.0
        if any(c.isdigit() for c in line):
            feats["digit"] = 1.0
        feats[f"pos:{'first' if i == 0 else 'last' if i == n - 1 else _bin(i / max(n - 1, 1), (0.25, 0.5, 0.75))}"] = 1.0
        prev = words_of[i - 1] if i > 0 else []
        nxt = words_of[i + 1] if i + 1 < n else []
        feats[f"prev:{_bin(_shared(lower, prev), (0.0, 0.05, 0.15, 0.3))}"] = 1.0
        feats[f"next:{_bin(_shared(lower, nxt), (0.0, 0.05, 0.15, 0.3))}"] = 1.0
        prev_len = len(lines[i - 1].split()) if i > 0 else 0
        feats[f"prevlen:{_bin(prev_len, _LENGTH_BINS)}"] = 1.0
        at = "first" if i == 0 else "other"
        feats[f"{at}&title:{_bin(_shared(lower, title_words), (0.0, 0.1, 0.25, 0.5))}"] = 1.0
        feats[f"{at}&len:{_bin(len(tokens), _LENGTH_BINS)}"] = 1.0
        feats[f"{at}&dateline:{int(bool(_DATELINE.match(line)))}"] = 1.0
        if i + 1 < n:
            feats[f"{at}&next_dateline:{int(bool(_DATELINE.match(lines[i + 1])))}"] = 1.0
            feats[f"{at}&nextlen:{_bin(len(lines[i + 1].split()), _LENGTH_BINS)}"] = 1.0
        out.append(feats)
    return out


def vnds_bucket(article_id: str) -> int:
    """0-99 by the sha256 of a VNDS article id: buckets 80-99 are held out from training."""
    import hashlib

    return int(hashlib.sha256(article_id.encode()).hexdigest(), 16) % 100


def is_held_out(article_id: str) -> bool:
    """Is this VNDS article in the part set aside to measure the model (a fifth)?"""
    return vnds_bucket(article_id) >= 80


class CaptionModel:
    """A linear model over :func:`line_features`: ``probability(lines, i)``."""

    def __init__(self, weights: dict[str, float], threshold: float) -> None:
        self.weights = weights
        self.threshold = threshold

    def _probability(self, features: dict[str, float]) -> float:
        z = sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def probabilities(self, lines: Sequence[str], title: str = "") -> list[float]:
        """The caption probability of every line (0 for lines over ``MAX_CAPTION_WORDS``)."""
        return [
            0.0 if len(line.split()) > MAX_CAPTION_WORDS else self._probability(features)
            for line, features in zip(lines, article_features(lines, title))
        ]

    def captions(self, lines: Sequence[str], title: str = "") -> list[bool]:
        return [p >= self.threshold for p in self.probabilities(lines, title)]


@lru_cache(maxsize=1)
def caption_model() -> CaptionModel:
    """The shipped model (``tomtat/data/captions.json``), loaded on first use."""
    data = json.loads(resources.files("tomtat").joinpath("data/captions.json").read_text(encoding="utf-8"))
    return CaptionModel(data["weights"], data["threshold"])
