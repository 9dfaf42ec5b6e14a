"""tomtat over HTTP: a small FastAPI app over the same ``tomtat.summarize`` the CLI calls.

Every error answers ``{"ok": false, "error": "...", "status": N}``. The summarizer is CPU-bound,
so the endpoints are plain ``def`` functions: FastAPI runs them in its threadpool and the event
loop stays free for other requests.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.requests import Request
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from pydantic import BaseModel, ConfigDict, Field, model_validator
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

import tomtat
from tomtat.errors import InputError, TomtatError
from tomtat.events import EVENT_MAX_WORDS, summarize_events
from tomtat.ingest.model import ArticleIn
from tomtat.options import SummarizeOptions

STATIC_DIR = Path(__file__).resolve().parent / "static"
OPTION_NAMES = ("max_words", "max_sentences", "method", "facts", "timeline", "story")


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


class SummarizeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [_EXAMPLE]})

    documents: list[DocumentIn]
    max_words: int | None = None
    max_sentences: int | None = None
    method: str | None = None
    facts: bool | None = None
    timeline: bool | None = None
    story: bool | None = None  # false: one flat summary even for a pile of several events


class EventsRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [_EXAMPLE]})

    documents: list[DocumentIn]
    max_words: int | None = Field(None, description=f"per event summary [{EVENT_MAX_WORDS}]")
    method: str | None = None


def _error(message: str, status: int, headers: dict[str, str] | None = None) -> JSONResponse:
    from tomtat.ingest.codepoints import repaired

    # a message may quote the input (an id): a lone surrogate there must not make it a 500
    return JSONResponse({"ok": False, "error": repaired(message), "status": status}, status, headers=headers)


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
                    invalid = _error("invalid Content-Length header", 400, closing)
                    await invalid(scope, receive, send)
                    return
                if length > self.max_bytes:
                    if length <= self.discard_bytes and not await self._discard(next_message, 0):
                        return  # the client went away
                    await _error(too_large, 413, closing)(scope, receive, send)
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
                    await _error(too_large, 413, closing)(scope, receive, send)
                    return
                chunks.append(chunk)
                if not message.get("more_body", False):
                    break
        except asyncio.TimeoutError:
            late = f"request body not received within {self.timeout:g} s"
            await _error(late, 408, closing)(scope, receive, send)
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
    def summarize(request: SummarizeRequest) -> dict[str, Any]:
        """Summarize one cluster: the summary, its sentences with offsets, facts, timeline."""
        from tomtat.render import to_dict

        options = SummarizeOptions.from_mapping(request.model_dump(exclude={"documents"}))
        docs = _documents(request.documents, settings)
        return to_dict(tomtat.summarize(docs, options=options))

    @app.post("/v1/events")
    def events(request: EventsRequest) -> dict[str, Any]:
        """Group articles into events, each with a title and a short summary."""
        values = request.model_dump(exclude={"documents"})
        if values["max_words"] is None:
            values["max_words"] = EVENT_MAX_WORDS
        options = SummarizeOptions.from_mapping({**values, "facts": False, "timeline": False, "story": False})
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
        where = f"documents[{i}]"
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
        return _error(str(err), err.http_status)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, err: StarletteHTTPException) -> JSONResponse:
        return _error(str(err.detail), err.status_code, headers=err.headers)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, err: RequestValidationError) -> JSONResponse:
        content_type = request.headers.get("content-type")
        if content_type is None or not _is_json(content_type):  # the body was never parsed
            got = repr(content_type.split(";")[0].strip()) if content_type else "none"
            return _error(
                f"send the request body as JSON with Content-Type: application/json (got {got})",
                415,
            )
        errors = err.errors()
        first = errors[0] if errors else {"loc": ("body",), "msg": "invalid request"}
        if first.get("type") == "json_invalid":
            return _error("request body is not valid JSON", 422)
        where = ".".join(str(p) for p in first["loc"][1:]) or "body"
        on_options = all(
            len(e["loc"]) == 2 and e["loc"][0] == "body" and e["loc"][1] in OPTION_NAMES
            for e in errors
        )
        return _error(f"{where}: {first['msg']}", 400 if on_options else 422)

    @app.exception_handler(Exception)
    async def internal_error(request: Request, err: Exception) -> JSONResponse:
        return _error("internal server error", 500)
