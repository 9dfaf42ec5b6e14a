"""PDF articles: the text layer, read with pypdf (the optional ``tomtat[pdf]`` extra).

A PDF with no text layer (a scanned page) is refused with a line that says so: tomtat does
no OCR. Nothing is downloaded; pypdf is pure Python.
"""

from __future__ import annotations

from pathlib import Path

from tomtat.errors import InputError
from tomtat.ingest.files import document_from_text, read_bytes
from tomtat.models import Document

PDF_MAGIC = b"%PDF-"


def is_pdf(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(PDF_MAGIC)


def pdf_text(data: bytes, where: str) -> str:
    """The text of every page, pages separated by a blank line. InputError when pypdf is
    missing, the file is not a readable PDF, or it has no text layer."""
    try:
        from pypdf import PdfReader
        from pypdf.errors import PyPdfError
    except ImportError:
        missing = "PDFs are read only with pypdf installed: pip install 'tomtat[pdf]'"
        raise InputError(missing, where) from None
    import io

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            reader.decrypt("")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PyPdfError, ValueError, KeyError, TypeError, NotImplementedError) as err:
        reason = " ".join(str(err).split())[:120] or type(err).__name__
        raise InputError(f"PDF cannot be read: {reason}", where=where) from None
    text = "\n\n".join(_unwrap(p) for p in pages if p.strip())
    if not any(c.isalnum() for c in text):
        raise InputError(
            "PDF without a text layer (a scanned page?): not read; run OCR on it first", where=where
        )
    return text


def _unwrap(page: str) -> str:
    """A page's lines with the layout's wraps undone: a line that does not end a sentence and
    is followed by one that starts in lower case (or a digit) continues on it."""
    out: list[str] = []
    for line in page.strip().splitlines():
        line = line.strip()
        continues = line and (line[0].islower() or line[0].isdigit())
        if out and out[-1] and continues and out[-1][-1] not in ".!?…:;\"”":
            out[-1] += " " + line
        else:
            out.append(line)
    return "\n".join(out)


def read_pdf_file(path: str | Path, data: bytes | None = None) -> Document:
    """A PDF file -> Document (id = file stem, source = the path), cleaned as plain text."""
    path = Path(path)
    if data is None:
        data = read_bytes(path)
    return document_from_text(pdf_text(data, str(path)), id=path.stem, source=str(path))
