"""Text cleaning: normalisation, de-segmentation, clutter removal, sentences and words."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tomtat.text.clutter import Removed, clean_lines, sentence_like, strip_clutter, strip_inline_captions
from tomtat.text.language import language_warning
from tomtat.text.normalize import normalize
from tomtat.text.segmented import is_segmented, restore, split_headline

__all__ = ["CleanReport", "clean_article", "clean_article_report", "normalize", "restore", "strip_clutter", "is_segmented", "split_headline"]

_FINAL_STOP = re.compile(r"[.!?…;:]$")


_LEADING_JUNK = re.compile(r"^[.,;:]+\s+")


def _tidy(text: str) -> str:
    """Single spaces, no blank or punctuation-only lines, no stray ". " opening a line."""
    lines = (_LEADING_JUNK.sub("", re.sub(r"\s+", " ", ln).strip()) for ln in text.split("\n"))
    return "\n".join(ln for ln in lines if any(c.isalnum() for c in ln))


# cleaning that would remove more than this share of an article's characters keeps every
# sentence-like line and says so
MAX_REMOVED_SHARE = 1 / 3


@dataclass(frozen=True)
class CleanReport:
    """One cleaned article: its title and body, what was removed, and warnings for the reader."""

    title: str
    body: str
    removed: tuple[Removed, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def other_story(self) -> tuple[str, ...]:
        """Lines dropped as another article appended to this one."""
        return tuple(r.text for r in self.removed if r.reason == "other-story")


def _key(text: str) -> str:
    return " ".join("".join(c for c in text.lower() if c.isalnum() or c.isspace()).split())


def _letters(text: str) -> int:
    return sum(1 for c in text if c.isalnum())


def clean_article_report(
    raw: str,
    *,
    find_title: bool = True,
    known_title: str | None = None,
    known_lead: str | None = None,
    captions: bool = True,
) -> CleanReport:
    """Clean one raw article into a :class:`CleanReport`.

    normalize -> (segmented input: inline captions out, headline split off, restored) ->
    page clutter out (:func:`clean_lines`) -> tidy -> photo captions out (the learned model of
    :mod:`tomtat.text.captions`, each line judged among its neighbours, after the sapo
    ``known_lead`` when there is one; ``captions=False`` skips this step). For plain text, the
    first line is the title when it is short, has no final stop and more text follows
    (``find_title=False`` or a ``known_title`` keeps it in the body). Body paragraphs are
    joined with "\\n".

    Never loses an article: when the rules would remove more than a third of its letters,
    every sentence-like line is kept and a warning says so; when nothing would be left, the
    text is kept as it came (normalized) with a warning. Text that does not look Vietnamese
    gets a warning too.
    """
    text = normalize(raw)
    title = ""
    removed: list[Removed] = []
    if is_segmented(text):
        stripped = strip_inline_captions(text)
        removed += _changed_lines(text, stripped)
        title, text = split_headline(stripped)
        if known_title is not None and title and _key(title) != _key(restore(normalize(known_title))):
            title, text = "", stripped  # the caller knows the title: this was the first sentence
        text = restore(text)
    elif " Ảnh : " in text:
        stripped = strip_inline_captions(text)
        removed += _changed_lines(text, stripped)
        text = stripped
    context = known_title or title
    warnings: list[str] = []
    cleaned = clean_lines(text, context)
    total = _letters(text)
    # every reason counts (related, other-story, captions...), but a repeat: its first copy stays
    sentences_removed = sum(
        _letters(r.text) for r in cleaned.removed if r.reason != "repeat" and sentence_like(r.text)
    )
    if total and sentences_removed / total > MAX_REMOVED_SHARE:
        share = sentences_removed / total
        cleaned = clean_lines(text, context, keep_sentences=True)
        warnings.append(
            f"cleaning would remove {share:.0%} of the text as captions or related links; "
            "every sentence kept"
        )
    other = [r for r in cleaned.removed if r.reason == "other-story" and sentence_like(r.text)]
    if other:
        share = sum(_letters(r.text) for r in other) / max(total, 1)
        warnings.append(
            f"removed {len(other)} paragraphs ({share:.0%} of the text) after a related-link marker "
            "as another story (few words in common with the article)"
        )
    body = _tidy(cleaned.text)
    removed += cleaned.removed
    if not any(c.isalnum() for c in body):
        body = _tidy(text)
        removed = []
        warnings.append("nothing would be left after cleaning; the text is kept as it came")
    else:
        if not title and find_title and known_title is None:
            first, _, rest = body.partition("\n")
            if rest.strip() and len(first.split()) <= 40 and not _FINAL_STOP.search(first):
                title, body = first, rest
        if captions:
            lead = normalize(known_lead or "")
            lead = restore(lead) if is_segmented(lead) or "_" in lead else lead
            body, dropped, warning = _drop_captions(body, known_title or title, lead, text)
            removed += dropped
            warnings += [warning] if warning else []
    language = language_warning(body)
    if language:
        warnings.append(language)
    return CleanReport(title=title, body=body, removed=tuple(removed), warnings=tuple(warnings))


def _drop_captions(body: str, title: str, lead: str, text: str) -> tuple[str, list[Removed], str]:
    """Photo captions left in the body, told by the learned model: ``(body, removed, warning)``.

    Never empties the body nor takes more than ``MAX_REMOVED_SHARE`` of its letters (then
    nothing is removed and the warning says so)."""
    from tomtat.text.captions import load_model

    lines = body.split("\n")
    if len(lines) < 2:
        return body, [], ""
    model = load_model()
    lead_lines = [" ".join(lead.split())] if lead.strip() else []
    flags = model.captions(lead_lines + lines, title)[len(lead_lines) :]
    if not any(flags):
        return body, [], ""
    gone = [line for line, flag in zip(lines, flags) if flag]
    if all(flags) or sum(map(_letters, gone)) > MAX_REMOVED_SHARE * _letters(body):
        return body, [], f"the caption model would remove {len(gone)} of {len(lines)} lines as photo captions; every line kept"
    source = [" ".join(x.split()) for x in text.split("\n")]
    removed = [
        Removed(line, "caption", source.index(line) if line in source else -1, sentence_like(line)) for line in gone
    ]
    return "\n".join(line for line, flag in zip(lines, flags) if not flag), removed, ""


def _changed_lines(before: str, after: str) -> list[Removed]:
    """What inline caption removal took from each line, as restored text."""
    import difflib

    out: list[Removed] = []
    for number, (a, b) in enumerate(zip(before.split("\n"), after.split("\n"))):
        if a == b:
            continue
        old, new = a.split(" "), b.split(" ")
        matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
        for tag, i1, i2, _, _ in matcher.get_opcodes():
            if tag in ("delete", "replace") and i2 > i1:
                out.append(Removed(restore(" ".join(old[i1:i2])), "caption", number))
    return out


def clean_article(raw: str, *, find_title: bool = True) -> tuple[str, str]:
    """Clean one raw article text into ``(title, body)``; ``title`` is "" when none is found.
    See :func:`clean_article_report`, which also says what was removed and warns."""
    report = clean_article_report(raw, find_title=find_title)
    return report.title, report.body
