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
    assert 0 < model.blend <= 1 and 0 < model.max_overlap <= 1
    assert LearnedSummarizer().max_overlap == model.max_overlap


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


def test_blend_weighs_the_centroid_score_and_bad_values_are_refused(tmp_path, demo_cluster):
    from importlib import resources

    import numpy as np

    from tomtat.features import feature_columns
    from tomtat.summarizers.centroid import centroid_scores

    data = json.loads(resources.files("tomtat").joinpath("data", "scorer.json").read_text("utf-8"))
    path = tmp_path / "scorer.json"
    columns = feature_columns(demo_cluster)
    path.write_text(json.dumps({**data, "blend": 0.0}), encoding="utf-8")
    only_centroid = load_model(path).predict(columns)
    assert np.array_equal(np.argsort(only_centroid, kind="stable"), np.argsort(centroid_scores(columns), kind="stable"))
    for key, value in (("blend", 1.5), ("max_overlap", 0.0)):
        path.write_text(json.dumps({**data, key: value}), encoding="utf-8")
        with pytest.raises(ConfigError, match=key):
            load_model(path)
