"""Errors the library raises. Each knows its CLI exit code and its HTTP status."""

from __future__ import annotations


class TomtatError(Exception):
    """Base class: a one-line, user-facing message."""

    exit_code = 1
    http_status = 500
    code = "error"  # the HTTP API's stable English name for the error (its message is translated)


class InputError(TomtatError):
    """Input that cannot be read or holds nothing to summarize.

    ``where`` names the file, line or field at fault; ``str(err)`` is ``"where: problem"``.
    """

    exit_code = 2
    http_status = 422
    code = "invalid_input"

    def __init__(self, problem: str, where: str | None = None, line: int | None = None) -> None:
        self.problem = problem
        self.where = where
        self.line = line  # the input line at fault, for batch rows
        super().__init__(f"{where}: {problem}" if where else problem)

    def __reduce__(self):  # keep where and line across process boundaries
        return (type(self), (self.problem, self.where, self.line))


def one_line(err: BaseException) -> str:
    """An unexpected exception as one short line for an error row or message.

    JSON nested too deep for Python's parser (a RecursionError) is named as such; anything else
    is ``internal error: Type: message`` with the message's whitespace folded and cut at 200
    characters.
    """
    if isinstance(err, RecursionError):
        return "nested too deeply to read (RecursionError)"
    message = " ".join(str(err).split())
    if len(message) > 200:
        message = message[:199] + "…"
    return f"internal error: {type(err).__name__}: {message}" if message else (
        f"internal error: {type(err).__name__}"
    )


class ConfigError(TomtatError):
    """An option out of range or an unknown method name."""

    exit_code = 2
    http_status = 422  # invalid input, as a bad document is: one status for both
    code = "invalid_option"
