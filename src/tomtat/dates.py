"""Every date rule in one place: ISO dates, dates written in text, event days and their
distances, and the helpers that settle a year.

- ISO: :func:`parse_date` (the strict reading of an input's ``date`` field, at ingest) and
  :func:`parse_iso` (a ``Document.date``, already valid, or None).
- In text: :func:`find_dates` -> :class:`DateMention` (``ngày 11/12``, ``11-13/7/2024``,
  ``quý I năm 2024``, ``hôm qua`` ...), years as written (None when not).
- Years: :func:`year_table` (days an article writes with their year), :func:`closest_year`
  (the year that puts a day nearest a reference date), :func:`to_iso`. A year is never
  invented: these only read years that are written (``tomtat.timeline`` infers from evidence).
- Event days: :class:`EventDay` (year None when unknown) and :func:`days_apart`.

Used by ingest, timeline, events, story and facts; imports nothing of tomtat.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any, NamedTuple

__all__ = [
    "IMPOSSIBLE_MARK",
    "impossible_date",
    "MAX_YEAR",
    "MIN_YEAR",
    "DateMention",
    "EventDay",
    "closest_year",
    "days_apart",
    "find_dates",
    "parse_date",
    "parse_iso",
    "to_iso",
    "year_table",
]

MIN_YEAR, MAX_YEAR = 1900, 2100  # a news article's date outside these is a placeholder, not a date


def parse_date(value: Any) -> str | None:
    """An ISO date or date-time (zone optional) -> ``"YYYY-MM-DD"``; None or "" -> None.

    Raises ValueError for anything else ("12/12/2023", "hôm qua", "2023-13-45", year 9999).
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, str):
        text = value.strip()
        try:
            day = dt.date.fromisoformat(text) if len(text) <= 10 else dt.datetime.fromisoformat(text).date()
        except ValueError:
            raise ValueError(
                f"not an ISO date: {value!r} (write YYYY-MM-DD, or a date-time like 2023-12-11T08:00:00+07:00)"
            ) from None
    else:
        raise ValueError(f"not a date: {type(value).__name__}")
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise ValueError(f"not a plausible news date: {value!r} (year outside {MIN_YEAR}-{MAX_YEAR})")
    return day.isoformat()


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
    ("month", rf"(?:(?:{_LEAD})?\b)tháng\s+{_M}(?:{_SL}{_Y}|\s+năm\s+{_Y}|\s*[-–.]\s*{_Y})?\b(?!\s*/)"),
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
    return list(_dates(text))


@lru_cache(maxsize=8192)
def _dates(text: str) -> tuple[DateMention, ...]:
    """:func:`find_dates`, read once per text: facts, timeline and events read the same
    sentences (a mention is frozen, so the cached tuple is shared safely)."""
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
            mo, y1, y2, y3 = _ints(m, kind)  # "tháng 7/2024", "tháng 7 năm 2024", "tháng 7-2024"
            args = dict(month=mo, year=next((y for y in (y1, y2, y3) if y is not None), None))
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
    return tuple(mentions)


def to_iso(year: int, month: int | None, day: int | None) -> str | None:
    try:
        if day is not None and month is not None:
            return date(year, month, day).isoformat()
    except ValueError:
        return None
    if month is not None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}"


def closest_year(month: int, day: int | None, reference: date) -> int:
    def distance(year: int) -> int:
        try:
            return abs((date(year, month, day or 15) - reference).days)
        except ValueError:
            return 10**6

    return min((reference.year, reference.year - 1, reference.year + 1), key=distance)


def parse_iso(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def year_table(mentions: list[DateMention]) -> dict[tuple[int, int], int]:
    """(day, month) -> year for dates an article writes in full; ambiguous ones dropped."""
    table: dict[tuple[int, int], set[int]] = {}
    for m in mentions:
        for d, mo, y in ((m.day, m.month, m.year), (m.end_day, m.end_month, m.end_year)):
            if d is not None and mo is not None and y is not None:
                table.setdefault((d, mo), set()).add(y)
    return {k: next(iter(v)) for k, v in table.items() if len(v) == 1}


class EventDay(NamedTuple):
    """The day an article reports on: its ``Document.date``, else a day/month its head
    states, whose year stays unknown (``year`` None): a year is never invented."""

    year: int | None
    month: int
    day: int


_DAYS_BEFORE_MONTH = (0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335)  # a 366-day year


def days_apart(a: EventDay, b: EventDay) -> int:
    """Days between two event days; when either has no year, around the calendar (<= 183)."""
    if a.year is not None and b.year is not None:
        try:
            return abs(date(*a).toordinal() - date(*b).toordinal())
        except ValueError:
            pass
    gap = abs(_DAYS_BEFORE_MONTH[a.month - 1] + a.day - _DAYS_BEFORE_MONTH[b.month - 1] - b.day) % 366
    return min(gap, 366 - gap)


# Dates that cannot exist: "29/2/2023" (2023 is not a leap year), "31/4", "30/2". The timeline
# keeps such a mention with date=None under its words as written; wherever it is shown it is
# marked, so that a reader never takes "31/4" for a day the article could mean.
IMPOSSIBLE_MARK = "ngày không có thật"  # what the text timeline says after such a date


def _impossible(year: int | None, month: int | None, day: int | None) -> bool:
    if month is None or day is None or not 1 <= month <= 12:
        return False
    if year is None:  # any year: 29/2 can be, 30/2 and 31/4 cannot
        return day > (29 if month == 2 else calendar.monthrange(2023, month)[1])
    try:
        date(year, month, day)
    except ValueError:
        return True
    return False


def impossible_date(date_text: str) -> bool:
    """Whether the date written in ``date_text`` (a timeline event's words) names a day that
    does not exist, at either end of a range."""

    for mention in find_dates(date_text):
        if _impossible(mention.year, mention.month, mention.day):
            return True
        end_month = mention.end_month or mention.month
        if _impossible(mention.end_year or mention.year, end_month, mention.end_day):
            return True
    return False
