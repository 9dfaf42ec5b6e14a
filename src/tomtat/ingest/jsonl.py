"""Clusters from JSON Lines: the AbMuSu form and a neutral form, streamed line by line."""

from __future__ import annotations

import codecs
import gzip
import json
import sys
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from tomtat.errors import InputError
from tomtat.ingest.files import document_from_text
from tomtat.ingest.html import document_from_html
from tomtat.models import Document

T = TypeVar("T")


@dataclass(frozen=True)
class ClusterInput:
    """A cluster as read: its documents and, when the row has one, a reference summary."""

    id: str
    documents: tuple[Document, ...]
    reference: str | None = None
    line: int | None = None


def _text_field(item: dict[str, Any], *names: str) -> str | None:
    for name in names:
        value = item.get(name)
        if isinstance(value, str) and value.strip():
            return value
    return None


def document_from_dict(item: Any, index: int, where: str) -> Document | None:
    """``{"id"?, "title"?, "text" | "raw_text" | "html", "anchor_text" | "lead"?, "date"?,
    "source"?}`` -> a cleaned Document; None when it holds no text after cleaning."""
    if not isinstance(item, dict):
        raise InputError(f"document {index} is not an object", where=where)
    doc_id = str(item["id"]) if item.get("id") not in (None, "") else f"d{index}"
    html = _text_field(item, "html")
    raw = _text_field(item, "text", "raw_text")
    try:
        if raw is None and html is not None:
            return document_from_html(
                html,
                id=doc_id,
                source=_text_field(item, "source"),
                title=_text_field(item, "title"),
                date=_text_field(item, "date"),
            )
        if raw is None:
            raise InputError(f"document {index} has no text", where=where)
        return document_from_text(
            raw,
            id=doc_id,
            title=_text_field(item, "title"),
            lead=_text_field(item, "anchor_text", "lead") or "",
            date=_text_field(item, "date"),
            source=_text_field(item, "source"),
        )
    except InputError as err:
        if err.problem in ("no text left after cleaning", "no article text found in HTML"):
            return None
        raise InputError(err.problem, where=where) from None


def cluster_from_row(row: dict[str, Any], line_no: int, where: str) -> ClusterInput:
    """Turn one JSONL row into a ClusterInput; errors name ``where:line_no``."""
    at = f"{where}:{line_no}"
    if not isinstance(row, dict):
        raise InputError("row is not a JSON object", where=at)
    items = row.get("documents", row.get("single_documents"))
    if not isinstance(items, list) or not items:
        raise InputError("no documents in row", where=at)
    docs = [document_from_dict(item, i, at) for i, item in enumerate(items)]
    kept = tuple(d for d in docs if d is not None)
    if not kept:
        raise InputError("no text left after cleaning", where=at)
    ids = [d.id for d in kept]
    if len(set(ids)) != len(ids):
        raise InputError("duplicate document ids in row", where=at)
    reference = _text_field(row, "reference", "summary")
    cluster_id = str(row["id"]) if row.get("id") not in (None, "") else str(line_no)
    return ClusterInput(
        id=cluster_id,
        documents=kept,
        reference=" ".join(reference.split()) if reference else None,
        line=line_no,
    )


def read_lines(path: str | Path) -> Iterator[Line | InputError]:
    """The non-blank lines of a JSONL file as ``(name, line number, text)``, streamed.

    ``.gz`` by extension, ``"-"`` for stdin. A line that is not UTF-8 comes as an InputError
    (with its ``line``) and the reading goes on. A missing file raises InputError now.
    """
    where = "stdin" if str(path) == "-" else str(path)
    if str(path) == "-":
        stream: BinaryIO | gzip.GzipFile = sys.stdin.buffer
    else:
        try:
            stream = gzip.open(path, "rb") if str(path).endswith(".gz") else open(path, "rb")  # noqa: SIM115
        except OSError as err:
            problem = err.strerror or str(err)
            raise InputError(problem[:1].lower() + problem[1:], where=where) from None
    return _lines(stream, where, close=str(path) != "-")


def _lines(stream: BinaryIO | gzip.GzipFile, where: str, close: bool) -> Iterator[Line | InputError]:
    number = 0
    try:
        for number, raw in enumerate(stream, start=1):
            if number == 1:
                raw = raw.removeprefix(codecs.BOM_UTF8)
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                yield InputError("not UTF-8 text", where=f"{where}:{number}", line=number)
                continue
            if text.strip():
                yield (where, number, text)
    except (OSError, EOFError, zlib.error) as err:
        number += 1
        yield InputError(f"cannot read on ({type(err).__name__})", where=f"{where}:{number}", line=number)
    finally:
        if close:
            stream.close()


Line = tuple[str, int, str]  # (file name, line number, text): one JSONL row, unparsed


def parse_line(item: Line | InputError, parse: Callable[[Any, int, str], T]) -> T | InputError:
    """``parse(row, line_no, where)`` of one line from :func:`read_lines`; every input
    problem (unreadable line, malformed JSON, bad row) comes back as an InputError."""
    if isinstance(item, InputError):
        return item
    where, line_no, text = item
    try:
        row = json.loads(text)
    except json.JSONDecodeError as err:
        return InputError(f"malformed JSON ({err.msg})", where=f"{where}:{line_no}", line=line_no)
    try:
        return parse(row, line_no, where)
    except InputError as err:
        err.line = line_no
        return err


def _parse_rows(path: str | Path, parse: Callable[[Any, int, str], T]) -> Iterator[T | InputError]:
    """:func:`parse_line` over every line of ``path``, streamed; a bad line does not stop it."""
    for item in read_lines(path):
        yield parse_line(item, parse)


def read_jsonl(path: str | Path) -> Iterator[ClusterInput | InputError]:
    """Yield one ClusterInput, or the InputError that stops it, per non-blank line."""
    return _parse_rows(path, cluster_from_row)


def article_from_row(row: Any, line_no: int, where: str) -> Document:
    """One article row; without an id it gets ``a<line>``."""
    at = f"{where}:{line_no}"
    if not isinstance(row, dict):
        raise InputError("row is not a JSON object", where=at)
    if row.get("id") in (None, ""):
        row = {**row, "id": f"a{line_no}"}
    document = document_from_dict(row, 0, at)
    if document is None:
        raise InputError("no text left after cleaning", where=at)
    return document


def read_articles(path: str | Path) -> Iterator[Document | InputError]:
    """One article a line (``{"id"?, "title"?, "text" | "html", "date"?, "source"?}``)."""
    return _parse_rows(path, article_from_row)
