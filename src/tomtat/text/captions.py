"""Photo captions inside running text, told by a small learned model.

A caption ("Sân bay Đồng Hới.", "Lính cứu hỏa vất vả tiếp cận đám cháy.") reads like a
sentence but is not part of the story. The model judges each line among its neighbours:
dense features of the line's shape (length, final stop, capitals, quotes, digits), its words
(a linear n-gram score, and a few word classes: verbs of saying, depiction, connectives
that tie a sentence to the one before), and its place (position, words shared with the
lines around it and with the title). A gradient-boosted tree ensemble over those features
gives the probability; the trees and the n-gram weights are plain numbers in
``tomtat/data/captions.json``, rebuilt by ``scripts/train_captions.py`` (labels free from
VNDS: a body line equal to one of the page's captions).

The article is read as a page shows it: the sapo first. Give it as the first line when the
source has one apart (AbMuSu ``anchor_text``, VNDS ``abstract``); without one, the first line
is taken for the sapo. The model then learns that the line after the sapo is often the top
photo's caption while the sapo itself never is, which is what keeps ViMs leads. Threshold 0.9
(in the model file): held-out VNDS precision 0.97, recall 0.60; on ViMs and AbMuSu every line
it removes is a caption (see the script's docstring).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources

import numpy as np

from tomtat.text.sentences import ABBREVIATIONS
from tomtat.text.words import bigram_set, syllables

MAX_CAPTION_WORDS = 60  # longer lines are never judged

_DIGITS = re.compile(r"\d+")
_DIGIT = re.compile(r"\d")
_SAYING = re.compile(
    r"\b(cho biết|cho hay|nói|khẳng định|cho rằng|nhấn mạnh|chia sẻ|thông tin|tiết lộ|"
    r"bày tỏ|kể|giải thích|thừa nhận|tuyên bố|nhận định|đánh giá|yêu cầu|đề nghị|theo)\b",
    re.I,
)
_DEPICT = re.compile(
    r"\b(chụp|trao|tặng hoa|phát biểu tại|phát biểu trong|tại buổi|tại lễ|tại hội|bên trong|"
    r"bên ngoài|hiện trường|toàn cảnh|quang cảnh|cảnh|khung cảnh|ảnh|hình ảnh|minh họa|"
    r"từ trái sang|từ trái qua|thứ hai|thứ ba|giữa|đứng|ngồi|tham quan|kiểm tra|thăm)\b",
    re.I,
)
# a sentence that opens like this follows another one
_CONNECTIVE = re.compile(
    r"^(tuy nhiên|trong khi đó|theo đó|ngoài ra|bên cạnh đó|do đó|vì vậy|vì thế|tuy vậy|"
    r"đồng thời|sau đó|trước đó|cùng ngày|hiện|hiện nay|thậm chí|mặt khác|đặc biệt|riêng|"
    r"còn|nhưng|và|song|dù vậy|ông|bà|anh|chị|họ|đây|điều này|việc này|theo|khi|nếu|"
    r"tại|trong|với|để|từ|sau|trước|ngày|sáng|chiều|tối|trưa|đêm)\b",
    re.I,
)
_ANAPHORA = re.compile(r"\b(này|đó|trên|nói trên|kể trên|vừa qua)\b", re.I)
_TIME = re.compile(
    r"\b(\d{1,2}[/-]\d{1,2}([/-]\d{2,4})?|\d{1,2}h\d{0,2}|sáng|trưa|chiều|tối|đêm|hôm|ngày|tháng|"
    r"năm \d{4})\b",
    re.I,
)
_QUOTE = re.compile(r"[\"“”«»]")
_CREDIT = re.compile(r"^\(?\s*(ảnh|nguồn|video|đồ họa|clip)\s*:", re.I)
_FINAL = re.compile(r"[.!?…]['\"”’)]*$")


_LAST_TOKEN = re.compile(r"([\w.]+)\.$")


def judged(line: str, next_line: str = "") -> bool:
    """Can ``line`` be a caption at all? Not when it is long, introduces what follows (ends
    with ":"), leaves a bracket or quote open, or is a sentence cut at an abbreviation
    ("Công an TP." + "Việt Trì phối hợp ...") or continued by a lower-case next line."""
    text = line.strip()
    if not text or len(text.split()) > MAX_CAPTION_WORDS or text.endswith(":"):
        return False
    if text.count("(") != text.count(")") or text.count("“") != text.count("”") or text.count('"') % 2:
        return False
    last = _LAST_TOKEN.search(text)
    if last and last.group(1).lower().rstrip(".") in ABBREVIATIONS:
        return False
    return not next_line.strip()[:1].islower()


def _share(mine: set, other: set) -> float:
    return len(mine & other) / len(mine) if mine else 0.0


REST_BLOCK = 256  # lines whose overlaps are counted at once: a block x lines matrix at most


def _rest_max(bigrams_of: Sequence[set], wanted: Sequence[int]) -> list[float]:
    """For each line of ``wanted``: its largest ``_share`` with another line's bigrams, the
    same number as comparing it with every line in Python (27 million comparisons for a 1 MB
    article), counted as a sparse product of line x bigram incidence, a block of lines at a time."""
    from scipy.sparse import csr_matrix

    vocabulary: dict = {}
    indices: list[int] = []
    indptr = [0]
    for bg in bigrams_of:
        indices.extend(vocabulary.setdefault(b, len(vocabulary)) for b in bg)
        indptr.append(len(indices))
    if not vocabulary:
        return [0.0] * len(wanted)
    incidence = csr_matrix(
        (np.ones(len(indices), dtype=np.int32), np.array(indices, dtype=np.int64), np.array(indptr)),
        shape=(len(bigrams_of), len(vocabulary)),
    )
    transposed = incidence.T.tocsr()
    out: list[float] = []
    for start in range(0, len(wanted), REST_BLOCK):
        block = list(wanted[start : start + REST_BLOCK])
        common = (incidence[block] @ transposed).tocoo()
        data = common.data.copy()
        data[common.col == np.array(block)[common.row]] = 0  # not with itself
        best = np.zeros(len(block), dtype=np.int64)
        np.maximum.at(best, common.row, data)
        out.extend(
            int(count) / len(bigrams_of[i]) if bigrams_of[i] else 0.0 for count, i in zip(best, block)
        )
    return out


def _unigram_share(mine: Sequence[str], other: set[str]) -> float:
    return sum(1 for w in mine if w in other) / len(mine) if mine else 0.0


def ngrams(words: Sequence[str]) -> set[str]:
    """The n-gram names the linear part of the model scores: syllables, bigrams, first and
    last syllables (digits as 0)."""
    words = [_DIGITS.sub("0", w) for w in words]
    out = {f"u:{w}" for w in words} | {f"b:{a} {b}" for a, b in zip(words, words[1:])}
    if words:
        out.add(f"first:{words[0]}")
        out.add(f"last:{words[-1]}")
        if len(words) > 1:
            out.add(f"first2:{words[0]} {words[1]}")
    return out


# the dense features, in this order (the trees refer to them by index)
FEATURE_NAMES = (
    "ngram_score",
    "words",
    "log_words_vs_median",
    "prev_words",
    "next_words",
    "position",
    "relative_position",
    "is_first",
    "is_last",
    "lines",
    "final_stop",
    "prev_final_stop",
    "next_final_stop",
    "ends_colon",
    "prev_ends_colon",
    "commas",
    "capital_share",
    "digits",
    "quotes",
    "parentheses",
    "dash",
    "saying",
    "depict",
    "connective_start",
    "anaphora",
    "time",
    "starts_dateline",
    "next_starts_dateline",
    "next_is_credit",
    "prev_is_credit",
    "share_prev",
    "share_next",
    "prev_next_share",
    "share_title",
    "unigram_share_title",
    "share_rest_max",
    "share_rest_all",
    "next_connective",
    "prev_words_vs_line",
    "lower_start",
    "share_first",
    "unigram_share_first",
)

_DATELINE = re.compile(
    r"^(?:\(?[A-ZĐ][\w.]*\)?\s*[-–—]\s*)?(?:(?:sáng|trưa|chiều|tối|đêm|rạng sáng|ngày|hôm|hôm nay|hôm qua|"
    r"tuần|tháng|năm|chiều tối|cuối|đầu)\b|\d{1,2}[/-]\d{1,2})",
    re.I,
)


def article_features(
    lines: Sequence[str], title: str = "", only: Sequence[int] | None = None
) -> tuple[list[list[float]], list[set[str]]]:
    """Dense features (``FEATURE_NAMES`` order, ``ngram_score`` left 0) and n-gram names of
    every line of one article (plain, restored text, one sentence or paragraph a line), or of
    the lines ``only`` (in that order), each still seen among all its neighbours."""
    words_of = [syllables(line) for line in lines]
    bigrams_of = [bigram_set(w) for w in words_of]
    title_words = syllables(title)
    title_bigrams = bigram_set(title_words)
    title_set = set(title_words)
    n = len(lines)
    lengths = [len(line.split()) for line in lines]
    median = sorted(lengths)[n // 2] if n else 1
    all_bigrams: dict[tuple[str, str], int] = {}
    for bg in bigrams_of:
        for b in bg:
            all_bigrams[b] = all_bigrams.get(b, 0) + 1
    first_set = set(words_of[0]) if n else set()
    wanted = list(range(n)) if only is None else list(only)
    rest_max_of = dict(zip(wanted, _rest_max(bigrams_of, wanted)))
    rows: list[list[float]] = []
    grams: list[set[str]] = []
    for i in range(n) if only is None else only:
        line = lines[i]
        words = words_of[i]
        mine = bigrams_of[i]
        tokens = line.split()
        prev = lines[i - 1] if i > 0 else ""
        nxt = lines[i + 1] if i + 1 < n else ""
        prev_bg = bigrams_of[i - 1] if i > 0 else set()
        next_bg = bigrams_of[i + 1] if i + 1 < n else set()
        rest_max = rest_max_of[i]
        rest_all = sum(1 for b in mine if all_bigrams.get(b, 0) > 1) / len(mine) if mine else 0.0
        capitals = sum(1 for t in tokens[1:] if t[:1].isupper())
        feats = {
            "ngram_score": 0.0,
            "words": float(len(tokens)),
            "log_words_vs_median": math.log((len(tokens) + 1) / (median + 1)),
            "prev_words": float(lengths[i - 1]) if i > 0 else -1.0,
            "next_words": float(lengths[i + 1]) if i + 1 < n else -1.0,
            "position": float(i),
            "relative_position": i / max(n - 1, 1),
            "is_first": float(i == 0),
            "is_last": float(i == n - 1),
            "lines": float(n),
            "final_stop": float(bool(_FINAL.search(line))),
            "prev_final_stop": float(bool(_FINAL.search(prev))) if i > 0 else -1.0,
            "next_final_stop": float(bool(_FINAL.search(nxt))) if nxt else -1.0,
            "ends_colon": float(line.rstrip().endswith(":")),
            "prev_ends_colon": float(prev.rstrip().endswith(":")),
            "commas": float(line.count(",")),
            "capital_share": capitals / max(len(tokens) - 1, 1),
            "digits": float(len(_DIGIT.findall(line))),
            "quotes": float(len(_QUOTE.findall(line))),
            "parentheses": float(line.count("(")),
            "dash": float(sum(line.count(d) for d in (" - ", " – ", " — "))),
            "saying": float(len(_SAYING.findall(line))),
            "depict": float(len(_DEPICT.findall(line))),
            "connective_start": float(bool(_CONNECTIVE.match(line))),
            "anaphora": float(len(_ANAPHORA.findall(line))),
            "time": float(len(_TIME.findall(line))),
            "starts_dateline": float(bool(_DATELINE.match(line))),
            "next_starts_dateline": float(bool(_DATELINE.match(nxt))) if nxt else -1.0,
            "next_is_credit": float(bool(_CREDIT.match(nxt))),
            "prev_is_credit": float(bool(_CREDIT.match(prev))),
            "share_prev": _share(mine, prev_bg),
            "share_next": _share(mine, next_bg),
            "prev_next_share": _share(next_bg, prev_bg) if i > 0 and i + 1 < n else -1.0,
            "share_title": _share(mine, title_bigrams),
            "unigram_share_title": _unigram_share(words, title_set),
            "share_rest_max": rest_max,
            "share_rest_all": rest_all,
            "next_connective": float(bool(_CONNECTIVE.match(nxt))) if nxt else -1.0,
            "prev_words_vs_line": math.log((lengths[i - 1] + 1) / (len(tokens) + 1)) if i > 0 else 0.0,
            "lower_start": float(line[:1].islower()),
            "share_first": _share(mine, bigrams_of[0]) if i > 0 else -1.0,
            "unigram_share_first": _unigram_share(words, first_set) if i > 0 else -1.0,
        }
        rows.append([feats[name] for name in FEATURE_NAMES])
        grams.append(ngrams(words))
    return rows, grams


class CaptionModel:
    """Trees over :func:`article_features`, plus the linear n-gram score they read.

    ``model`` is the plain data of ``captions.json``: ``ngram_weights`` and ``ngram_bias``
    (the linear score), ``baseline`` and ``trees`` (each a list of nodes ``[feature,
    threshold, left, right, value]``, feature -1 at a leaf; a row goes left when its value is
    at most the threshold) and ``threshold`` (the probability from which a line is a caption).
    """

    def __init__(self, model: dict) -> None:
        self.ngram_weights: dict[str, float] = model["ngram_weights"]
        self.ngram_bias: float = model["ngram_bias"]
        self.baseline: float = model["baseline"]
        self.threshold: float = model["threshold"]
        # all trees in flat arrays, walked together: a leaf points to itself
        feature, cut, left, right, value, roots = [], [], [], [], [], []
        depth = 0
        for nodes in model["trees"]:
            base = len(feature)
            roots.append(base)
            for k, (f, t, lo, hi, v) in enumerate(nodes):
                leaf = f < 0
                feature.append(0 if leaf else int(f))
                cut.append(math.inf if leaf else float(t))
                left.append(base + (k if leaf else int(lo)))
                right.append(base + (k if leaf else int(hi)))
                value.append(float(v))
            depth = max(depth, _depth(nodes))
        self._feature = np.array(feature, dtype=np.intp)
        self._cut = np.array(cut)
        self._left = np.array(left, dtype=np.intp)
        self._right = np.array(right, dtype=np.intp)
        self._value = np.array(value)
        self._roots = np.array(roots, dtype=np.intp)
        self._depth = depth

    def ngram_score(self, grams: set[str]) -> float:
        return self.ngram_bias + sum(self.ngram_weights.get(g, 0.0) for g in grams)

    def raw_scores(self, rows: np.ndarray) -> np.ndarray:
        """The trees' summed log-odds of each row (``FEATURE_NAMES`` columns)."""
        node = np.broadcast_to(self._roots, (len(rows), len(self._roots))).copy()
        line = np.arange(len(rows))[:, None]
        for _ in range(self._depth):
            go_left = rows[line, self._feature[node]] <= self._cut[node]
            node = np.where(go_left, self._left[node], self._right[node])
        return self.baseline + self._value[node].sum(axis=1)

    def probabilities(self, lines: Sequence[str], title: str = "") -> list[float]:
        """The caption probability of every line (0 for a line that is not :func:`judged`)."""
        todo = [i for i, line in enumerate(lines) if judged(line, lines[i + 1] if i + 1 < len(lines) else "")]
        out = [0.0] * len(lines)
        if not todo:
            return out
        rows, grams = article_features(lines, title, only=todo)
        matrix = np.array(rows, dtype=float)
        matrix[:, 0] = [self.ngram_score(g) for g in grams]
        z = np.clip(self.raw_scores(matrix), -30.0, 30.0)
        for i, p in zip(todo, 1.0 / (1.0 + np.exp(-z))):
            out[i] = float(p)
        return out

    def captions(self, lines: Sequence[str], title: str = "") -> list[bool]:
        return [p >= self.threshold for p in self.probabilities(lines, title)]


def _depth(nodes: list) -> int:
    """Edges on the longest root-to-leaf path of one tree."""
    best, stack = 0, [(0, 0)]
    while stack:
        k, d = stack.pop()
        if nodes[k][0] < 0:
            best = max(best, d)
        else:
            stack += [(int(nodes[k][2]), d + 1), (int(nodes[k][3]), d + 1)]
    return best


@lru_cache(maxsize=1)
def load_model() -> CaptionModel:
    text = resources.files("tomtat.data").joinpath("captions.json").read_text(encoding="utf-8")
    return CaptionModel(json.loads(text))
