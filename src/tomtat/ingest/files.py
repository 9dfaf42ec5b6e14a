"""Read article files: decoding, binary/empty checks, cleaning into a Document."""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

import charset_normalizer

from tomtat.dates import parse_date
from tomtat.errors import InputError
from tomtat.models import Document
from tomtat.text import clean_article_report, normalize, restore
from tomtat.text.segmented import is_segmented

_BOMS_16 = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _looks_binary(text: str) -> bool:
    """Mostly control characters (other than white space): not text."""
    sample = text[:20000]
    if not sample:
        return False
    bad = sum(1 for c in sample if unicodedata.category(c) in ("Cc", "Co", "Cn") and c not in "\n\r\t\f")
    return bad / len(sample) > 0.05 or "\ufffd" * 4 in sample


def decode_bytes(data: bytes, where: str) -> str:
    """Bytes -> str (see :func:`decode_article`, whose notes this drops)."""
    return decode_article(data, where)[0]


_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def decode_article(data: bytes, where: str) -> tuple[str, tuple[str, ...]]:
    """Bytes -> (str, notes for the document's warnings).

    UTF-8 (BOM or not), UTF-16 with a BOM or without one; UTF-8 with a few broken sequences
    (U+FFFD, noted); else the legacy Vietnamese encoding that reads it as Vietnamese
    (Windows-1258, TCVN3, VNI: :mod:`tomtat.text.encodings`, noted by name); else what
    charset-normalizer detects (latin-1...). Raises InputError for binary data and
    undecodable bytes.
    """
    from tomtat.text.encodings import best_legacy, utf16_without_bom

    notes: tuple[str, ...] = ()
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith(_BOMS_16):
        try:
            return data.decode("utf-16"), ()
        except UnicodeDecodeError as err:
            raise InputError("cannot decode UTF-16 text", where=where) from err
    if b"\x00" in data[:65536]:
        text16 = utf16_without_bom(data)
        if text16 is None or _looks_binary(text16):
            raise InputError("binary file, not text", where=where)
        return text16, ("read as UTF-16 (no byte-order mark)",)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _mostly_utf8(data)
        if text is not None:
            broken = text.count("\ufffd") - data.count("\ufffd".encode())
            notes = (f"{broken} byte sequence(s) that are not UTF-8 replaced by U+FFFD",)
        elif (legacy := best_legacy(data)) is not None:
            name, text, _ = legacy
            notes = (f"decoded as {name}, a legacy Vietnamese encoding (not UTF-8): check the text",)
        else:
            best = charset_normalizer.from_bytes(data).best()
            if best is None:
                raise InputError("binary file, not text", where=where) from None
            text = str(best)
    if _looks_binary(text):
        raise InputError("binary file, not text", where=where)
    return text, notes


def _mostly_utf8(data: bytes) -> str | None:
    """``data`` decoded as UTF-8 with U+FFFD for the broken sequences, when it is UTF-8 with
    a few of them (a string cut in a character, a half surrogate written by a lax encoder):
    at least ten good multi-byte sequences for every broken byte. Else None."""
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd") - data.count("\ufffd".encode())
    good = len(_UTF8_SEQUENCE.findall(data))
    return text if good >= 10 * max(1, broken) else None


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file or directory", where=str(path)) from None
    except IsADirectoryError:
        raise InputError("is a directory", where=str(path)) from None
    except OSError as err:
        raise InputError(f"cannot read file ({err.strerror or err})", where=str(path)) from None


def _clean_title(title: str) -> str:
    title = normalize(title)
    if is_segmented(title) or "_" in title:
        title = restore(title)
    return " ".join(title.split())


def document_from_text(
    raw: str,
    id: str,
    title: str | None = None,
    lead: str = "",
    date: str | None = None,
    source: str | None = None,
    notes: tuple[str, ...] = (),
) -> Document:
    """Clean ``raw`` into a Document (``notes``: warnings from reading it, first). A given ``title`` is kept (normalised) and the text's
    first line is then not taken as a title. Raises InputError when there is no text at all;
    an article that cleaning would empty is kept as it came, with a warning."""
    where = source or id
    if not any(c.isalnum() for c in raw):
        raise InputError("empty: not one letter or digit", where=where)

    try:
        date = parse_date(date)
    except ValueError as err:
        raise InputError(f"date: {err}", where=where) from None
    report = clean_article_report(raw, known_title=title, known_lead=lead or None)
    return Document(
        id=id,
        text=report.body,
        title=_clean_title(title) if title else report.title,
        lead=_clean_title(lead) if lead else "",
        date=date,
        source=source,
        warnings=(*notes, *report.warnings),
        removed=tuple((r.text, r.reason) for r in report.removed),
    )


def read_text_file(path: str | Path) -> Document:
    """A plain-text article file -> Document (id = file stem, source = the path)."""
    path = Path(path)
    text, notes = decode_article(read_bytes(path), str(path))
    return document_from_text(text, id=path.stem, source=str(path), notes=notes)
