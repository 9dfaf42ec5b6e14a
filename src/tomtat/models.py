"""Plain data objects that flow through tomtat's pipeline.

input -> Document -> Cluster (sentences with ids and offsets) -> Summary (+ facts, timeline).
A sentence is identified by ``(doc_id, index)`` and carries character offsets into its
document's cleaned ``text``; never by its own text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tomtat.dates import parse_date
from tomtat.errors import InputError


@dataclass(frozen=True)
class Document:
    """One cleaned article. ``text`` is NFC, de-segmented, clutter-free body text."""

    id: str
    text: str
    title: str = ""
    lead: str = ""  # the article's sapo / anchor text, when the source gives it apart
    date: str | None = None  # ISO date (YYYY-MM-DD) when known
    source: str | None = None  # file path, URL or outlet name
    warnings: tuple[str, ...] = ()  # what the reader should know: heavy cleaning, not Vietnamese
    # what cleaning took out, as (text, reason): "caption", "related", "byline", "other-story"...
    removed: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        """A Document is valid once made, so the stages after ingest trust it: its ``date``
        is read here, once (an ISO date-time becomes its day; anything else is an error)."""
        try:
            date = parse_date(self.date)
        except ValueError as err:
            raise InputError(f"date: {err}", where=f"document {self.id!r}") from None
        if date != self.date:
            object.__setattr__(self, "date", date)


@dataclass(frozen=True)
class Sentence:
    """A sentence of a document: ``document.text[start:end] == text``."""

    doc_id: str
    doc_position: int  # the document's position in its cluster (0 = first article)
    index: int  # the sentence's position in its document
    start: int
    end: int
    text: str
    words: tuple[str, ...] = ()  # lower-cased syllables, punctuation dropped

    @property
    def key(self) -> tuple[str, int]:
        return (self.doc_id, self.index)

    @property
    def n_syllables(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Cluster:
    """Articles on one story, split into sentences."""

    id: str
    documents: tuple[Document, ...]
    sentences: tuple[Sentence, ...]

    def document(self, doc_id: str) -> Document:
        for doc in self.documents:
            if doc.id == doc_id:
                return doc
        raise KeyError(doc_id)

    def sentences_of(self, doc_id: str) -> tuple[Sentence, ...]:
        return tuple(s for s in self.sentences if s.doc_id == doc_id)


@dataclass(frozen=True)
class Fact:
    """A figure or named entity, with every sentence that states it."""

    kind: str  # "money" | "percent" | "count" | "person" | "organization" | "location" | ...
    value: str  # normalised value, e.g. "20 tỷ USD" or "Phạm Minh Chính"
    text: str  # the surface form as first seen
    subject: str = ""  # what the figure measures, when found ("kim ngạch thương mại")
    sources: tuple[tuple[str, int], ...] = ()  # sentence keys (doc_id, index)
    n_documents: int = 0
    conflict: bool = False  # sources give different figures for the same subject
    # how likely the item is right as shown (value, kind and a subject saying what it measures),
    # calibrated on the tuning half of tests/data/facts_exhaustive.jsonl; the short list shows
    # only items reaching ``tomtat.confidence.SHOWN``
    confidence: float = 0.0
    role: str = ""  # a figure: "current" | "earlier" | "forecast" | "hypothetical" | "range"
    direction: str = ""  # a figure that is a change: "tăng" | "giảm"
    # a conflicting figure: the other amounts for the same subject, as (value, doc ids)
    conflict_with: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class TimelineEvent:
    """A dated statement: ``date`` is ISO (YYYY-MM-DD, YYYY-MM or YYYY) or None when unsure."""

    date: str | None
    date_text: str  # the expression as written ("sáng 11/12", "từ ngày 11-13/7")
    end_date: str | None
    sentence: tuple[str, int]  # (doc_id, index)
    text: str
    certain: bool = True  # the year is written, or comes from the article's own date
    inferred: bool = False  # the year comes from evidence elsewhere (see ``evidence``)
    evidence: tuple[str, int] | None = None  # the sentence the inferred year rests on
    evidence_text: str = ""
    # what the date is to its sentence: "event" (when something reported happens) | "birth" |
    # "comparison" | "period" | "forecast" | "name"; the shown timeline holds events only
    role: str = "event"
    confidence: float = 0.0


@dataclass(frozen=True)
class StoryEvent:
    """One event of a pile told in the summary: its date and the sentences chosen for it.

    ``date`` is ISO (``YYYY-MM-DD``) when the year is known, else None with ``date_text``
    keeping what the articles write ("17/12"). ``inferred``: the year comes from evidence
    (``evidence``, a sentence key), not from the text of the date or an article's date.
    ``order`` says how sure its place in the story is.
    """

    date: str | None
    date_text: str
    certain: bool
    inferred: bool
    documents: tuple[str, ...]  # ids of the articles on this event
    sentences: tuple[Sentence, ...]
    evidence: tuple[str, int] | None = None
    evidence_text: str = ""
    month_day: tuple[int, int] | None = None  # the event's day, with or without its year
    end_month_day: tuple[int, int] | None = None  # its last day, when written as a range
    # its place among the others: "dated" (by its year), "placed" (year unknown, but the
    # evidence leaves it one place between dated events), "open" (the evidence leaves its
    # place open: told in a last part that says so)
    order: str = "dated"


@dataclass(frozen=True)
class Summary:
    """The result of summarizing a cluster: chosen sentences in reading order.

    When the pile holds several events, ``events`` tells them in date order and
    ``sentences`` lists the same sentences in that order (event by event)."""

    cluster: Cluster
    sentences: tuple[Sentence, ...]
    method: str
    scores: dict[tuple[str, int], float] = field(default_factory=dict, compare=False)
    facts: tuple[Fact, ...] = ()
    timeline: tuple[TimelineEvent, ...] = ()
    events: tuple[StoryEvent, ...] = ()  # several events: the summary told event by event

    @property
    def id(self) -> str:
        return self.cluster.id

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)

    @property
    def n_words(self) -> int:
        return sum(s.n_syllables for s in self.sentences)
