"""Article pages: main text and metadata by trafilatura, then tomtat's own clutter filter."""

from __future__ import annotations

from pathlib import Path

from tomtat.dates import parse_date
from tomtat.errors import InputError
from tomtat.ingest.files import decode_article, document_from_text, read_bytes
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
    notes: tuple[str, ...] = (),
) -> Document:
    """Extract an article page's text, title and date into a Document.

    A ``title`` or ``date`` given by the caller wins over the page's own metadata. The date
    comes from the page's metadata only (:func:`page_date`), never from its body text.
    """
    where = source or id
    if not html.strip():
        raise InputError("empty: no HTML", where=where)
    import trafilatura  # loaded for HTML input only: a sixth of a second

    from tomtat.ingest.page_captions import strip_page_captions

    tree, captions = strip_page_captions(html)  # photo blocks and captions, by the markup
    extracted = trafilatura.bare_extraction(
        tree if tree is not None else html,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    text = (getattr(extracted, "text", None) or "") if extracted is not None else ""
    if not text.strip():
        raise InputError("no article text found in HTML", where=where)
    title = " ".join(normalize(title or getattr(extracted, "title", None) or "").split())
    lines = [ln.strip() for ln in normalize(text).split("\n") if ln.strip()]
    if title and lines and lines[0].rstrip(".") == title.rstrip("."):
        lines = lines[1:]  # the <h1> repeated as the first paragraph
    date = date or page_date(html)  # never trafilatura's date: it falls back to the body text
    doc = document_from_text(
        "\n".join(lines), id=id, title=title or None, date=date, source=source, notes=notes
    )
    if captions:
        from dataclasses import replace

        doc = replace(doc, removed=(*((c, "caption") for c in captions), *doc.removed))
    return doc


def page_date(html: str) -> str | None:
    """The publication date from a page's metadata only: its ``<meta>`` tags (Open Graph,
    ``article:published_time``, Dublin Core, ``itemprop``...) and JSON-LD, read by htmldate's
    header and JSON search; never a date written in the body ("năm 2022", "(7/1/1979 -
    7/1/2024)"). ``YYYY-MM-DD`` or None."""
    from htmldate.core import examine_header, json_search
    from htmldate.utils import Extractor, load_html
    from htmldate.validators import get_max_date, get_min_date

    tree = load_html(html)
    if tree is None:
        return None
    options = Extractor(False, get_max_date(None), get_min_date(None), True, "%Y-%m-%d")
    found = examine_header(tree, options) or json_search(tree, options)
    try:
        return parse_date(found)
    except ValueError:
        return None


def read_html_file(path: str | Path) -> Document:
    """An HTML article page -> Document (id = file stem, source = the path)."""
    path = Path(path)
    html, notes = decode_article(read_bytes(path), str(path))
    return document_from_html(html, id=path.stem, source=str(path), notes=notes)
