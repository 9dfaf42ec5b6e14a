"""The quality gate: summaries of the AbMuSu validation set must not get worse.

Floors are pinned in tests/quality_floors.json with the data file's sha256. The data lives
outside the repo (``../shared`` beside the checkout, as in CI); without it these tests skip.
"""

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tomtat.evaluation.run import evaluate_file
from tomtat.options import SummarizeOptions

REPO = Path(__file__).resolve().parents[1]
PINNED = json.loads((Path(__file__).parent / "quality_floors.json").read_text(encoding="utf-8"))
DATA = (REPO / PINNED["data"]).resolve()
TRAIN = DATA.with_name("train.jsonl")

pytestmark = pytest.mark.skipif(not DATA.exists(), reason=f"{DATA} not found (shared data absent)")


def _scores(method: str) -> dict[str, float]:
    options = SummarizeOptions(
        max_words=PINNED["max_words"], method=method, facts=False, timeline=False
    )
    result = evaluate_file(DATA, options, workers=2)
    assert result["errors"] == 0 and result["n"] == 100
    return {m: 100 * result[m]["f1"] for m in ("rouge1", "rouge2", "rougeL")}


@pytest.fixture(scope="module")
def scores() -> dict[str, dict[str, float]]:
    digest = hashlib.sha256(DATA.read_bytes()).hexdigest()
    assert digest == PINNED["data_sha256"], f"{DATA} changed: re-measure and re-pin the floors"
    return {method: _scores(method) for method in PINNED["floors"]}


@pytest.mark.parametrize("method", sorted(PINNED["floors"]))
def test_rouge_stays_above_its_pinned_floor(scores, method):
    for metric, floor in PINNED["floors"][method].items():
        assert scores[method][metric] >= floor, f"{method} {metric} {scores[method][metric]:.2f} < {floor}"


def test_learned_model_clearly_beats_the_lead(scores):
    margin = scores["learned"]["rouge2"] - scores["lead"]["rouge2"]
    assert margin >= PINNED["learned_over_lead_rouge2"], f"learned only {margin:.2f} above lead"


@pytest.mark.skipif(not TRAIN.exists(), reason=f"{TRAIN} not found")
def test_training_script_rebuilds_the_shipped_model_exactly():
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "train_scorer.py"), "--check", "--data", str(TRAIN)],
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
