"""A validated article (:class:`~tomtat.ingest.model.ArticleIn`) -> a cleaned Document, by the
reader of its kind: text (``tomtat.ingest.files``) or an HTML page (``tomtat.ingest.html``).
Above both readers, so the schema module stays a leaf."""

from __future__ import annotations

from dataclasses import replace

from tomtat.errors import InputError
from tomtat.ingest.codepoints import repair, repair_warning
from tomtat.ingest.files import document_from_text
from tomtat.ingest.html import document_from_html
from tomtat.ingest.model import ArticleIn
from tomtat.models import Document


def document_from_article(article: ArticleIn, id: str, where: str) -> Document:
    """A validated article -> a cleaned Document (HTML through trafilatura)."""
    # text no writer could encode (a lone surrogate from JSON): U+FFFD, with a warning
    fixed: dict[str, int] = {}
    changes: dict[str, str] = {}
    for name in ("title", "text", "html", "lead", "source"):
        value = getattr(article, name)
        if isinstance(value, str):
            value, n = repair(value)
            if n:
                fixed[name], changes[name] = n, value
    id, n_id = repair(id)
    if n_id:
        fixed["id"] = n_id
    where, _ = repair(where)
    if changes:
        article = article.model_copy(update=changes)
    try:
        if article.text is None and article.html is not None:
            doc = document_from_html(
                article.html, id=id, source=article.source, title=article.title, date=article.date
            )
        else:
            doc = document_from_text(
                article.text or "", id=id, title=article.title, lead=article.lead or "", date=article.date,
                source=article.source,
            )
    except InputError as err:
        raise InputError(err.problem, where=where) from None
    if fixed:
        doc = replace(doc, warnings=(repair_warning(fixed), *doc.warnings))
    return doc
