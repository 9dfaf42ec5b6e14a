"""Text cleaning: normalisation, de-segmentation, clutter removal, sentences and words."""

from __future__ import annotations

import re

from tomtat.text.clutter import strip_clutter, strip_inline_captions
from tomtat.text.normalize import normalize
from tomtat.text.segmented import is_segmented, restore, split_headline

__all__ = ["clean_article", "normalize", "restore", "strip_clutter", "is_segmented", "split_headline"]

_FINAL_STOP = re.compile(r"[.!?…;:]$")


_LEADING_JUNK = re.compile(r"^[.,;:]+\s+")


def _tidy(text: str) -> str:
    """Single spaces, no blank or punctuation-only lines, no stray ". " opening a line."""
    lines = (_LEADING_JUNK.sub("", re.sub(r"\s+", " ", ln).strip()) for ln in text.split("\n"))
    return "\n".join(ln for ln in lines if any(c.isalnum() for c in ln))


def clean_article(raw: str, *, find_title: bool = True) -> tuple[str, str]:
    """Clean one raw article text into ``(title, body)``; ``title`` is "" when none is found.

    normalize -> (segmented input: inline captions out, headline split off, restored) ->
    strip_clutter -> tidy. For plain text, the first line is the title when it is short, has
    no final stop and more text follows. ``find_title=False`` keeps plain text's first line
    in the body (use it when the caller already knows the title). Body paragraphs are
    joined with "\\n".
    """
    text = normalize(raw)
    title = ""
    if is_segmented(text):
        text = strip_inline_captions(text)
        title, text = split_headline(text)
        text = restore(text)
    text = _tidy(strip_clutter(text))
    if not title and find_title:
        first, _, rest = text.partition("\n")
        if rest.strip() and len(first.split()) <= 40 and not _FINAL_STOP.search(first):
            title, text = first, rest
    return title, text
