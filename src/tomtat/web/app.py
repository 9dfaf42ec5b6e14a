"""tomtat over HTTP: a small FastAPI app over the same ``tomtat.summarize`` the CLI calls.

Every error answers ``{"ok": false, "error": "...", "code": "...", "status": N}``: ``error`` is
one line in the request's language (Vietnamese unless ``?lang=en`` or ``Accept-Language: en``
asks otherwise, :mod:`tomtat.i18n`), ``code`` a stable English name (``invalid_input``,
``invalid_option``, ``invalid_json``, ``too_large``, ...). Invalid input, in a document or an
option, is always 422. The summarizer is CPU-bound,
so the endpoints are plain ``def`` functions: FastAPI runs them in its threadpool and the event
loop stays free for other requests.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any, get_type_hints

import httpx
from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.requests import Request
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from pydantic import BaseModel, ConfigDict, Field, create_model, model_validator
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import tomtat
from tomtat.errors import InputError, TomtatError
from tomtat.ingest.codepoints import repaired
from tomtat.i18n import DEFAULT_WEB_LANGUAGE, LANGUAGES, translate, use_language
from tomtat.rows import EVENT_MAX_WORDS, event_options, summarize_events
from tomtat.ingest.model import ArticleIn
from tomtat.options import SummarizeOptions

STATIC_DIR = Path(__file__).resolve().parent / "static"
OPTION_NAMES = tuple(f.name for f in fields(SummarizeOptions))  # the request's option fields


@dataclass(frozen=True)
class ServerSettings:
    """Limits of one server."""

    max_body_bytes: int = 2 * 1024 * 1024
    discard_body_bytes: int = 64 * 1024 * 1024  # an over-limit body is read and dropped: 413 after
    body_timeout: float = 30.0  # seconds for a request body to arrive whole, else 408
    max_documents: int = 50
    allow_url_fetch: bool = False  # fetch documents given as {"url": ...} (public hosts only)
    fetch_timeout: float = 10.0
    fetch_transport: httpx.BaseTransport | None = None  # for tests: no real network
    warm_up: bool = True  # summarize a small text at startup, before serving requests


class TooLargeError(TomtatError):
    """A request over the server's limits."""

    http_status = 413
    code = "too_large"


class DocumentIn(ArticleIn):
    """One article (tomtat's one input model, :class:`tomtat.ingest.ArticleIn`): ``text``
    (plain) or ``html`` (a page), or ``url`` when the server fetches."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    url: str | None = Field(None, description="fetched only when the server allows it")

    @model_validator(mode="after")
    def _has_text(self) -> DocumentIn:
        if self.text is None and self.html is None and self.url is None:
            raise ValueError("no text (give text, html or url)")
        return self


_EXAMPLE = {
    "documents": [
        {"title": "Bài 1", "text": "Hà Nội mưa lớn chiều 5/9. Nhiều tuyến phố ngập sâu."},
        {"title": "Bài 2", "text": "Mưa lớn khiến nhiều tuyến phố Hà Nội ngập sâu chiều 5/9."},
    ],
    "max_words": 50,
}


def _option_fields() -> dict[str, Any]:
    """Every SummarizeOptions field as an optional request field (absent: the option's default),
    so the HTTP API cannot miss an option the Python API has."""
    hints = get_type_hints(SummarizeOptions)
    described = {"max_words": "length budget in syllables (tiếng) [200]"}
    return {
        f.name: (hints[f.name] | None, Field(None, description=described.get(f.name)))
        for f in fields(SummarizeOptions)
    }


SummarizeRequest = create_model(
    "SummarizeRequest",
    __config__=ConfigDict(extra="forbid", json_schema_extra={"examples": [_EXAMPLE]}),
    documents=(list[DocumentIn], ...),
    **_option_fields(),
)


class EventsRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [_EXAMPLE]})

    documents: list[DocumentIn]
    max_words: int | None = Field(
        None, description=f"per event summary, in syllables (tiếng) [{EVENT_MAX_WORDS}]"
    )
    method: str | None = None


def request_language(scope: Scope) -> str:
    """``?lang=vi|en``, else the first of Accept-Language's tags that is vi or en, else
    Vietnamese."""
    from urllib.parse import parse_qs

    asked = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("lang", [])
    if asked and asked[0] in LANGUAGES:
        return asked[0]
    header = dict(scope.get("headers") or []).get(b"accept-language", b"").decode("latin-1")
    for tag in header.split(","):
        primary = tag.split(";")[0].strip().lower()[:2]
        if primary in LANGUAGES:
            return primary
    return DEFAULT_WEB_LANGUAGE


def _error(
    message: str,
    status: int,
    headers: dict[str, str] | None = None,
    *,
    code: str,
    scope: Scope | None = None,
) -> JSONResponse:
    """The error answer; ``message`` (English, as the library says it) in the request's language."""
    with use_language(request_language(scope) if scope is not None else DEFAULT_WEB_LANGUAGE):
        text = translate(message)
    # a message may quote the input (an id): a lone surrogate there must not make it a 500
    body = {"ok": False, "error": repaired(text), "code": code, "status": status}
    return JSONResponse(body, status, headers=headers)


class BodyLimitMiddleware:
    """Reads each request's body whole before the app sees it, within the server's limits.

    - Over ``max_bytes`` (declared in Content-Length or actually sent): 413. The body is still
      read and thrown away, up to ``discard_bytes``, before the answer goes out, as nginx's
      lingering close does: a client that sends its whole body before reading (Python's
      urllib) would otherwise get a reset connection instead of the 413.
    - Not all there within ``timeout`` seconds: 408, and the connection is closed, so a body
      that never completes does not hold the connection (and its memory) forever.
    """

    def __init__(
        self, app: ASGIApp, max_bytes: int, discard_bytes: int | None = None, timeout: float = 30.0
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.discard_bytes = discard_bytes if discard_bytes is not None else 16 * max_bytes
        self.timeout = timeout

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.timeout

        async def next_message() -> Message:
            return await asyncio.wait_for(receive(), max(0.0, deadline - loop.time()))

        too_large = f"request body larger than {self.max_bytes} bytes"
        closing = {"Connection": "close"}
        declared = dict(scope["headers"]).get(b"content-length")
        try:
            if declared is not None:
                try:
                    length = int(declared)
                except ValueError:
                    invalid = _error(
                        "invalid Content-Length header", 400, closing, code="bad_request", scope=scope
                    )
                    await invalid(scope, receive, send)
                    return
                if length > self.max_bytes:
                    if length <= self.discard_bytes and not await self._discard(next_message, 0):
                        return  # the client went away
                    await _error(too_large, 413, closing, code="too_large", scope=scope)(scope, receive, send)
                    return
            chunks: list[bytes] = []
            size = 0
            while True:
                message = await next_message()
                if message["type"] == "http.disconnect":
                    return
                chunk = message.get("body", b"")
                size += len(chunk)
                if size > self.max_bytes:
                    more = message.get("more_body", False)
                    if more and not await self._discard(next_message, size):
                        return
                    await _error(too_large, 413, closing, code="too_large", scope=scope)(scope, receive, send)
                    return
                chunks.append(chunk)
                if not message.get("more_body", False):
                    break
        except asyncio.TimeoutError:
            late = f"request body not received within {self.timeout:g} s"
            await _error(late, 408, closing, code="timeout", scope=scope)(scope, receive, send)
            return
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if replayed:
                return await receive()
            replayed = True
            return {"type": "http.request", "body": b"".join(chunks), "more_body": False}

        await self.app(scope, replay, send)

    async def _discard(self, next_message: Callable[[], Awaitable[Message]], size: int) -> bool:
        """Read and drop the rest of a body, up to ``discard_bytes`` in all; False if the
        client disconnected. A timeout ends it like the end of the body does."""
        try:
            while size <= self.discard_bytes:
                message = await next_message()
                if message["type"] == "http.disconnect":
                    return False
                size += len(message.get("body", b""))
                if not message.get("more_body", False):
                    break
        except asyncio.TimeoutError:
            pass
        return True


def create_app(settings: ServerSettings | None = None) -> FastAPI:
    """The tomtat HTTP API and its page."""
    settings = settings or ServerSettings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if settings.warm_up:
            await run_in_threadpool(warm_up)
        yield

    app = FastAPIOffline(  # /docs with Swagger UI served from the package, not a CDN
        lifespan=lifespan,
        redoc_url=None,
        title="tomtat",
        version=tomtat.__version__,
        description="Summaries of Vietnamese news clusters, every sentence traced to its source.",
    )
    app.state.settings = settings
    app.add_middleware(
        BodyLimitMiddleware,
        max_bytes=settings.max_body_bytes,
        discard_bytes=settings.discard_body_bytes,
        timeout=settings.body_timeout,
    )
    _add_error_handlers(app)

    @app.get("/healthz")
    def healthz() -> dict[str, Any]:
        from tomtat.summarizers import available_methods

        return {"ok": True, "version": tomtat.__version__, "methods": list(available_methods())}

    @app.post("/v1/summarize")
    def summarize(request: SummarizeRequest, http: Request) -> dict[str, Any]:
        """Summarize one cluster: the summary, its sentences with offsets, facts, timeline.

        Each document also carries, for a reader, ``warnings_shown`` (its ``warnings`` in the
        request's language) and ``removed_shown`` (what cleaning removed, each with ``why``)."""
        from tomtat.render import to_dict

        options = SummarizeOptions.from_mapping(request.model_dump(exclude={"documents"}))
        docs = _documents(request.documents, settings)
        data = to_dict(tomtat.summarize(docs, options=options))
        with use_language(request_language(http.scope)):
            for doc in data["documents"]:
                doc["warnings_shown"] = [translate(w) for w in doc["warnings"]]
                doc["removed_shown"] = [
                    {**r, "why": translate(f"removed: {r['reason']}").removeprefix("removed: ")}
                    for r in doc["removed"]
                ]
        return data

    @app.post("/v1/events")
    def events(request: EventsRequest) -> dict[str, Any]:
        """Group articles into events, each with a title and a short summary."""
        options = event_options(request.max_words, request.method)
        documents = tomtat.to_documents(_documents(request.documents, settings))
        return {"events": list(summarize_events(documents, options))}

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(STATIC_DIR / "index.html", media_type="text/html; charset=utf-8")

    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app


def warm_up() -> None:
    """Load the lazily loaded models once, in one thread.

    underthesea loads its segmenter on first use without a lock: concurrent first requests
    would race on the half-loaded model.
    """
    try:
        tomtat.summarize([d["text"] for d in _EXAMPLE["documents"]], max_words=20)
    except TomtatError:  # a summary problem is not a startup problem
        pass


def _documents(documents: list[DocumentIn], settings: ServerSettings) -> list[dict[str, Any]]:
    """Request documents -> dicts for ``tomtat.to_documents``; URLs fetched only when allowed."""
    if len(documents) > settings.max_documents:
        raise TooLargeError(
            f"too many documents: {len(documents)} (at most {settings.max_documents})"
        )
    if not documents:
        raise InputError("no documents", where="documents")
    docs = []
    for i, doc in enumerate(documents):  # ids: tomtat.to_documents applies the one rule
        where = f"document {i + 1}"  # as tomtat.to_documents names it: 1-based, "bài 2" on the page
        data = doc.model_dump(exclude_none=True)
        url = data.pop("url", None)
        if url is not None and doc.text is None and doc.html is None:
            data.update(_fetch(url, where, settings))
        docs.append(data)
    return docs


def _fetch(url: str, where: str, settings: ServerSettings) -> dict[str, str]:
    if not settings.allow_url_fetch:
        raise InputError("this server does not fetch URLs; send the article's text or html", where)
    from tomtat.web.fetch import fetch_url

    page = fetch_url(
        url, where=where, timeout=settings.fetch_timeout, transport=settings.fetch_transport,
        max_bytes=settings.max_body_bytes,
    )
    return {"html" if page.is_html else "text": page.content, "source": page.url}


def _is_json(content_type: str) -> bool:
    """``application/json`` or ``application/<anything>+json``, parameters aside (what
    FastAPI itself parses as JSON)."""
    kind = content_type.split(";", 1)[0].strip().lower()
    return kind == "application/json" or (
        kind.startswith("application/") and kind.endswith("+json")
    )


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(TomtatError)
    async def tomtat_error(request: Request, err: TomtatError) -> JSONResponse:
        return _error(str(err), err.http_status, code=err.code, scope=request.scope)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, err: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed"}.get(err.status_code, f"http_{err.status_code}")
        return _error(str(err.detail), err.status_code, headers=err.headers, code=code, scope=request.scope)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, err: RequestValidationError) -> JSONResponse:
        content_type = request.headers.get("content-type")
        if content_type is None or not _is_json(content_type):  # the body was never parsed
            got = repr(content_type.split(";")[0].strip()) if content_type else "none"
            return _error(
                f"send the request body as JSON with Content-Type: application/json (got {got})",
                415,
                code="unsupported_media_type",
                scope=request.scope,
            )
        errors = err.errors()
        first = errors[0] if errors else {"loc": ("body",), "msg": "invalid request"}
        if first.get("type") == "json_invalid":
            return _error("request body is not valid JSON", 422, code="invalid_json", scope=request.scope)
        on_options = all(
            len(e["loc"]) == 2 and e["loc"][0] == "body" and e["loc"][1] in OPTION_NAMES
            for e in errors
        )
        message = f"{field_path(first['loc'])}: {str(first['msg']).removeprefix('Value error, ')}"
        code = "invalid_option" if on_options else "invalid_input"
        return _error(message, 422, code=code, scope=request.scope)

    @app.exception_handler(Exception)
    async def internal_error(request: Request, err: Exception) -> JSONResponse:
        return _error("internal server error", 500, code="internal_error", scope=request.scope)


def field_path(loc: tuple | list) -> str:
    """A validation error's place as the user wrote it: ``("body", "documents", 1, "text")``
    -> ``document 2: text`` (1-based, "bài 2" in Vietnamese, as the page numbers its boxes);
    ``("body", "max_words")`` -> ``max_words``."""
    parts = list(loc[1:]) if loc and loc[0] == "body" else list(loc)
    out: list[str] = []
    i = 0
    while i < len(parts):
        if parts[i] == "documents" and i + 1 < len(parts) and isinstance(parts[i + 1], int):
            out.append(f"document {parts[i + 1] + 1}")
            i += 2
            continue
        out.append(str(parts[i]))
        i += 1
    if not out:
        return "request body"
    return ": ".join(out)
