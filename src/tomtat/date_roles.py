"""What a date is to its sentence (docs/facts-guideline.md, section 3): the date of an event
the article reports, or a birth date, a comparison base, a period that frames figures, a
forecast or part of a name. The shown timeline holds event dates only; the others stay in
the JSON ``timeline`` with their ``role``."""

from __future__ import annotations

import re

__all__ = ["DATE_ROLES", "date_confidence", "date_granularity", "date_role"]

DATE_ROLES = ("event", "birth", "comparison", "period", "forecast", "name")

_BIRTH = re.compile(r"(?:\bSN|\bsinh(?:\s+(?:năm|ngày))?|\bra\s+đời)\s*$", re.I)
_COMPARISON = re.compile(r"\b(?:so\s+với|so|cùng\s+kỳ|hơn|bằng)\b[^,.;:()]{0,25}$", re.I)
_FORECAST = re.compile(
    r"\b(?:dự\s+kiến|sẽ|kế\s+hoạch|mục\s+tiêu|phấn\s+đấu|chậm\s+nhất|hạn\s+chót|dự\s+báo|kỳ\s+vọng|"
    r"dự\s+định|lộ\s+trình|tầm\s+nhìn)\b[^.;:]{0,50}$",
    re.I,
)
_FORECAST_TEXT = re.compile(r"^(?:đến|tới)\s+(?:cuối\s+)?năm\b", re.I)
_PERIOD = re.compile(
    r"\b(?:tháng\s+đầu|tháng\s+cuối|giai\s+đoạn|nhiệm\s+kỳ|năm\s+học|trong|cả|tính\s+đến|từ\s+đầu|"
    r"bình\s+quân|mùa\s+giải|niên\s+vụ|khóa|các)\s*$",
    re.I,
)
_NAME_BEFORE = re.compile(r"[A-ZĐ][\w.]*\s+$")
_LAW_BEFORE = re.compile(
    r"\b(?:Luật|Bộ\s+luật|Nghị\s+định|Thông\s+tư|Hiến\s+pháp|thỏa\s+thuận|Hiệp\s+định|Nghị\s+quyết|"
    r"Chỉ\s+thị|Quyết\s+định)\b[^,.;:()]{0,45}$",
    re.I,
)
_FORECAST_AFTER = re.compile(r"^[^.;:]{0,60}?\b(?:sẽ|dự\s+kiến|có\s+thể)\b", re.I)


_DOC_NUMBER = re.compile(
    r"\d+[\w./]*[/-][A-ZĐ][\w./-]*,?\s+(?:ngày\s+)?$|"
    r"\b(?:Nghị\s+quyết|Quyết\s+định|Thông\s+tư|Nghị\s+định|Chỉ\s+thị|Kết\s+luận|Quy\s+định|Hướng\s+dẫn|"
    r"Công\s+văn)\s+(?:số\s+)?[\w/.-]*\d[\w/.-]*,?\s+(?:ngày\s+)?$",
    re.I,
)
_FIGURE_AFTER = re.compile(r"^[^.;!?]{0,80}?(?<![\d/.-])\d[\d.,]*\s*(?:%|[^\W\d_]+)", re.I)
_YEAR_ONLY = re.compile(r"\d{4}")
_SINCE_FIRST = re.compile(r"\b(?:nhất|đầu\s+tiên|lần\s+đầu)\b[^.;:]{0,30}$", re.I)


def date_role(text: str, start: int, end: int, has_end: bool = False) -> str:
    """The role of the date ``text[start:end]`` in its sentence ``text``."""
    mention = text[start:end]
    before = text[max(0, start - 60) : start]
    after = text[end:]
    if _BIRTH.search(before):
        return "birth"
    if mention[:1].isdigit() and _NAME_BEFORE.search(before):
        return "name"  # "World Cup 2022", "Hoa hậu Hoàn vũ Việt Nam 2017"
    if _LAW_BEFORE.search(before) and not re.search(r"\b(?:ban\s+hành|ký|thông\s+qua|có\s+hiệu\s+lực)\b", before[-25:]):
        return "name"  # "Luật Đất đai năm 2013", "Nghị định số 72/2013 ngày 15/7/2013"
    if _DOC_NUMBER.search(before):
        return "name"  # the date of a document: "Quy định số 69-QĐ/TW ngày 06/7/2022"
    if (re.match(r"(?:đến|tới)\b", mention, re.I) and re.search(r"\btính\s+$", before, re.I)) or (
        re.search(r"\bkể\s+từ\s+(?:cuối\s+|đầu\s+|giữa\s+)?$", before, re.I)
        and _SINCE_FIRST.search(before[: before.lower().rfind("kể")])
    ):
        return "period" if "tính" in before[-6:].lower() else "comparison"  # "tính đến ngày", "nhất kể từ cuối năm 1981"
    if re.match(r"(?:tính\s+)?(?:đến|tới)\s+hết\b", mention, re.I) or re.search(
        r"\b(?:tính\s+(?:đến|tới)(?:\s+hết)?|đến\s+hết|\d+\s+tháng)\s+$", before, re.I
    ):
        return "period"  # "tính đến hết ngày 18/8", "mở cửa đến hết ngày 11/9", "8 tháng năm 2022"
    if _COMPARISON.search(before) or re.search(r"\btừ\s+[\d.,]+\s*%?\s*$", before):
        return "comparison"  # "so với cùng kỳ năm 2021", "giảm từ 7,34% năm 2020 xuống"
    if re.match(r"kể\s+từ\b", mention, re.I) and _SINCE_FIRST.search(before):
        return "comparison"  # "mức thấp nhất kể từ ngày 13/7"
    if re.match(r"trong\s", mention, re.I) or re.match(r"\s*[-–]\s*(?:19|20)\d\d\b", after):
        return "period"  # "trong tháng 8", "từ năm 2021-2025"
    if re.match(r"\s+tới\b", after):
        return "forecast"  # "vào tháng 11 tới"
    if re.search(r"\d{1,2}/\d{1,2}/(\d{4})\s*[-–]\s*\d{1,2}/\d{1,2}/(\d{4})", mention):
        years = [int(y) for y in re.findall(r"/(\d{4})", mention)]
        if years[-1] - years[0] > 1:
            return "name"  # an anniversary: "(02/9/1945 - 02/9/2022)"
    if (
        _FORECAST_TEXT.match(mention)
        or _FORECAST.search(text[:start])
        or _FORECAST_AFTER.search(text[end:])
        or (mention.lower().startswith("năm") and re.search(r"\b(?:đến|tới)\s+$", before, re.I))
    ):
        return "forecast"
    opens = re.match(r"từ\s", mention, re.I) or re.search(r"\btừ\s+$", before)
    if (opens and re.match(r"[^.;:]{0,8}?\s*(?:đến|tới|-|–)\s", text[end:])) or (
        re.match(r"(?:đến|tới)\s", mention, re.I)
        and (re.search(r"\btừ\b[^.;:]{0,30}$", before, re.I) or re.search(r"\bkéo\s+dài\s+$", before, re.I))
    ):
        return "period"  # each end of "từ ngày 5/7 đến 16/8" (not "từ ngày 11-13/7", one event)
    if _PERIOD.search(before) or re.search(r"tháng\s+(?:đầu|cuối)\s+$", before):
        return "period"
    if "/" not in mention and not re.search(r"ngày", mention, re.I) and (
        re.match(r"\s*:\s*\d", after)
        or _figure_in_clause(after)
        or re.search(r"(?<![\d/.-])\d[\d.,]*\s*(?:%|tỷ|triệu|nghìn|USD|đồng)[^\W\d_]*\s+(?:vào\s+|trong\s+)?$", before)
    ):
        return "period"  # a month or a year framing a figure: "năm 2021, tổng cộng 640 ứng viên"
    return "event"


def _figure_in_clause(after: str) -> bool:
    """A quantity (not a year) in the rest of the date's clause."""
    clause = re.split(r"[.;!?](?:\s|$)", after, maxsplit=1)[0][:100]  # not the dot of "1.410"
    for m in re.finditer(r"(?<![\d/.-])(\d[\d.,]*)\s*(%|[^\W\d_]+)", clause):
        number, unit = m.group(1).rstrip(".,"), m.group(2).lower()
        if _YEAR_ONLY.fullmatch(number) or unit in ("năm", "tháng", "ngày", "giờ", "h", "tuổi", "và"):
            continue
        return True
    return False


# a date: its role, and for an event how precise it is. On the tuning half, event dates with a
# day were right 20 of 20, those with a month or a year only 3 of 4 (and read outside the gold:
# "năm 2021" and "tháng 6" mostly frame figures); (right + 1) / (found + 2)
DATE_CONFIDENCE = {"day": 0.95, "month-year": 0.67, "no-digit": 0.33}
_OTHER_ROLE = 0.05


def date_granularity(date_text: str) -> str:
    if re.search(r"(?<!tháng )\b\d{1,2}\s*[/.-]\s*\d{1,2}(?!\d)|ngày\s+\d", date_text, re.I):
        return "day"
    return "month-year" if re.search(r"\d", date_text) else "no-digit"


def date_confidence(role: str, date_text: str = "") -> float:
    if role != "event":
        return _OTHER_ROLE
    return DATE_CONFIDENCE[date_granularity(date_text)]
