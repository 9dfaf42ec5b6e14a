"""Read article files: decoding, binary/empty checks, cleaning into a Document."""

from __future__ import annotations

import codecs
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
    """Bytes -> str: UTF-8 (BOM or not), UTF-16 with BOM, else the detected legacy encoding
    (cp1258, latin-1...). Raises InputError for binary data and undecodable bytes."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith(_BOMS_16):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as err:
            raise InputError("cannot decode UTF-16 text", where=where) from err
    if b"\x00" in data[:65536]:
        raise InputError("binary file, not text", where=where)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        best = charset_normalizer.from_bytes(data).best()
        if best is None:
            raise InputError("binary file, not text", where=where) from None
        text = str(best)
    if _looks_binary(text):
        raise InputError("binary file, not text", where=where)
    return text


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
) -> Document:
    """Clean ``raw`` into a Document. A given ``title`` is kept (normalised) and the text's
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
        warnings=report.warnings,
        removed=tuple((r.text, r.reason) for r in report.removed),
    )


def read_text_file(path: str | Path) -> Document:
    """A plain-text article file -> Document (id = file stem, source = the path)."""
    path = Path(path)
    text = decode_bytes(read_bytes(path), str(path))
    return document_from_text(text, id=path.stem, source=str(path))
