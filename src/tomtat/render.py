"""Summary -> plain text, Markdown or a JSON-ready dict. The only place output is formatted."""

from __future__ import annotations

import json
import re
from dataclasses import asdict
from typing import Any

from tomtat.confidence import SHOWN
from tomtat.dates import IMPOSSIBLE_MARK, impossible_date
from tomtat.models import Sentence, StoryEvent, Summary
from tomtat.text.normalize import strip_control


def opener(event: StoryEvent) -> str:
    """How an event's paragraph opens: ``11/12/2023`` (``17/12/2023 (năm suy ra)`` when the
    year is inferred, ``17/12 (chưa rõ năm)`` when it is unknown: such an event is told where
    the evidence places it, or, when it leaves its place open, in a last part opened by
    :func:`open_lead`)."""
    if event.month_day is None:
        return ""
    month, day = event.month_day
    text = f"{day}/{month}"
    if event.end_month_day is not None:  # "11-13/7", "30/11-2/12"
        end_month, end_day = event.end_month_day
        text = f"{day}-{end_day}/{month}" if end_month == month else f"{day}/{month}-{end_day}/{end_month}"
    if event.date is not None:
        text += f"/{event.date[:4]}"
        if event.inferred:
            text += " (năm suy ra)"
    else:
        text += f" ({UNKNOWN_YEAR})"
    return text


UNKNOWN_YEAR = "chưa rõ năm"


def open_lead(events) -> str:
    """The line told before the events whose place the evidence leaves open (``order``
    "open"), the story's last part: that their order against the others is not known.
    "" when there are none."""
    opened = [e for e in events if e.order == "open"]
    if not opened:
        return ""
    what = "năm" if all(e.month_day is not None for e in opened) else "thời điểm"
    these = "Sự kiện dưới đây" if len(opened) == 1 else "Các sự kiện dưới đây"
    n_above = len(events) - len(opened)
    if n_above == 0:
        return f"{these} chưa rõ {what}, nên chưa rõ thứ tự trước sau:"
    above = "sự kiện trên" if n_above == 1 else "các sự kiện trên"
    return f"{these} chưa rõ {what}, nên chưa rõ diễn ra trước hay sau {above}:"


def _leads(events) -> list[str]:
    """The line told before each event: :func:`open_lead` before the first open one."""
    lead = open_lead(events)
    first_open = next((n for n, e in enumerate(events) if e.order == "open"), None)
    return [lead if n == first_open else "" for n in range(len(events))]


def to_dict(summary: Summary) -> dict[str, Any]:
    """The JSON form: every sentence with its document id and offsets into that text.

    ``summary`` is the chosen sentences' text joined by spaces, in the order told, without the
    event headings; ``text`` is the summary exactly as the text output prints it (one
    paragraph, or one per event opened by its heading, paragraphs apart by a blank line)."""
    return {
        "id": summary.id,
        "method": summary.method,
        "summary": summary.text,
        "text": summary_text(summary),
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
        "events": [_story_event_dict(e, summary, lead) for e, lead in zip(summary.events, _leads(summary.events))],
        "facts": _facts_dicts(summary.facts),
        "timeline": [_event_dict(e) for e in summary.timeline],
        "timeline_shown": [
            {**_event_dict(x["event"]), "n_documents": x["n_documents"], "key": x["key"]}
            for x in timeline_entries(summary)
        ],
        "timeline_dates": len({_date_key(e) for e in summary.timeline}),
    }


def _facts_dicts(facts) -> list[dict[str, Any]]:
    shown = {id(f) for f in short_list(facts)}
    return [_fact_dict(f, id(f) in shown) for f in facts]


def _story_event_dict(event: StoryEvent, summary: Summary, lead: str = "") -> dict[str, Any]:
    """An event of the pile as told: its date (``inferred`` with its evidence), how sure its
    place is (``order``: "dated", "placed" or "open"), the line told before it (``lead``, ""
    but before the first open event) and its sentences."""
    return {
        "date": event.date,
        "date_text": event.date_text,
        "certain": event.certain,
        "inferred": event.inferred,
        "evidence": _key_dict(event.evidence),
        "evidence_text": event.evidence_text,
        "heading": opener(event),
        "order": event.order,
        "lead": lead,
        "documents": list(event.documents),
        "sentences": [
            {**sentence_dict(s), "score": round(summary.scores.get(s.key, 0.0), 6)}
            for s in event.sentences
        ],
    }


def _key_dict(key: tuple[str, int] | None) -> dict[str, Any] | None:
    return None if key is None else {"doc": key[0], "index": key[1]}


def sentence_dict(sentence: Sentence) -> dict[str, Any]:
    """A sentence with its provenance: ``documents[doc].text[start:end] == text``."""
    return {
        "text": sentence.text,
        "doc": sentence.doc_id,
        "index": sentence.index,
        "start": sentence.start,
        "end": sentence.end,
    }


# the facts part: Vietnamese labels (served to the page in each fact's "label") and a short list
FACT_LABELS = {
    "money": "tiền", "percent": "tỷ lệ", "count": "số lượng",
    "person": "người", "organization": "tổ chức", "location": "địa điểm",
}  # fmt: skip
SHORT_LIST_FIGURES = 8
SHORT_LIST_NAMES = 8
_FIGURE_KINDS = ("money", "percent", "count")
_NAME_KINDS = ("person", "organization", "location")


def short_list(facts) -> list:
    """The facts shown in text, Markdown and on the page: the first ``SHORT_LIST_FIGURES``
    figures and ``SHORT_LIST_NAMES`` names whose confidence reaches ``tomtat.confidence.SHOWN``
    (figures: current values only, no earlier value, forecast or hypothetical), in the order
    ``extract_facts`` ranked them (those in the summary's sentences, then those with more
    sources). A cluster may show none. JSON carries all of them, each with its confidence."""
    sure = [f for f in facts if f.confidence >= SHOWN]
    figures, seen = [], set()
    for f in sure:
        if f.kind in _FIGURE_KINDS and f.role in ("", "current"):
            same = (f.value.split()[0], _outcome(f.subject))  # "17 nữ sinh" / "17 em" thiệt mạng
            if same[1] and same in seen:
                continue
            seen.add(same)
            figures.append(f)
    figures = figures[:SHORT_LIST_FIGURES]
    names = [f for f in sure if f.kind in _NAME_KINDS][:SHORT_LIST_NAMES]
    return figures + names


_OUTCOME_WORDS = {"thiệt mạng": "chết", "tử vong": "chết", "chết": "chết", "bị thương": "bị thương",
                  "mất tích": "mất tích", "bị bắt": "bị bắt"}


def _outcome(subject: str) -> str:
    return next((v for k, v in _OUTCOME_WORDS.items() if k in subject.lower()), "")


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
    data["evidence"] = _key_dict(event.evidence)
    data["impossible_date"] = _impossible(event)  # "29/2/2023", "31/4": shown marked
    return data


def _impossible(event) -> bool:
    return event.date is None and impossible_date(event.date_text)


def to_json(summary: Summary, indent: int | None = 2) -> str:
    return json.dumps(to_dict(summary), ensure_ascii=False, indent=indent)


def summary_paragraphs(summary: Summary) -> list[str]:
    """The summary as read: one paragraph, or one per event opened by its date (the events
    whose place is open last, after a line that says so, :func:`open_lead`)."""
    if not summary.events:
        return [summary.text]
    paragraphs = []
    for event, lead in zip(summary.events, _leads(summary.events)):
        if lead:
            paragraphs.append(lead)
        text = " ".join(s.text for s in event.sentences)
        heading = opener(event)
        paragraphs.append(f"{heading} — {text}" if heading else text)
    return paragraphs


def summary_text(summary: Summary) -> str:
    """The summary part of :func:`to_text`: its paragraphs, a blank line apart."""
    return "\n\n".join(summary_paragraphs(summary))


def to_text(summary: Summary) -> str:
    lines = [summary_text(summary)]
    if summary.facts:
        lines += ["", "Số liệu và nhân vật chính:", *_fact_lines(summary.facts)]
    if summary.timeline:
        lines += ["", "Diễn biến:", *_timeline_lines(summary)]
    return "\n".join(lines)


def to_markdown(summary: Summary) -> str:
    titles = {d.id: d.title or d.id for d in summary.cluster.documents}
    lines = [f"## Tóm tắt ({summary.n_words} tiếng)", ""]
    if summary.events:
        for event, open_line in zip(summary.events, _leads(summary.events)):
            if open_line:
                lines += ["", f"*{open_line}*", ""]
            heading = opener(event)
            for n, s in enumerate(event.sentences):
                lead = f"**{heading} —** " if heading and n == 0 else ""
                lines.append(f"- {lead}{s.text} _[{titles[s.doc_id]}, câu {s.index + 1}]_")
    else:
        lines += [f"- {s.text} _[{titles[s.doc_id]}, câu {s.index + 1}]_" for s in summary.sentences]
    if summary.facts:
        lines += ["", "### Số liệu và nhân vật chính", "", *_fact_lines(summary.facts)]
    if summary.timeline:
        lines += ["", "### Diễn biến", "", *_timeline_lines(summary)]
    return "\n".join(lines)


def _fact_line(fact) -> str:
    subject = f"{fact.subject}: " if fact.subject else ""
    value = f"{fact.direction} {fact.value}" if getattr(fact, "direction", "") else fact.value
    conflict = ""
    if fact.conflict:
        others = "; ".join(f"{v} ({', '.join(docs)})" for v, docs in getattr(fact, "conflict_with", ()))
        conflict = f" (các nguồn không thống nhất: {others})" if others else " (các nguồn không thống nhất)"
    label = FACT_LABELS.get(fact.kind, fact.kind)
    return f"{subject}{value} [{label}, {fact.n_documents} nguồn]{conflict}"


def _fact_lines(facts) -> list[str]:
    """The short list, then how many more the JSON holds."""
    shown = short_list(facts)
    lines = [f"- {_fact_line(f)}" for f in shown]
    if not shown:
        lines.append(f"- (không mục nào đủ chắc chắn để hiển thị; {len(facts)} mục trong JSON, kèm độ tin cậy)")
    elif len(shown) < len(facts):
        lines.append(f"- … và {len(facts) - len(shown)} mục khác (đầy đủ trong JSON)")
    return lines


TIMELINE_LINES = 12  # text, Markdown and the page; JSON keeps every entry


def _when(event) -> str:
    """``2023-12-11``; a range shows both ends (``2024-01 – 2024-03`` for quý I); an inferred
    year says so (``2023-12-17 (2023, suy ra)``); no year: the words as written."""
    when = event.date or event.date_text
    if _impossible(event):
        when += f" ({IMPOSSIBLE_MARK})"
    if event.date and event.end_date:
        when = f"{event.date} – {event.end_date}"
    if event.date and event.inferred:
        when += f" ({event.date[:4]}, suy ra)"
    return when


def _event_line(event) -> str:
    return f"{_when(event)}: {event.text}"


def _date_key(event) -> str:
    # undated mentions of one day ("sáng 11/12", "Ngày 11/12") share their digits
    return event.date or "/".join(re.findall(r"\d+", event.date_text)) or event.date_text


def timeline_entries(summary: Summary, limit: int | None = TIMELINE_LINES) -> list[dict[str, Any]]:
    """The timeline as a reader takes it: one entry a date (its first sentence, how many
    articles state it), at most ``limit``: key dates first (the dates of the pile's events,
    dates stated in the summary's sentences), then the dates most articles state; shown in
    date order. Every entry stays in the JSON ``timeline``."""
    by_date: dict[str, list] = {}
    for event in summary.timeline:
        if getattr(event, "role", "event") != "event" or getattr(event, "confidence", 1.0) < SHOWN:
            continue  # births, comparison bases, periods, forecasts, names, a year alone: JSON only
        if event.date is None and not any(ch.isdigit() for ch in event.date_text):
            continue  # "sáng nay" with no article date: says nothing of when
        by_date.setdefault(_date_key(event), []).append(event)
    in_summary = {s.key for s in summary.sentences}
    event_days = {e.date for e in summary.events if e.date}
    event_days |= {f"{e.month_day[1]}/{e.month_day[0]}" for e in summary.events if e.month_day}
    entries = []
    for order, (key, events) in enumerate(by_date.items()):
        key_date = any(e.sentence in in_summary for e in events) or key in event_days or any(
            e.date and e.date[:10] in event_days for e in events
        )
        entries.append(
            {
                "event": events[0],
                "n_documents": len({e.sentence[0] for e in events}),
                "key": key_date,
                "order": order,
            }
        )
    if limit is not None and len(entries) > limit:
        ranked = sorted(entries, key=lambda x: (not x["key"], x["event"].date is None, -x["n_documents"], x["order"]))
        keep = {id(x) for x in ranked[:limit]}
        entries = [x for x in entries if id(x) in keep]
    return entries


def _timeline_lines(summary: Summary) -> list[str]:
    """One line a date (see :func:`timeline_entries`), and how many more are in the JSON."""
    entries = timeline_entries(summary)
    lines = []
    for entry in entries:
        sources = f" ({entry['n_documents']} nguồn)" if entry["n_documents"] > 1 else ""
        lines.append(f"- {_event_line(entry['event'])}{sources}")
    hidden = len({_date_key(e) for e in summary.timeline}) - len({_date_key(x["event"]) for x in entries})
    if hidden > 0:
        lines.append(f"- (thêm {hidden} mốc khác trong bản JSON)")
    return lines


RENDERERS = {"text": to_text, "markdown": to_markdown, "json": to_json}

def render(summary: Summary, fmt: str = "text") -> str:
    """The summary as ``fmt``; text and Markdown are meant for a terminal or a page, so they
    carry no control characters from the input (JSON escapes them itself)."""
    out = RENDERERS[fmt](summary)
    return out if fmt == "json" else strip_control(out)
