"""Dates that cannot exist: "29/2/2023" (2023 is not a leap year), "31/4", "30/2".

The timeline keeps such a mention with ``date=None`` under its words as written; wherever it
is shown it is marked, so that a reader never takes "31/4" for a day the article could mean.
"""

from __future__ import annotations

import calendar
from datetime import date

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
    from tomtat.timeline import find_dates

    for mention in find_dates(date_text):
        if _impossible(mention.year, mention.month, mention.day):
            return True
        end_month = mention.end_month or mention.month
        if _impossible(mention.end_year or mention.year, end_month, mention.end_day):
            return True
    return False
