"""Dated statements of a cluster, in chronological order.

Date expressions found: ``ngày 11/12``, ``sáng 11/12``, ``từ ngày 11-13/7``, ``11/12/2023``,
``ngày 11 tháng 12 năm 2023``, ``tháng 7/2024``, ``quý I năm 2024``, ``năm 2022``,
``hôm nay``, ``hôm qua``, ``chiều nay`` ...

Year convention (a year is never guessed):

* a year written in the expression itself (``11/12/2023``, ``tháng 7 năm 2024``) is used;
* else the same day and month written with a year elsewhere in the same article;
* else the article's ``Document.date``: the year that puts the date closest to it;
* else a year inferred from evidence (the years the article states and how, the days the
  other articles of the pile date), ``certain=False, inferred=True`` with the sentence it
  rests on (``evidence``); see ``year_guesses``;
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
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from tomtat.dates import DateMention, closest_year, find_dates, parse_iso, to_iso, year_table
from tomtat.date_roles import date_confidence, date_role
from tomtat.models import Cluster, Sentence, TimelineEvent

__all__ = [
    "YearEvidence",
    "YearGuess",
    "extract_timeline",
    "infer_year",
    "sentence_mentions",
    "year_evidence",
    "year_guesses",
]

def _resolve(
    mention: DateMention,
    reference: date | None,
    known_years: dict[tuple[int, int], int],
    guess: YearGuess | None = None,
) -> tuple[str | None, str | None, bool, tuple]:
    """``(date, end_date, certain, sort_key)`` for one mention of one article.

    ``guess``, a year inferred from evidence, is used only when the expression, the same day
    written with its year in the article, and the article's date all say nothing."""
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
    certain = True
    if year is None and month is not None and day is not None:
        year = known_years.get((day, month))
    if year is None and month is not None and reference is not None:
        year = closest_year(month, day, reference)
    if year is None and guess is not None:
        year, certain = guess.year, False
    if year is None:
        assert month is not None
        return None, None, False, (1, month, day or 0)
    end_year = mention.end_year if mention.end_year is not None else year
    if mention.end_year is None and mention.end_month is not None and mention.end_month < month:
        end_year = year + 1  # "30/12 - 2/1"
    start_iso = to_iso(year, month, day)
    end_iso = (
        to_iso(end_year, mention.end_month, mention.end_day)
        if mention.end_month is not None
        else None
    )
    if start_iso is None:
        return None, None, False, (1, month or 0, day or 0)
    return start_iso, end_iso, certain, (0, start_iso, end_iso or "")


# --- the year of an undated day, from evidence -------------------------------------------
#
# Each mention that writes its year says roughly when its article was written (see
# _writing_window): "9 tháng đầu năm 2023" (a period reported as over) puts the writing
# within WRITTEN_AFTER_DAYS after 30/9/2023; "sẽ ... 7/1/2024" (a day still to come) within
# WRITTEN_AFTER_DAYS before it; a past day only after it; a bare "năm 2022" within a year of
# 2022. An article's writing window is the intersection of what its recent mentions say
# (background years, more than a year older than its latest, say nothing) and needs at least
# one strong mention (a reported period or a coming day); an undated "17/12" of the article
# takes the one year that puts it near the window. Failing that, the pile: a day within
# PILE_DAYS of the span of days its articles date (written, or settled by their own article;
# most of them within a year of each other; an article's date settles its days) takes the one
# year that fits. No window, an empty
# intersection (evidence that disagrees), pile days spread over years, or two fitting years:
# the year stays unknown. Measured by benchmarks/years_bench.py.

_FUTURE = re.compile(
    r"\b(?:sẽ|sắp|dự kiến|kế hoạch|chuẩn bị|phấn đấu|mục tiêu|dự báo|đến năm|tới năm)\b",
    re.IGNORECASE,
)
_ANNIVERSARY = re.compile(r"\bkỷ niệm\b", re.IGNORECASE)
_MONTH_COUNTS = {
    "một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9,
    "mười": 10, "mười một": 11, "mười hai": 12,
}  # fmt: skip
_FIRST_MONTHS = re.compile(
    r"(\d{1,2}|mười một|mười hai|một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\s+tháng\s+(?:đầu\s+)?$",
    re.IGNORECASE,
)
WRITTEN_AFTER_DAYS = 90  # a period is reported, a coming day announced, within this many days
EVENT_BEFORE_DAYS = 30  # an undated day lies at most this long before the writing window
EVENT_AFTER_DAYS = 60  # ... or this long after it (announced events)
PILE_DAYS = 90
MIN_STRONG = 1  # sentences of an article with strong evidence (see _writing_window)
  # a pile's undated day lies within this many days of its dated days


@dataclass(frozen=True)
class YearGuess:
    """A year inferred for an undated day, and the sentence it rests on."""

    year: int
    evidence: tuple[str, int]
    evidence_text: str


def _month_end(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def _writing_window(mention: DateMention, before: str) -> tuple[date, date, bool] | None:
    """When an article stating ``mention`` (``before``: its sentence up to the mention) was
    plausibly written, ``(earliest, latest, strong)``, or None when it says nothing.

    Strong: a period reported as over ("9 tháng đầu năm 2023", "quý I năm 2024": written
    within ``WRITTEN_AFTER_DAYS`` after its end) and a day or month still to come ("sẽ ...
    7/1/2024": written within ``WRITTEN_AFTER_DAYS`` before it). Weak: a past day or month
    (written after it, no telling how long: news recalls old days), a bare year (written in
    it or the year before or after)."""
    year = mention.year
    if year is None or mention.relative_days is not None or mention.relative_years is not None:
        return None
    if _ANNIVERSARY.search(before):
        return None  # a ceremony is announced ahead and reported after: it says neither
    future = bool(_FUTURE.search(before))
    quarter = mention.text.lower().startswith("quý")
    try:
        if mention.month is not None and mention.day is not None:
            first = last = date(year, mention.month, mention.day)
        elif mention.month is not None:
            first = date(year, mention.month, 1)
            last = _month_end(mention.end_year or year, mention.end_month or mention.month)
        else:
            first, last = date(year, 1, 1), date(year, 12, 31)
            months = _FIRST_MONTHS.search(before)
            count = 0
            if months:  # "9 tháng đầu năm 2023", "Sáu tháng đầu năm 2023"
                word = months.group(1).lower()
                count = int(word) if word.isdigit() else _MONTH_COUNTS[word]
            if 1 <= count <= 12 and not future:
                last = _month_end(year, count)
                return last, last + timedelta(days=WRITTEN_AFTER_DAYS), True
            if not future:  # a bare year
                return date(year - 1, 1, 1), date(year + 1, 12, 31), False
    except ValueError:
        return None
    if future:  # still to come: written before it (a year: before its end)
        if mention.month is None:
            return first - timedelta(days=365), last, False
        return first - timedelta(days=WRITTEN_AFTER_DAYS), first, True
    if quarter:  # a quarter reported as over
        return last, last + timedelta(days=WRITTEN_AFTER_DAYS), True
    return first, date.max, False


def _shift(day: date, days: int) -> date:
    """``day`` moved by ``days``; the ends of the calendar (an open window) stay put."""
    if day in (date.min, date.max):
        return day
    return day + timedelta(days=days)


def _first_fitting(month: int, day: int, bound: date, step: int) -> int | None:
    """The first year from ``bound`` on (``step`` 1) or back (-1) whose day/month lies
    past ``bound``: day/month's earliest or latest year inside a window."""
    for year in range(bound.year, bound.year + 9 * step, step):  # 29/2 fits within 8 years
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if (candidate >= bound) if step > 0 else (candidate <= bound):
            return year
    return None


def _fitting_years(month: int, day: int, low: date, high: date) -> list[int]:
    years = []
    for year in range(low.year, high.year + 1):
        try:
            if low <= date(year, month, day) <= high:
                years.append(year)
        except ValueError:
            continue
    return years


class YearEvidence:
    """What a cluster's articles say about the years of their undated days."""

    def __init__(self, cluster: Cluster, mentions: dict[tuple[str, int], list[DateMention]]):
        self._windows: dict[str, tuple[date, date, tuple[str, int], str]] = {}
        by_doc: dict[str, list[tuple[DateMention, Sentence, tuple[date, date, bool]]]] = {}
        for sentence in cluster.sentences:
            for mention in mentions.get(sentence.key, ()):
                window = _writing_window(mention, sentence.text[: mention.start])
                if window is not None:
                    by_doc.setdefault(sentence.doc_id, []).append((mention, sentence, window))
        for doc_id, found in by_doc.items():
            latest = max(m.year or 0 for m, _, _ in found)
            recent = [f for f in found if (f[0].year or 0) >= latest - 1]
            strong = [f for f in recent if f[2][2]]
            if len({f[1].index for f in strong}) < MIN_STRONG:
                continue  # too few periods reported as over or days still to come
            low = max(w[0] for _, _, w in recent)
            high = min(w[1] for _, _, w in recent)
            if low > high:
                continue  # the article's evidence disagrees
            _, sentence, _ = min(strong, key=lambda f: (f[2][1] - f[2][0], f[1].index))
            self._windows[doc_id] = (low, high, sentence.key, sentence.text)
        self._pile: list[tuple[date, tuple[str, int], str]] = []

    def article_year(self, doc_id: str, month: int, day: int) -> YearGuess | None:
        window = self._windows.get(doc_id)
        if window is None:
            return None
        low, high, key, text = window
        years = _fitting_years(
            month,
            day,
            low - timedelta(days=EVENT_BEFORE_DAYS),
            high + timedelta(days=EVENT_AFTER_DAYS),
        )
        return YearGuess(years[0], key, text) if len(years) == 1 else None

    def add_pile_day(self, day: date, key: tuple[str, int], text: str) -> None:
        """A day of the pile dated by its text or by its article's evidence."""
        self._pile.append((day, key, text))

    def _pile_window(self) -> tuple[date, date, list[tuple[date, tuple[str, int], str]]] | None:
        """Where the pile's undated days lie: within ``PILE_DAYS`` of its dated days (those
        near their median), or None when it has none or they spread over years."""
        if not self._pile:
            return None
        days = sorted(d for d, _, _ in self._pile)
        middle = days[len(days) // 2]
        near = [p for p in self._pile if abs((p[0] - middle).days) <= 366]  # not background
        if 3 * len(near) < 2 * len(self._pile):
            return None  # the pile's days spread over years: they disagree
        low = min(d for d, _, _ in near) - timedelta(days=PILE_DAYS)
        high = max(d for d, _, _ in near) + timedelta(days=PILE_DAYS)
        return low, high, near

    def pile_year(self, month: int, day: int) -> YearGuess | None:
        window = self._pile_window()
        if window is None:
            return None
        low, high, near = window
        years = _fitting_years(month, day, low, high)
        if len(years) != 1:
            return None
        target = date(years[0], month, day)
        _, key, text = min(near, key=lambda p: (abs((p[0] - target).days), p[1]))
        return YearGuess(years[0], key, text)

    def possible_years(
        self, doc_ids: Iterable[str], month: int, day: int
    ) -> tuple[int | None, int | None] | None:
        """``(first, last)`` of the years day/month, stated by the articles ``doc_ids`` (one
        event's), can have by the evidence, None at an end the evidence leaves open; None
        when it says nothing, disagrees, or leaves no year. What orders an event whose year
        stays unknown (several years fit); a year to print comes from ``article_year`` and
        ``pile_year`` only.

        The articles' writing windows (those ``article_year`` reads) intersected, widened by
        ``EVENT_BEFORE_DAYS`` / ``EVENT_AFTER_DAYS``; failing any, the pile's (``PILE_DAYS``
        around its dated days). Weak windows alone (a past day, a bare year: written after
        it, or within a year of it) would place more events, but placed 4 of 9 judged events
        in the right order (benchmarks/order_bench.py): no better than chance, so not used."""
        windows = [self._windows[d][:2] for d in doc_ids if d in self._windows]
        if windows:
            low = _shift(max(w[0] for w in windows), -EVENT_BEFORE_DAYS)
            high = _shift(min(w[1] for w in windows), EVENT_AFTER_DAYS)
        else:
            pile = self._pile_window()
            if pile is None:
                return None
            low, high, _ = pile
        if low > high:
            return None  # the articles' evidence disagrees
        first = None if low == date.min else _first_fitting(month, day, low, 1)
        last = None if high == date.max else _first_fitting(month, day, high, -1)
        if (first is not None and last is not None and first > last) or (first is None and last is None):
            return None
        return first, last


def sentence_mentions(cluster: Cluster) -> dict[tuple[str, int], list[DateMention]]:
    """The date expressions of every sentence of ``cluster``, by sentence key."""
    return {s.key: find_dates(s.text) for s in cluster.sentences}


def _evidence(
    cluster: Cluster, mentions: dict[tuple[str, int], list[DateMention]]
) -> tuple[YearEvidence, dict[tuple[str, int, int], YearGuess], list[tuple[str, int, int]]]:
    """The cluster's evidence, the days settled by their article's evidence (added to the
    pile's days), and the undated days left for the pile to settle."""
    evidence = YearEvidence(cluster, mentions)
    references = {doc.id: parse_iso(doc.date) for doc in cluster.documents}
    tables = {
        doc.id: year_table([m for s in cluster.sentences_of(doc.id) for m in mentions.get(s.key, ())])
        for doc in cluster.documents
    }
    undated: list[tuple[str, int, int]] = []
    guesses: dict[tuple[str, int, int], YearGuess] = {}
    for sentence in cluster.sentences:
        for m in mentions.get(sentence.key, ()):
            if m.month is None or m.day is None or m.relative_days is not None:
                continue
            if m.year is not None:
                if not _FUTURE.search(sentence.text[: m.start]):
                    try:
                        evidence.add_pile_day(date(m.year, m.month, m.day), sentence.key, sentence.text)
                    except ValueError:
                        pass
                continue
            doc_id = sentence.doc_id
            reference = references.get(doc_id)
            if reference is not None and not _FUTURE.search(sentence.text[: m.start]):
                # the article's date settles the day (as the timeline reads it): a pile day
                try:
                    year = closest_year(m.month, m.day, reference)
                    evidence.add_pile_day(date(year, m.month, m.day), sentence.key, sentence.text)
                except ValueError:
                    pass
            if reference is not None or (m.day, m.month) in tables[doc_id]:
                continue
            key = (doc_id, m.month, m.day)
            if key in guesses or key in undated:
                continue
            guess = evidence.article_year(doc_id, m.month, m.day)
            if guess is None:
                undated.append(key)
                continue
            guesses[key] = guess
            # the pile learns the day; its year rests on the article's evidence, cited as such
            evidence.add_pile_day(date(guess.year, m.month, m.day), guess.evidence, guess.evidence_text)
    return evidence, guesses, undated


def year_guesses(
    cluster: Cluster, mentions: dict[tuple[str, int], list[DateMention]] | None = None
) -> dict[tuple[str, int, int], YearGuess]:
    """``(doc_id, month, day) -> YearGuess`` for every undated day of the cluster whose year
    the evidence settles (see above). Days dated by the article's own date or by the same day
    written with its year in the article are not guessed: they are known."""
    return year_evidence(cluster, mentions)[1]


def year_evidence(
    cluster: Cluster, mentions: dict[tuple[str, int], list[DateMention]] | None = None
) -> tuple[YearEvidence, dict[tuple[str, int, int], YearGuess]]:
    """The cluster's evidence (``YearEvidence.possible_years`` orders a day whose year stays
    unknown) and :func:`year_guesses`."""
    if mentions is None:
        mentions = sentence_mentions(cluster)
    evidence, guesses, undated = _evidence(cluster, mentions)
    for key in undated:
        guess = evidence.pile_year(key[1], key[2])
        if guess is not None:
            guesses[key] = guess
    return evidence, guesses


def infer_year(cluster: Cluster, doc_id: str, month: int, day: int) -> YearGuess | None:
    """The year of day/month in article ``doc_id`` from evidence alone (the article's own
    mentions, then the pile's days), as :func:`year_guesses` would settle it; None if unsure.
    Used to measure the inference: hide the year of a date written in full, ask for it."""
    evidence, _, _ = _evidence(cluster, sentence_mentions(cluster))
    return evidence.article_year(doc_id, month, day) or evidence.pile_year(month, day)


def extract_timeline(cluster: Cluster) -> tuple[TimelineEvent, ...]:
    """One event per (date, sentence) of the cluster, in chronological order.

    Events whose year is unknown follow the dated ones (by month, day); relative dates that
    could not be resolved come last; ties keep reading order.
    """
    mentions = sentence_mentions(cluster)
    guesses = year_guesses(cluster, mentions)
    years = {
        doc.id: year_table([m for s in cluster.sentences_of(doc.id) for m in mentions[s.key]])
        for doc in cluster.documents
    }
    references = {doc.id: parse_iso(doc.date) for doc in cluster.documents}
    keyed: list[tuple[tuple, TimelineEvent]] = []
    for sentence in cluster.sentences:
        seen: set[object] = set()
        for mention in mentions[sentence.key]:
            guess = None
            if mention.year is None and mention.month is not None and mention.day is not None:
                guess = guesses.get((sentence.doc_id, mention.month, mention.day))
            iso, end_iso, certain, order = _resolve(
                mention, references.get(sentence.doc_id), years.get(sentence.doc_id, {}), guess
            )
            inferred = iso is not None and not certain
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
                inferred=inferred,
                evidence=guess.evidence if inferred and guess else None,
                evidence_text=guess.evidence_text if inferred and guess else "",
                role=(role := date_role(sentence.text, mention.start, mention.end)),
                confidence=date_confidence(role, mention.text),
            )
            keyed.append((order + (sentence.doc_position, sentence.index, mention.start), event))
    keyed.sort(key=lambda pair: pair[0])
    return _future_as_forecast(tuple(event for _, event in keyed))


def _future_as_forecast(events: tuple[TimelineEvent, ...]) -> tuple[TimelineEvent, ...]:
    """An event date later than every day the cluster writes in full (day, month and year)
    is a plan or a forecast ("thu nhập cao vào năm 2045", "soát xét vào tháng 12/2022")."""
    known = [e.date for e in events if e.role == "event" and e.certain and e.date and len(e.date) == 10]
    if not known:
        return events
    latest = max(known)
    return tuple(
        replace(e, role="forecast", confidence=date_confidence("forecast", e.date_text))
        if e.role == "event" and e.certain and e.date and e.date > latest[: len(e.date)]
        else e
        for e in events
    )
