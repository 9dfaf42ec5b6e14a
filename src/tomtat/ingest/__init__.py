"""Reading input: text and HTML files, directories, stdin, JSON Lines clusters."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from tomtat.dates import parse_date
from tomtat.errors import InputError
from tomtat.ingest.files import decode_article, decode_bytes, document_from_text, read_bytes, read_text_file
from tomtat.ingest.html import document_from_html, looks_like_html, read_html_file
from tomtat.ingest.jsonl import (
    ClusterInput,
    cluster_from_row,
    document_from_dict,
    documents_from_items,
    parse_line,
    read_articles,
    read_jsonl,
)
from tomtat.ingest.model import ArticleIn, unique_ids, validate_article
from tomtat.ingest.pdf import is_pdf, read_pdf_file
from tomtat.models import Document

__all__ = [
    "ArticleIn",
    "ClusterInput",
    "cluster_from_row",
    "document_from_dict",
    "document_from_html",
    "document_from_text",
    "documents_from_items",
    "load_documents",
    "parse_date",
    "parse_line",
    "read_articles",
    "read_file",
    "read_html_file",
    "read_jsonl",
    "read_text_file",
    "unique_ids",
    "validate_article",
]

TEXT_SUFFIXES = {".txt", ".text", ""}
HTML_SUFFIXES = {".html", ".htm"}
PDF_SUFFIXES = {".pdf"}


def _from_contents(decoded: tuple[str, tuple[str, ...]], id: str, source: str) -> Document:
    """Decoded contents and their notes -> Document: an HTML page when it looks like one, else text."""
    text, notes = decoded
    if looks_like_html(text):
        return document_from_html(text, id=id, source=source, notes=notes)
    return document_from_text(text, id=id, source=source, notes=notes)


def read_file(path: str | Path) -> Document:
    """A text or HTML file -> Document, by extension (an HTML page is also sniffed)."""
    path = Path(path)
    if path.suffix.lower() in HTML_SUFFIXES:
        return read_html_file(path)
    data = read_bytes(path)
    if path.suffix.lower() in PDF_SUFFIXES or is_pdf(data):
        return read_pdf_file(path, data)
    return _from_contents(decode_article(data, str(path)), path.stem, str(path))


def _directory_files(directory: Path) -> tuple[list[Path], list[Path]]:
    """The article files of a directory (.txt, .html, .htm, .pdf) and its other files, by
    name; hidden files are neither."""
    files: list[Path] = []
    others: list[Path] = []
    for p in sorted(directory.iterdir()):
        if not p.is_file() or p.name.startswith("."):
            continue
        if p.suffix.lower() in (TEXT_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES) - {""}:
            files.append(p)
        else:
            others.append(p)
    return files, others


def load_documents(
    inputs: Sequence[str | Path], on_skip: Callable[[InputError], None] | None = None
) -> list[Document]:
    """Files, directories (their .txt/.html/.htm/.pdf files, by name) and "-" (stdin) -> Documents.

    A file named on its own that cannot be read raises InputError. In a directory, such a file
    (binary, undecodable, nothing left after cleaning, a scanned PDF) and any file of another
    kind are passed to ``on_skip`` and left out,
    as a JSONL row leaves out an empty document; InputError when the directory leaves nothing.
    Duplicate ids get a suffix ("a", "a-2").
    """
    docs: list[Document] = []
    for item in inputs:
        if str(item) == "-":
            docs.append(_from_contents(decode_article(sys.stdin.buffer.read(), "stdin"), "stdin", "stdin"))
            continue
        path = Path(item)
        if path.is_dir():
            docs.extend(_read_directory(path, on_skip))
        elif path.exists():
            docs.append(read_file(path))
        else:
            raise InputError("no such file or directory", where=str(path))
    # ids made from file names: the one duplicate-id rule gives a repeat a suffix
    return unique_ids(docs, [False] * len(docs), [d.source or d.id for d in docs])


def _read_directory(directory: Path, on_skip: Callable[[InputError], None] | None) -> list[Document]:
    docs: list[Document] = []
    skipped: list[InputError] = []
    files, others = _directory_files(directory)
    for path in others:  # said, not silently left out
        if on_skip is not None:
            on_skip(InputError("not a .txt, .html or .pdf file", where=str(path)))
    if not files:
        raise InputError("no .txt, .html or .pdf files in directory", where=str(directory))
    for path in files:
        try:
            docs.append(read_file(path))
        except InputError as err:
            skipped.append(err)
            if on_skip is not None:
                on_skip(err)
    if not docs:
        problems = "; ".join(f"{Path(e.where or '').name}: {e.problem}" for e in skipped)
        raise InputError(f"no readable article in directory ({problems})", where=str(directory))
    return docs
