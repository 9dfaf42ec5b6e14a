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
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import TYPE_CHECKING, Any, TypeVar

from tomtat.errors import ConfigError, InputError, TomtatError, one_line
from tomtat.options import SummarizeOptions

if TYPE_CHECKING:
    from tomtat.ingest.jsonl import Line

Row = dict[str, Any]
T = TypeVar("T")
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
        row = to_dict(summary)
    except TomtatError as err:
        return {"id": item.id, "error": f"{where}: {err}"}
    except Exception as err:  # noqa: BLE001 - a bug on one odd cluster must not sink thousands
        return {"id": item.id, "error": f"{where}: {one_line(err)}"}
    if item.reference is not None:
        row["reference"] = item.reference
    return row


def line_id(item: Line | InputError) -> str:
    """The ``id`` the row of a JSONL line gets: its ``"id"`` field, else its line number.

    Never raises: a line that cannot be parsed at all (malformed, or nested too deeply for
    the parser) is known by its line number.
    """
    if isinstance(item, InputError):
        return str(item.line)
    _, number, text = item
    try:
        data = json.loads(text)
        if isinstance(data, dict) and data.get("id") not in (None, ""):
            from tomtat.ingest.codepoints import repaired

            return repaired(str(data["id"]))  # as its row writes it
    except Exception:  # noqa: BLE001, S110 - ValueError, RecursionError, an id whose str() fails
        pass
    return str(number)


def summarize_line(item: Line | InputError, options: SummarizeOptions) -> Row:
    """Parse, clean and summarize one JSONL line (see ``tomtat.ingest``); never raises."""
    from tomtat.ingest import cluster_from_row, parse_line

    try:
        cluster = parse_line(item, cluster_from_row)
        if isinstance(cluster, InputError):
            return {"id": line_id(item), "error": str(cluster)}
        return summarize_row(cluster, options)
    except Exception as err:  # noqa: BLE001 - the last guard: a row, never a raise
        return line_error_row(item, err)


def line_error_row(item: Line | InputError, err: BaseException) -> Row:
    """The error row of a JSONL line whose work raised ``err`` (or whose worker died)."""
    if isinstance(item, InputError):
        return {"id": line_id(item), "error": str(item)}
    where, number, _ = item
    return {"id": line_id(item), "error": f"{where}:{number}: {one_line(err)}"}


def default_workers() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def _is_local(item: Any) -> bool:
    return isinstance(item, BaseException)


PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
WATCHDOG_SECONDS = 0.5


def die_with_parent(parent: int) -> None:
    """Make this process end when ``parent`` does, however the parent ends (even SIGKILL).

    On Linux the kernel sends SIGKILL when the parent goes (``PR_SET_PDEATHSIG``); everywhere a
    daemon thread also polls the parent and exits when it is gone, in case prctl is missing.
    A parent already gone before this ran ends the process now.
    """
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # the watchdog below still works
    direct_parent = os.getppid()
    if direct_parent != parent and not _alive(parent):
        os._exit(1)
    watchdog = threading.Thread(
        target=_watch_parent, args=(parent, direct_parent), name="tomtat-parent-watchdog",
        daemon=True,
    )
    watchdog.start()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _watch_parent(parent: int, direct_parent: int) -> None:
    while True:
        time.sleep(WATCHDOG_SECONDS)
        # a child whose parent died is handed to another process (init or a subreaper)
        if os.getppid() != direct_parent or not _alive(parent):
            os._exit(1)


def _init_worker(parent: int) -> None:
    die_with_parent(parent)
    # Ctrl-C is the parent's to handle: it stops the pool; workers must not die mid-task first.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # Rows go back to the parent through the pool; a stray print in a worker must not land in
    # the parent's stdout (a JSONL stream) nor keep it open: fd 1 becomes a copy of stderr.
    try:
        os.dup2(2, 1)
    except OSError:
        pass
    # one process a core: BLAS threads on top would only fight over the same cores
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)


def _new_pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        max_workers=workers, initializer=_init_worker, initargs=(os.getpid(),)
    )


def _stop_pool(pool: ProcessPoolExecutor, *, kill: bool) -> None:
    """Cancel what is queued; with ``kill`` also end the running tasks now."""
    if kill:
        # ProcessPoolExecutor has no public way to end running tasks before Python 3.14
        # (terminate_workers); its _processes is the pid -> Process map it keeps.
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            try:
                process.kill()
            except (OSError, ValueError, AttributeError):
                pass
    pool.shutdown(wait=True, cancel_futures=True)


WORKER_DIED = "a worker process died on this row (out of memory?)"


class WorkerDied(Exception):
    """A row's worker process ended while working on it (killed, out of memory, a crash)."""

    def __str__(self) -> str:
        return WORKER_DIED


def ordered_map(
    function: Callable[..., Row],
    items: Iterable[Any],
    *args: Any,
    workers: int = 1,
    window: int | None = None,
    on_error: Callable[[Any, BaseException], Row] | None = None,
) -> Iterator[Row]:
    """``function(item, *args)`` for each item, yielded in input order.

    With several workers a process pool runs the calls while at most ``window`` items are in
    flight, so memory stays flat however long the input is. Closing the iterator early cancels
    the calls not yet started and ends the running ones (their rows would be thrown away).
    Workers end with this process, even when it is killed.

    With ``on_error``, a call that raises, or whose worker dies, gives ``on_error(item, err)``
    as its row and the others go on: after a worker dies, the rows that were in flight are run
    again one at a time in a fresh process, so only the row that kills its process fails.
    Without it the exception (or a TomtatError for a dead worker) ends the map.
    """
    if workers <= 1:
        for item in items:
            yield _call(function, item, args, on_error)
        return
    window = window or 4 * workers
    pool = _new_pool(workers)
    finished = False
    try:
        pending: deque[tuple[Any, Future]] = deque()
        for item in items:
            if _is_local(item):
                done: Future = Future()
                done.set_result(_call(function, item, args, on_error))
                pending.append((item, done))
            else:
                pending.append((item, pool.submit(function, item, *args)))
            if len(pending) >= window:
                row, pool = _next_row(pending, pool, function, args, workers, on_error)
                yield row
        while pending:
            row, pool = _next_row(pending, pool, function, args, workers, on_error)
            yield row
        finished = True
    finally:
        # stopped early (interrupted, or closed by --fail-fast): the rows still running would
        # never be written, so their workers are ended rather than waited for
        _stop_pool(pool, kill=not finished)


def _call(function: Callable[..., Row], item: Any, args: tuple, on_error: Any) -> Row:
    if on_error is None:
        return function(item, *args)
    try:
        return function(item, *args)
    except Exception as err:  # noqa: BLE001 - on_error makes it this item's row
        return on_error(item, err)


def _next_row(
    pending: deque[tuple[Any, Future]],
    pool: ProcessPoolExecutor,
    function: Callable[..., Row],
    args: tuple,
    workers: int,
    on_error: Any,
) -> tuple[Row, ProcessPoolExecutor]:
    """The oldest pending row, and the pool to go on with (a new one after a worker died)."""
    item, future = pending[0]
    try:
        row = future.result()
    except BrokenProcessPool:
        if on_error is None:
            raise TomtatError(
                "a worker process died (out of memory?); a batch run can go on with --resume"
            ) from None
        pool.shutdown(wait=True)
        _isolate(pending, function, args, on_error)
        pool = _new_pool(workers)
        item, future = pending[0]
        row = future.result()
    except Exception as err:
        if on_error is None:
            raise
        row = on_error(item, err)
    pending.popleft()
    return row, pool


def _isolate(
    pending: deque[tuple[Any, Future]], function: Callable[..., Row], args: tuple, on_error: Any
) -> None:
    """After a worker died: run each pending item whose future broke alone in a one-worker
    pool, so the one that kills its process is found and the rest get their rows."""
    alone = _new_pool(1)
    try:
        for i, (item, future) in enumerate(pending):
            if future.done() and not future.cancelled() and future.exception() is None:
                continue  # finished before the worker died
            redone: Future = Future()
            try:
                redone.set_result(alone.submit(function, item, *args).result())
            except BrokenProcessPool:
                alone.shutdown(wait=True)
                alone = _new_pool(1)
                redone.set_result(on_error(item, WorkerDied()))
            except Exception as err:  # noqa: BLE001 - on_error makes it this item's row
                redone.set_result(on_error(item, err))
            pending[i] = (item, redone)
    finally:
        alone.shutdown(wait=True, cancel_futures=True)


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
    on_error: Callable[[Any, BaseException], Row] | None = None,
) -> Iterator[Row]:
    """Like :func:`ordered_map`, on a ``distributed.Client``: one task per ``batch_size`` items.

    At most ``window`` tasks are in flight (default: twice the cluster's threads), and results
    come back in input order as soon as the oldest task is done. With ``on_error``, a task
    that kept killing its workers (Dask's KilledWorker) is run again one item at a time, so only
    the item that kills its worker gets ``on_error(item, WorkerDied())``; any other failure of
    the cluster still ends the map.
    """
    if window is None:
        window = 2 * max(1, sum(client.nthreads().values()))
    pending: deque[tuple[list[Row | None], list[Any], Any]] = deque()
    rerun = _Rerun(client, function, args, on_error)
    try:
        for batch in _batches(items, batch_size):
            local = [function(item, *args) if _is_local(item) else None for item in batch]
            remote = [item for item in batch if not _is_local(item)]
            future = (
                client.submit(_apply_batch, function, remote, args, pure=False) if remote else None
            )
            pending.append((local, remote, future))
            if len(pending) >= window:
                yield from _merge(*pending.popleft(), rerun)
        while pending:
            yield from _merge(*pending.popleft(), rerun)
    finally:
        for _, _, future in pending:
            if future is not None:
                future.cancel()


class _Rerun:
    """Runs the items of a task that killed its workers one item a task (see dask_ordered_map)."""

    def __init__(self, client: Any, function: Callable[..., Row], args: tuple, on_error: Any):
        self.client, self.function, self.args, self.on_error = client, function, args, on_error

    def __call__(self, items: list[Any], err: BaseException) -> list[Row]:
        from distributed import KilledWorker

        if self.on_error is None or not isinstance(err, KilledWorker):
            raise err
        rows = []
        for item in items:  # one at a time: a worker's death then takes no other item along
            future = self.client.submit(_apply_batch, self.function, [item], self.args, pure=False)
            try:
                rows.extend(_result(future))
            except KilledWorker:
                rows.append(self.on_error(item, WorkerDied()))
        return rows


def _merge(local: list[Row | None], items: list[Any], future: Any, rerun: _Rerun) -> Iterator[Row]:
    try:
        done = _result(future) if future is not None else []
    except Exception as err:  # noqa: BLE001 - rerun re-raises what it does not handle
        done = rerun(items, err)
    remote = iter(done)
    for row in local:
        yield row if row is not None else next(remote)


def _result(future: Any) -> Any:
    """A Dask future's result, waited for here rather than inside ``distributed``: Ctrl-C or
    SIGTERM then interrupts this loop, not the client's event-loop machinery."""
    done = threading.Event()
    future.add_done_callback(lambda _: done.set())
    while not done.wait(0.2):
        pass
    return future.result()


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
            # a worker's own log lines (a heartbeat to a scheduler already gone after
            # Ctrl-C...) are noise; a row's failure comes back as its error row
            silence_logs=logging.CRITICAL,
        )
        client = Client(cluster)
    client._tomtat_cluster = cluster  # closed with the client by close_client
    return client


STOP_SECONDS = 0.5  # how long an interrupted LocalCluster's workers get before SIGKILL


def close_client(client: Any, *, now: bool = False) -> None:
    """Close a client from :func:`dask_client`, and the LocalCluster it started, if any.

    ``now`` (the run was interrupted): the cluster's worker processes get STOP_SECONDS to
    stop before they are killed, instead of waiting for the rows they are working on.
    """
    cluster = getattr(client, "_tomtat_cluster", None)
    if cluster is not None and now:
        try:
            cluster.sync(_close_workers, list(cluster.workers.values()))
        except Exception:  # noqa: BLE001, S110 - the plain close below still runs
            pass
    client.close()
    if cluster is not None:
        cluster.close()


async def _close_workers(nannies: list[Any]) -> None:
    import asyncio

    await asyncio.gather(
        *(nanny.close(timeout=STOP_SECONDS) for nanny in nannies), return_exceptions=True
    )


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
    _require_distributed()
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
