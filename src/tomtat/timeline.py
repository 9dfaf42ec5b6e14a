"""Dated statements of a cluster, in chronological order.

Date expressions found: ``ngày 11/12``, ``sáng 11/12``, ``từ ngày 11-13/7``, ``11/12/2023``,
``ngày 11 tháng 12 năm 2023``, ``tháng 7/2024``, ``quý I năm 2024``, ``năm 2022``,
``hôm nay``, ``hôm qua``, ``chiều nay`` ...

Year convention (a year is never guessed):

* a year written in the expression itself (``11/12/2023``, ``tháng 7 năm 2024``) is used;
* else the same day and month written with a year elsewhere in the same article;
* else the article's ``Document.date``: the year that puts the date closest to it;
* else the year stays unknown: ``date=None``, ``certain=False``, ``date_text`` keeps what was
  written. Such events sort after the dated ones, by month and day.

Relative days (``hôm nay``, ``hôm qua``, ``sáng nay``) resolve only against ``Document.date``;
without it they are kept with ``date=None, certain=False``. Relative years (``năm nay``,
``năm ngoái``) are kept only when ``Document.date`` is known. Background spans such as
``giai đoạn 2015-2022`` are skipped. An anniversary written as a range of the same day
(``45 năm ... (7/1/1979 - 7/1/2024)``) is dated by its last day, the day being marked. A
quarter becomes a month range (``quý I năm 2024`` -> ``2024-01`` .. ``2024-03``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from tomtat.models import Cluster, Document, TimelineEvent

__all__ = ["DateMention", "extract_timeline", "find_dates"]

_D = r"(\d{1,2})"
_M = r"(\d{1,2})"
_Y = r"((?:19|20)\d\d)"
_SL = r"\s*/\s*"
_DASH = r"\s*[-–]\s*"
_LEAD = r"(?:(?:kể\s+)?từ|đến|tới|vào|hồi|trong)\s+"
_TIME = r"(?:ngày|sáng|trưa|chiều|tối|đêm|khuya|rạng\s+sáng|hôm)\s+"
_PREFIX = rf"(?:{_LEAD})?{_TIME}|{_LEAD}"
_QUARTERS = {"i": 1, "1": 1, "ii": 2, "2": 2, "iii": 3, "3": 3, "iv": 4, "4": 4}
_RELATIVE_DAYS = {"nay": 0, "qua": -1, "mai": 1, "kia": -2}

_PATTERNS: list[tuple[str, str]] = [
    ("span", rf"giai\s+đoạn\s+{_Y}{_DASH}{_Y}|\b{_Y}{_DASH}{_Y}\b"),
    ("full_range", rf"(?:{_PREFIX})?\b{_D}{_SL}{_M}{_SL}{_Y}{_DASH}{_D}{_SL}{_M}{_SL}{_Y}\b"),
    ("day_range", rf"(?:{_PREFIX})\b{_D}{_DASH}{_D}{_SL}{_M}(?:{_SL}{_Y}|\s+năm\s+{_Y})?\b"),
    ("day_range_y", rf"\b{_D}{_DASH}{_D}{_SL}{_M}{_SL}{_Y}\b"),
    ("dm_range", rf"(?:{_PREFIX})\b{_D}{_SL}{_M}{_DASH}{_D}{_SL}{_M}\b(?!\s*/\s*\d)"),
    ("dmy", rf"(?:{_PREFIX})?\b{_D}{_SL}{_M}(?:{_SL}{_Y}|\s+năm\s+{_Y})\b"),
    ("dmy_words", rf"(?:{_PREFIX})?\bngày\s+{_D}\s+tháng\s+{_M}(?:\s+năm\s+{_Y})?\b"),
    ("dm", rf"(?:{_PREFIX})\b{_D}{_SL}{_M}\b(?!\s*/\s*\d)|\(\s*{_D}{_SL}{_M}\s*\)"),
    ("quarter", rf"\bquý\s+(iv|iii|ii|i|[1-4])\b(?:\s+năm\s+|{_SL}){_Y}\b"),
    ("month", rf"(?:(?:{_LEAD})?\b)tháng\s+{_M}(?:{_SL}{_Y}|\s+năm\s+{_Y})?\b(?!\s*/)"),
    ("year", rf"\bnăm\s+{_Y}\b"),
    ("rel_year", r"\bnăm\s+(nay|ngoái|trước|sau|tới)\b"),
    ("rel_day", r"\b(?:hôm|sáng|trưa|chiều|tối|đêm)\s+(nay|qua|kia)\b|\bngày\s+(mai)\b"),
]
_STARTS = (
    r"(?<!\w)(?=[\d(]|từ|kể|đến|tới|vào|hồi|trong|ngày|sáng|trưa|chiều|tối|đêm|khuya|rạng|hôm|"
    r"giai|quý|tháng|năm)"
)
_REGEX = re.compile(  # _STARTS lets most positions fail at once
    _STARTS + "(?:" + "|".join(f"(?P<{name}>{pattern})" for name, pattern in _PATTERNS) + ")",
    re.IGNORECASE,
)
_N_GROUPS = {name: re.compile(pattern).groups for name, pattern in _PATTERNS}


@dataclass(frozen=True)
class DateMention:
    """A date expression in a text. Missing parts are None; ``relative`` in days or years."""

    start: int
    end: int
    text: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    end_year: int | None = None
    end_month: int | None = None
    end_day: int | None = None
    relative_days: int | None = None
    relative_years: int | None = None


def _ints(match: re.Match[str], name: str) -> list[int | None]:
    """The numeric groups of the alternative ``name`` (None where optional and absent)."""
    first = _REGEX.groupindex[name]
    count = _N_GROUPS[name]
    out: list[int | None] = []
    for g in range(first + 1, first + 1 + count):
        value = match.group(g)
        if value is None:
            out.append(None)
        elif value.lower() in _QUARTERS and not value.isdigit():
            out.append(_QUARTERS[value.lower()])
        else:
            out.append(int(value))
    return out


def _valid(day: int | None, month: int | None) -> bool:
    return (month is None or 1 <= month <= 12) and (day is None or 1 <= day <= 31)


def find_dates(text: str) -> list[DateMention]:
    """Every date expression in ``text``, left to right, years as written (None if not)."""
    mentions = []
    for m in _REGEX.finditer(text):
        kind = m.lastgroup
        start, end = m.span()
        surface = m.group().strip()
        args: dict[str, int | None] = {}
        if kind == "span":
            continue
        if kind == "full_range":
            d1, m1, y1, d2, m2, y2 = _ints(m, kind)
            if (d1, m1) == (d2, m2) and y1 is not None and y2 is not None and y2 > y1:
                args = dict(day=d2, month=m2, year=y2)  # an anniversary: the event is its end
            else:
                args = dict(day=d1, month=m1, year=y1, end_day=d2, end_month=m2, end_year=y2)
        elif kind in ("day_range", "day_range_y"):
            vals = _ints(m, kind)
            d1, d2, mo = vals[0], vals[1], vals[2]
            year = next((v for v in vals[3:] if v is not None), None)
            if d1 is None or d2 is None or d1 >= d2:
                continue
            args = dict(day=d1, month=mo, year=year, end_day=d2, end_month=mo, end_year=year)
        elif kind == "dm_range":
            d1, m1, d2, m2 = _ints(m, kind)
            args = dict(day=d1, month=m1, end_day=d2, end_month=m2)
        elif kind in ("dmy", "dmy_words", "dm"):
            vals = _ints(m, kind)
            if kind == "dm":
                vals = [v for v in vals if v is not None] + [None]
            d, mo = vals[0], vals[1]
            year = next((v for v in vals[2:] if v is not None), None)
            args = dict(day=d, month=mo, year=year)
        elif kind == "quarter":
            q, year = _ints(m, kind)
            assert q is not None
            args = dict(month=3 * q - 2, year=year, end_month=3 * q, end_year=year)
        elif kind == "month":
            mo, y1, y2 = _ints(m, kind)
            args = dict(month=mo, year=y1 if y1 is not None else y2)
        elif kind == "year":
            (year,) = _ints(m, kind)
            args = dict(year=year)
        elif kind == "rel_year":
            word = m.group(_REGEX.groupindex[kind] + 1).lower()
            offset = {"nay": 0, "ngoái": -1, "trước": -1, "sau": 1, "tới": 1}[word]
            mentions.append(DateMention(start, end, surface, relative_years=offset))
            continue
        elif kind == "rel_day":
            g = _REGEX.groupindex[kind]
            word = (m.group(g + 1) or m.group(g + 2)).lower()
            mentions.append(DateMention(start, end, surface, relative_days=_RELATIVE_DAYS[word]))
            continue
        if not _valid(args.get("day"), args.get("month")) or not _valid(
            args.get("end_day"), args.get("end_month")
        ):
            continue
        mentions.append(DateMention(start, end, surface, **args))  # type: ignore[arg-type]
    return mentions


def _iso(year: int, month: int | None, day: int | None) -> str | None:
    try:
        if day is not None and month is not None:
            return date(year, month, day).isoformat()
    except ValueError:
        return None
    if month is not None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}"


def _closest_year(month: int, day: int | None, reference: date) -> int:
    def distance(year: int) -> int:
        try:
            return abs((date(year, month, day or 15) - reference).days)
        except ValueError:
            return 10**6

    return min((reference.year, reference.year - 1, reference.year + 1), key=distance)


def _parse_iso(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _resolve(
    mention: DateMention, reference: date | None, known_years: dict[tuple[int, int], int]
) -> tuple[str | None, str | None, bool, tuple]:
    """``(date, end_date, certain, sort_key)`` for one mention of one article."""
    if mention.relative_days is not None:
        if reference is None:
            return None, None, False, (2,)
        day = reference + timedelta(days=mention.relative_days)
        return day.isoformat(), None, True, (0, day.isoformat(), "")
    if mention.relative_years is not None:
        if reference is None:
            return None, None, False, ()  # dropped: too vague without the article's date
        year = str(reference.year + mention.relative_years)
        return year, None, True, (0, year, "")
    month, day = mention.month, mention.day
    year = mention.year
    if year is None and month is not None and day is not None:
        year = known_years.get((day, month))
    if year is None and month is not None and reference is not None:
        year = _closest_year(month, day, reference)
    if year is None:
        assert month is not None
        return None, None, False, (1, month, day or 0)
    end_year = mention.end_year if mention.end_year is not None else year
    if mention.end_year is None and mention.end_month is not None and mention.end_month < month:
        end_year = year + 1  # "30/12 - 2/1"
    start_iso = _iso(year, month, day)
    end_iso = (
        _iso(end_year, mention.end_month, mention.end_day)
        if mention.end_month is not None
        else None
    )
    if start_iso is None:
        return None, None, False, (1, month or 0, day or 0)
    return start_iso, end_iso, True, (0, start_iso, end_iso or "")


def _year_table(document: Document) -> dict[tuple[int, int], int]:
    """(day, month) -> year for dates the article writes in full; ambiguous ones dropped."""
    table: dict[tuple[int, int], set[int]] = {}
    for m in find_dates(document.text):
        for d, mo, y in ((m.day, m.month, m.year), (m.end_day, m.end_month, m.end_year)):
            if d is not None and mo is not None and y is not None:
                table.setdefault((d, mo), set()).add(y)
    return {k: next(iter(v)) for k, v in table.items() if len(v) == 1}


def extract_timeline(cluster: Cluster) -> tuple[TimelineEvent, ...]:
    """One event per (date, sentence) of the cluster, in chronological order.

    Events whose year is unknown follow the dated ones (by month, day); relative dates that
    could not be resolved come last; ties keep reading order.
    """
    years = {doc.id: _year_table(doc) for doc in cluster.documents}
    references = {doc.id: _parse_iso(doc.date) for doc in cluster.documents}
    keyed: list[tuple[tuple, TimelineEvent]] = []
    for sentence in cluster.sentences:
        seen: set[object] = set()
        for mention in find_dates(sentence.text):
            iso, end_iso, certain, order = _resolve(
                mention, references.get(sentence.doc_id), years.get(sentence.doc_id, {})
            )
            identity = iso if iso is not None else order
            if not order or identity in seen:
                continue
            seen.add(identity)
            event = TimelineEvent(
                date=iso,
                date_text=mention.text,
                end_date=end_iso,
                sentence=sentence.key,
                text=sentence.text,
                certain=certain,
            )
            keyed.append((order + (sentence.doc_position, sentence.index, mention.start), event))
    keyed.sort(key=lambda pair: pair[0])
    return tuple(event for _, event in keyed)
