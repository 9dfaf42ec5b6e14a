"""The documentation names only flags and fields that exist.

Every ``--flag`` in README.md, CHANGELOG.md and docs/*.md is a flag of a ``tomtat`` command
(read from its ``--help``) or of a script under scripts/ or benchmarks/ (read from its
argparse calls); a command line ``tomtat CMD ...`` in a code block uses only CMD's own flags,
short ones included. The HTTP fields the docs list are the request models' fields.
"""

from __future__ import annotations

import ast
import re
from functools import lru_cache
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tomtat.cli import app

REPO = Path(__file__).resolve().parents[1]
DOCS = [REPO / "README.md", REPO / "CHANGELOG.md", *sorted((REPO / "docs").glob("*.md"))]
COMMANDS = ("summarize", "cluster", "eval", "serve")
FLAG = re.compile(r"(?<![\w/=.-])(--?[a-zA-Z][\w-]*)")
OTHER_TOOLS = ("pip ", "python3 -m venv", "dask ", "apt-get ")  # flags of other programs


@lru_cache(maxsize=None)
def command_flags(command: str) -> frozenset[str]:
    result = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "200", "TERMINAL_WIDTH": "200"})
    assert result.exit_code == 0, result.output
    options = result.output.split("Options:", 1)[1]
    return frozenset(FLAG.findall(options))


def script_flags() -> frozenset[str]:
    """The flags scripts/ and benchmarks/ declare with ``add_argument``."""
    flags: set[str] = set()
    for path in sorted((REPO / "scripts").glob("*.py")) + sorted((REPO / "benchmarks").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "add_argument":
                flags.update(
                    arg.value for arg in node.args
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and arg.value.startswith("--")
                )
    return frozenset(flags)


def code_lines(text: str) -> list[str]:
    lines, inside = [], False
    for line in text.splitlines():
        if line.lstrip().startswith("```"):
            inside = not inside
        elif inside:
            lines.append(line.strip())
    return lines


def test_every_documented_flag_exists():
    known = set(script_flags())
    for command in COMMANDS:
        known |= command_flags(command)
    unknown = []
    for doc in DOCS:
        for number, line in enumerate(doc.read_text(encoding="utf-8").splitlines(), 1):
            if any(tool in line for tool in OTHER_TOOLS):
                continue
            for flag in FLAG.findall(line):
                if flag.startswith("--") and flag not in known:
                    unknown.append(f"{doc.name}:{number}: {flag}")
    assert unknown == []


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_each_documented_command_line_uses_its_own_flags(doc: Path):
    wrong = []
    for line in code_lines(doc.read_text(encoding="utf-8")):
        found = re.match(r"(?:\.venv/bin/)?tomtat\s+(\w+)(.*)", line)
        if not found:
            continue
        command, rest = found.groups()
        assert command in COMMANDS, f"{doc.name}: no command {command!r}: {line}"
        rest = rest.split("#", 1)[0]  # the comment after a command
        for flag in FLAG.findall(rest):
            if flag not in command_flags(command):
                wrong.append(f"{doc.name}: tomtat {command} has no {flag}: {line}")
    assert wrong == []


def test_the_checks_see_the_flags_they_should():
    # a real flag of each kind is seen, and a made-up one would be refused
    assert {"--no-story", "--resume", "-w"} <= command_flags("summarize")
    assert "--no-story" not in command_flags("cluster")
    assert {"--check", "--search"} <= script_flags()
    assert FLAG.findall("tomtat summarize a.txt -f json --no-story") == ["-f", "--no-story"]


def test_the_documented_http_fields_are_the_request_fields():
    from tomtat.web.app import EventsRequest, SummarizeRequest

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    summarize = re.search(r"`POST /v1/summarize` \(the JSON above; fields\s+(.*?)\),", readme, re.S)
    events = re.search(r"`POST /v1/events` \((.*?)\),", readme, re.S)
    assert summarize and events
    assert set(re.findall(r"`(\w+)`", summarize.group(1))) == set(SummarizeRequest.model_fields)
    assert set(re.findall(r"`(\w+)`", events.group(1))) == set(EventsRequest.model_fields)
