"""Clusters from JSON Lines: the AbMuSu form and a neutral form, streamed line by line."""

from __future__ import annotations

import codecs
import gzip
import json
import sys
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from tomtat.errors import InputError, one_line
from tomtat.ingest.article import document_from_article
from tomtat.ingest.model import unique_ids, validate_article
from tomtat.ingest.codepoints import repaired
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


def document_from_dict(item: Any, index: int, where: str) -> Document:
    """``{"id"?, "title"?, "text" | "raw_text" | "html", "anchor_text" | "lead"?, "date"?,
    "source"?}`` (:class:`~tomtat.ingest.model.ArticleIn`) -> a cleaned Document; without an
    id it is ``d<index>``. Errors name ``where``, the document and the field."""
    at = f"{where}: document {index + 1}" if where else f"document {index + 1}"  # 1-based, as a reader counts
    article = validate_article(item, at)
    return document_from_article(article, article.id or f"d{index}", at)


def documents_from_items(items: Sequence[Any], where: str) -> list[Document]:
    """A cluster's articles -> Documents, under the one duplicate-id rule
    (:func:`~tomtat.ingest.model.unique_ids`)."""
    docs: list[Document] = []
    given: list[bool] = []
    places: list[str] = []
    for i, item in enumerate(items):
        at = f"{where}: document {i + 1}" if where else f"document {i + 1}"  # 1-based, as a reader counts
        if isinstance(item, Document):  # valid since it was made: trusted as it is
            docs.append(item)
            given.append(True)
        else:
            article = validate_article(item, at)
            docs.append(document_from_article(article, article.id or f"d{i}", at))
            given.append(article.id is not None)
        places.append(at)
    return unique_ids(docs, given, places)


def cluster_from_row(row: dict[str, Any], line_no: int, where: str) -> ClusterInput:
    """Turn one JSONL row into a ClusterInput; errors name ``where:line_no``."""
    at = f"{where}:{line_no}"
    if not isinstance(row, dict):
        raise InputError("row is not a JSON object", where=at)
    items = row.get("documents", row.get("single_documents"))
    if not isinstance(items, list) or not items:
        raise InputError("no documents in row", where=at)
    try:
        kept = tuple(documents_from_items(items, ""))
    except InputError as err:
        raise InputError(f"{err.where}: {err.problem}" if err.where else err.problem, where=at) from None
    reference = _text_field(row, "reference", "summary")
    cluster_id = repaired(str(row["id"])) if row.get("id") not in (None, "") else str(line_no)
    return ClusterInput(
        id=cluster_id,
        documents=kept,
        reference=" ".join(reference.split()) if reference else None,
        line=line_no,
    )


def read_lines(path: str | Path) -> LineStream:
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
    return LineStream(stream, where, close=str(path) != "-")


class LineStream:
    """The iterator :func:`read_lines` returns; ``blank`` counts the blank lines read so far
    (they get no row: a batch's closing line reports them)."""

    def __init__(self, stream: BinaryIO | gzip.GzipFile, where: str, close: bool) -> None:
        self.blank = 0
        self._lines = _lines(stream, where, close, self)

    def __iter__(self) -> LineStream:
        return self

    def __next__(self) -> Line | InputError:
        return next(self._lines)

    def close(self) -> None:
        self._lines.close()


def _lines(
    stream: BinaryIO | gzip.GzipFile, where: str, close: bool, counts: LineStream | None = None
) -> Iterator[Line | InputError]:
    number = 0
    try:
        for number, raw in enumerate(stream, start=1):
            if number == 1:
                raw = raw.removeprefix(codecs.BOM_UTF8)
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                yield InputError(_not_utf8(raw), where=f"{where}:{number}", line=number)
                continue
            if text.strip():
                yield (where, number, text)
            elif counts is not None:
                counts.blank += 1
    except (OSError, EOFError, zlib.error) as err:
        number += 1
        yield InputError(f"cannot read on ({type(err).__name__})", where=f"{where}:{number}", line=number)
    finally:
        if close:
            stream.close()


def _not_utf8(raw: bytes) -> str:
    """The one-line problem of a line that is not UTF-8, naming the legacy Vietnamese
    encoding it reads as, if any."""
    from tomtat.text.encodings import best_legacy

    legacy = best_legacy(raw)
    if legacy is None:
        return "not UTF-8 text"
    return f"not UTF-8 text (it reads as Vietnamese in {legacy[0]}: convert the file to UTF-8)"


Line = tuple[str, int, str]  # (file name, line number, text): one JSONL row, unparsed


def parse_line(item: Line | InputError, parse: Callable[[Any, int, str], T]) -> T | InputError:
    """``parse(row, line_no, where)`` of one line from :func:`read_lines`; every input
    problem (unreadable line, malformed JSON, bad row) comes back as an InputError, and so
    does whatever else reading the line raises (JSON nested too deeply, a bug): one odd line
    never stops a reader."""
    if isinstance(item, InputError):
        return item
    where, line_no, text = item
    try:
        row = json.loads(text)
    except json.JSONDecodeError as err:
        return InputError(f"malformed JSON ({err.msg})", where=f"{where}:{line_no}", line=line_no)
    except RecursionError as err:
        return InputError(one_line(err), where=f"{where}:{line_no}", line=line_no)
    try:
        return parse(row, line_no, where)
    except InputError as err:
        err.line = line_no
        return err
    except Exception as err:  # noqa: BLE001 - one odd line must not stop the reading
        return InputError(one_line(err), where=f"{where}:{line_no}", line=line_no)


def _parse_rows(path: str | Path, parse: Callable[[Any, int, str], T]) -> Iterator[T | InputError]:
    """:func:`parse_line` over every line of ``path``, streamed; a bad line does not stop it."""
    for item in read_lines(path):
        yield parse_line(item, parse)


def read_jsonl(path: str | Path) -> Iterator[ClusterInput | InputError]:
    """Yield one ClusterInput, or the InputError that stops it, per non-blank line."""
    return _parse_rows(path, cluster_from_row)


def article_from_row(row: Any, line_no: int, where: str) -> Document:
    """One article row; without an id it gets ``a<line>``."""
    return _article_and_origin(row, line_no, where)[0]


def _article_and_origin(row: Any, line_no: int, where: str) -> tuple[Document, bool, int]:
    at = f"{where}:{line_no}"
    if not isinstance(row, dict):
        raise InputError("row is not a JSON object", where=at)
    article = validate_article(row, at)
    return document_from_article(article, article.id or f"a{line_no}", at), article.id is not None, line_no


def read_articles(path: str | Path) -> Iterator[Document | InputError]:
    """One article a line (``{"id"?, "title"?, "text" | "html", "date"?, "source"?}``).

    The one duplicate-id rule (:func:`~tomtat.ingest.model.unique_ids`) across lines: a line
    repeating an id given on an earlier line comes as an InputError (that line is left out and
    the reading goes on); a made id (``a<line>``) that is taken gets a suffix.
    """
    where = "stdin" if str(path) == "-" else str(path)
    first: dict[str, int] = {}
    for item in _parse_rows(path, _article_and_origin):
        if isinstance(item, InputError):
            yield item
            continue
        doc, given, line = item
        if given and doc.id in first:
            yield InputError(
                f"duplicate document id {doc.id!r} (first on line {first[doc.id]})", where=f"{where}:{line}", line=line
            )
            continue
        if not given:
            n, base = 1, doc.id
            while doc.id in first:
                n += 1
                doc = replace(doc, id=f"{base}-{n}")
        first[doc.id] = line
        yield doc
