"""The Dask engine gives the process pool's rows, in order, on a real (local) Dask cluster."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from batch_corpus import CHEAP, make_clusters, write_jsonl
from killing import GRACE_S, kill_mid_run, rows_are_whole

distributed = pytest.importorskip("distributed")

from tomtat.parallel import dask_ordered_map, ordered_map  # noqa: E402
from tomtat.rows import summarize_line  # noqa: E402
from tomtat.jobs import read_lines  # noqa: E402
from tomtat.options import SummarizeOptions  # noqa: E402


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Path:
    return write_jsonl(
        tmp_path_factory.mktemp("dask") / "in.jsonl",
        make_clusters(12, seed=3),
        extra_lines={5: "{oops", 9: '{"id": "rỗng", "documents": []}'},
    )


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as local:
        yield local


def test_dask_rows_equal_process_pool_rows(source: Path, cluster):
    options = SummarizeOptions(method="lead", max_words=60, facts=False, timeline=False)
    expected = list(ordered_map(summarize_line, read_lines(source), options, workers=2))
    assert len(expected) == 14 and sum("error" in row for row in expected) == 2
    with distributed.Client(cluster) as client:
        rows = list(
            dask_ordered_map(
                summarize_line, read_lines(source), options, client=client, batch_size=3
            )
        )
    assert rows == expected


def test_cli_on_an_existing_scheduler(source: Path, cluster, tmp_path: Path):
    def run(*args: str) -> bytes:
        out = tmp_path / f"out{len(args)}.jsonl"
        result = subprocess.run(
            [sys.executable, "-m", "tomtat", "summarize", "-i", str(source), "-o", str(out),
             *CHEAP, *args],
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert result.returncode == 3, result.stderr  # some rows failed (ROWS_FAILED)
        assert "12 ok, 2 failed, 0 skipped" in result.stderr
        return out.read_bytes()

    on_dask = run("--engine", "dask", "--scheduler", cluster.scheduler_address,
                  "--batch-size", "4")
    assert on_dask == run("-j", "2")


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_a_killed_run_leaves_no_local_cluster_behind(tmp_path: Path, sig):
    """The LocalCluster that ``--engine dask`` starts ends with its run, however it ends."""
    source = write_jsonl(tmp_path / "in.jsonl", make_clusters(300, seed=9))
    cmd = [sys.executable, "-m", "tomtat", "summarize", "-i", str(source), "--engine", "dask",
           "-j", "2", "--batch-size", "2", *CHEAP]
    run = kill_mid_run(cmd, sig)
    assert len(run.descendants) >= 2  # the two worker processes (and a resource tracker)
    assert run.left == [], f"still running {GRACE_S:g} s after {sig.name}: {run.left}"
    assert run.stdout_released
    assert rows_are_whole(run, sig)
    if sig == signal.SIGTERM:
        assert run.returncode == 143
        assert f"tomtat: stopped by SIGTERM: {len(run.rows)} ok, 0 failed" in run.stderr
        assert "Traceback" not in run.stderr


def square_or_die(n: int) -> int:
    """Item 5 kills the worker it runs on."""
    if n == 5:
        os.kill(os.getpid(), signal.SIGKILL)
    return n * n


def test_an_item_that_kills_its_workers_fails_alone():
    import dask

    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        with distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
            silence_logs=logging.CRITICAL,
        ) as local, distributed.Client(local) as client:
            rows = list(
                dask_ordered_map(
                    square_or_die, range(12), client=client, batch_size=4,
                    on_error=lambda item, err: f"{item}: {err}",
                )
            )
            with pytest.raises(distributed.KilledWorker):
                list(dask_ordered_map(square_or_die, range(8), client=client, batch_size=4))
    expected = [n * n for n in range(12)]
    expected[5] = "5: a worker process died on this row (out of memory?)"
    assert rows == expected
