"""A deadline for a request's headers: uvicorn has none.

uvicorn's ``timeout_keep_alive`` closes a connection idle *between* requests, and any byte
received cancels it; nothing limits how long a request's headers may take, so a client that
sends "GET / HTTP/1.1\\r\\nHost: a" and then one byte a minute holds a connection (and its
memory) forever (slowloris). :func:`header_timeout_protocol` makes uvicorn's h11 protocol close
a connection whose request line and headers are not all there ``seconds`` after the
connection opened, or after the previous response on it was sent. The body has its own limit
(``ServerSettings.body_timeout``, BodyLimitMiddleware). Behind a reverse proxy the proxy's own
limits (nginx ``client_header_timeout``) apply first.
"""

from __future__ import annotations

import asyncio
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

HEADER_TIMEOUT = 10.0  # seconds for a request line and headers to arrive whole


def header_timeout_protocol(seconds: float = HEADER_TIMEOUT) -> type[H11Protocol]:
    """uvicorn's h11 protocol, closing a connection whose headers take over ``seconds``
    (``uvicorn.run(app, http=header_timeout_protocol())``)."""

    class HeaderTimeoutProtocol(H11Protocol):
        _header_timer: asyncio.TimerHandle | None = None

        def _arm(self) -> None:
            self._disarm()
            self._header_timer = self.loop.call_later(seconds, self._headers_late)

        def _disarm(self) -> None:
            if self._header_timer is not None:
                self._header_timer.cancel()
                self._header_timer = None

        def _headers_late(self) -> None:
            self._header_timer = None
            if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
                self.transport.close()  # no request started whole: nothing to answer

        def connection_made(self, transport: Any) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._arm()

        def handle_events(self) -> None:
            super().handle_events()
            if self.conn.their_state is not h11.IDLE:
                self._disarm()  # the headers are in

        def on_response_complete(self) -> None:
            super().on_response_complete()
            if not self.transport.is_closing():
                self._arm()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

    return HeaderTimeoutProtocol
