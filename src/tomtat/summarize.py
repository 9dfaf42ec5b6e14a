"""``summarize()``: one cluster of articles in, one Summary out (the main path), and
``to_documents()``, the Python API's reading of articles."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from tomtat.errors import InputError
from tomtat.models import Cluster, Document, Summary
from tomtat.options import SummarizeOptions

DocumentLike = str | Mapping[str, Any] | Document


def to_documents(docs: Sequence[DocumentLike]) -> list[Document]:
    """Turn raw strings, dicts ``{"title"?, "text" | "html", "date"?, "source"?, "id"?}`` or
    Documents into Documents. Strings and dicts are validated (:class:`tomtat.ingest.ArticleIn`:
    ``date`` must be an ISO date) and cleaned; Documents are taken as they are. An article
    cleaning would empty is kept with its text and a warning. Ids: a given id must be unique,
    a missing one is ``d<position>`` (the one rule of :func:`tomtat.ingest.unique_ids`)."""
    from tomtat.ingest import documents_from_items

    if isinstance(docs, (str, bytes, Mapping)):
        raise InputError("give a list of articles, not a single one", where="documents")
    items = []
    for i, doc in enumerate(docs):
        if isinstance(doc, str):
            doc = {"text": doc}
        elif isinstance(doc, Mapping):
            doc = dict(doc)
        elif not isinstance(doc, Document):
            raise InputError(f"cannot read a document of type {type(doc).__name__}", where=f"document {i + 1}")
        items.append(doc)
    return documents_from_items(items, "")


def summarize(
    docs: Cluster | Sequence[DocumentLike],
    max_words: int | None = None,
    *,
    method: str | None = None,
    max_sentences: int | None = None,
    options: SummarizeOptions | None = None,
    cluster_id: str = "0",
) -> Summary:
    """Summarize one cluster of articles on a story.

    ``docs`` is a Cluster, or a list of article texts, dicts or Documents. ``max_words``
    (default 200), ``method`` and ``max_sentences`` override the matching fields of ``options``.
    A pile holding several dated events is told event by event in date order (``Summary.events``,
    see ``tomtat.story``); ``options.story=False`` keeps one flat summary.
    """
    from tomtat.pipeline import build_cluster
    from tomtat.select import select
    from tomtat.story import find_story, tell_story
    from tomtat.summarizers import get_summarizer

    options = options or SummarizeOptions()
    changes = {"max_words": max_words, "max_sentences": max_sentences, "method": method}
    changes = {k: v for k, v in changes.items() if v is not None}
    if changes:
        options = options.with_(**changes)

    cluster = docs if isinstance(docs, Cluster) else build_cluster(to_documents(docs), cluster_id)
    summarizer = get_summarizer(options.method)
    groups = find_story(cluster) if options.story else None
    if groups and options.max_sentences is not None and options.max_sentences < len(groups):
        groups = None  # fewer sentences than events: one summary of the pile, as before
    events: tuple = ()
    told = None
    if groups is not None:  # several events: each its share of the budget, told in date order
        told = tell_story(cluster, groups, summarizer, options.max_words, options.max_sentences)
    if told is None:  # one event, or a budget too small to open every event with its news
        scores = summarizer.score(cluster)
        chosen = select(
            cluster,
            scores,
            max_words=options.max_words,
            max_sentences=options.max_sentences,
            max_overlap=summarizer.max_overlap,
            repeat_penalty=summarizer.repeat_penalty,
            reading=True,
        )
    else:
        events, scores = told
        chosen = [s for event in events for s in event.sentences]
    if not chosen:
        # no "cluster 0": the caller knows which cluster it asked for (a batch row names its line)
        raise InputError(f"no sentence fits the budget of {options.max_words} syllables")
    extras: dict[str, Any] = {}
    if options.facts:
        from tomtat.facts import extract_facts

        extras["facts"] = extract_facts(cluster, summary=chosen)
    if options.timeline:
        from tomtat.timeline import extract_timeline

        extras["timeline"] = extract_timeline(cluster)
    return Summary(
        cluster=cluster,
        sentences=tuple(chosen),
        method=options.method,
        scores=scores,
        events=events,
        **extras,
    )
