"""Summary -> plain text, Markdown or a JSON-ready dict. The only place output is formatted."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from tomtat.models import Summary


def to_dict(summary: Summary) -> dict[str, Any]:
    """The JSON form: every sentence with its document id and offsets into that text."""
    return {
        "id": summary.id,
        "method": summary.method,
        "summary": summary.text,
        "n_words": summary.n_words,
        "sentences": [
            {
                "text": s.text,
                "doc": s.doc_id,
                "index": s.index,
                "start": s.start,
                "end": s.end,
                "score": round(summary.scores.get(s.key, 0.0), 6),
            }
            for s in summary.sentences
        ],
        "documents": [
            {
                "id": d.id,
                "title": d.title,
                "text": d.text,
                "date": d.date,
                "source": d.source,
            }
            for d in summary.cluster.documents
        ],
        "facts": [_fact_dict(f) for f in summary.facts],
        "timeline": [_event_dict(e) for e in summary.timeline],
    }


def _fact_dict(fact) -> dict[str, Any]:
    data = asdict(fact)
    data["sources"] = [{"doc": d, "index": i} for d, i in fact.sources]
    return data


def _event_dict(event) -> dict[str, Any]:
    data = asdict(event)
    doc, index = event.sentence
    data["sentence"] = {"doc": doc, "index": index}
    return data


def to_json(summary: Summary, indent: int | None = 2) -> str:
    return json.dumps(to_dict(summary), ensure_ascii=False, indent=indent)


def to_text(summary: Summary) -> str:
    lines = [summary.text]
    if summary.facts:
        lines += ["", "Số liệu và nhân vật chính:"]
        lines += [f"- {_fact_line(f)}" for f in summary.facts]
    if summary.timeline:
        lines += ["", "Diễn biến:"]
        lines += [f"- {_event_line(e)}" for e in summary.timeline]
    return "\n".join(lines)


def to_markdown(summary: Summary) -> str:
    titles = {d.id: d.title or d.id for d in summary.cluster.documents}
    lines = [f"## Tóm tắt ({summary.n_words} từ)", ""]
    lines += [f"- {s.text} _[{titles[s.doc_id]}, câu {s.index + 1}]_" for s in summary.sentences]
    if summary.facts:
        lines += ["", "### Số liệu và nhân vật chính", ""]
        lines += [f"- {_fact_line(f)}" for f in summary.facts]
    if summary.timeline:
        lines += ["", "### Diễn biến", ""]
        lines += [f"- {_event_line(e)}" for e in summary.timeline]
    return "\n".join(lines)


def _fact_line(fact) -> str:
    subject = f"{fact.subject}: " if fact.subject else ""
    conflict = " (các nguồn không thống nhất)" if fact.conflict else ""
    return f"{subject}{fact.value} [{fact.kind}, {fact.n_documents} nguồn]{conflict}"


def _event_line(event) -> str:
    when = event.date or event.date_text
    return f"{when}: {event.text}"


RENDERERS = {"text": to_text, "markdown": to_markdown, "json": to_json}


def render(summary: Summary, fmt: str = "text") -> str:
    return RENDERERS[fmt](summary)
