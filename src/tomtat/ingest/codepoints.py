"""Text that cannot be written: lone surrogates and noncharacters, repaired to U+FFFD.

A JSON string may hold ``\\ud83d`` alone (what a browser's ``JSON.stringify`` writes for an
emoji cut in half); Python keeps it in a ``str``, but no UTF-8 writer can encode it, so one
such character would stop a batch, an HTTP answer or a resume. At ingest every such code point
becomes U+FFFD (the replacement character) and the document gets a warning; writers repair
what still slips through (an id in an error message) rather than crash.
"""

from __future__ import annotations

import re
from typing import Any

# lone surrogates, the 32 noncharacters of the BMP's Arabic block and the last two code points
# of every plane (U+FFFE, U+FFFF, U+1FFFE ...): not for interchange
_INVALID = re.compile(
    "[\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    + "".join(f"{chr(p * 0x10000 + 0xFFFE)}{chr(p * 0x10000 + 0xFFFF)}" for p in range(1, 17))
    + "]"
)
REPLACEMENT = "\ufffd"


def count_invalid(text: str) -> int:
    """How many code points of ``text`` cannot be written as UTF-8 interchange text."""
    return sum(1 for _ in _INVALID.finditer(text))


def repair(text: str) -> tuple[str, int]:
    """``text`` with every lone surrogate or noncharacter replaced by U+FFFD, and how many."""
    return _INVALID.subn(REPLACEMENT, text)


def repaired(text: str) -> str:
    return _INVALID.sub(REPLACEMENT, text)


def repair_value(value: Any) -> Any:
    """A JSON-like value (dicts, lists, strings) with every string repaired; keys too."""
    if isinstance(value, str):
        return repaired(value)
    if isinstance(value, dict):
        return {repair_value(k): repair_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [repair_value(v) for v in value]
    return value


def repair_warning(fields: dict[str, int]) -> str:
    """The document warning for ``{field: replaced count}``."""
    total = sum(fields.values())
    where = ", ".join(f"{name} ({n})" for name, n in fields.items())
    unit = "code point" if total == 1 else "code points"
    return (
        f"{total} invalid {unit} (a lone surrogate such as half an emoji, or a noncharacter) "
        f"replaced by U+FFFD in {where}"
    )
