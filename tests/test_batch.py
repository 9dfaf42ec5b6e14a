"""Batch jobs: streaming JSONL in and out, bad lines, --fail-fast, gzip, resume checks."""

from __future__ import annotations

import gzip
import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from batch_corpus import CHEAP, make_clusters, write_jsonl

from tomtat.batch import summarize_rows
from tomtat.parallel import ordered_map
from tomtat.errors import ConfigError, InputError, TomtatError
from tomtat.jobs import Done, RowWriter, read_lines, resume_point, run_job, skip_done


def tomtat(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tomtat", *args], capture_output=True, text=True, timeout=300
    )


def rows_of(path: Path) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


@pytest.fixture
def messy_input(tmp_path: Path) -> Path:
    """6 good clusters, then a malformed line (line 3), a row without documents (line 6)
    and a line that is not UTF-8 (line 8)."""
    path = write_jsonl(
        tmp_path / "in.jsonl",
        make_clusters(6),
        extra_lines={2: '{"id": "broken", "documents": [', 4: '{"id": "empty", "documents": []}'},
    )
    data = path.read_bytes().splitlines(keepends=True)
    data.insert(7, b'{"id": "latin1", "text": "Vi\xeat Nam"}\n')
    path.write_bytes(b"".join(data))
    return path


def test_bad_lines_become_error_rows_in_place(messy_input: Path, tmp_path: Path):
    out = tmp_path / "out.jsonl"
    result = tomtat("summarize", "-i", str(messy_input), "-o", str(out), "-j", "2", *CHEAP)
    assert result.returncode == 3, result.stderr  # ROWS_FAILED
    rows = rows_of(out)
    assert [r["id"] for r in rows] == ["c000", "c001", "3", "c002", "c003", "empty", "c004",
                                       "8", "c005"]
    errors = {r["id"]: r["error"] for r in rows if "error" in r}
    assert set(errors) == {"3", "empty", "8"}
    assert "in.jsonl:3" in errors["3"] and "malformed JSON" in errors["3"]
    assert "in.jsonl:6" in errors["empty"] and "no documents" in errors["empty"]
    assert "in.jsonl:8" in errors["8"] and "UTF-8" in errors["8"]
    for row in rows:
        if "error" not in row:
            assert row["summary"] and row["sentences"]
    assert "in.jsonl:3" in result.stderr and "in.jsonl:8" in result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("6 ok, 3 failed, 0 skipped in ") and last.endswith(" s")


def test_fail_fast_stops_at_the_first_error(messy_input: Path, tmp_path: Path):
    out = tmp_path / "out.jsonl"
    result = tomtat(
        "summarize", "-i", str(messy_input), "-o", str(out), "-j", "2", "--fail-fast", *CHEAP
    )
    assert result.returncode == 1
    assert "in.jsonl:3" in result.stderr and "--fail-fast" in result.stderr
    assert "Traceback" not in result.stderr
    assert [r["id"] for r in rows_of(out)] == ["c000", "c001", "3"]


def test_quiet_stdout_and_gzip_round_trip(tmp_path: Path):
    plain = write_jsonl(tmp_path / "in.jsonl", make_clusters(5, seed=1))
    packed = tmp_path / "in.jsonl.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    to_stdout = tomtat("summarize", "-i", str(plain), "-j", "1", "--quiet", *CHEAP)
    assert to_stdout.returncode == 0 and to_stdout.stderr == ""
    expected = [json.loads(line) for line in to_stdout.stdout.splitlines()]
    assert [r["id"] for r in expected] == [f"c{i:03d}" for i in range(5)]
    out = tmp_path / "out.jsonl.gz"
    result = tomtat("summarize", "-i", str(packed), "-o", str(out), "-j", "2", *CHEAP)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes()[:2] == b"\x1f\x8b"
    assert rows_of(out) == expected


def test_resume_refuses_stdout_and_another_input(tmp_path: Path):
    first = write_jsonl(tmp_path / "a.jsonl", make_clusters(4, seed=2))
    other = write_jsonl(tmp_path / "b.jsonl", make_clusters(4, seed=2)[::-1])
    result = tomtat("summarize", "-i", str(first), "--resume", *CHEAP)
    assert result.returncode == 2 and "--resume needs --output" in result.stderr
    out = tmp_path / "out.jsonl"
    assert tomtat("summarize", "-i", str(first), "-o", str(out), "-j", "1", *CHEAP).returncode == 0
    before = out.read_bytes()
    with out.open("r+b") as f:  # keep two rows, as if the first run had been killed
        f.truncate(len(b"".join(before.splitlines(keepends=True)[:2])))
    kept = out.read_bytes()
    result = tomtat("summarize", "-i", str(other), "-o", str(out), "--resume", *CHEAP)
    assert result.returncode == 2 and "same input" in result.stderr
    assert out.read_bytes() == kept  # nothing written or cut
    result = tomtat("summarize", "-i", str(first), "-o", str(out), "--resume", "-j", "1", *CHEAP)
    assert result.returncode == 0 and "2 ok, 0 failed, 2 skipped" in result.stderr
    assert out.read_bytes() == before


def test_resume_point_cuts_only_a_partial_last_line(tmp_path: Path):
    path = tmp_path / "out.jsonl"
    assert resume_point(path) == Done()
    rows = [{"id": "a", "summary": "Hà Nội"}, {"id": "b", "summary": "Đà Nẵng"}]
    with RowWriter(path) as writer:
        for row in rows:
            writer.write(row)
    whole = path.read_bytes()
    path.write_bytes(whole + '{"id": "c", "summary": "Hu'.encode())
    assert resume_point(path) == Done(2, rows[1])
    assert path.read_bytes() == whole
    path.write_bytes(whole[:-1])  # even a valid row counts only once its newline is there
    assert resume_point(path) == Done(1, rows[0])
    path.write_bytes(b"not json\n" + whole)
    with pytest.raises(InputError, match=r"out\.jsonl:1"):
        resume_point(path)


def test_gzip_output_resumes_after_a_cut_stream(tmp_path: Path):
    path = tmp_path / "out.jsonl.gz"
    rows = [{"id": str(i), "summary": f"Câu thứ {i}."} for i in range(200)]
    with RowWriter(path) as writer:
        for row in rows:
            writer.write(row)
    path.write_bytes(path.read_bytes()[:-40])  # a killed writer: no trailer, a line cut short
    done = resume_point(path)
    assert 0 < done.rows < 200 and done.last == rows[done.rows - 1]
    report = run_job(lambda d: iter(rows[d.rows :]), path, resume=True)
    assert (report.ok, report.skipped) == (200 - done.rows, done.rows)
    assert rows_of(path) == rows


def test_run_job_fail_fast_and_skip_done(tmp_path: Path):
    rows = [{"id": "1"}, {"id": "2", "error": "hỏng"}, {"id": "3"}]
    report = run_job(lambda done: iter(rows), tmp_path / "o.jsonl", fail_fast=True)
    assert report.stopped == ("2", "hỏng") and (report.ok, report.failed) == (1, 1)
    assert rows_of(tmp_path / "o.jsonl") == rows[:2]
    items = ["x", "y", "z"]
    assert list(skip_done(items, Done(2, {"id": "y"}), str)) == ["z"]
    with pytest.raises(InputError, match="same input"):
        skip_done(items, Done(2, {"id": "z"}), str)
    with pytest.raises(InputError, match="only 3"):
        skip_done(items, Done(4, {"id": "z"}), str)


def test_read_lines_numbers_non_blank_lines(tmp_path: Path):
    path = tmp_path / "in.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"id": 1}\n\n  \n{"id": 2}\n\xff\n')
    items = list(read_lines(path))
    assert items[:2] == [(str(path), 1, '{"id": 1}\n'), (str(path), 4, '{"id": 2}\n')]
    assert isinstance(items[2], InputError) and items[2].line == 5
    with pytest.raises(InputError, match="nope"):
        read_lines(tmp_path / "nope.jsonl")


def test_ordered_map_keeps_input_order_on_a_pool():
    assert list(ordered_map(pow, range(60), 2, workers=2, window=5)) == [i * i for i in range(60)]
    assert list(ordered_map(pow, range(5), 3)) == [0, 1, 8, 27, 64]


def test_engine_checks(monkeypatch):
    from tomtat.options import SummarizeOptions

    options = SummarizeOptions(method="lead")
    with pytest.raises(ConfigError, match="unknown engine"):
        summarize_rows([], options, engine="spark")
    with pytest.raises(ConfigError, match="--engine dask"):
        summarize_rows([], options, scheduler="tcp://127.0.0.1:8786")
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if dask were not installed
    with pytest.raises(ConfigError, match=r"pip install 'tomtat\[dask\]'"):
        summarize_rows([], options, engine="dask")


DEEP = 5000  # deeper than Python's JSON parser can go: it raises RecursionError


def deep_line(row_id: str, key: str = "documents") -> str:
    return f'{{"id": "{row_id}", "{key}": ' + "[" * DEEP + "]" * DEEP + "}"


@pytest.fixture
def deep_input(tmp_path: Path) -> Path:
    """5 good clusters with a line nested 5,000 deep at line 3 and a bad row at line 5."""
    return write_jsonl(
        tmp_path / "deep.jsonl",
        make_clusters(5, seed=4),
        extra_lines={2: deep_line("sâu"), 3: '{"id": "empty", "documents": []}'},
    )


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_line_nested_too_deep_is_one_error_row_and_the_rest_follow(
    deep_input: Path, tmp_path: Path, workers: str
):
    out = tmp_path / "out.jsonl"
    result = tomtat("summarize", "-i", str(deep_input), "-o", str(out), "-j", workers, *CHEAP)
    assert result.returncode == 3, result.stderr  # ROWS_FAILED
    assert "Traceback" not in result.stderr
    rows = rows_of(out)
    assert [r["id"] for r in rows] == ["c000", "c001", "3", "c002", "empty", "c003", "c004"]
    deep = rows[2]
    assert set(deep) == {"id", "error"}
    assert deep["error"] == f"{deep_input}:3: nested too deeply to read (RecursionError)"
    assert all(r["summary"] for r in rows if "error" not in r)
    assert "5 ok, 2 failed, 0 skipped" in result.stderr


@pytest.mark.parametrize("kept", [2, 3])
def test_resume_passes_a_line_nested_too_deep(deep_input: Path, tmp_path: Path, kept: int):
    """Killed just before or just after the deep row: resuming reads past it."""
    out = tmp_path / "out.jsonl"
    assert tomtat("summarize", "-i", str(deep_input), "-o", str(out), "-j", "1", *CHEAP).returncode == 3
    whole = out.read_bytes()
    out.write_bytes(b"".join(whole.splitlines(keepends=True)[:kept]))
    result = tomtat("summarize", "-i", str(deep_input), "-o", str(out), "--resume", "-j", "2", *CHEAP)
    assert result.returncode == 3, result.stderr  # the empty row fails again
    assert f"{kept} skipped" in result.stderr
    assert out.read_bytes() == whole


def test_cluster_input_skips_a_line_nested_too_deep(tmp_path: Path):
    articles = [
        {"id": f"a{i}", "title": f"Bài {i}", "text": " ".join(cluster["documents"][0]["text"] for _ in "ab")}
        for i, cluster in enumerate(make_clusters(3, seed=5))
    ]
    source = write_jsonl(tmp_path / "articles.jsonl", articles, extra_lines={1: deep_line("x", "text")})
    result = tomtat("cluster", "-i", str(source))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert f"skipped {source}:2: nested too deeply to read (RecursionError)" in result.stderr
    grouped = sorted(a for row in map(json.loads, result.stdout.splitlines()) for a in row["articles"])
    assert grouped == ["a0", "a1", "a2"]
    assert re.search(r"^3 articles in \d+ events, 1 line skipped$", result.stderr, re.M)


def test_an_unexpected_exception_in_one_cluster_is_its_row(monkeypatch, tmp_path: Path):
    import importlib

    from tomtat.options import SummarizeOptions

    library = importlib.import_module("tomtat.summarize")  # the module, not the function it exports

    real = library.summarize

    def flaky(documents, options=None, cluster_id="0"):
        if cluster_id == "c001":
            raise KeyError("a bug\nover two lines")
        return real(documents, options=options, cluster_id=cluster_id)

    monkeypatch.setattr(library, "summarize", flaky)
    source = write_jsonl(tmp_path / "in.jsonl", make_clusters(3, seed=7))
    options = SummarizeOptions(method="lead", max_words=60, facts=False, timeline=False)
    rows = list(summarize_rows(read_lines(source), options, workers=1))
    assert [r["id"] for r in rows] == ["c000", "c001", "c002"]
    assert rows[1] == {"id": "c001", "error": "line 2: internal error: KeyError: 'a bug\\nover two lines'"}
    assert "summary" in rows[0] and "summary" in rows[2]


def square_or_die(n: int) -> int:
    """For the pool tests: item 7 kills its own worker, item 11 raises."""
    if n == 7:
        os.kill(os.getpid(), signal.SIGKILL)
    if n == 11:
        raise ValueError(f"bad item {n}")
    return n * n


def test_ordered_map_turns_a_dead_worker_into_that_items_row_only():
    def on_error(item, err):
        return f"{item}: {err}"

    rows = list(ordered_map(square_or_die, range(20), workers=2, window=6, on_error=on_error))
    expected = [n * n for n in range(20)]
    expected[7] = "7: a worker process died on this row (out of memory?)"
    expected[11] = "11: bad item 11"
    assert rows == expected
    with pytest.raises(TomtatError, match="worker process died"):
        list(ordered_map(square_or_die, range(10), workers=2))
