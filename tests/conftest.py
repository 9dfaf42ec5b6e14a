"""Shared fixtures: the bundled demo cluster (examples/demo) and its summary."""

from __future__ import annotations

from pathlib import Path

import pytest

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
