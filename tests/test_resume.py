"""--resume after a crash: kill -9 the batch at random points, resume, and get exactly the
rows of an uninterrupted run: none lost, none twice, none half-written."""

from __future__ import annotations

import gzip
import os
import random
import signal
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest
from batch_corpus import CHEAP, make_clusters, write_jsonl
from killing import GRACE_S, kill_group, kill_mid_run, rows_are_whole

N = 40


def command(source: Path, out: Path, workers: int, *extra: str) -> list[str]:
    return [sys.executable, "-m", "tomtat", "summarize", "-i", str(source), "-o", str(out),
            "-j", str(workers), *CHEAP, *extra]


def complete_lines(out: Path) -> int:
    """Lines fully written so far (a gzip stream may still be open and unfinished)."""
    if not out.exists():
        return 0
    if out.suffix != ".gz":
        return out.read_bytes().count(b"\n")
    data, lines = out.read_bytes(), 0
    while data:  # one gzip member per run; the last may be unfinished
        member = zlib.decompressobj(wbits=31)
        lines += member.decompress(data).count(b"\n")
        if not member.eof:
            break
        data = member.unused_data
    return lines


def uninterrupted(source: Path, out: Path) -> bytes:
    result = subprocess.run(command(source, out, 1), capture_output=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return read(out)


def read(out: Path) -> bytes:
    return gzip.decompress(out.read_bytes()) if out.suffix == ".gz" else out.read_bytes()


def kill_after(cmd: list[str], out: Path, rows: int) -> bool:
    """Start ``cmd``, SIGKILL it and its workers once ``rows`` rows are out; False if it
    finished first."""
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 120
        while proc.poll() is None and time.monotonic() < deadline:
            if complete_lines(out) >= rows:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                return True
            time.sleep(0.005)
        return False
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Path:
    return write_jsonl(tmp_path_factory.mktemp("resume") / "in.jsonl", make_clusters(N))


@pytest.fixture(scope="module")
def expected(source: Path, tmp_path_factory) -> bytes:
    data = uninterrupted(source, tmp_path_factory.mktemp("ref") / "out.jsonl")
    assert data.count(b"\n") == N
    return data


@pytest.mark.parametrize("name, workers, seed", [("out.jsonl", 1, 11), ("out.jsonl.gz", 2, 12)])
def test_killed_and_resumed_equals_uninterrupted(
    source: Path, expected: bytes, tmp_path: Path, name: str, workers: int, seed: int
):
    out = tmp_path / name
    points = sorted(random.Random(seed).sample(range(1, N - 2), 3))
    killed_mid_run = 0
    for point in points:
        if kill_after(command(source, out, workers, "--resume"), out, point):
            killed_mid_run += complete_lines(out) < N
    assert killed_mid_run >= 2  # the test did interrupt real work
    result = subprocess.run(
        command(source, out, workers, "--resume"), capture_output=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert read(out) == expected


def test_half_written_last_line_is_cut_and_redone(
    source: Path, expected: bytes, tmp_path: Path
):
    out = tmp_path / "out.jsonl"
    lines = expected.splitlines(keepends=True)
    out.write_bytes(b"".join(lines[:17]) + lines[17][: len(lines[17]) // 2])
    result = subprocess.run(
        command(source, out, 2, "--resume"),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert f"{N - 17} ok, 0 failed, 17 skipped" in result.stderr
    assert out.read_bytes() == expected


# --- killed runs leave no process behind ------------------------------------------------------

KILL_N = 200  # enough rows that the run is still going when it is killed


@pytest.fixture(scope="module")
def long_source(tmp_path_factory) -> Path:
    return write_jsonl(tmp_path_factory.mktemp("kill") / "in.jsonl", make_clusters(KILL_N, seed=8))


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_workers_end_with_their_killed_parent_and_release_stdout(long_source: Path, sig):
    """Like ``tomtat summarize -i in.jsonl | wc -l`` killed mid-run: no worker survives its
    parent by GRACE_S, and the pipe reaches its end (no process holds stdout)."""
    cmd = [sys.executable, "-m", "tomtat", "summarize", "-i", str(long_source), "-j", "2", *CHEAP]
    run = kill_mid_run(cmd, sig)
    assert len(run.descendants) == 2  # the two pool workers
    assert run.left == [], f"still running {GRACE_S:g} s after {sig.name}: {run.left}"
    assert run.stdout_released, "stdout still held open"
    assert 3 <= len(run.rows) < KILL_N
    assert rows_are_whole(run, sig)
    if sig == signal.SIGTERM:
        assert run.returncode == 143
        assert "stopped by SIGTERM" in run.stderr and "--resume" in run.stderr
        assert f"tomtat: stopped by SIGTERM: {len(run.rows)} ok, 0 failed" in run.stderr
        assert "Traceback" not in run.stderr


def test_sigterm_stops_cleanly_and_resume_completes_the_run(long_source: Path, tmp_path: Path):
    expected = uninterrupted(long_source, tmp_path / "whole.jsonl")
    out = tmp_path / "out.jsonl"
    proc = subprocess.Popen(
        command(long_source, out, 2), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while complete_lines(out) < 5 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        os.kill(proc.pid, signal.SIGTERM)
        assert proc.wait(timeout=30) == 143
        message = proc.stderr.read().decode()
        assert "stopped by SIGTERM" in message and "add --resume to go on" in message
        written = out.read_bytes()
        kept = written.count(b"\n")
        assert written.endswith(b"\n") and 5 <= kept < KILL_N
        assert expected.startswith(written)  # whole rows, the uninterrupted run's own
    finally:
        kill_group(proc)
    result = subprocess.run(
        command(long_source, out, 2, "--resume"), capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert f"{KILL_N - kept} ok, 0 failed, {kept} skipped" in result.stderr
    assert out.read_bytes() == expected
