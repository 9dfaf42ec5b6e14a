"""Article pages: main text and metadata by trafilatura, then tomtat's own clutter filter."""

from __future__ import annotations

from pathlib import Path

from tomtat.errors import InputError
from tomtat.ingest.files import decode_bytes, document_from_text, read_bytes
from tomtat.models import Document
from tomtat.text.normalize import normalize


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith("<!doctype html") or "<html" in head


def document_from_html(
    html: str,
    id: str,
    source: str | None = None,
    title: str | None = None,
    date: str | None = None,
) -> Document:
    """Extract an article page's text, title and date into a Document.

    A ``title`` or ``date`` given by the caller wins over the page's own metadata.
    """
    where = source or id
    if not html.strip():
        raise InputError("empty file", where=where)
    import trafilatura  # loaded for HTML input only: a sixth of a second

    extracted = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, include_tables=True, include_images=False
    )
    text = (getattr(extracted, "text", None) or "") if extracted is not None else ""
    if not text.strip():
        raise InputError("no article text found in HTML", where=where)
    title = " ".join(normalize(title or getattr(extracted, "title", None) or "").split())
    lines = [ln.strip() for ln in normalize(text).split("\n") if ln.strip()]
    if title and lines and lines[0].rstrip(".") == title.rstrip("."):
        lines = lines[1:]  # the <h1> repeated as the first paragraph
    date = date or getattr(extracted, "date", None) or None
    return document_from_text(
        "\n".join(lines), id=id, title=title or None, date=date, source=source
    )


def read_html_file(path: str | Path) -> Document:
    """An HTML article page -> Document (id = file stem, source = the path)."""
    path = Path(path)
    html = decode_bytes(read_bytes(path), str(path))
    return document_from_html(html, id=path.stem, source=str(path))
