"""How sure tomtat is of a fact, a name or a date, and which of them a reader is shown.

Each item falls in one bucket of a few plain features (a figure: its role, whether its subject
is empty, generic or a phrase naming what is counted, its unit; a name: the evidence for its
kind). A date's confidence is in ``tomtat.date_roles``. A bucket's confidence is the share of its items that were right on the
tuning half of the exhaustive gold (tests/data/facts_exhaustive.jsonl, docs/facts-guideline.md),
judged strictly by ``benchmarks/facts_gold.py --exhaustive``, smoothed toward one half for small
buckets: (right + 1) / (found + 2). The short list in text, Markdown and the page
shows only items whose confidence reaches ``SHOWN``; JSON keeps every item with its confidence.
"""

from __future__ import annotations

import re

from tomtat.entities import PLACES
from tomtat.text.language import _marked

__all__ = ["SHOWN", "figure_bucket", "figure_confidence", "name_bucket", "name_confidence"]

SHOWN = 0.85  # the precision the short list aims at

_MEASURES = frozenset(
    "km m cm mm kg g ha tấn lít MW kW kV km/h km2 m2 m3 hải lý mét".split() + ["hải lý"]
)
_DIMENSION = re.compile(
    r"(?:diện tích|chiều dài|chiều cao|chiều rộng|độ cao|độ sâu|độ dài|độ dày|khoảng cách|trọng lượng|"
    r"khối lượng|công suất|tốc độ|vũ lượng|lượng mưa|trọng tải|quãng đường|cự ly|dung tích|sức chứa|"
    r"nhiệt độ|cách|đường kính|bán kính|tầm bắn|cỡ nòng|mực nước|đỉnh lũ|sản lượng)\b",
    re.I,
)
# a subject of one of these words alone says nothing of what is measured ("diện tích": of which lot?)
_GENERIC = frozenset(
    """số tiền|tỷ lệ|tỉ lệ|số lượng|giá trị|mức|con số|tổng|việc|vụ|giá|tàu|người|nhóm|nước|lần|khoảng|
    hơn|gần|trên|dưới|thêm|tổng cộng|toàn bộ|tổng số|số|diện tích|chiều dài|chiều rộng|chiều cao|độ sâu|
    độ cao|trọng lượng|khối lượng|công suất|tốc độ|khoảng cách""".replace("\n", "").replace("    ", "").split("|")
)


# what news counts: people dead, hurt, caught, ill or cured; cases; seized goods
_OUTCOMES = re.compile(
    r"\b(?:thiệt mạng|tử vong|chết|bị thương|mất tích|mắc|nhiễm|khỏi bệnh|bị bắt|bắt giữ|bị bỏng|"
    r"nguy kịch|thở|có mặt|được cứu|gây ngập|dương tính|âm tính|cách ly|điều trị|nhập viện|"
    r"bị phạt|bị xử phạt|bị khởi tố|sơ tán|bị ngập|bị sập|bị cháy|bị hư hỏng|thu giữ|vận hành|"
    r"tham gia|xây dựng|đăng ký|cấp phép)\b"
)


def figure_bucket(kind: str, unit: str, subject: str, role: str) -> str:
    """The bucket of a figure, from what it is and what its subject looks like."""
    if role != "current":
        return "not-current"
    if unit == "tuổi":
        return "age"
    words = subject.split()
    if not words:
        return "no-subject"
    if len(words) == 1 or subject.lower() in _GENERIC or words[0].lower() in ("số", "tổng"):
        return "generic-subject"
    if any(w[:1].isupper() for w in words[1:]) and not subject.isupper():
        return "subject-with-name"  # "công nhân gồm Lý Văn Vương", "ban tổ chức World Cup"
    if kind == "count" and unit in _MEASURES:
        if _DIMENSION.match(subject) or (unit in ("kg", "tấn", "g") and words[0][:1].islower()):
            return "measure"  # "diện tích đất", "cách Côn Đảo", "12 kg ma túy"
        return "measure-other"  # "địa phương" (đã chuẩn bị 1.500 ha), "ban xã" (rộng 16 m2)
    if kind == "count" and subject.lower().startswith(unit.lower() + " "):
        if _OUTCOMES.search(subject):
            return "count-outcome"  # "người thiệt mạng", "ca thở máy không xâm lấn"
        return "count-phrase"
    if kind == "count":
        return "count-other"
    return f"{kind}-phrase"


FIGURE_CONFIDENCE = {  # (right + 1) / (found + 2) on the tuning half (facts_gold.py --calibrate)
    "age": 0.14,  # 0/5
    "count-other": 0.14,  # 0/5
    "count-outcome": 0.85,  # 10/11
    "count-phrase": 0.08,  # 0/10
    "generic-subject": 0.17,  # 1/10
    "measure": 0.9,  # 8/8
    "measure-other": 0.6,  # 2/3
    "money-phrase": 0.22,  # 1/7
    "no-subject": 0.07,  # 0/12
    "not-current": 0.09,  # 1/21
    "percent-phrase": 0.67,  # 5/7
    "subject-with-name": 0.5,  # 4/8
}


def figure_confidence(kind: str, unit: str, subject: str, role: str) -> float:
    return FIGURE_CONFIDENCE.get(figure_bucket(kind, unit, subject, role), 0.0)


_PERSON_CUES = re.compile(
    r"(?:\b(?:ông|bà|anh|chị|em|cô|cháu|bé|cụ|HLV|ca sĩ|diễn viên|nữ diễn viên|nam diễn viên|"
    r"đạo diễn|tài xế|bị cáo|đối tượng|nghệ sĩ|cầu thủ|tiền vệ|tiền đạo|thủ môn|hậu vệ|giáo sư|"
    r"bác sĩ|nạn nhân|Tổng thống|Thủ tướng|Bộ trưởng|Chủ tịch|Giám đốc|Tổng giám đốc|Ngoại trưởng|"
    r"thống đốc|Thống đốc|trung tướng|thiếu tướng|đại tá|trung tá|thượng tá|tay vợt|kỳ thủ|võ sĩ|"
    r"vận động viên|VĐV|nhà báo|phóng viên|luật sư|thẩm phán|Phó Chủ tịch|Bí thư|Đại sứ|vua|"
    r"hoa hậu|á hậu|người mẫu|MC|nhạc sĩ|rapper|siêu mẫu|danh thủ|chiến lược gia)\s+)$"
)
_SURNAMES = frozenset(
    """nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý đinh trương lương
    lưu mai cao đoàn đào tạ hà tô châu quách thái triệu kiều lại la lâm khúc vương tăng""".split()
)
_ORG_BEFORE = re.compile(
    r"(?:Bệnh viện|Công an|UBND|HĐND|Sở|Trường|Ban|Bộ Chỉ huy|Tỉnh ủy|Huyện ủy|Thành ủy|Tòa án|TAND|"
    r"VKSND|Viện|Kho bạc|Cục|Chi cục|Đài|Báo|Đoàn|Hội|Hợp tác xã|HTX|Công ty|Tập đoàn|Ngân hàng|Quỹ|"
    r"Nhà máy|Chợ)\b[^,.;:()]{0,30}?"
    r"(?:\b(?:tỉnh|huyện|TP\.?|thành phố|quận|xã|phường|thị xã)\s+)?$"
)
_TITLE_STARTS = frozenset("Ủy Uỷ Phó Chủ Chánh Giám Bí Tổng Trưởng Thứ Bộ Đại Thượng Trung Thiếu Viện Sở Ban".split())
_LEGAL_WORDS = frozenset("Điều Điểm Khoản Chương Mục Phần Luật Nghị định Thông tư".split())
_KNOWN_ACRONYMS = frozenset(
    """WHO FIFA NATO ASEAN EU IAEA FBI CIA UEFA VFF IMF WTO UNESCO UNICEF LHQ FSB CNN BBC AFP
    KCNA IS OPEC APEC WB ADB AFF AFC IOC NASA EVN PVN FLC SCB TTXVN VTV VOV""".split()
)


def _two_places(value: str) -> bool:
    words = value.lower().split()
    return any(tuple(words[:k]) in PLACES and tuple(words[k:]) in PLACES for k in range(1, len(words)))


def name_bucket(kind: str, value: str, contexts: list[tuple[str, str]], defined: bool) -> str:
    """The bucket of a name: ``contexts`` holds (text before, text after) of its mentions;
    ``defined``: the text spells it out ("Liên đoàn Bóng đá Thế giới (FIFA)")."""
    syllables = value.split()
    if any(ch.isdigit() for ch in value):
        return "with-digit"
    if not contexts:
        return "cut"  # not found as written ("Hà Tiên-Kiên Lương" read as one name)
    if value in _LEGAL_WORDS:
        return "other"
    if len(syllables) == 1 and value.isupper() and len(value) >= 2:
        known = value in _KNOWN_ACRONYMS
        if any(re.match(r"\s+[A-ZĐ][a-zà-ỹ]", after) for _before, after in contexts):
            return "cut"  # "AFC" of "AFC Bournemouth"
        if any(re.search(r"\bmã\s+$", before) for before, _after in contexts):
            return "acronym"  # a stock code: "mã ITA"
        return "acronym-known" if known or defined else "acronym"
    if len(syllables) == 1:
        return "one-word"
    truncated = any(
        re.match(r"\s*(?:và|&)\s+[A-ZĐ]|-\w", after) or re.search(r"(?:[A-ZĐ]\w*\s|\w-)$", before)
        for before, after in contexts
    )
    if truncated:
        return "cut"  # "Sở Thông tin" of "Sở Thông tin và Truyền thông"
    if kind == "person":
        street = any(
            re.search(r"\b(?:đường|phố|phía|ngã tư|cầu)\s+$", before[-12:]) or re.match(r"\s*[–-]\s+[A-ZĐ]", after)
            or re.search(r"[\w/]+\s+[–-]\s+$", before[-20:])
            for before, after in contexts
        )
        if street or any(re.search(r"\d\s+$", before) for before, _after in contexts):
            return "person-bare"  # "đường Nguyễn Văn Linh", "Nguyễn Văn Linh – Trần Phú", "số 69 Phan Đình Phùng"
        if syllables[-1] in _TITLE_STARTS or syllables[-1].isupper() and len(syllables[-1]) > 1 or any(
            re.match(r"\s*(?:viên|trưởng|tịch|đốc|văn phòng)\b", after) for _before, after in contexts
        ):
            return "cut"  # "Trần Kim Yến Ủy", "Nguyễn Quỳnh Mai Phó TGĐ", "Nguyễn Minh Hồi - Thành viên"
        if len(syllables) >= 4 and tuple(w.lower() for w in syllables[-2:]) in PLACES:
            return "person-bare"  # "Hoàng Anh Gia Lai": a company named after a place
        cue = any(_PERSON_CUES.search(before[-40:]) for before, _after in contexts)
        aged = any(re.match(r"\s*[(,]\s*(?:\d+\s*tuổi|SN\b|sinh năm)", after) for _b, after in contexts)
        vietnamese = syllables[0].lower() in _SURNAMES and len(syllables) >= 3
        if vietnamese and (cue or aged or len(syllables) >= 3):
            return "person-vietnamese"
        if cue or aged:
            return "person-cue"
        return "person-bare"
    if kind == "organization":
        return "organization-phrase" if len(syllables) >= 3 else "organization-short"
    if kind == "location":
        # "tỉnh Long An"; "tại Hà Giang" but not "tại Credit Agricole" nor "hiện tại Inamullah"
        vietnamese_or_known = any(_marked(w) for w in syllables) or tuple(value.lower().split()) in PLACES
        cue = any(
            re.search(r"\b(?:tỉnh|huyện|xã|phường|quận|thị xã|thành phố|TP\.?|thị trấn)\s+$", before[-20:])
            or (vietnamese_or_known and re.search(r"(?<!hiện )\b(?:tại|ở)\s+$", before[-20:]))
            for before, _after in contexts
        )
        if _two_places(value) or (
            len(syllables) >= 4 and any(w.lower() in _SURNAMES for w in syllables[2:-1])
        ):
            return "cut"  # "Afghanistan Nga", "Măng Cành Mai Hoàng Huy": two names glued
        in_org = any(_ORG_BEFORE.search(before[-50:]) for before, _after in contexts)
        if in_org:
            return "location-in-name"  # "Bệnh viện đa khoa tỉnh Quảng Nam", "Tỉnh ủy Quảng Trị"
        return "location-cue" if cue else "location-bare"
    return "other"


NAME_CONFIDENCE = {  # (right + 1) / (found + 2) on the tuning half (facts_gold.py --calibrate)
    "acronym": 0.18,  # 4/26
    "acronym-known": 0.89,  # 7/7
    "cut": 0.45,  # 13/29
    "location-bare": 0.76,  # 18/23
    "location-cue": 0.94,  # 29/30
    "location-in-name": 0.57,  # 3/5
    "one-word": 0.46,  # 38/83
    "organization-phrase": 0.7,  # 22/31
    "organization-short": 0.4,  # 3/8
    "other": 0.25,  # 0/2
    "person-bare": 0.26,  # 8/32
    "person-cue": 0.71,  # 4/5
    "person-vietnamese": 0.94,  # 14/14
    "with-digit": 0.0,  # not seen on the tuning half; kept off the short list
}


def name_confidence(kind: str, value: str, contexts: list[tuple[str, str]], defined: bool) -> float:
    return NAME_CONFIDENCE.get(name_bucket(kind, value, contexts, defined), 0.0)
