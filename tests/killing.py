"""Kill a real ``tomtat`` run mid-way and see what it leaves behind (processes, stdout)."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from dataclasses import dataclass, field

import pytest

# How long a killed run's processes get to end. A process left behind lives on for good, so a
# wide window still catches every leak; a narrow one failed on a loaded machine (a Dask
# LocalCluster closing after SIGTERM took over 5 s at load 8).
GRACE_S = 15.0


@dataclass
class Killed:
    """What a run killed after its first rows left."""

    returncode: int
    rows: list[bytes]  # every line it wrote on stdout, the ones before the kill included
    stderr: str
    descendants: list = field(default_factory=list)  # its processes at the time of the kill
    left: list = field(default_factory=list)  # those still alive GRACE_S after the kill
    stdout_released: bool = False  # the stdout pipe reached its end within GRACE_S


def alive(processes: list, seconds: float) -> list:
    """The processes still alive (a zombie is gone) after waiting up to ``seconds``."""
    import psutil

    deadline = time.monotonic() + seconds
    while True:
        left = []
        for process in processes:
            try:
                if process.status() != psutil.STATUS_ZOMBIE:
                    left.append(process)
            except psutil.NoSuchProcess:
                pass
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.1)


def kill_mid_run(cmd: list[str], sig: signal.Signals, after_rows: int = 3) -> Killed:
    """Run ``cmd`` (rows on stdout) in its own session, send ``sig`` to its main process
    only (as the OOM killer or ``kill PID`` would) once ``after_rows`` rows are out, and look
    up to ``GRACE_S`` later. Whatever is left is then killed with its whole process group."""
    psutil = pytest.importorskip("psutil")
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    try:
        rows = [proc.stdout.readline() for _ in range(after_rows)]
        assert all(row.endswith(b"\n") for row in rows), proc.stderr.read()
        descendants = psutil.Process(proc.pid).children(recursive=True)
        start = time.monotonic()
        os.kill(proc.pid, sig)
        rest: list[bytes] = []
        reader = threading.Thread(target=lambda: rest.append(proc.stdout.read()), daemon=True)
        reader.start()
        proc.wait(timeout=30)
        left = alive(descendants, GRACE_S - (time.monotonic() - start))
        reader.join(timeout=max(0.0, GRACE_S - (time.monotonic() - start)))
        released = not reader.is_alive()
        return Killed(
            returncode=proc.returncode,
            rows=rows + (rest[0].splitlines(keepends=True) if released else []),
            stderr=proc.stderr.read().decode("utf-8", "replace") if released else "",
            descendants=descendants,
            left=left,
            stdout_released=released,
        )
    finally:
        kill_group(proc)


def kill_group(proc: subprocess.Popen) -> None:
    """End what is left of a test run: its session's process group, workers included."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    proc.wait()


def rows_are_whole(run: Killed, sig: signal.Signals) -> bool:
    """Every row a whole JSON line with an id. SIGKILL excepts the last one: a process killed
    while the pipe is full and a long row half in it leaves that row cut, which no writer can
    prevent; SIGTERM never does (the row being written is finished first)."""
    import json

    rows = run.rows[:-1] if sig == signal.SIGKILL else run.rows
    return all(row.endswith(b"\n") and "id" in json.loads(row) for row in rows)

