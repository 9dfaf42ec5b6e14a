"""The one input model: an article as a caller gives it, validated once at ingest.

The Python API (``tomtat.to_documents``), JSON Lines rows and the HTTP API all read an article
as :class:`ArticleIn` (``id``, ``title``, ``text`` | ``html``, ``lead``, ``date``, ``source``;
AbMuSu's ``raw_text`` and ``anchor_text`` are read as ``text`` and ``lead``). ``date`` is parsed
here: an ISO date, or an ISO date-time with or without a zone (``2023-12-11T08:00:00+07:00`` ->
``"2023-12-11"``, the day as written where it was written); anything else is an error naming
the field. After ingest a Document's ``date`` is a valid ``YYYY-MM-DD`` string or None.

One duplicate-id rule, :func:`unique_ids`, everywhere: an id the caller gives must be unique
(a repeat is an error naming both places); an id tomtat makes (a file's stem, ``d3``, ``a12``)
takes a suffix (``-2``, ``-3``) when it is already taken.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from tomtat.errors import InputError
from tomtat.models import Document

MIN_YEAR, MAX_YEAR = 1900, 2100  # a news article's date outside these is a placeholder, not a date


def parse_date(value: Any) -> str | None:
    """An ISO date or date-time (zone optional) -> ``"YYYY-MM-DD"``; None or "" -> None.

    Raises ValueError for anything else ("12/12/2023", "hôm qua", "2023-13-45", year 9999).
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, str):
        text = value.strip()
        try:
            day = dt.date.fromisoformat(text) if len(text) <= 10 else dt.datetime.fromisoformat(text).date()
        except ValueError:
            raise ValueError(
                f"not an ISO date: {value!r} (write YYYY-MM-DD, or a date-time like 2023-12-11T08:00:00+07:00)"
            ) from None
    else:
        raise ValueError(f"not a date: {type(value).__name__}")
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise ValueError(f"not a plausible news date: {value!r} (year outside {MIN_YEAR}-{MAX_YEAR})")
    return day.isoformat()


class ArticleIn(BaseModel):
    """One article as given: ``text`` (plain or word-segmented) or ``html`` (a page)."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True)

    id: str | None = None
    title: str | None = None
    text: str | None = Field(None, validation_alias=AliasChoices("text", "raw_text"))
    html: str | None = None
    lead: str | None = Field(None, validation_alias=AliasChoices("lead", "anchor_text"), description="the sapo")
    date: str | None = Field(None, description="ISO date YYYY-MM-DD (a date-time with zone is accepted)")
    source: str | None = None

    @field_validator("id", mode="before")
    @classmethod
    def _id_as_text(cls, value: Any) -> Any:
        if isinstance(value, bool):
            raise ValueError("an id is a string or a number")
        if isinstance(value, int):
            return str(value)
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("title", "text", "html", "lead", "source", mode="before")
    @classmethod
    def _blank_is_absent(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("date", mode="before")
    @classmethod
    def _iso_date(cls, value: Any) -> str | None:
        return parse_date(value)

    @model_validator(mode="after")
    def _has_text(self) -> ArticleIn:
        if self.text is None and self.html is None:
            raise ValueError("no text (give text or html)")
        return self


def _first_error(err: ValidationError) -> str:
    first = err.errors()[0]
    field = ".".join(str(part) for part in first["loc"])
    message = first["msg"].removeprefix("Value error, ")
    return f"{field}: {message}" if field else message


def validate_article(item: Any, where: str) -> ArticleIn:
    """A dict (or an ArticleIn) -> ArticleIn; InputError naming ``where`` and the field."""
    if isinstance(item, ArticleIn):
        return item
    if not isinstance(item, dict):
        raise InputError("not a JSON object", where=where)
    try:
        return ArticleIn.model_validate(item)
    except ValidationError as err:
        raise InputError(_first_error(err), where=where) from None


def document_from_article(article: ArticleIn, id: str, where: str) -> Document:
    """A validated article -> a cleaned Document (HTML through trafilatura)."""
    from tomtat.ingest.codepoints import repair, repair_warning
    from tomtat.ingest.files import document_from_text
    from tomtat.ingest.html import document_from_html

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


def unique_ids(documents: Sequence[Document], given: Sequence[bool], places: Sequence[str]) -> list[Document]:
    """The one duplicate-id rule. ``given[i]``: the caller chose ``documents[i].id``;
    ``places[i]`` names where it came from. A repeated given id raises InputError naming both
    places; a made id that is taken gets ``-2``, ``-3`` ..."""
    first: dict[str, str] = {}
    for doc, chosen, place in zip(documents, given, places):
        if chosen:
            if doc.id in first:
                raise InputError(f"duplicate document id {doc.id!r} (also {first[doc.id]})", where=place)
            first[doc.id] = place
    out: list[Document] = []
    taken = set(first)
    for doc, chosen in zip(documents, given):
        if not chosen:
            new_id, n = doc.id, 1
            while new_id in taken:
                n += 1
                new_id = f"{doc.id}-{n}"
            if new_id != doc.id:
                doc = replace(doc, id=new_id)
            taken.add(new_id)
        out.append(doc)
    return out
