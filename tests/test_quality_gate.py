"""The quality gate: summaries must not get worse, on every source.

Each source in tests/quality_floors.json (AbMuSu validation, ViMs) is pinned with its data
file's sha256 and ROUGE floors; on each, ``learned`` must stay a pinned margin (2 ROUGE-2 points
unless the notes say otherwise) above the better of ``lead`` and ``centroid``. The ViMs figures
are measured with the shipped model, which was trained on ViMs: they guard against regressions,
not for generalisation (the benchmark's ViMs 5-fold CV figure is the one for that). The data
lives outside the repo (``../shared`` beside the checkout, as in CI); without it these tests
skip.
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
SOURCES = PINNED["sources"]
METHODS = ("learned", "centroid", "lead")
TRAINING = [REPO / path for path in PINNED["training_data"]]


def _path(source: str) -> Path:
    return (REPO / SOURCES[source]["data"]).resolve()


def _scores(source: str, method: str) -> dict[str, float]:
    options = SummarizeOptions(max_words=PINNED["max_words"], method=method, facts=False, timeline=False)
    result = evaluate_file(_path(source), options, workers=2)
    assert result["errors"] == 0 and result["n"] == SOURCES[source]["clusters"]
    return {m: 100 * result[m]["f1"] for m in ("rouge1", "rouge2", "rougeL")}


_measured: dict[str, dict[str, dict[str, float]]] = {}


def scores_of(source: str) -> dict[str, dict[str, float]]:
    path = _path(source)
    if not path.exists():
        pytest.skip(f"{path} not found (shared data absent)")
    if source not in _measured:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        assert digest == SOURCES[source]["data_sha256"], f"{path} changed: re-measure and re-pin the floors"
        _measured[source] = {method: _scores(source, method) for method in METHODS}
    return _measured[source]


@pytest.mark.parametrize("source", sorted(SOURCES))
def test_rouge_stays_above_its_pinned_floors(source):
    scores = scores_of(source)
    for method, floors in SOURCES[source]["floors"].items():
        for metric, floor in floors.items():
            value = scores[method][metric]
            assert value >= floor, f"{source}: {method} {metric} {value:.2f} < {floor}"


@pytest.mark.parametrize("source", sorted(SOURCES))
def test_learned_clearly_beats_the_better_of_lead_and_centroid(source):
    scores = scores_of(source)
    best_baseline = max(scores["lead"]["rouge2"], scores["centroid"]["rouge2"])
    margin = scores["learned"]["rouge2"] - best_baseline
    required = SOURCES[source]["learned_over_best_baseline_rouge2"]
    assert margin >= required, f"{source}: learned only {margin:.2f} above max(lead, centroid)"


@pytest.mark.slow
def test_training_script_rebuilds_the_shipped_model_exactly():
    missing = [str(p) for p in TRAINING if not p.exists()]
    if missing:
        pytest.skip(f"{', '.join(missing)} not found")
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "train_scorer.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
