"""Photo blocks and captions taken out of a page by its structure, before text extraction.

trafilatura keeps a caption's text in the article (a caption table's cells with "|" between
them), where it can become a summary sentence. The markup says what is a caption, so the
caption goes before extraction and is reported in ``Document.removed`` as ``"caption"``:

- ``<figure>`` holding a picture or video, and every ``<figcaption>`` (Dân trí, VietnamNet,
  Vietnam+/TTXVN, baoquocte.vn, Thanh Niên's and most current CMS layouts);
- VnExpress's caption table ``<table class="tplCaption">`` (caption in ``<p class="Image">``);
- the photo blocks of the VCCorp CMS (Tuổi Trẻ, Thanh Niên, Báo Chính phủ): ``<div
  type="Photo">`` and its kin (``VideoStream``, ``LayoutAlbum``) with their caption div
  (``PhotoCMS_Caption``);
- Zing/Znews's ``<table class="picture">`` (caption cell ``pCaption``);
- any element whose class names a caption (``caption``, ``pCaption``, ``image-caption``,
  ``PhotoCMS_Caption``, ``fig-caption`` ...).

A block of more than ``MAX_WORDS`` words or several paragraphs is never taken as a caption:
cleaning never deletes an article's text on a class name.
"""

from __future__ import annotations

import re

MAX_WORDS = 80  # a caption is a sentence or two; a longer block is kept
_CAPTION_CLASS = re.compile(r"(?:^|[\s_-])(?:p?caption|image-caption|fig-?caption|photocms_caption)(?:$|[\s_-])", re.I)
_BLOCKS = (
    "//table[contains(concat(' ', normalize-space(@class), ' '), ' tplCaption ')]",
    "//table[contains(concat(' ', normalize-space(@class), ' '), ' picture ')]",
    "//div[@type='Photo' or @type='VideoStream' or @type='LayoutAlbum' or @type='photo']",
    "//figure[.//img or .//picture or .//video]",
    "//figcaption",
)


def _words(element) -> int:
    return len(" ".join(element.itertext()).split())


def _caption_text(element) -> str:
    return " ".join(" ".join(element.itertext()).split())


def strip_page_captions(html: str):
    """``(tree, captions)``: the page parsed (lxml) without its photo blocks and captions,
    and the caption texts taken out, in page order. ``(None, [])`` when it does not parse."""
    from lxml import etree, html as lxml_html

    try:
        tree = lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None, []
    found = []
    for xpath in _BLOCKS:
        found.extend(tree.xpath(xpath))
    found.extend(
        el for el in tree.iter("div", "p", "span", "td", "em", "i", "small")
        if _CAPTION_CLASS.search(el.get("class") or "")
    )
    position = {el: i for i, el in enumerate(tree.iter())}
    found.sort(key=lambda el: position.get(el, 0))
    captions: list[str] = []
    gone: set = set()
    for element in found:
        if element in gone or any(a in gone for a in element.iterancestors()):
            continue
        if _words(element) > MAX_WORDS or len(element.xpath(".//p")) > 2:
            continue
        parent = element.getparent()
        if parent is None:
            continue
        text = _caption_text(element)
        tail, previous = element.tail, element.getprevious()
        parent.remove(element)
        if tail:  # the text after the element is its parent's: it stays
            if previous is not None:
                previous.tail = (previous.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail
        gone.add(element)
        if text:
            captions.append(text)
    return tree, captions
