"""Many clusters in, one result row each out, in input order: on local cores or a Dask cluster
(``tomtat.parallel``), each row made by ``tomtat.rows``.

A row that fails becomes ``{"id", "error"}`` and the run goes on. Batch jobs ship raw JSONL
lines to the workers, which parse and clean them too, so the parent only reads and writes.
Items that are already input errors become their error row in the calling process: they are
never pickled, so their line numbers survive.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from tomtat.errors import ConfigError, TomtatError
from tomtat.options import SummarizeOptions
from tomtat.parallel import (
    require_distributed,
    close_client,
    dask_client,
    dask_ordered_map,
    default_workers,
    ordered_map,
)
from tomtat.rows import Row, line_error_row, summarize_line

ENGINES = ("process", "dask")


def summarize_rows(
    items: Iterable[Any],
    options: SummarizeOptions,
    *,
    engine: str = "process",
    workers: int | None = None,
    scheduler: str | None = None,
    batch_size: int = 8,
) -> Iterator[Row]:
    """One result row per JSONL line (``tomtat.jobs.read_lines``), in order, on the engine.

    The arguments are checked now (ConfigError); the work starts on the first ``next()``.
    """
    if engine not in ENGINES:
        raise ConfigError(f"unknown engine {engine!r}; choose one of: {', '.join(ENGINES)}")
    if scheduler and engine != "dask":
        raise ConfigError("--scheduler needs --engine dask")
    if batch_size < 1:
        raise ConfigError(f"batch size must be a positive integer, got {batch_size!r}")
    workers = workers or default_workers()
    if engine == "process":
        return ordered_map(
            summarize_line, items, options, workers=workers, on_error=line_error_row
        )
    require_distributed()
    return _on_dask(items, options, scheduler, workers, batch_size)


def _on_dask(
    items: Iterable[Any], options: SummarizeOptions, scheduler: str | None, workers: int, size: int
) -> Iterator[Row]:
    client = dask_client(scheduler, workers)
    finished = False
    try:
        yield from dask_ordered_map(
            summarize_line, items, options, client=client, batch_size=size, on_error=line_error_row
        )
        finished = True
    except (TomtatError, GeneratorExit):
        raise
    except Exception as err:  # rows never raise and a row that kills its workers is its own
        # error row, so this is the cluster itself: a closed connection (CommClosedError, ...)
        raise TomtatError(
            f"the Dask cluster failed ({type(err).__name__}: {err}); "
            "the rows written so far are whole: add --resume to go on"
        ) from None
    finally:
        # stopped early (interrupted, --fail-fast, a failed cluster): the rows still running
        # would never be written, so their workers are stopped rather than waited for
        close_client(client, now=not finished)
