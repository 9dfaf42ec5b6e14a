"""How a summary reads: which sentence opens it, which sentences lean on the one before, and
which lines are credits rather than sentences of the story.

- :func:`leaning` names why a sentence depends on the sentence before it in its article: a
  discourse opener ("Trước đó, …", "Tuy nhiên, …", "Theo đó, …", "Dịp này, …", "Đó là …"), a bare
  pronoun ("Ông cho biết …", "Họ …": no name follows), a demonstrative early in the sentence
  ("Các trang tin này …", "Vụ việc …"). ``None``: it stands on its own.
- :func:`credit_line` is true for a source line, byline or credit ("Theo TTXVN và Báo Chính
  phủ", "Nguồn: VnExpress", "(Ảnh: Ngọc Thành)"): never a summary sentence.
- :func:`opener_scores` scores how likely each sentence is the one a human summary starts from:
  a logistic regression over the columns of :func:`opener_columns` (position, length, names,
  a day, a news verb, the title's words, leaning, quotes), trained by
  ``scripts/train_opener.py`` on which article sentence best matches the first sentence of
  the human summaries of AbMuSu train, ViMs and part of VNDS (its abstracts), shipped as plain
  numbers in ``tomtat/data/opener.json`` and read once, lazily.
"""

from __future__ import annotations

import json
import math
import re
import threading
from importlib import resources
from collections.abc import Sequence
from typing import Any

from tomtat.errors import ConfigError
from tomtat.models import Cluster, Sentence
from tomtat.text.words import syllable_bigrams

Key = tuple[str, int]

# discourse openers: the sentence continues what the one before said
_DISCOURSE = (
    "trước đó", "tuy nhiên", "theo đó", "dịp này", "đó là", "đây là", "điều này", "việc này",
    "do đó", "do vậy", "vì vậy", "vì thế", "bởi vậy", "chính vì vậy", "chính vì thế", "như vậy",
    "ngoài ra", "bên cạnh đó", "sau đó", "khi đó", "lúc đó", "lúc này", "khi ấy", "lúc ấy",
    "trong khi đó", "cùng ngày", "cùng với đó", "cũng trong", "cũng theo", "cũng tại", "tại đây",
    "ở đây", "từ đó", "thêm vào đó", "không chỉ vậy", "không chỉ thế", "mặt khác", "đồng thời",
    "trong đó", "thế nhưng", "nhưng", "song", "còn", "và", "mà", "ngay sau đó",
    "tiếp đó", "kế đó", "hơn nữa", "thậm chí", "nói thêm", "đáp lại", "ngược lại",
    "tương tự", "cũng vậy", "người này", "nơi đây", "vậy", "cụ thể", "theo tờ báo", "theo báo này",
)  # fmt: skip
_DISCOURSE_RE = re.compile(
    r"^[\"“‘'(\-–—\s]*(" + "|".join(sorted((re.escape(w) for w in _DISCOURSE), key=len, reverse=True)) + r")(?=[\s,.:;!?]|$)",
    re.I,
)
_CONJUNCTIONS = {"và", "song"}  # also family names (Hmong "Và", Korean "Song")
# a pronoun opening the sentence, with no name after it: "Ông cho biết", "Bà nói", "Họ đã"
_PRONOUN_RE = re.compile(r"^[\"“‘'(\s]*(?:theo\s+)?(ông|bà|anh|chị|cô|họ|nó|em|hắn|cậu|chúng|gã)(?=[\s,]|$)(\s+(\S+))?", re.I)
_ALWAYS_BARE = {"họ", "nó", "hắn", "chúng", "gã"}
_TIME_NOUNS = {"tuần", "tháng", "năm"}  # "tuần này": this week, not a pointer back
# "này"/"đó"/"ấy"/"trên" pointing back, among the first syllables: "Các trang tin này", "Vụ việc trên"
_DEMONSTRATIVE = {"này", "đó", "ấy", "nọ"}
_BACK_NOUNS = re.compile(r"^[\"“‘'(\s]*(vụ việc|sự việc|sự cố|vụ án|vụ tai nạn|thông tin|vụ|việc)\s+(này|trên|đó|ấy)(\W+(\w+))?", re.I)
_BARE_INCIDENT = re.compile(r"^[\"“‘'(\s]*(vụ việc|sự việc)(?=[\s,.]|$)", re.I)
EARLY_SYLLABLES = 3  # "Vụ án này", "Đối tượng này"; one more after "các", "trong"...: "Các trang tin này"
_NOUN_PHRASE_OPENERS = {
    "các", "những", "mọi", "hai", "ba", "bốn", "mấy", "nhiều", "trong", "tại", "với", "sau", "từ",
    "vì", "do", "qua", "theo", "ở", "cả", "toàn",
}  # fmt: skip


# discourse openers that only relate the sentence to what came before ("besides", "however",
# "before that"): after any sentence of the same story a reader follows them, so they may sit
# anywhere but first. The others point at something the sentence before named ("Theo đó" a
# decision, "Đây là" a thing, "Cụ thể" a claim) and need that sentence (:func:`needs_antecedent`).
CONNECTIVES = frozenset((
    "trước đó", "sau đó", "ngay sau đó", "tiếp đó", "kế đó", "ngoài ra", "bên cạnh đó",
    "cùng với đó", "thêm vào đó", "đồng thời", "trong khi đó", "tuy nhiên", "nhưng", "thế nhưng",
    "song", "mặt khác", "hơn nữa", "thậm chí", "không chỉ vậy", "không chỉ thế", "và", "còn", "mà",
    "như vậy", "ngược lại", "nói thêm", "cũng trong", "cũng theo", "cũng tại",
))  # fmt: skip
assert CONNECTIVES <= set(_DISCOURSE)


def _discourse_opener(text: str) -> str | None:
    """The discourse opener ``text`` (stripped) starts with, lower-cased, or None."""
    m = _DISCOURSE_RE.match(text)
    if not m:
        return None
    after = text[m.end(1):].lstrip(" ,")
    # "Và Xái Vừ", "Song Hye-kyo": these conjunctions before a capital are names
    if m.group(1).lower() in _CONJUNCTIONS and after[:1].isupper() and text[m.end(1):m.end(1) + 1] == " ":
        return None
    return m.group(1).lower()


def needs_antecedent(text: str) -> bool:
    """Whether ``text`` points at something only the sentence before it names: a bare pronoun,
    a demonstrative, or a discourse opener other than the :data:`CONNECTIVES` ("Theo đó",
    "Đây là", "Cụ thể", "Do đó"). Such a sentence is told right after that one or not at all
    (``tomtat.select.select_reading`` weighs it down when that one is not chosen)."""
    opener = _discourse_opener(text.strip())
    if opener is not None:
        return opener not in CONNECTIVES
    return leaning(text) is not None


def leaning(text: str) -> str | None:
    """Why ``text`` needs the sentence before it ("discourse", "pronoun", "demonstrative"), or
    None when it reads on its own."""
    text = text.strip()
    if not text:
        return None
    if _discourse_opener(text) is not None:
        return "discourse"
    m = _PRONOUN_RE.match(text)
    if m:
        pronoun, following = m.group(1).lower(), m.group(3) or ""
        if pronoun in _ALWAYS_BARE and not following[:1].isupper():
            return "pronoun"
        if pronoun not in _ALWAYS_BARE and not following[:1].isupper() and not following[:1].isdigit():
            return "pronoun"
    m = _BACK_NOUNS.match(text)
    if m and not (m.group(2).lower() == "trên" and (m.group(4) or "")[:1].isupper()):
        return "demonstrative"
    if _BARE_INCIDENT.match(text):
        return "demonstrative"
    words = [w.strip(",.;:!?\"“”()").lower() for w in text.split()[: EARLY_SYLLABLES + 1]]
    if words and words[0] not in _NOUN_PHRASE_OPENERS:
        words = words[:EARLY_SYLLABLES]
    if any(w in _DEMONSTRATIVE and words[k] not in _TIME_NOUNS for k, w in enumerate(words[1:])):
        return "demonstrative"
    return None


# a credit, byline or source line: "Theo TTXVN và Báo Chính phủ", "Nguồn: VnExpress",
# "(Ảnh: Ngọc Thành)", "Bài và ảnh: Hoài Thu", "PV", "Nhóm PV"
_CREDIT_LABEL = re.compile(
    r"^[\s(\[]*(nguồn|ảnh|ảnh minh họa|video|clip|đồ họa|bài và ảnh|bài, ảnh|tin, ảnh|"
    r"thực hiện|tổng hợp|lược dịch|dịch|biên dịch|theo dõi)\s*:", re.I
)
_SOURCE_WORDS = {
    "và", "báo", "tờ", "trang", "kênh", "hãng", "tin", "đài", "tạp", "chí", "thông", "tấn", "xã",
    "điện", "tử", "cổng", "thông", "tin", "truyền", "hình", "tiếng", "nói", "của", "các", "tổng",
    "hợp", "từ", "nguồn", "hãng", "news", "online", "net", "vn", "com",
}  # fmt: skip
_WORD = re.compile(r"[^\W_]+(?:[.\-][^\W_]+)*")


def credit_line(text: str) -> bool:
    """True for a credit, byline or source line (not a sentence of the story)."""
    stripped = text.strip().strip("()[]").strip()
    if _CREDIT_LABEL.match(stripped):
        return True
    if not stripped[:5].lower().startswith(("theo", "nguồn")):
        return False
    words = _WORD.findall(stripped)
    if not words:
        return False
    first = words[0].lower()
    if first in {"theo", "nguồn"} and len(words) <= 14 and "," not in stripped.rstrip(".,"):
        rest = words[1:]
        # every word a name (capitalised, or an acronym), a word of outlet names, or one
        # lower-case syllable right after a capitalised one ("Báo Chính phủ", "Tuổi trẻ")
        return bool(rest) and rest[0][:1].isupper() and all(
            w[:1].isupper() or w.lower() in _SOURCE_WORDS or rest[k - 1][:1].isupper()
            for k, w in enumerate(rest)
        )
    return False


# ---------------------------------------------------------------- the opener model

OPENER_FILE = "opener.json"
_DATE_RE = re.compile(r"\b(ngày|sáng|trưa|chiều|tối|đêm|hôm)\s+(\d{1,2}\s*[/-]\s*\d{1,2}|nay|qua|mai)\b|\b\d{1,2}\s*/\s*\d{1,2}\b", re.I)
_NEWS_VERB = re.compile(r"\b(vừa|đã|sẽ|đang)\b", re.I)
_REPORTING = re.compile(r"\b(cho biết|cho hay|cho rằng|nói|chia sẻ|khẳng định|nhấn mạnh|bày tỏ|nhận định)\b", re.I)
_QUOTE = re.compile("[“”\"]")
_DIGIT = re.compile(r"\d")

OPENER_COLUMNS = (
    "first", "second", "third", "log_index", "relative_position", "first_doc", "log_doc_position",
    "log_syllables", "short", "long", "names", "capital_share", "has_day", "news_verb",
    "reporting", "quote", "digits", "question_or_colon", "title_overlap", "discourse",
    "pronoun", "demonstrative", "credit", "paragraph_first",
)


def _capitals(text: str) -> int:
    return sum(1 for w in text.split()[1:] if w[:1].isupper())


def opener_columns(cluster: Cluster, sentences: Sequence[Sentence] | None = None) -> list[list[float]]:
    """One row of :data:`OPENER_COLUMNS` per sentence of ``sentences`` (default: all of the
    cluster's), read in its cluster."""
    titles = [syllable_bigrams(d.title) if d.title else set() for d in cluster.documents]
    n_in_doc: dict[str, int] = {}
    for s in cluster.sentences:
        n_in_doc[s.doc_id] = max(n_in_doc.get(s.doc_id, 0), s.index + 1)
    texts = {d.id: d.text for d in cluster.documents}
    rows = []
    for s in cluster.sentences if sentences is None else sentences:
        text = s.text
        n = s.n_syllables
        why = leaning(text)
        title = titles[s.doc_position]
        if title:
            grams = syllable_bigrams(text)
            title_overlap = len(grams & title) / len(title) if grams else 0.0
        else:
            title_overlap = 0.0
        caps = _capitals(text)
        doc_text = texts[s.doc_id]
        paragraph_first = float(s.start == 0 or doc_text[: s.start].rstrip(" \t").endswith("\n"))
        rows.append([
            float(s.index == 0), float(s.index == 1), float(s.index == 2), math.log1p(s.index),
            s.index / max(1, n_in_doc[s.doc_id] - 1), float(s.doc_position == 0),
            math.log1p(s.doc_position), math.log1p(n), float(n < 12), float(n > 45),
            min(caps, 10) / 10, caps / max(1, n), float(bool(_DATE_RE.search(text))),
            float(bool(_NEWS_VERB.search(text))), float(bool(_REPORTING.search(text))),
            float(bool(_QUOTE.search(text))), float(bool(_DIGIT.search(text))),
            float(text.rstrip(" \"”’)").endswith(("?", ":"))), title_overlap,
            float(why == "discourse"), float(why == "pronoun"), float(why == "demonstrative"),
            float(credit_line(text)), paragraph_first,
        ])  # fmt: skip
    return rows


class OpenerModel:
    """``logit = ((x - mean) / scale) @ coef + intercept`` over :data:`OPENER_COLUMNS`."""

    def __init__(self, data: dict[str, Any], where: str) -> None:
        try:
            names = tuple(data["columns"])
            self.mean = [float(v) for v in data["mean"]]
            self.scale = [float(v) or 1.0 for v in data["scale"]]
            self.coef = [float(v) for v in data["coef"]]
            self.intercept = float(data["intercept"])
        except (KeyError, TypeError, ValueError) as err:
            raise ConfigError(f"{where}: not a tomtat opener model ({err!r})") from None
        if names != OPENER_COLUMNS or not (len(self.mean) == len(self.scale) == len(self.coef) == len(names)):
            raise ConfigError(f"{where}: opener columns do not match this tomtat's; retrain with scripts/train_opener.py")
        self.info = {k: v for k, v in data.items() if k not in ("mean", "scale", "coef")}

    def logits(self, rows: list[list[float]]) -> list[float]:
        out = []
        for row in rows:
            total = self.intercept
            for x, m, sc, c in zip(row, self.mean, self.scale, self.coef):
                total += (x - m) / sc * c
            out.append(total)
        return out


_MODEL: OpenerModel | None = None
_LOCK = threading.Lock()


def load_opener_model() -> OpenerModel:
    """The shipped opener model, read once."""
    global _MODEL
    if _MODEL is None:
        with _LOCK:
            if _MODEL is None:
                where = f"tomtat/data/{OPENER_FILE}"
                try:
                    text = resources.files("tomtat").joinpath("data", OPENER_FILE).read_text(encoding="utf-8")
                    data = json.loads(text)
                except OSError as err:
                    raise ConfigError(f"{where}: cannot read the shipped model ({err.strerror})") from None
                except json.JSONDecodeError as err:
                    raise ConfigError(f"{where}: malformed model JSON ({err.msg})") from None
                _MODEL = OpenerModel(data, where)
    return _MODEL


def opener_scores(cluster: Cluster, sentences: Sequence[Sentence] | None = None) -> dict[Key, float]:
    """The opener logit of each of ``sentences`` (default: all of the cluster's): higher, more
    like the sentence a human summary opens with."""
    model = load_opener_model()
    chosen = cluster.sentences if sentences is None else sentences
    return {s.key: v for s, v in zip(chosen, model.logits(opener_columns(cluster, chosen)))}


_ENDS = (".", "!", "…", '"', "”", "»", ")", "’")


def can_open(sentence: Sentence) -> bool:
    """A sentence that may open a summary or an event: it leans on nothing, it is no credit,
    and it is a whole sentence (a capital, a digit or a quote first, a full stop last: not a
    headline line or a fragment split off at "(SN 2001)")."""
    text = sentence.text.strip()
    whole = bool(text) and (text[0].isupper() or text[0].isdigit() or text[0] in "\"“«‘'") and text.endswith(_ENDS)
    return whole and leaning(text) is None and not credit_line(text)
