"""Summary -> plain text, Markdown or a JSON-ready dict. The only place output is formatted."""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from typing import Any

from tomtat.models import Sentence, Summary
from tomtat.text.normalize import strip_control


def to_dict(summary: Summary) -> dict[str, Any]:
    """The JSON form: every sentence with its document id and offsets into that text."""
    return {
        "id": summary.id,
        "method": summary.method,
        "summary": summary.text,
        "n_words": summary.n_words,
        "sentences": [
            {**sentence_dict(s), "score": round(summary.scores.get(s.key, 0.0), 6)}
            for s in summary.sentences
        ],
        "documents": [
            {
                "id": d.id,
                "title": d.title,
                "text": d.text,
                "date": d.date,
                "source": d.source,
                "warnings": list(d.warnings),
                "removed": [{"text": t, "reason": r} for t, r in d.removed],
            }
            for d in summary.cluster.documents
        ],
        "facts": _facts_dicts(summary.facts),
        "timeline": [_event_dict(e) for e in summary.timeline],
    }


def _facts_dicts(facts) -> list[dict[str, Any]]:
    shown = {id(f) for f in short_list(facts)}
    return [_fact_dict(f, id(f) in shown) for f in facts]


def sentence_dict(sentence: Sentence) -> dict[str, Any]:
    """A sentence with its provenance: ``documents[doc].text[start:end] == text``."""
    return {
        "text": sentence.text,
        "doc": sentence.doc_id,
        "index": sentence.index,
        "start": sentence.start,
        "end": sentence.end,
    }


# the facts part: Vietnamese labels (the page uses the same ones) and a short list
FACT_LABELS = {
    "money": "tiền", "percent": "tỷ lệ", "count": "số lượng",
    "person": "người", "organization": "tổ chức", "location": "địa điểm",
}  # fmt: skip
SHORT_LIST_FIGURES = 8
SHORT_LIST_NAMES = 8
_FIGURE_KINDS = ("money", "percent", "count")


def short_list(facts) -> list:
    """The facts shown in text, Markdown and on the page: the first ``SHORT_LIST_FIGURES``
    figures and ``SHORT_LIST_NAMES`` names, in the order ``extract_facts`` ranked them (those
    in the summary's sentences, then those with more sources). JSON carries all of them."""
    figures = [f for f in facts if f.kind in _FIGURE_KINDS][:SHORT_LIST_FIGURES]
    names = [f for f in facts if f.kind not in _FIGURE_KINDS][:SHORT_LIST_NAMES]
    return figures + names


def _fact_dict(fact, shown: bool = True) -> dict[str, Any]:
    data = asdict(fact)
    data["sources"] = [{"doc": d, "index": i} for d, i in fact.sources]
    data["label"] = FACT_LABELS.get(fact.kind, fact.kind)
    data["in_short_list"] = shown
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
        lines += ["", "Số liệu và nhân vật chính:", *_fact_lines(summary.facts)]
    if summary.timeline:
        lines += ["", "Diễn biến:", *_timeline_lines(summary)]
    return "\n".join(lines)


def to_markdown(summary: Summary) -> str:
    titles = {d.id: d.title or d.id for d in summary.cluster.documents}
    lines = [f"## Tóm tắt ({summary.n_words} từ)", ""]
    lines += [f"- {s.text} _[{titles[s.doc_id]}, câu {s.index + 1}]_" for s in summary.sentences]
    if summary.facts:
        lines += ["", "### Số liệu và nhân vật chính", "", *_fact_lines(summary.facts)]
    if summary.timeline:
        lines += ["", "### Diễn biến", "", *_timeline_lines(summary)]
    return "\n".join(lines)


def _fact_line(fact) -> str:
    subject = f"{fact.subject}: " if fact.subject else ""
    conflict = " (các nguồn không thống nhất)" if fact.conflict else ""
    label = FACT_LABELS.get(fact.kind, fact.kind)
    return f"{subject}{fact.value} [{label}, {fact.n_documents} nguồn]{conflict}"


def _fact_lines(facts) -> list[str]:
    """The short list, then how many more the JSON holds."""
    shown = short_list(facts)
    lines = [f"- {_fact_line(f)}" for f in shown]
    if len(shown) < len(facts):
        lines.append(f"- … và {len(facts) - len(shown)} mục khác (đầy đủ trong JSON)")
    return lines


def _event_line(event) -> str:
    """``2023-12-11: ...``; a range shows both ends (``2024-01 – 2024-03`` for quý I)."""
    when = event.date or event.date_text
    if event.date and event.end_date:
        when = f"{event.date} – {event.end_date}"
    return f"{when}: {event.text}"


def _timeline_lines(summary: Summary) -> list[str]:
    """One line a date: the first sentence stating it, and how many articles state it."""
    by_date: dict[str, list] = {}
    for event in summary.timeline:
        # undated mentions of one day ("sáng 11/12", "Ngày 11/12") share their digits
        key = event.date or "/".join(re.findall(r"\d+", event.date_text)) or event.date_text
        by_date.setdefault(key, []).append(event)
    lines = []
    for events in by_date.values():
        n_docs = len({e.sentence[0] for e in events})
        sources = f" ({n_docs} nguồn)" if n_docs > 1 else ""
        lines.append(f"- {_event_line(events[0])}{sources}")
    return lines


RENDERERS = {"text": to_text, "markdown": to_markdown, "json": to_json}

def render(summary: Summary, fmt: str = "text") -> str:
    """The summary as ``fmt``; text and Markdown are meant for a terminal or a page, so they
    carry no control characters from the input (JSON escapes them itself)."""
    out = RENDERERS[fmt](summary)
    return out if fmt == "json" else strip_control(out)
