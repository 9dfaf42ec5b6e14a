"""tomtat's HTTP API and browser page: ``create_app()`` for any ASGI server, ``tomtat serve``."""

from tomtat.web.app import ServerSettings, create_app

__all__ = ["ServerSettings", "create_app"]
