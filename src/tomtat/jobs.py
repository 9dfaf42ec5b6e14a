"""Streaming JSONL jobs: rows written whole as they come, and restartable after a crash.

A job turns an input stream into output rows, one JSON object a line, written with one
``write`` and a flush each, so a killed run leaves at most one partial line at the end. With
``resume`` the rows already in the output are counted (a trailing partial line is cut off) and
the job goes on from there: output row *i* always belongs to input item *i*.

``.gz`` outputs are gzip; resuming one rewrites its complete rows into a fresh file first (one
pass over it), because a killed gzip stream cannot be cut at a line.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import signal
import sys
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO

from tomtat.errors import ConfigError, InputError, TomtatError
from tomtat.ingest.jsonl import read_lines  # noqa: F401  (the job input reader)

Row = dict[str, Any]
KEPT_ERRORS = 20  # error rows a report keeps for its summary; the output has them all


@dataclass(frozen=True)
class Done:
    """What an output already holds when a job resumes."""

    rows: int = 0
    last: Row | None = None


@dataclass
class JobReport:
    """Counts of a job, kept up to date while it runs."""

    ok: int = 0
    failed: int = 0
    skipped: int = 0  # rows that were already in the output (resume)
    blank: int = 0  # blank input lines (no row; counted for the closing line)
    seconds: float = 0.0
    errors: list[tuple[Any, str]] = field(default_factory=list)  # the first KEPT_ERRORS
    stopped: tuple[Any, str] | None = None  # (id, error) of the row that stopped a fail-fast job

    @property
    def written(self) -> int:
        return self.ok + self.failed

    def line(self) -> str:
        blank = f", {self.blank} blank line{'' if self.blank == 1 else 's'}" if self.blank else ""
        return f"{self.ok} ok, {self.failed} failed, {self.skipped} skipped{blank} in {self.seconds:.1f} s"


def is_gzip(path: str | Path) -> bool:
    return str(path).endswith(".gz")


def _row_of(line: bytes) -> Row | None:
    """The JSON object of a complete output line, or None."""
    if not line.endswith(b"\n"):
        return None
    try:
        row = json.loads(line)
    except ValueError:
        return None
    return row if isinstance(row, dict) else None


def _bad_line(path: Path, number: int) -> InputError:
    return InputError(
        "is not a JSON row, so this is not a tomtat output to resume; "
        "remove it or run without --resume",
        where=f"{path}:{number}",
    )


def _scan_plain(path: Path) -> Done:
    rows, last, good_end = 0, None, 0
    with path.open("rb") as f:
        for line in f:
            row = _row_of(line)
            if row is None:
                if line.endswith(b"\n"):
                    raise _bad_line(path, rows + 1)
                break  # the partial last line of a killed run
            rows, last, good_end = rows + 1, row, good_end + len(line)
    if good_end != path.stat().st_size:
        os.truncate(path, good_end)
    return Done(rows, last)


def _gzip_lines(path: Path) -> Iterator[bytes]:
    """The lines of a gzip file, stopping quietly where a killed writer left it."""
    with gzip.open(path, "rb") as f:
        try:
            yield from f
        except (EOFError, gzip.BadGzipFile, zlib.error):
            return


def _scan_gzip(path: Path) -> Done:
    rows, last = 0, None
    fresh = path.with_name(path.name + ".resume")
    with gzip.open(fresh, "wb") as out:
        for line in _gzip_lines(path):
            row = _row_of(line)
            if row is None:
                if line.endswith(b"\n"):
                    raise _bad_line(path, rows + 1)
                break
            out.write(line)
            rows, last = rows + 1, row
    # copied back rather than renamed over: the run's lock is on this file (see output_lock);
    # a copy cut short is a gzip stream cut short, whose complete rows the next resume keeps
    shutil.copyfile(fresh, path)
    os.unlink(fresh)
    return Done(rows, last)


def resume_point(path: str | Path) -> Done:
    """Count the complete rows of an output file, cutting off a partial last line.

    A missing file holds nothing yet. Raises InputError if a complete line is not a JSON object.
    """
    path = Path(path)
    if not path.exists():
        return Done()
    try:
        return _scan_gzip(path) if is_gzip(path) else _scan_plain(path)
    except OSError as err:
        raise InputError(f"cannot resume: {err.strerror or err}", where=str(path)) from None


def _write_stdout(data: bytes) -> None:
    """All of ``data`` on stdout's file descriptor, write by write: a row longer than a pipe
    takes at once (and than Python's 8 KB buffer) once reached the pipe cut at 8,192 bytes when
    SIGTERM came while the pipe was full, though the row was counted as written. Where stdout
    has no descriptor (a test runner's capture), its buffer."""
    out = sys.stdout.buffer
    out.flush()
    try:
        fd = out.fileno()
    except (AttributeError, OSError, ValueError):  # io.UnsupportedOperation is both
        out.write(data)
        out.flush()
        return
    view = memoryview(data)
    while view:  # a pipe may take less than all of it; a signal handler that defers is retried
        view = view[os.write(fd, view) :]


def encode_row(row: Row) -> tuple[bytes, Row]:
    """``row`` as one UTF-8 JSON line, and the row it is: when ``row`` cannot be encoded
    (text no UTF-8 writer can hold, a value JSON has no form for), its error row
    ``{"id", "error"}`` instead, whose id is repaired (U+FFFD) so that it can be."""
    try:
        return (json.dumps(row, ensure_ascii=False) + "\n").encode("utf-8"), row
    except (UnicodeEncodeError, TypeError, ValueError, RecursionError) as err:
        from tomtat.errors import one_line
        from tomtat.ingest.codepoints import repaired

        row_id = row.get("id") if isinstance(row, dict) else None
        why = (
            "it holds text no UTF-8 writer can encode (a lone surrogate?)"
            if isinstance(err, UnicodeEncodeError)
            else repaired(one_line(err))
        )
        error_row = {
            "id": repaired(str(row_id)) if row_id is not None else None,
            "error": f"this row could not be written: {why}",
        }
        return (json.dumps(error_row, ensure_ascii=False) + "\n").encode("utf-8"), error_row


class RowWriter:
    """Writes rows as JSON lines, each whole with one write and a flush; ``None`` is stdout."""

    def __init__(self, output: str | Path | None, append: bool = False) -> None:
        self._sink: BinaryIO | gzip.GzipFile | None = None
        self._where = str(output) if output is not None else "stdout"
        if output is None:
            return
        mode = "ab" if append else "wb"
        try:
            if is_gzip(output):
                self._sink = gzip.open(output, mode)
            else:
                self._sink = open(output, mode, buffering=0)  # noqa: SIM115 - closed in close()
        except OSError as err:
            raise InputError(f"cannot write: {err.strerror or err}", where=self._where) from None

    def write(self, row: Row) -> Row:
        """Write ``row``; a row that cannot be written as JSON in UTF-8 (a lone surrogate, a
        value JSON has no form for) is written as its error row instead. Returns what was
        written."""
        data, row = encode_row(row)
        if self._sink is None:
            _write_stdout(data)
            return row
        view = memoryview(data)
        while view:  # an unbuffered write may take less than all of it
            view = view[self._sink.write(view) or 0 :]
        self._sink.flush()
        return row

    def close(self) -> None:
        if self._sink is not None:
            self._sink.close()
            self._sink = None

    def __enter__(self) -> RowWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class OutputBusy(TomtatError):
    """Another run holds the output file (a cron job started twice): this one writes nothing."""

    exit_code = 75  # EX_TEMPFAIL (sysexits.h): try again later


@contextmanager
def output_lock(output: Path | None) -> Iterator[None]:
    """Hold an exclusive lock on ``output`` (created if missing, never truncated here) while
    the block runs; OutputBusy at once when another process holds it. ``fcntl.flock``: the
    kernel drops the lock when the holder ends, however it ends (kill -9 too), so a stale lock
    cannot be left behind. No lock for stdout, nor where ``fcntl`` is missing (Windows)."""
    if output is None:
        yield
        return
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on POSIX
        yield
        return
    try:
        fd = os.open(output, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o666)
    except OSError as err:
        raise InputError(f"cannot write: {err.strerror or err}", where=str(output)) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise OutputBusy(
                f"{output}: another tomtat run is writing this output; wait for it to end, "
                "or choose another --output"
            ) from None
        yield
    finally:
        os.close(fd)  # releases the lock


class Stopped(KeyboardInterrupt):
    """A job stopped by a signal: SIGINT (Ctrl-C) or SIGTERM; ``signum`` says which."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextmanager
def stop_on_signals(job: Job, signums: tuple[int, ...] = (signal.SIGINT, signal.SIGTERM)):
    """While the block runs, SIGINT and SIGTERM raise :class:`Stopped` (a KeyboardInterrupt)
    in the main thread, never between writing a row and counting it: then right after, so
    ``job.report`` counts exactly the rows written. Outside the main thread: no change."""

    def stop(signum: int, frame: object) -> None:
        if job._writing:
            job._pending = Stopped(signum)
        else:
            raise Stopped(signum)

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {signum: signal.signal(signum, stop) for signum in signums}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


class Job:
    """One run of a streaming job; ``report`` stays current, even if the run is interrupted."""

    def __init__(
        self, output: str | Path | None, *, resume: bool = False, fail_fast: bool = False
    ) -> None:
        if resume and output is None:
            raise ConfigError("--resume needs --output FILE: rows on stdout cannot be counted")
        self.output = Path(output) if output is not None else None
        self.resume = resume
        self.fail_fast = fail_fast
        self.report = JobReport()
        self._writing = False  # between a row's write and its count
        self._pending: Stopped | None = None  # a stop signalled meanwhile

    def run(
        self,
        produce: Callable[[Done], Iterable[Row]],
        on_row: Callable[[Row], None] | None = None,
    ) -> JobReport:
        """Write ``produce(done)`` to the output, ``done`` being what it already holds.

        A row with an ``"error"`` key counts as failed; with ``fail_fast`` the first one is
        written and then the job stops (``report.stopped``).
        """
        with output_lock(self.output):
            return self._run(produce, on_row)

    def _run(
        self, produce: Callable[[Done], Iterable[Row]], on_row: Callable[[Row], None] | None
    ) -> JobReport:
        start = time.perf_counter()
        report = self.report
        done = resume_point(self.output) if self.resume and self.output else Done()
        report.skipped = done.rows
        rows = produce(done)
        try:
            with RowWriter(self.output, append=done.rows > 0) as writer:
                for row in rows:
                    self._writing = True  # see stop_on_signals
                    try:
                        row = writer.write(row)
                        if "error" in row:
                            report.failed += 1
                            if len(report.errors) < KEPT_ERRORS:
                                report.errors.append((row.get("id"), str(row["error"])))
                        else:
                            report.ok += 1
                    finally:
                        self._writing = False
                    if self._pending is not None:
                        stop, self._pending = self._pending, None
                        raise stop
                    report.seconds = time.perf_counter() - start
                    if on_row is not None:
                        on_row(row)
                    if "error" in row and self.fail_fast:
                        report.stopped = (row.get("id"), str(row["error"]))
                        break
        finally:
            close = getattr(rows, "close", None)
            if close is not None:
                close()  # stop workers and cancel what is still queued
            report.seconds = time.perf_counter() - start
        return report


def run_job(
    produce: Callable[[Done], Iterable[Row]],
    output: str | Path | None,
    *,
    resume: bool = False,
    fail_fast: bool = False,
    on_row: Callable[[Row], None] | None = None,
) -> JobReport:
    """Write the rows of ``produce(done)`` to ``output`` (see :class:`Job`)."""
    return Job(output, resume=resume, fail_fast=fail_fast).run(produce, on_row)


def skip_done(items: Iterable[Any], done: Done, id_of: Callable[[Any], Any]) -> Iterator[Any]:
    """The items after the ``done.rows`` first, checking that the last one skipped is the one
    the output's last row came from (same ``id``), so a resume never pairs the wrong files."""
    iterator = iter(items)
    if done.rows:
        seen, last = 0, None
        for last in islice(iterator, done.rows):
            seen += 1
        if seen < done.rows:
            raise InputError(
                f"the output already has {done.rows} rows but the input only {seen}; "
                "is it the same input?"
            )
        expected = done.last.get("id") if done.last else None
        if str(id_of(last)) != str(expected):
            raise InputError(
                f"output row {done.rows} is {expected!r} but input row {done.rows} is "
                f"{id_of(last)!r}; is it the same input? (run without --resume to start over)"
            )
    return iterator


def count_rows(path: str | Path) -> int | None:
    """Non-blank lines of a plain file (cheap enough to count first); None for gzip or stdin."""
    if str(path) == "-" or is_gzip(path):
        return None
    try:
        with open(path, "rb") as f:
            return sum(1 for line in f if line.strip())
    except OSError:
        return None


class _Quiet:
    def skip(self, rows: int) -> None:
        pass

    def __call__(self, row: Row) -> None:
        pass


@contextmanager
def progress_bar(total: int | None, quiet: bool = False) -> Iterator[Any]:
    """For the CLI: a rich progress bar on stderr with rows/s and ETA.

    Yields a callback to call once per row written, with a ``skip(n)`` method for the rows a
    resumed job finds done (they leave the total). ``total=None`` shows no total.
    """
    if quiet:
        yield _Quiet()
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class RateColumn(ProgressColumn):
        def render(self, task: Any) -> Text:
            return Text(f"{task.speed or 0:.1f} rows/s")

    columns = [
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    ]
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("rows", total=total)

        class Bar:
            def skip(self, rows: int) -> None:
                if total is not None:
                    progress.update(task, total=max(0, total - rows))

            def __call__(self, row: Row) -> None:
                progress.advance(task)

        yield Bar()
