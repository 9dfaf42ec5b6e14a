"""tomtat's one message catalogue: Vietnamese and English, through Python's gettext.

The catalogue is ``locale/vi/LC_MESSAGES/tomtat.po`` (compiled to the ``.mo`` beside it by
``scripts/compile_messages.py``; a test checks the two agree). English is the source language:
a message id is the English text, so English needs no catalogue.

The library raises its errors in English (``InputError("empty: not one letter or digit",
where=...)``); the CLI and the web app, which speak to a person, pass them through
:func:`localize`. A message id may hold ``{name}`` fields: the English text is matched
against it and the Vietnamese text is filled with what the fields matched, so an error built
with an f-string (``f"unknown method {name!r}; ..."``) is translated without the library
knowing about languages. A message with no entry stays English. A field's value holds no
``": "`` unless the field's name starts with ``msg`` (a nested message, translated in turn).

The language is per context (a CLI run, an HTTP request): :func:`use_language`.
"""

from __future__ import annotations

import gettext
import os
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

DOMAIN = "tomtat"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("vi", "en")
DEFAULT_WEB_LANGUAGE = "vi"

_language: ContextVar[str] = ContextVar("tomtat_language", default="en")
_FIELD = re.compile(r"\{(\w+)\}")


def language_from_env(environ: Mapping[str, str] | None = None) -> str:
    """The language of the user's locale, as gettext reads it: the first of LC_ALL,
    LC_MESSAGES, LANG that is set; ``vi``/``vi_VN...`` -> "vi", anything else -> "en"."""
    environ = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:
            return "vi" if value.lower().startswith("vi") else "en"
    return "en"


def current_language() -> str:
    return _language.get()


@contextmanager
def use_language(language: str) -> Iterator[None]:
    """Speak ``language`` ("vi" or "en") inside the block."""
    token = _language.set(language if language in LANGUAGES else "en")
    try:
        yield
    finally:
        _language.reset(token)


def set_language(language: str) -> None:
    """Speak ``language`` from now on in this context (the CLI: once, for the whole run)."""
    _language.set(language if language in LANGUAGES else "en")


@lru_cache(maxsize=None)
def _translations(language: str) -> gettext.NullTranslations:
    if language == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, localedir=str(LOCALE_DIR), languages=[language])


@lru_cache(maxsize=None)
def _templates(language: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """The catalogue's message ids with ``{fields}`` as patterns, longest first."""
    catalog = getattr(_translations(language), "_catalog", {})
    out = []
    for msgid, msgstr in catalog.items():
        if not isinstance(msgid, str) or not msgid or "{" not in msgid:
            continue
        pattern = ""
        at = 0
        seen: set[str] = set()
        for field in _FIELD.finditer(msgid):
            pattern += re.escape(msgid[at : field.start()])
            name = field.group(1)
            # a value holds no ": " (that is where messages nest), but a ``{msg...}`` field
            value = ".+?" if name.startswith("msg") else "(?:(?!: ).)+?"
            pattern += f"(?P={name})" if name in seen else f"(?P<{name}>{value})"
            seen.add(name)
            at = field.end()
        pattern += re.escape(msgid[at:])
        out.append((re.compile(pattern + r"\Z", re.S), msgstr))
    out.sort(key=lambda item: -len(item[0].pattern))
    return tuple(out)


def _(message: str, /, **fields: object) -> str:
    """``message`` (an English message id) in the current language, fields filled in."""
    text = _translations(current_language()).gettext(message)
    return text.format(**fields) if fields else text


def translate(text: str) -> str:
    """An English message from the library in the current language: its catalogue entry,
    else the entry whose ``{fields}`` it fills, else its parts between ``": "`` one by one
    (``"document 2: date: not an ISO date: '12/12'"``), else as it is."""
    language = current_language()
    if language == "en" or not text:
        return text
    whole = _lookup(text, language)
    if whole is not None:
        return whole
    parts = text.split(": ")
    if len(parts) == 1:
        return text
    out: list[str] = []
    i = 0
    while i < len(parts):  # the longest run of parts that has an entry, from the left
        for j in range(len(parts), i, -1):
            found = _lookup(": ".join(parts[i:j]), language)
            if found is not None:
                out.append(found)
                i = j
                break
        else:
            out.append(parts[i])
            i += 1
    return ": ".join(out)


def _lookup(text: str, language: str) -> str | None:
    translations = _translations(language)
    found = translations.gettext(text)
    if found != text:
        return found
    for pattern, msgstr in _templates(language):
        match = pattern.match(text)
        if match:
            fields = {k: translate(v) if k.startswith("msg") else v for k, v in match.groupdict().items()}
            return msgstr.format(**fields)
    return None


def localize(err: BaseException) -> str:
    """An error's one-line message in the current language (``where: problem``)."""
    return translate(str(err))
