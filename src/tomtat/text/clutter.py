"""Remove what a web page adds around an article: related-story boxes, photo captions and
credits, bylines, share/follow prompts, repeated lines.

``strip_clutter`` is a line filter for pasted or extracted page text; ``strip_inline_captions``
works inside one word-segmented paragraph, where captions are glued into the running text
("... tại Tokyo , Nhật_Bản . Ảnh : Nhật Bắc_Ba nước cũng sẽ ...").
"""

from __future__ import annotations

import re

from tomtat.text.sentences import ABBREVIATIONS

# a heading that introduces other stories' headlines
_RELATED = re.compile(
    r"^(tin|bài|bài viết|tin bài) (liên quan|cùng chuyên mục|cùng sự kiện|khác|mới|mới nhất|"
    r"nổi bật|đọc nhiều|xem nhiều)|^(đọc|xem) (thêm|nhiều|tiếp)|^có thể bạn (quan tâm|muốn đọc)",
    re.I,
)
# the boxes after which the page holds nothing of the article
_TAIL = re.compile(
    r"^(đọc thêm|xem thêm|tin cùng chuyên mục|tin khác|tin mới|có thể bạn|tin đọc nhiều|"
    r"đọc nhiều|xem nhiều|tin nổi bật)",
    re.I,
)
_WIDGET = re.compile(
    r"^(theo dõi .{1,60} trên\b.*|trang chủ|phiên bản di động|phiên bản máy tính|chia sẻ|bình luận|"
    r"bản in|in bài( viết)?|gửi bài( viết)?|lên đầu trang|về đầu trang|trở về đầu trang|"
    r"(tags?|từ khóa|chủ đề)\s*:.*|xem video.*|video:.*)$",
    re.I,
)
_CREDIT_LINE = re.compile(
    r"^(\(\*\)\s*)?\(?\s*((ảnh|nguồn|nguồn ảnh|nguồn video|video|đồ họa|clip)\s*:[^.!?]*|ảnh minh họa\b[^.!?]*)\)?\.?$",
    re.I,
)
_CAPTION_END = re.compile(r"\(\s*(ảnh|nguồn|nguồn ảnh)\s*:[^()]{1,80}\)\s*\.?$", re.I)
_CREDIT_END = re.compile(r"(?<=[.!?)”\"])\s+(ảnh|nguồn)\s*:\s*([^.!?]{1,60})\.?$", re.I)
_SENTENCE_END = re.compile(r"[.!?…:;”\"')]$")
_NAME_SYLLABLE = re.compile(r"^[^\W\d_][^\W\d_]*$")


def _is_name(words: list[str], max_words: int = 4) -> bool:
    """1-4 capitalised syllables, no digits or punctuation: a byline like "Chu Văn"."""
    return (
        0 < len(words) <= max_words
        and all(_NAME_SYLLABLE.match(w) and w[0].isupper() for w in words)
    )


def _headline_like(line: str) -> bool:
    return not _SENTENCE_END.search(line) and len(line.split()) <= 40


def _teaser(line: str) -> bool:
    return line.endswith("...") or line.endswith("…")


# ---------------------------------------------------------------- segmented paragraphs


def _cap_parts(token: str) -> list[str] | None:
    parts = token.split("_")
    if all(p[:1].isupper() and p.isalpha() for p in parts):
        return parts
    return None


def _ends_sentence(token: str) -> bool:
    """A segmented token that closes a sentence: ".", "?", or a glued "ASEAN."."""
    if token in {".", "!", "?"}:
        return True
    return len(token) > 2 and token.endswith(".") and token[:-1].lower() not in ABBREVIATIONS


def _strip_segmented_line(line: str) -> str:
    tokens = line.split(" ")
    out: list[str] = []
    i = 0
    while i < len(tokens):
        if tokens[i] == "Ảnh" and i + 2 < len(tokens) and tokens[i + 1] == ":" and _cap_parts(tokens[i + 2]):
            j = i + 2
            parts = _cap_parts(tokens[j]) or []
            nxt = tokens[j + 1] if j + 1 < len(tokens) else ""
            rest: list[str] = []  # what follows the credit in the same token
            if len(parts) == 1 and nxt and _cap_parts(nxt) and "_" in nxt:
                # "Ảnh : Nhật Bắc_Ba nước": the name's last syllable glued to the next sentence
                j += 1
                rest = ["_".join(nxt.split("_")[1:])]
            elif len(parts) > 1 and nxt and nxt[:1].islower():
                # "Ảnh : Nhật_Bắc_Ba nước": the sentence starts inside the token
                rest = [parts[-1]]
            # drop the caption sentence before the credit when it is short
            if out and out[-1] == ".":
                k = len(out) - 2
                while k >= 0 and not _ends_sentence(out[k]):
                    k -= 1
                caption = out[k + 1 : -1]
                if k >= 0 and 0 < sum(t.count("_") + 1 for t in caption) <= 40:
                    del out[k + 1 :]
            out.extend(rest)
            i = j + 1
            continue
        out.append(tokens[i])
        i += 1
    # a byline after the last full stop: ". Hoài_Thu"
    if len(out) >= 2 and out[-2] in {".", "!", "?"}:
        parts = _cap_parts(out[-1])
        if parts and len(parts) <= 4 and not out[-1].isupper():
            out.pop()
    return " ".join(out)


def strip_inline_captions(text: str) -> str:
    """Remove photo credits glued into segmented paragraphs, with their caption sentence,
    and a trailing byline: "... Nhật_Bản . Ảnh : Nhật Bắc_Ba nước ..." -> "... Ba nước ...".
    """
    return "\n".join(_strip_segmented_line(line) for line in text.split("\n"))


# ---------------------------------------------------------------- page lines


def _is_caption(line: str) -> bool:
    words = len(line.split())
    if _CREDIT_LINE.match(line) and words <= 10:
        return True
    return words <= 60 and bool(_CAPTION_END.search(line) or _CREDIT_END.search(line))


def _drop_tail_byline(line: str) -> str:
    """"... ngày 15-18/12. Hoài Thu" -> "... ngày 15-18/12."."""
    m = re.search(r"([.!?…”\"])\s+([^.!?…\d]+)$", line)
    if m and _is_name(m.group(2).split()) and not m.group(2).isupper() and len(line[: m.start(2)].split()) >= 4:
        return line[: m.end(1)]
    return line


def strip_clutter(text: str) -> str:
    """Drop page furniture line by line; keep every article paragraph (Q&A questions too).

    Removed: related-story headings and the headlines under them (everything after a
    bottom "Đọc thêm" box), photo captions and credits with the photo's alt-text line, follow/
    share prompts, bylines next to the title or at the end, cards (a headline printed twice
    plus a teaser ending in "..."), and repeated lines (the first copy stays). Returns the
    kept lines joined by newlines, blank lines dropped.
    """
    text = strip_inline_captions(text) if " Ảnh : " in text else text
    lines = [ln.strip() for ln in text.split("\n")]
    idx = [i for i, ln in enumerate(lines) if ln]
    drop: set[int] = set()
    n = len(idx)
    for pos, i in enumerate(idx):
        line = lines[i]
        nxt = lines[idx[pos + 1]] if pos + 1 < n else ""
        after = lines[idx[pos + 2]] if pos + 2 < n else ""
        head = line.rstrip(":").strip()
        if i in drop:
            continue
        if _RELATED.match(head) and len(head.split()) <= 8:
            if _TAIL.match(head) and _tail_is_clutter(lines, idx, pos):
                drop.update(idx[pos:])
                break
            drop.add(i)
            k = pos + 1
            while k < n and k <= pos + 5 and _headline_like(lines[idx[k]]):
                drop.add(idx[k])
                k += 1
            continue
        if _RELATED.match(head) and ":" in line[:20]:  # "Đọc thêm: <headline>"
            drop.add(i)
            continue
        if _WIDGET.match(line) and len(line.split()) <= 15:
            drop.add(i)
            continue
        if pos > 0 and line == nxt and _headline_like(line) and (_teaser(after) or pos + 3 >= n):
            # a card: the same headline twice and a teaser
            drop.update({i, idx[pos + 1]})
            if _teaser(after):
                drop.add(idx[pos + 2])
            continue
        if pos > 1 and not _SENTENCE_END.search(line) and nxt.rstrip(".") == line and nxt != line:
            drop.update({i, idx[pos + 1]})  # a photo's alt text, then the same as caption
            continue
        if _is_caption(line):
            drop.add(i)
            prev = [p for p in idx[1:pos] if p not in drop]
            if prev and _headline_like(lines[prev[-1]]) and not _is_caption(lines[prev[-1]]):
                drop.add(prev[-1])  # the photo's alt text
            continue
        if 0 < pos <= 2 and _is_name(line.split()):
            drop.add(i)  # byline under the title
    kept: list[str] = []
    seen: set[str] = set()
    for i in idx:
        if i in drop or lines[i] in seen:
            continue
        seen.add(lines[i])
        kept.append(lines[i])
    # byline or source at the very end
    while len(kept) > 1 and (_is_name(kept[-1].split()) or re.match(r"^\(?theo [^.]{1,40}\)?$", kept[-1], re.I)):
        kept.pop()
    if kept:
        kept[-1] = _drop_tail_byline(kept[-1])
    return "\n".join(kept)


def _tail_is_clutter(lines: list[str], idx: list[int], pos: int) -> bool:
    """Is everything after the heading at ``pos`` other stories (cards, teasers) or short?"""
    rest = [lines[i] for i in idx[pos + 1 :]]
    if len(rest) <= 3 or pos >= len(idx) / 2:
        return True
    window = rest[:8]
    return any(_teaser(ln) for ln in window) or any(a == b for a, b in zip(window, window[1:]))
