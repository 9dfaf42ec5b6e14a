"""Shared fixtures: the bundled demo cluster (examples/demo) and its summary."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# The CLI speaks the user's locale (tomtat.i18n): the tests read its English messages, so they
# run under an English locale whatever the machine's; a test of Vietnamese sets its own.
os.environ["LC_ALL"] = "C.UTF-8"

REPO = Path(__file__).resolve().parents[1]
DEMO_DIR = REPO / "examples" / "demo"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def demo_dir() -> Path:
    return DEMO_DIR


@pytest.fixture(scope="session")
def demo_documents():
    from tomtat.ingest import load_documents

    return load_documents([DEMO_DIR])


@pytest.fixture(scope="session")
def demo_cluster(demo_documents):
    from tomtat.pipeline import build_cluster

    return build_cluster(demo_documents)


@pytest.fixture(scope="session")
def demo_summary(demo_documents):
    from tomtat import summarize

    return summarize(demo_documents, max_words=200)
