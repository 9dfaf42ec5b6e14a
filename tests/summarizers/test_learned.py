"""The learned scorer: its shipped model, and summaries of the demo cluster."""

import json

import pytest

from tomtat import summarize
from tomtat.errors import ConfigError
from tomtat.features import FEATURE_NAMES
from tomtat.options import DEFAULT_METHOD
from tomtat.summarizers import get_summarizer
from tomtat.summarizers.learned import LearnedSummarizer, load_model


def test_shipped_model_loads_and_matches_the_features():
    model = load_model()
    assert model.info["feature_names"] == list(FEATURE_NAMES)
    assert model.coef.shape == (len(FEATURE_NAMES),)
    # trained on both sources, each file's sha256 recorded
    assert set(model.info["training_data"]) == {"abmusu", "vims"}
    assert all(len(t["sha256"]) == 64 for t in model.info["training_data"].values())
    evaluation = model.info["evaluation"]
    for setting, source in (("abmusu_cv", "abmusu"), ("vims_cv", "vims")):
        assert evaluation["learned"][setting] > max(evaluation["baselines"][source].values())
    assert set(model.weights) == {"ridge", "trees", "centroid"} and sum(model.weights.values()) == pytest.approx(1)
    assert model.trees is not None and model.weights["trees"] > 0
    assert 0 < model.max_overlap <= 1 and model.repeat_penalty >= 0
    assert LearnedSummarizer().max_overlap == model.max_overlap
    assert LearnedSummarizer().repeat_penalty == model.repeat_penalty


def test_model_columns_are_taken_by_name_not_position(tmp_path, demo_cluster):
    from importlib import resources

    from tomtat.features import feature_columns

    data = json.loads(resources.files("tomtat").joinpath("data", "scorer.json").read_text("utf-8"))
    order = list(reversed(range(len(data["feature_names"]))))
    shuffled = {k: [data[k][i] for i in order] for k in ("feature_names", "mean", "scale", "coef")}
    path = tmp_path / "scorer.json"
    path.write_text(json.dumps({**data, **shuffled}), encoding="utf-8")
    columns = feature_columns(demo_cluster)
    assert load_model(path).predict(columns) == pytest.approx(load_model().predict(columns))


def test_learned_is_the_default_method():
    assert DEFAULT_METHOD == "learned"
    assert isinstance(get_summarizer("learned"), LearnedSummarizer)


@pytest.fixture(scope="module")
def learned_summary(demo_documents):
    return summarize(demo_documents, max_words=200, method="learned")


def test_demo_summary_is_deterministic_within_budget_and_broad(demo_documents, learned_summary):
    again = summarize(demo_documents, max_words=200, method="learned")
    assert [s.key for s in again.sentences] == [s.key for s in learned_summary.sentences]
    assert 0 < learned_summary.n_words <= 200
    # the demo holds four events; the AbMuSu + ViMs model with its stricter repeat threshold
    # (one fact from several outlets appears once) draws on two of its five articles
    assert len({s.doc_id for s in learned_summary.sentences}) >= 2


def test_every_sentence_is_scored_and_the_best_is_chosen(learned_summary):
    scores = learned_summary.scores
    chosen = {s.key for s in learned_summary.sentences}
    assert set(scores) == {s.key for s in learned_summary.cluster.sentences}
    best = max(scores, key=scores.get)
    assert best in chosen


def test_a_model_with_other_feature_names_is_refused(tmp_path, demo_documents):
    from importlib import resources

    data = json.loads(resources.files("tomtat").joinpath("data", "scorer.json").read_text("utf-8"))
    data["feature_names"][0] = "not_a_feature"  # a name this tomtat does not compute
    path = tmp_path / "scorer.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ConfigError, match="not_a_feature"):
        load_model(path)
    with pytest.raises(ConfigError, match=str(path)):
        LearnedSummarizer(model_path=path).score(summarize(demo_documents[:1], method="lead").cluster)


def test_a_broken_model_file_is_a_config_error(tmp_path):
    path = tmp_path / "scorer.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ConfigError, match="malformed"):
        load_model(path)
    path.write_text(json.dumps({"feature_names": list(FEATURE_NAMES)}), encoding="utf-8")
    with pytest.raises(ConfigError, match="not a tomtat scorer model"):
        load_model(path)


def test_weights_choose_the_parts_and_bad_values_are_refused(tmp_path, demo_cluster):
    from importlib import resources

    import numpy as np

    from tomtat.features import feature_columns
    from tomtat.summarizers.centroid import centroid_scores

    data = json.loads(resources.files("tomtat").joinpath("data", "scorer.json").read_text("utf-8"))
    path = tmp_path / "scorer.json"
    columns = feature_columns(demo_cluster)
    path.write_text(json.dumps({**data, "weights": {"ridge": 0, "trees": 0, "centroid": 1}}), encoding="utf-8")
    only_centroid = load_model(path).predict(columns)
    assert np.array_equal(np.argsort(only_centroid, kind="stable"), np.argsort(centroid_scores(columns), kind="stable"))
    path.write_text(json.dumps({**data, "weights": {"ridge": 0, "trees": 1, "centroid": 0}}), encoding="utf-8")
    trees = load_model(path)
    only_trees = trees.trees.predict(np.column_stack([columns[n] for n in trees.trees.names]))
    assert np.array_equal(np.argsort(trees.predict(columns), kind="stable"), np.argsort(only_trees, kind="stable"))
    # a model file from before the trees (one blend weight) still reads
    older = {k: v for k, v in data.items() if k not in ("weights", "trees", "repeat_penalty")}
    path.write_text(json.dumps({**older, "blend": 0.0}), encoding="utf-8")
    assert load_model(path).weights == {"ridge": 0.0, "trees": 0.0, "centroid": 1.0}
    assert load_model(path).repeat_penalty == 0.0
    for key, value, source in (
        ("blend", 1.5, older),
        ("weights", {"ridge": 0.7, "trees": 0.7, "centroid": 0}, data),
        ("weights", {"ridge": 0.5, "bagging": 0.5}, data),
        ("max_overlap", 0.0, data),
        ("repeat_penalty", -1.0, data),
    ):
        path.write_text(json.dumps({**source, key: value}), encoding="utf-8")
        with pytest.raises(ConfigError, match=key if key != "weights" else "weights|parts"):
            load_model(path)


def test_shipped_trees_score_as_the_fitted_estimator_does(demo_cluster):
    """The trainer's export (plain numbers) read back by TreeEnsemble gives the estimator's own
    predictions, bit for bit, on real features of another cluster than the one it was fitted on."""
    import importlib.util
    import sys
    from pathlib import Path

    import numpy as np
    from sklearn.ensemble import HistGradientBoostingRegressor

    from tomtat.features import feature_columns, stack
    from tomtat.summarizers.learned import TreeEnsemble

    script = Path(__file__).resolve().parents[2] / "scripts" / "train_scorer.py"
    spec = importlib.util.spec_from_file_location("train_scorer", script)
    trainer = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = trainer  # its dataclass looks its module up
    try:
        spec.loader.exec_module(trainer)
    finally:
        sys.modules.pop(spec.name, None)
    sentences = demo_cluster.sentences
    first = [d.id for d in demo_cluster.documents[:3]]
    fit_rows = [k for k, s in enumerate(sentences) if s.doc_id in first]
    other_rows = [k for k, s in enumerate(sentences) if s.doc_id not in first]
    X = stack(feature_columns(demo_cluster), trainer.TREE_FEATURES)
    y = X[:, trainer.TREE_FEATURES.index("centroid_similarity")] + 0.1 * X[:, trainer.TREE_FEATURES.index("is_lead")]
    estimator = HistGradientBoostingRegressor(max_iter=30, max_leaf_nodes=7, min_samples_leaf=3, random_state=0)
    estimator.fit(X[fit_rows], y[fit_rows])
    ensemble = TreeEnsemble(json.loads(json.dumps(trainer.tree_payload(estimator))), "test")
    assert ensemble.depth >= 2
    assert np.array_equal(ensemble.predict(X[other_rows]), estimator.predict(X[other_rows]))
    assert np.array_equal(ensemble.predict(X[fit_rows]), estimator.predict(X[fit_rows]))


def test_a_broken_tree_is_a_config_error(tmp_path):
    from importlib import resources

    data = json.loads(resources.files("tomtat").joinpath("data", "scorer.json").read_text("utf-8"))
    path = tmp_path / "scorer.json"
    tree = data["trees"]["trees"][0]
    inner = next(i for i, f in enumerate(tree["feature"]) if f >= 0)
    tree["left"][inner] = len(tree["feature"]) + 5  # a child outside the tree
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ConfigError, match="outside its tree"):
        load_model(path)
    data["weights"] = {"ridge": 0.5, "trees": 0.5, "centroid": 0.0}
    del data["trees"]
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ConfigError, match="without trees"):
        load_model(path)
