"""A validated article (:class:`~tomtat.ingest.model.ArticleIn`) -> a cleaned Document, by the
reader of its kind: text (``tomtat.ingest.files``) or an HTML page (``tomtat.ingest.html``).
Above both readers, so the schema module stays a leaf."""

from __future__ import annotations

from tomtat.errors import InputError
from tomtat.ingest.files import document_from_text
from tomtat.ingest.html import document_from_html
from tomtat.ingest.model import ArticleIn
from tomtat.models import Document


def document_from_article(article: ArticleIn, id: str, where: str) -> Document:
    """A validated article -> a cleaned Document (HTML through trafilatura)."""
    try:
        if article.text is None and article.html is not None:
            return document_from_html(
                article.html, id=id, source=article.source, title=article.title, date=article.date
            )
        return document_from_text(
            article.text or "", id=id, title=article.title, lead=article.lead or "", date=article.date,
            source=article.source,
        )
    except InputError as err:
        raise InputError(err.problem, where=where) from None
