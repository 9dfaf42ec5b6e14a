"""Result rows: one summary row per cluster or JSONL line, one row per event of a pile.

Rows are plain dicts ready for ``json.dumps``; a row that fails becomes ``{"id", "error"}``
and never raises, so a batch keeps going.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from tomtat.errors import InputError, TomtatError, one_line
from tomtat.ingest.codepoints import repaired
from tomtat.models import Document
from tomtat.options import SummarizeOptions

if TYPE_CHECKING:
    from tomtat.ingest.jsonl import Line

Row = dict[str, Any]


def summarize_row(item: Any, options: SummarizeOptions) -> Row:
    """Summarize one ClusterInput into its JSON result, or an error row; never raises.

    An InputError item (a line that could not be read) gives its error row.
    """
    from tomtat.summarize import summarize
    from tomtat.render import to_dict

    if isinstance(item, InputError):
        return {"id": str(item.line) if item.line is not None else None, "error": str(item)}
    where = f"line {item.line}" if getattr(item, "line", None) is not None else f"cluster {item.id}"
    try:
        summary = summarize(item.documents, options=options, cluster_id=item.id)
        row = to_dict(summary)
    except TomtatError as err:
        return {"id": item.id, "error": f"{where}: {err}"}
    except Exception as err:  # noqa: BLE001 - a bug on one odd cluster must not sink thousands
        return {"id": item.id, "error": f"{where}: {one_line(err)}"}
    if item.reference is not None:
        row["reference"] = item.reference
    return row


def line_id(item: Line | InputError) -> str:
    """The ``id`` the row of a JSONL line gets: its ``"id"`` field, else its line number.

    Never raises: a line that cannot be parsed at all (malformed, or nested too deeply for
    the parser) is known by its line number.
    """
    if isinstance(item, InputError):
        return str(item.line)
    _, number, text = item
    try:
        data = json.loads(text)
        if isinstance(data, dict) and data.get("id") not in (None, ""):
            return repaired(str(data["id"]))  # as its row writes it
    except Exception:  # noqa: BLE001, S110 - ValueError, RecursionError, an id whose str() fails
        pass
    return str(number)


def summarize_line(item: Line | InputError, options: SummarizeOptions) -> Row:
    """Parse, clean and summarize one JSONL line (see ``tomtat.ingest``); never raises."""
    from tomtat.ingest import cluster_from_row, parse_line

    try:
        cluster = parse_line(item, cluster_from_row)
        if isinstance(cluster, InputError):
            return {"id": line_id(item), "error": str(cluster)}
        return summarize_row(cluster, options)
    except Exception as err:  # noqa: BLE001 - the last guard: a row, never a raise
        return line_error_row(item, err)


def line_error_row(item: Line | InputError, err: BaseException) -> Row:
    """The error row of a JSONL line whose work raised ``err`` (or whose worker died)."""
    if isinstance(item, InputError):
        return {"id": line_id(item), "error": str(item)}
    where, number, _ = item
    return {"id": line_id(item), "error": f"{where}:{number}: {one_line(err)}"}


EVENT_MAX_WORDS = 100  # an event's summary is a paragraph, not a page


def event_options(max_words: int | None = None, method: str | None = None) -> SummarizeOptions:
    """How each event of a pile is summarized, the one rule of ``tomtat cluster`` and
    ``POST /v1/events``: ``max_words`` (default ``EVENT_MAX_WORDS``), the default method unless
    given, no facts, no timeline and no story (an event is told as one)."""
    values: dict[str, Any] = {"facts": False, "timeline": False, "story": False}
    values["max_words"] = EVENT_MAX_WORDS if max_words is None else max_words
    if method is not None:
        values["method"] = method
    return SummarizeOptions(**values)


def event_row(
    members: tuple[Document, ...],
    event_id: str,
    options,
    representatives: tuple[Document, ...] | None = None,
) -> dict:
    """One event: its articles, a title (the first article title, else the first summary
    sentence), a short summary and the dates its articles carry.

    The summary is drawn from ``representatives`` (one article per near-duplicate group, all
    ``members`` by default); ``articles`` lists every member either way.
    """
    from tomtat.render import sentence_dict
    from tomtat.summarize import summarize

    sources = representatives or members
    try:
        summary = summarize(sources, options=options, cluster_id=event_id)
    except InputError:  # no sentence fits the budget: the event still gets its best sentence
        best = options.with_(max_words=10**9, max_sentences=1)
        summary = summarize(sources, options=best, cluster_id=event_id)
    lead = summary.sentences[0].text if summary.sentences else sources[0].text[:120]
    return {
        "event_id": event_id,
        "articles": [d.id for d in members],
        "title": next((d.title for d in members if d.title), "") or lead,
        "summary": summary.text,
        "dates": sorted({d.date for d in members if d.date}),
        "sentences": [sentence_dict(s) for s in summary.sentences],
        "summarized_articles": [d.id for d in sources],
    }


def _event_row(item: tuple[tuple[Document, ...], str, tuple[Document, ...]], options) -> dict:
    return event_row(item[0], item[1], options, item[2])


def summarize_events(documents: Sequence[Document], options=None, workers: int = 1) -> Iterator[dict]:
    """Group ``documents`` into events and yield each event's row, in order of first article.

    Duplicate ids are rejected (``InputError``) here, before the first row. Each event's
    summary is drawn from its near-duplicate representatives (``summarized_articles``), so a
    pile of copies is summarized once. ``options`` (a SummarizeOptions) shapes each event's
    summary; by default ``EVENT_MAX_WORDS`` words without facts or timeline.
    """
    from tomtat.events import score_pile
    from tomtat.parallel import ordered_map
    from tomtat.summarize import to_documents

    documents = to_documents(documents) if documents else []  # the one duplicate-id rule
    if options is None:
        options = SummarizeOptions(max_words=EVENT_MAX_WORDS, facts=False, timeline=False)
    pile = score_pile(documents) if documents else None
    groups = pile.group() if pile else []
    is_representative = set(pile.representatives) if pile else set()

    def items() -> Iterator[tuple[tuple[Document, ...], str, tuple[Document, ...]]]:
        for n, group in enumerate(groups):
            members = tuple(documents[i] for i in group)
            sources = tuple(documents[i] for i in group if i in is_representative)
            yield members, f"e{n}", sources

    return ordered_map(_event_row, items(), options, workers=workers)
