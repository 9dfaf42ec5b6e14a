"""Where the benchmark and training corpora live, and the VNDS held-out split: written once.

The corpora are not shipped: they sit in ``../shared/data`` beside the checkout (as in CI),
``abmusu/{train,validation}.jsonl``, ``vims/train.jsonl`` and ``vnds/val.jsonl.gz``. Scripts,
benchmarks and tests that read them take their paths from here; tests skip, saying so, where
the directory is absent.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]  # src/tomtat/evaluation/corpora.py -> the checkout
SHARED_DATA = REPO.parent / "shared" / "data"
ABMUSU_TRAIN = SHARED_DATA / "abmusu" / "train.jsonl"
ABMUSU_VALIDATION = SHARED_DATA / "abmusu" / "validation.jsonl"
VIMS = SHARED_DATA / "vims" / "train.jsonl"
VNDS = SHARED_DATA / "vnds" / "val.jsonl.gz"

VNDS_HELD_OUT_FROM = 80  # buckets 80-99 (a fifth of VNDS) are never trained on


def vnds_bucket(article_id: str) -> int:
    """0-99 by the sha256 of a VNDS article id: buckets 80-99 are held out from training."""
    return int(hashlib.sha256(article_id.encode()).hexdigest(), 16) % 100


def is_vnds_held_out(article_id: str) -> bool:
    """The fifth of VNDS that the caption model (and every other VNDS-trained table) never saw."""
    return vnds_bucket(article_id) >= VNDS_HELD_OUT_FROM
