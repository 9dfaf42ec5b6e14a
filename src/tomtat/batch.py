"""Many clusters in, one result row each out, in input order: on local cores or a Dask cluster.

A row that fails becomes ``{"id", "error"}`` and the run goes on. Batch jobs ship raw JSONL
lines to the workers, which parse and clean them too, so the parent only reads and writes.
Items that are already input errors become their error row in the calling process: they are
never pickled, so their line numbers survive.
"""

from __future__ import annotations

import json
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import TYPE_CHECKING, Any

from tomtat.errors import ConfigError, InputError, TomtatError
from tomtat.options import SummarizeOptions

if TYPE_CHECKING:
    from tomtat.ingest.jsonl import Line

Row = dict[str, Any]
ENGINES = ("process", "dask")


def summarize_row(item: Any, options: SummarizeOptions) -> Row:
    """Summarize one ClusterInput into its JSON result, or an error row; never raises.

    An InputError item (a line that could not be read) gives its error row.
    """
    from tomtat import summarize
    from tomtat.render import to_dict

    if isinstance(item, InputError):
        return {"id": str(item.line) if item.line is not None else None, "error": str(item)}
    where = f"line {item.line}" if getattr(item, "line", None) is not None else f"cluster {item.id}"
    try:
        summary = summarize(item.documents, options=options, cluster_id=item.id)
    except TomtatError as err:
        return {"id": item.id, "error": f"{where}: {err}"}
    except Exception as err:  # noqa: BLE001 - a bug on one odd cluster must not sink thousands
        return {"id": item.id, "error": f"{where}: internal error: {type(err).__name__}: {err}"}
    row = to_dict(summary)
    if item.reference is not None:
        row["reference"] = item.reference
    return row


def line_id(item: Line | InputError) -> str:
    """The ``id`` the row of a JSONL line gets: its ``"id"`` field, else its line number."""
    if isinstance(item, InputError):
        return str(item.line)
    _, number, text = item
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    if isinstance(data, dict) and data.get("id") not in (None, ""):
        return str(data["id"])
    return str(number)


def summarize_line(item: Line | InputError, options: SummarizeOptions) -> Row:
    """Parse, clean and summarize one JSONL line (see ``tomtat.ingest``); never raises."""
    from tomtat.ingest import cluster_from_row, parse_line

    try:
        cluster = parse_line(item, cluster_from_row)
    except Exception as err:  # noqa: BLE001 - same reason as in summarize_row
        where, number, _ = item
        problem = f"internal error: {type(err).__name__}: {err}"
        return {"id": line_id(item), "error": f"{where}:{number}: {problem}"}
    if isinstance(cluster, InputError):
        return {"id": line_id(item), "error": str(cluster)}
    return summarize_row(cluster, options)


def default_workers() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def _is_local(item: Any) -> bool:
    return isinstance(item, BaseException)


def _init_worker() -> None:
    # Ctrl-C is the parent's to handle: it stops the pool; workers must not die mid-task first.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # one process a core: BLAS threads on top would only fight over the same cores
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)


def ordered_map(
    function: Callable[..., Row],
    items: Iterable[Any],
    *args: Any,
    workers: int = 1,
    window: int | None = None,
) -> Iterator[Row]:
    """``function(item, *args)`` for each item, yielded in input order.

    With several workers a process pool runs the calls while at most ``window`` items are in
    flight, so memory stays flat however long the input is. Closing the iterator early cancels
    the calls not yet started.
    """
    if workers <= 1:
        for item in items:
            yield function(item, *args)
        return
    window = window or 4 * workers
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker)
    try:
        pending: deque[Future] = deque()
        for item in items:
            if _is_local(item):
                done: Future = Future()
                done.set_result(function(item, *args))
                pending.append(done)
            else:
                pending.append(pool.submit(function, item, *args))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    except BrokenProcessPool:
        raise TomtatError(
            "a worker process died (out of memory?); a batch run can go on with --resume"
        ) from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _apply_batch(function: Callable[..., Row], items: list[Any], args: tuple) -> list[Row]:
    """Runs on a Dask worker: one task, several clusters."""
    return [function(item, *args) for item in items]


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def dask_ordered_map(
    function: Callable[..., Row],
    items: Iterable[Any],
    *args: Any,
    client: Any,
    batch_size: int = 8,
    window: int | None = None,
) -> Iterator[Row]:
    """Like :func:`ordered_map`, on a ``distributed.Client``: one task per ``batch_size`` items.

    At most ``window`` tasks are in flight (default: twice the cluster's threads), and results
    come back in input order as soon as the oldest task is done.
    """
    if window is None:
        window = 2 * max(1, sum(client.nthreads().values()))
    pending: deque[tuple[list[Row | None], Any]] = deque()
    try:
        for batch in _batches(items, batch_size):
            local = [function(item, *args) if _is_local(item) else None for item in batch]
            remote = [item for item in batch if not _is_local(item)]
            future = (
                client.submit(_apply_batch, function, remote, args, pure=False) if remote else None
            )
            pending.append((local, future))
            if len(pending) >= window:
                yield from _merge(*pending.popleft())
        while pending:
            yield from _merge(*pending.popleft())
    finally:
        for _, future in pending:
            if future is not None:
                future.cancel()


def _merge(local: list[Row | None], future: Any) -> Iterator[Row]:
    remote = iter(future.result() if future is not None else ())
    for row in local:
        yield row if row is not None else next(remote)


def _require_distributed() -> None:
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise ConfigError(
            "the dask engine needs dask.distributed: pip install 'tomtat[dask]'"
        ) from None


# Dask keeps the last ``low-level-log-length`` messages of each connection (default 1000) for
# debugging; ours carry clusters, so that log alone would grow the parent by hundreds of MB.
_DASK_CONFIG = {"distributed.admin.low-level-log-length": 8}


def dask_client(scheduler: str | None, workers: int) -> Any:
    """A Client on ``scheduler`` (``tcp://host:port``), or on a new LocalCluster of ``workers``
    single-threaded processes. Closing the client also closes a cluster it started."""
    import logging

    _require_distributed()
    import dask
    from distributed import Client, LocalCluster

    with dask.config.set(_DASK_CONFIG):
        if scheduler:
            try:
                return Client(scheduler, timeout="20s")
            except (OSError, TimeoutError) as err:
                raise ConfigError(
                    f"cannot reach the Dask scheduler at {scheduler}: {err}"
                ) from None
        # Some imported libraries configure the root logger; keep the cluster's chatter quiet.
        logging.getLogger("distributed").setLevel(logging.ERROR)
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        client = Client(cluster)
    client._tomtat_cluster = cluster  # closed with the client by close_client
    return client


def close_client(client: Any) -> None:
    """Close a client from :func:`dask_client`, and the LocalCluster it started, if any."""
    cluster = getattr(client, "_tomtat_cluster", None)
    client.close()
    if cluster is not None:
        cluster.close()


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
        return ordered_map(summarize_line, items, options, workers=workers)
    _require_distributed()
    return _on_dask(items, options, scheduler, workers, batch_size)


def _on_dask(
    items: Iterable[Any], options: SummarizeOptions, scheduler: str | None, workers: int, size: int
) -> Iterator[Row]:
    client = dask_client(scheduler, workers)
    try:
        yield from dask_ordered_map(summarize_line, items, options, client=client, batch_size=size)
    except (TomtatError, GeneratorExit):
        raise
    except Exception as err:  # rows never raise, so this is the cluster: a lost worker, a
        # closed connection (KilledWorker, CommClosedError, ...)
        raise TomtatError(
            f"the Dask cluster failed ({type(err).__name__}: {err}); "
            "the rows written so far are whole: add --resume to go on"
        ) from None
    finally:
        close_client(client)
